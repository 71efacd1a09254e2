"""End to end: the real application, long polling a fake Bot API server over HTTP.

Each test starts the application as ``run_polling`` does (initialize, post_init, start_polling,
start) against ``FakeBotApi`` on 127.0.0.1, pushes updates to the fake server and waits for the
bot's calls; the fixture always stops and shuts the application down, and fails the test if the
application logged an error it was not expecting.
"""

from __future__ import annotations

import contextlib
import itertools
import logging
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field, replace
from typing import Any

import pytest
from telegram import Update

from bot.app import BotApplication, build_application
from bot.settings import Settings
from handlers import sending
from knowledge import Engine
from knowledge.commands import answer_command
from tests.doubles.bot_api import Call, FakeBotApi, running
from tests.doubles.objects import BOT_USERNAME, group_chat, inline_buttons, private_chat, user

PRODI = "When did Prodi visit Kazakhstan?"
GROUP = group_chat(-1001234567890)
# How long a test waits for the bot; generous, as a loaded CI machine can be slow.
WAIT = 5.0
# How long "the bot stays silent" is watched, after a later message proved the update was handled.
QUIET = 0.3


def to_chat(chat_id: int) -> Callable[[Call], bool]:
    return lambda call: call.params.get("chat_id") == chat_id


def replying_to(message: dict[str, Any]) -> Callable[[Call], bool]:
    """A call that quotes ``message`` (as the bot's replies in groups do)."""

    def check(call: Call) -> bool:
        target = call.params.get("reply_parameters") or {}
        same_chat: bool = call.params.get("chat_id") == message["chat"]["id"]
        return same_chat and target.get("message_id") == message["message_id"]

    return check


def plain(call: Call) -> str:
    """The text of a sent message as the user reads it (the fake parses the HTML)."""
    assert call.ok, call.error
    text = call.result["text"]
    assert isinstance(text, str)
    return text


@dataclass
class Harness:
    """The running bot, the fake server, and helpers to talk to the bot like users do."""

    app: BotApplication
    fake: FakeBotApi
    engine: Engine
    errors_expected: bool = False
    _ids: itertools.count[int] = field(default_factory=lambda: itertools.count(5001))

    def new_user(self, name: str = "Ann") -> dict[str, Any]:
        """A user not seen before (so the flood guard of one test never affects another)."""
        return user(next(self._ids), name)

    async def say(
        self,
        text: str,
        *,
        sender: dict[str, Any] | None = None,
        chat: dict[str, Any] | None = None,
        reply_to: dict[str, Any] | None = None,
        entities: list[dict[str, Any]] | None = None,
    ) -> tuple[dict[str, Any], Call]:
        """Send a text message and wait for the bot's next message in that chat.

        Returns:
            The pushed message and the bot's sendMessage call.
        """
        sender = sender if sender is not None else self.new_user()
        chat = chat if chat is not None else private_chat(sender)
        where = to_chat(chat["id"])
        before = len([c for c in self.fake.calls("sendMessage") if where(c)])
        message = self.fake.push_message(text, user=sender, chat=chat, reply_to=reply_to, entities=entities)
        calls = await self.fake.wait_for("sendMessage", count=before + 1, timeout=WAIT, where=where)
        return message, calls[before]

    async def whole_reply(self, chat_id: int, first: Call, expected: str) -> list[Call]:
        """The messages of a reply split in several (``first`` and the ones after it in the chat).

        Waits until their texts, joined, are ``expected`` up to whitespace at the splits.
        """
        words = expected.split()

        def parts() -> list[Call]:
            sent = [c for c in self.fake.calls("sendMessage") if to_chat(chat_id)(c)]
            return sent[sent.index(first) :]

        def complete() -> bool:
            texts = [c.result["text"] for c in parts() if c.ok]
            return " ".join(texts).split() == words or len(" ".join(texts).split()) > len(words)

        await self.fake.wait_until(complete, WAIT, f"the whole reply of {len(expected)} characters")
        return parts()

    async def press(self, data: str, *, sender: dict[str, Any], message: dict[str, Any]) -> list[Call]:
        """Press the inline button ``data`` under ``message`` and check the press is answered.

        Returns:
            The bot's first two messages: the one with the keyboard, then the reply to the press.
        """
        self.fake.push_callback_query(data, user=sender, message=message)
        (answered,) = await self.fake.wait_for("answerCallbackQuery", timeout=WAIT)
        assert answered.ok, answered.error
        return await self.fake.wait_for("sendMessage", count=2, timeout=WAIT)

    async def ask(self, text: str, **kwargs: Any) -> Call:
        """Send a text message; the bot's reply to it."""
        _, reply = await self.say(text, **kwargs)
        return reply

    async def ignored(
        self, text: str, *, chat: dict[str, Any], sender: dict[str, Any], **kwargs: Any
    ) -> None:
        """Check that the bot does not answer a group message.

        A command for the bot follows it in the same chat: the bot handles updates in order, so
        once that command is answered the message before it has been handled, silently.
        """
        ignored = self.fake.push_message(text, user=sender, chat=chat, **kwargs)
        sentinel = self.fake.push_message(f"/about@{BOT_USERNAME}", user=sender, chat=chat)
        await self.fake.wait_for("sendMessage", timeout=WAIT, where=replying_to(sentinel))
        await self.fake.assert_no_call("sendMessage", within=QUIET, where=replying_to(ignored))
        to_this_chat = [c for c in self.fake.calls("sendMessage") if to_chat(chat["id"])(c)]
        assert [c for c in to_this_chat if not replying_to(sentinel)(c)] == [], (
            "a reply to the ignored message"
        )


@contextlib.asynccontextmanager
async def serving(
    fake: FakeBotApi, engine: Engine, settings: Settings, caplog: pytest.LogCaptureFixture
) -> AsyncIterator[Harness]:
    """The real application, long polling the fake server; always stopped and shut down.

    On the way out it checks that the application logged no error (unless the test said it
    expects some) and that every update was fetched once: the offsets advanced, nothing was
    processed twice.
    """
    app = build_application(settings, engine)
    assert app.updater is not None
    updater = app.updater

    async def start_polling() -> None:
        await updater.start_polling(poll_interval=0, timeout=1, allowed_updates=Update.ALL_TYPES)

    bot = Harness(app, fake, engine)
    with caplog.at_level(logging.WARNING):
        async with running(app, start_polling):
            yield bot
        errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    if not bot.errors_expected:
        assert errors == [], "the application logged errors:\n" + "\n".join(r.getMessage() for r in errors)
    assert all(count == 1 for count in fake.delivered.values()), fake.delivered


@pytest.fixture
async def harness(
    fake: FakeBotApi, engine: Engine, fake_settings: Callable[..., Settings], caplog: pytest.LogCaptureFixture
) -> AsyncIterator[Harness]:
    async with serving(fake, engine, fake_settings(), caplog) as bot:
        yield bot


# -- private chats ------------------------------------------------------------------------


async def test_startup_calls(harness: Harness) -> None:
    fake = harness.fake
    await fake.wait_until(lambda: bool(fake.calls("getUpdates")), WAIT, "the first getUpdates")
    methods = fake.methods()
    assert methods[0] == "getMe"
    assert methods.index("deleteWebhook") < methods.index("getUpdates")
    polls = fake.calls("getUpdates")
    assert polls[0].params["timeout"] == 1
    assert set(polls[0].params["allowed_updates"]) == set(Update.ALL_TYPES)
    assert harness.app.bot.username == BOT_USERNAME


async def test_post_init_sets_the_command_menus_for_two_scopes(harness: Harness) -> None:
    calls = await harness.fake.wait_for("setMyCommands", count=2, timeout=WAIT)
    assert all(c.ok for c in calls), [c.error for c in calls]
    by_scope = {c.params["scope"]["type"]: [cmd["command"] for cmd in c.params["commands"]] for c in calls}
    assert set(by_scope) == {"all_private_chats", "all_group_chats"}
    topics = [t.id for t in harness.engine.topics]
    for scope in by_scope.values():
        assert {"start", "help", "topics", "about", *topics} <= set(scope)
    assert "ask" in by_scope["all_group_chats"]


async def test_private_question_is_answered_in_html_without_link_preview(harness: Harness) -> None:
    sender = harness.new_user()
    reply = await harness.ask(PRODI, sender=sender)
    assert reply.params["chat_id"] == sender["id"]
    assert reply.params["parse_mode"] == "HTML"
    assert reply.params["link_preview_options"] == {"is_disabled": True}
    text = plain(reply)
    assert "1998" in text and "2007" in text
    assert text == harness.engine.ask(PRODI).text
    await harness.fake.assert_no_call("sendMessage", within=QUIET, where=to_chat(sender["id"]))
    assert len(harness.fake.calls("sendMessage")) == 1


async def test_an_edited_question_is_answered_again(harness: Harness) -> None:
    sender = harness.new_user()
    question = harness.fake.push_message("trade turnover in 2013?", user=sender)
    await harness.fake.wait_for("sendMessage", timeout=WAIT)
    harness.fake.push_update(
        {"edited_message": {**question, "text": PRODI, "edit_date": question["date"] + 1}}
    )
    calls = await harness.fake.wait_for("sendMessage", count=2, timeout=WAIT)
    assert "1998" in plain(calls[1])


def expected_commands(engine: Engine) -> list[tuple[str, str]]:
    """Every command with its argument: the general ones, each topic, and filtered topics."""
    general = [("start", ""), ("start", "trade"), ("help", ""), ("topics", ""), ("about", "")]
    topics = [(topic.id, "") for topic in engine.topics]
    return [*general, *topics, ("visits", "2009"), ("trade", "2013")]


async def test_every_command_is_answered_with_the_engines_reply(harness: Harness) -> None:
    commands = expected_commands(harness.engine)
    assert len(commands) >= 5 + 8 + 2
    texts: dict[str, str] = {}
    for name, argument in commands:
        line = f"/{name} {argument}".strip()
        sender = harness.new_user()
        first = await harness.ask(line, sender=sender)
        expected = answer_command(harness.engine, name, argument)
        assert expected is not None, line
        parts = await harness.whole_reply(sender["id"], first, expected.text)
        assert all(c.params["parse_mode"] == "HTML" for c in parts), line
        texts[line] = "\n".join(plain(c) for c in parts)
        assert texts[line].split() == expected.text.split(), line
        # One message when it surely fits (escaping makes the HTML longer than the text).
        if len(expected.text) <= 3000:
            assert len(parts) == 1 and texts[line] == expected.text, line
        else:  # split between paragraphs or lines, never inside a word
            assert all(plain(c) == plain(c).strip() for c in parts), line
            assert all(c.params.get("reply_markup") is None for c in parts[:-1]), line
    assert "2009" in texts["/visits 2009"]
    assert "2013" in texts["/trade 2013"]
    assert texts["/start trade"] == texts["/trade"]


async def test_an_unknown_command_gets_the_help(harness: Harness) -> None:
    reply = await harness.ask("/nonsense")
    help_answer = answer_command(harness.engine, "help")
    assert help_answer is not None
    assert "/nonsense" in plain(reply)
    assert help_answer.text in plain(reply)


async def test_did_you_mean_keyboard_and_pick(harness: Harness) -> None:
    sender = harness.new_user()
    suggested = harness.engine.ask("agreement")
    assert suggested.suggestions, (
        "the engine no longer asks back on 'agreement': choose another vague question"
    )
    reply = await harness.ask("agreement", sender=sender)
    buttons = inline_buttons(reply.result)
    data = [b["callback_data"] for b in buttons]
    assert data == [f"pick:{s.entry_id}" for s in suggested.suggestions] + ["none"]

    chosen = suggested.suggestions[-1]
    calls = await harness.press(f"pick:{chosen.entry_id}", sender=sender, message=reply.result)
    assert calls[1].params["chat_id"] == sender["id"]
    assert plain(calls[1]) == harness.engine.answer_entry(chosen.entry_id).text


async def test_none_of_these_is_acknowledged(harness: Harness) -> None:
    sender = harness.new_user()
    reply = await harness.ask("agreement", sender=sender)
    calls = await harness.press("none", sender=sender, message=reply.result)
    assert plain(calls[1]) == harness.engine.texts.get("choice_none_reply", "en")


async def test_a_pick_on_an_old_inaccessible_message_still_answers(harness: Harness) -> None:
    sender = harness.new_user()
    suggested = harness.engine.ask("agreement").suggestions[0]
    reply = await harness.ask("agreement", sender=sender)
    # Telegram sends a message older than 48 hours as inaccessible: only its chat, id and date 0.
    old = {"chat": reply.result["chat"], "message_id": reply.result["message_id"], "date": 0}
    calls = await harness.press(f"pick:{suggested.entry_id}", sender=sender, message=old)
    assert plain(calls[1]) == harness.engine.answer_entry(suggested.entry_id).text


async def test_a_pick_in_a_group_quotes_the_keyboard(harness: Harness) -> None:
    sender = harness.new_user()
    mention = {"type": "mention", "offset": 0, "length": len(BOT_USERNAME) + 1}
    _, reply = await harness.say(f"@{BOT_USERNAME} agreement", chat=GROUP, sender=sender, entities=[mention])
    data = [b["callback_data"] for b in inline_buttons(reply.result)]
    assert data[-1] == "none" and len(data) >= 2
    harness.fake.push_callback_query(data[0], user=sender, message=reply.result)
    calls = await harness.fake.wait_for("sendMessage", count=2, timeout=WAIT, where=to_chat(GROUP["id"]))
    assert replying_to(reply.result)(calls[1])
    entry_id = data[0].removeprefix("pick:")
    assert plain(calls[1]) == harness.engine.answer_entry(entry_id).text


async def test_a_tampered_callback_is_answered_not_crashed(harness: Harness) -> None:
    sender = harness.new_user()
    reply = await harness.ask("agreement", sender=sender)
    calls = await harness.press("pick:no-such-entry", sender=sender, message=reply.result)
    assert harness.engine.answer_entry("no-such-entry").text in plain(calls[1])  # "no longer available"
    assert "1998" in plain(await harness.ask(PRODI, sender=sender))  # still serving


async def test_inline_query_gets_valid_results(harness: Harness) -> None:
    sender = harness.new_user()
    harness.fake.push_inline_query("when did prodi visit", user=sender)
    (answer,) = await harness.fake.wait_for("answerInlineQuery", timeout=WAIT)
    assert answer.ok, answer.error  # the fake checks: at most 50 results, ids of at most 64 bytes
    results = answer.params["results"]
    assert 1 <= len(results) <= 50
    assert all(len(r["id"].encode()) <= 64 for r in results)
    assert "1998" in str(results[0])


async def test_empty_inline_query_is_answered(harness: Harness) -> None:
    harness.fake.push_inline_query("", user=harness.new_user())
    (answer,) = await harness.fake.wait_for("answerInlineQuery", timeout=WAIT)
    assert answer.ok, answer.error
    titles = [r["title"] for r in answer.params["results"]]
    assert titles == [t.title.get("en") for t in harness.engine.topics]  # one article per topic


async def test_a_sticker_gets_a_hint(harness: Harness) -> None:
    sender = harness.new_user()
    sticker = {
        "file_id": "CAACAgIAAxkBAAE",
        "file_unique_id": "AgADAQAD",
        "type": "regular",
        "width": 512,
        "height": 512,
        "is_animated": False,
        "is_video": False,
        "emoji": "🇮🇹",
    }
    harness.fake.push_update({"message": {"chat": private_chat(sender), "from": sender, "sticker": sticker}})
    (reply,) = await harness.fake.wait_for("sendMessage", timeout=WAIT, where=to_chat(sender["id"]))
    assert plain(reply) == harness.engine.texts.get("non_text_hint", "en")


# -- groups -------------------------------------------------------------------------------


async def test_group_plain_message_is_ignored(harness: Harness) -> None:
    await harness.ignored(PRODI, chat=GROUP, sender=harness.new_user())


async def test_group_command_for_another_bot_is_ignored(harness: Harness) -> None:
    await harness.ignored("/trade@OtherBot", chat=GROUP, sender=harness.new_user())


async def test_group_command_for_this_bot_is_answered(harness: Harness) -> None:
    message, reply = await harness.say(f"/trade@{BOT_USERNAME}", chat=GROUP)
    assert replying_to(message)(reply)
    expected = answer_command(harness.engine, "trade")
    assert expected is not None and plain(reply) == expected.text


async def test_group_ask_is_answered(harness: Harness) -> None:
    message, reply = await harness.say(f"/ask@{BOT_USERNAME} {PRODI}", chat=GROUP)
    assert replying_to(message)(reply)
    assert "1998" in plain(reply)


async def test_group_mention_is_answered(harness: Harness) -> None:
    text = f"@{BOT_USERNAME} when did prodi visit?"
    mention = {"type": "mention", "offset": 0, "length": len(BOT_USERNAME) + 1}
    message, reply = await harness.say(text, chat=GROUP, entities=[mention])
    assert replying_to(message)(reply)
    assert "1998" in plain(reply) and "2007" in plain(reply)


async def test_group_reply_to_the_bot_is_answered(harness: Harness) -> None:
    _, first = await harness.say(f"/about@{BOT_USERNAME}", chat=GROUP)
    bot_message = first.result
    message, reply = await harness.say("when did prodi visit?", chat=GROUP, reply_to=bot_message)
    assert replying_to(message)(reply)
    assert "1998" in plain(reply)


async def test_group_reply_to_someone_else_is_ignored(harness: Harness) -> None:
    other = harness.fake.push_message("hello", user=harness.new_user("Bob"), chat=GROUP)
    await harness.ignored(PRODI, chat=GROUP, sender=harness.new_user(), reply_to=other)


# -- failures -----------------------------------------------------------------------------


async def test_the_bot_survives_a_server_error_on_send_message(
    harness: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    harness.errors_expected = True
    fake = harness.fake
    first, second = harness.new_user("Ann"), harness.new_user("Bob")
    # A 5xx is retried (handlers.sending): fail every try, so the answer is lost for good.
    monkeypatch.setattr(sending, "RETRY", replace(sending.RETRY, backoff=0.01))
    tries = sending.RETRY.attempts
    fake.fail_next("sendMessage", 500, count=tries)
    pushed = [fake.push_message(PRODI, user=first)]
    failed = (await fake.wait_for("sendMessage", timeout=WAIT))[0]
    assert failed.status == 500 and failed.params["chat_id"] == first["id"]

    apology = harness.engine.texts.get("error_apology", "en")
    to_first = to_chat(first["id"])
    (sorry,) = await fake.wait_for("sendMessage", timeout=WAIT, where=lambda c: c.ok and to_first(c))
    assert plain(sorry) == apology  # the error handler apologises, with no detail

    pushed.append(fake.push_message("trade turnover in 2013?", user=second))
    (reply,) = await fake.wait_for("sendMessage", timeout=WAIT, where=to_chat(second["id"]))
    assert "2013" in plain(reply)
    assert harness.app.running and harness.app.updater is not None and harness.app.updater.running

    # getUpdates confirmed both updates (its offset went past them) and nothing came twice:
    # the first question's answer is never sent after all, each chat got its one reply.
    last_id = max(fake.delivered)
    await fake.wait_until(
        lambda: any((c.params.get("offset") or 0) > last_id for c in fake.calls("getUpdates")),
        WAIT,
        f"a getUpdates with an offset past {last_id}",
    )
    offsets = [c.params.get("offset") or 0 for c in fake.calls("getUpdates")]
    assert offsets == sorted(offsets)
    await fake.assert_no_call("sendMessage", within=QUIET)
    assert [c.status for c in fake.calls("sendMessage") if to_first(c)] == [500] * tries + [200]  # apology
    assert [c.status for c in fake.calls("sendMessage") if to_chat(second["id"])(c)] == [200]
    assert len(pushed) == len(fake.delivered) == 2


async def test_a_flood_limit_answer_is_retried_not_lost(harness: Harness) -> None:
    fake = harness.fake
    fake.fail_next("sendMessage", 429, retry_after=1)
    fake.push_message(PRODI, user=harness.new_user())
    limited, answered = await fake.wait_for("sendMessage", count=2, timeout=WAIT + 2)
    assert limited.status == 429
    assert answered.ok and "1998" in plain(answered) and "2007" in plain(answered)
    await fake.assert_no_call("sendMessage", within=QUIET)  # no apology, no second copy


async def test_many_questions_are_each_answered_once(harness: Harness) -> None:
    senders = [harness.new_user(f"U{n}") for n in range(6)]
    for sender in senders:
        harness.fake.push_message(PRODI, user=sender)
    calls = await harness.fake.wait_for("sendMessage", count=len(senders), timeout=WAIT)
    await harness.fake.assert_no_call("sendMessage", within=QUIET)
    assert sorted(c.params["chat_id"] for c in calls) == sorted(s["id"] for s in senders)
    assert all("1998" in plain(c) for c in calls)


async def test_the_flood_guard_warns_once_then_drops(
    fake: FakeBotApi, engine: Engine, fake_settings: Callable[..., Settings], caplog: pytest.LogCaptureFixture
) -> None:
    settings = fake_settings(flood_limit=3, flood_window=60)
    async with serving(fake, engine, settings, caplog) as harness:
        flooder, other = harness.new_user("Flo"), harness.new_user("Ann")
        for _ in range(5):
            fake.push_message(PRODI, user=flooder)
        assert "1998" in plain(await harness.ask(PRODI, sender=other))  # others are still served
        await fake.wait_for("sendMessage", 4, where=to_chat(flooder["id"]))  # chats run concurrently
        await fake.assert_no_call("sendMessage", within=QUIET, where=to_chat(flooder["id"]))
        texts = [plain(c) for c in fake.calls("sendMessage") if to_chat(flooder["id"])(c)]
        assert len(texts) == 4, texts  # three answers, one warning, the fifth dropped
        assert all("1998" in text for text in texts[:3])
        warnings = {engine.texts.get("flood_warning", "en", seconds=s) for s in range(50, 61)}
        assert texts[3] in warnings


async def test_an_answer_s_source_button_quotes_the_fact_sheet(harness: Harness) -> None:
    sender = harness.new_user()
    reply = await harness.ask("When did Prodi visit Kazakhstan?", sender=sender)
    button, up, down = inline_buttons(reply.result)  # Source, then 👍 and 👎 (the question log)
    assert button["callback_data"] == "src:prodi-visits"
    assert (up["text"], down["text"]) == ("👍", "👎") and up["callback_data"].startswith("fb:+:")
    calls = await harness.press(button["callback_data"], sender=sender, message=reply.result)
    source = harness.engine.source("prodi-visits")
    assert source is not None
    assert calls[1].params["parse_mode"] == "HTML" and "<blockquote>" in calls[1].params["text"]
    assert plain(calls[1]) == "\n".join([source.heading, *source.passages])
