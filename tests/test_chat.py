"""The terminal chat's session: numbered choices, unknown commands and the chat's /help."""

from __future__ import annotations

import io
from typing import cast

import pytest

from bot import chat
from knowledge import Engine
from tests.doubles.engine import TEXTS, THREE, FakeEngine


def session(*, unknown_text: bool = True) -> chat.Session:
    return chat.Session(cast(Engine, FakeEngine(unknown_text=unknown_text)))


def replies(*lines: str) -> list[str]:
    talk = session()
    return [talk.reply(line).text for line in lines]


QUIT_HELP = TEXTS["chat_quit_help"]
HINT_3 = "Please choose a number from 1 to 3, or ask a new question."


# ---- numbered choices ----


@pytest.mark.parametrize("number", ["7", "0", "4", " 12 ", "007"])
def test_a_number_outside_the_choices_asks_for_one_and_keeps_them(number: str) -> None:
    talk = session()
    talk.reply("embassy")
    reminder = talk.reply(number)
    assert reminder.text == "Please choose a number from 1 to 3, or ask a new question."
    assert reminder.suggestions == ()  # nothing new to number: the choices shown stay valid
    assert talk.pending == THREE
    assert talk.reply("3").text == "entry e3"


def test_the_reminder_can_repeat() -> None:
    assert replies("embassy", "9", "0", "2") == [
        "Did you mean:",
        HINT_3,
        HINT_3,
        "entry e2",
    ]


def test_a_single_choice_is_not_a_range() -> None:
    assert replies("consulate", "2") == [
        "Did you mean:",
        "Please type 1 to choose the suggestion, or ask a new question.",
    ]


@pytest.mark.parametrize("line", ["hello", "/trade", "2 please", "-1", "1.5"])
def test_anything_but_a_number_drops_the_choices(line: str) -> None:
    talk = session()
    talk.reply("embassy")
    talk.reply(line)
    assert talk.pending == ()
    assert talk.reply("2").text == "no: 2"  # no choices pending: a number is a question


def test_a_picked_choice_ends_the_choosing() -> None:
    assert replies("embassy", "1", "1") == ["Did you mean:", "entry e1", "no: 1"]


# ---- commands ----


def test_help_in_the_chat_lists_quit() -> None:
    assert replies("/help") == [f"help()\n{QUIT_HELP}"]


def test_respond_alone_gives_the_engine_help() -> None:
    engine = cast(Engine, FakeEngine())
    assert chat.respond(engine, "/help").text == "help()"
    assert chat.respond(engine, "/trade 2013").text == "trade(2013)"


def test_unknown_command_is_named_before_the_help() -> None:
    engine = cast(Engine, FakeEngine())
    assert chat.respond(engine, "/Foo@KzItBot bar").text == "Unknown command /foo.\n\nhelp()"
    assert replies("/foo") == [f"Unknown command /foo.\n\nhelp()\n{QUIT_HELP}"]


def test_a_bare_slash_gets_the_help() -> None:
    assert replies("/") == [f"help()\n{QUIT_HELP}"]


def test_unknown_command_without_the_text_gets_the_help_alone() -> None:
    assert chat.respond(cast(Engine, FakeEngine(unknown_text=False)), "/foo").text == "help()"


# ---- language ----


def test_a_line_too_short_to_tell_keeps_the_last_language() -> None:
    talk = session()
    assert talk.reply("ru: когда").lang == "ru"
    assert talk.reply("2013").lang == "ru"  # a number shows no language: the last one's
    assert talk.reply("/help").lang == "ru"
    assert talk.reply("when").lang == "en"


def test_the_terminal_texts_follow_the_language() -> None:
    talk = session()
    talk.reply("ru: embassy")  # declined, in Russian
    talk.reply("embassy")
    assert talk.reply("9").text == HINT_3  # the clarification was in English
    talk = chat.Session(cast(Engine, FakeEngine()), lang="ru")
    talk.reply("embassy")
    assert talk.reply("9").text == f"[ru] {HINT_3}"


def test_a_forced_language_wins() -> None:
    talk = chat.Session(cast(Engine, FakeEngine()), lang="ru")
    assert talk.reply("when").lang == "ru"


# ---- /language (with the real engine) ----


def test_language_without_a_code_lists_the_codes(engine: Engine) -> None:
    answer = chat.Session(engine).reply("/language")
    assert answer.text.startswith(engine.texts.get("language_prompt", "en"))
    assert all(f"{code} ({pack.name})" in answer.text for code, pack in engine.corpus.languages.items())


def test_a_chosen_language_answers_lines_that_do_not_show_theirs(engine: Engine) -> None:
    talk = chat.Session(engine)
    assert talk.reply("/language kk").text == engine.texts.get("language_set", "kk")
    assert talk.reply("Prodi?").lang == "kk"
    assert talk.reply("When did Prodi visit Kazakhstan?").lang == "en"  # the text shows its own
    assert talk.reply("/language it").lang == "it"
    assert talk.reply("/language xx").lang == "it"  # an unknown code: the prompt again
    assert talk.reply("/help").lang == "it"


def test_source_quotes_the_last_reply_that_cites_the_sheet(engine: Engine) -> None:
    talk = chat.Session(engine)
    assert talk.reply("/source").text == engine.texts.get("source_none", "en")
    partial = talk.reply("How much did ENI pay?")  # declined, saying what the sheet does say
    assert partial.source
    talk.reply("/help")  # cites nothing: /source still means the reply before
    quoted = talk.reply("/source").text
    assert all(f"> {passage}" in quoted for passage in partial.source)


# ---- piped ----


def test_piped_chat_keeps_the_choices_after_a_wrong_number() -> None:
    out = io.StringIO()
    chat.converse(session(), ["embassy", "5", "", "2", "/quit", "embassy"], out)
    expected = [
        "Did you mean:\n  1. When was it opened?\n  2. Where is it?\n  3. Who heads it?",
        HINT_3,
        "entry e2",
    ]
    assert out.getvalue() == "".join(reply + "\n\n" for reply in expected)


@pytest.mark.parametrize("line", ["/privacy", "/forget"])
def test_privacy_in_the_terminal_says_nothing_is_kept_here(engine: Engine, line: str) -> None:
    session = chat.Session(engine)
    session.reply("Когда Проди посетил Казахстан?")
    answer = session.reply(line)
    assert answer.text == engine.texts.get("chat_privacy", "ru")
    assert "Telegram" in answer.text and "/privacy" in answer.text
