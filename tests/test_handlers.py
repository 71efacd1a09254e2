"""The Telegram handlers, end to end through python-telegram-bot with a recording fake Bot API.

Each test builds an application on ``RecordingRequest`` (no network), registers the
handlers, feeds updates to ``process_update`` and checks the Bot API calls they cause.
"""

from __future__ import annotations

import copy
import html
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from telegram import MessageEntity, Update
from telegram.ext import ApplicationBuilder

import handlers
from handlers.callbacks import choice_answer
from handlers.context import ENGINE_KEY, AnyApplication, get_engine
from handlers.filters import remove_entities
from handlers.flood import FloodLimit, SlidingWindow, Verdict
from handlers.inline import inline_results, result_id
from handlers.keyboards import ChoiceKind, choices_keyboard, parse_choice, pick_data
from handlers.text import MAX_MESSAGE_LENGTH, escape, html_chunks, html_size, split_text
from knowledge import Answer, Engine, Outcome, Suggestion
from knowledge.commands import answer_command
from knowledge.engine import MAX_QUESTION_CHARS
from knowledge.textbook import shorten
from tests.doubles.objects import BOT_NAME, BOT_USERNAME, GROUP_ID, JSON, TOKEN, USER_ID
from tests.doubles.recording import FakeClock, Harness, RecordingRequest, Updates

MakeHarness = Callable[..., Awaitable[Harness]]


@pytest.fixture
async def make_harness(engine: Engine) -> AsyncIterator[MakeHarness]:
    apps: list[AnyApplication] = []

    async def make(flood_limit: int = 1000, flood_window: float = 60.0) -> Harness:
        fake = RecordingRequest()
        app = ApplicationBuilder().token(TOKEN).request(fake).get_updates_request(fake).build()
        clock = FakeClock()
        handlers.register(app, engine, flood=FloodLimit(flood_limit, flood_window), clock=clock)
        await app.initialize()
        apps.append(app)
        return Harness(app, fake, Updates(app.bot), clock, engine)

    yield make
    for app in apps:
        await app.shutdown()


@pytest.fixture
async def bot(make_harness: MakeHarness) -> Harness:
    return await make_harness()


def with_pointer(engine: Engine, text: str) -> str:
    """A decline's text as the handlers send it: with the /help pointer when it lacks one."""
    return text if "/help" in text else f"{text}\n\n{engine.texts.get('help_pointer', 'en')}"


def only_message(calls: list[tuple[str, JSON]]) -> JSON:
    assert [method for method, _ in calls] == ["sendMessage"], calls
    return calls[0][1]


# -- registration -------------------------------------------------------------------------


async def test_register_puts_engine_in_bot_data_and_adds_groups(bot: Harness) -> None:
    assert bot.app.bot_data[ENGINE_KEY] is bot.engine
    assert sorted(bot.app.handlers) == [0, 1, 2, 3, 4]
    assert len(bot.app.error_handlers) == 1


async def test_handlers_read_the_engine_from_bot_data_on_every_update(bot: Harness) -> None:
    other = copy.copy(bot.engine)
    other.ask = lambda question, **_: Answer(Outcome.ANSWER, "From the reloaded engine.")  # type: ignore[method-assign]
    bot.app.bot_data[ENGINE_KEY] = other
    assert await bot.texts(bot.updates.private_text("When did Prodi visit Kazakhstan?")) == [
        "From the reloaded engine."
    ]


async def test_get_engine_without_register_says_so() -> None:
    app = ApplicationBuilder().token(TOKEN).build()
    context = app.context_types.context.from_update(None, app)
    with pytest.raises(RuntimeError, match=r"handlers\.register"):
        get_engine(context)


# -- private questions ----------------------------------------------------------------------


async def test_private_question_gets_one_html_message_without_preview(bot: Harness) -> None:
    question = "When did Prodi visit Kazakhstan?"
    params = only_message(await bot.send(bot.updates.private_text(question)))
    assert params["chat_id"] == USER_ID
    assert params["parse_mode"] == "HTML"
    assert params["link_preview_options"] == {"is_disabled": True}
    assert params["text"] == escape(bot.engine.ask(question).text)
    assert "reply_parameters" not in params
    # The one button: the source of the answer.
    [[button]] = params["reply_markup"]["inline_keyboard"]
    assert button == {"text": bot.text("source_button"), "callback_data": "src:prodi-visits"}


async def test_a_declined_detail_gets_the_source_of_what_the_sheet_does_say(bot: Harness) -> None:
    question = "How much did ENI pay?"
    answer = bot.engine.ask(question)
    assert not answer.answered and answer.entry_id
    params = only_message(await bot.send(bot.updates.private_text(question)))
    [[button]] = params["reply_markup"]["inline_keyboard"]
    assert button == {"text": bot.text("source_button"), "callback_data": f"src:{answer.entry_id}"}


async def test_user_text_is_escaped_never_markup(bot: Harness) -> None:
    question = "What about <b>&amp; Bolivia</b>?"
    params = only_message(await bot.send(bot.updates.private_text(question)))
    expected = with_pointer(bot.engine, bot.engine.ask(question).text)
    assert html.unescape(str(params["text"])) == expected
    assert "<" not in str(params["text"])
    # An argument echoed back by the engine is escaped as well.
    params = only_message(await bot.send(bot.updates.private_text("/trade <b>&amp;")))
    assert '"&lt;b&gt;&amp;amp;"' in str(params["text"])
    assert "<b>" not in str(params["text"])


async def test_decline_points_to_help(bot: Harness) -> None:
    [text] = await bot.texts(bot.updates.private_text("Who is Napoleon?"))
    assert text.startswith(bot.engine.ask("Who is Napoleon?").text)
    assert text.endswith(bot.text("help_pointer"))


async def test_clarify_sends_a_keyboard_of_choices_and_none(bot: Harness) -> None:
    answer = bot.engine.ask("agreement")
    assert answer.outcome is Outcome.CLARIFY
    params = only_message(await bot.send(bot.updates.private_text("agreement")))
    listed = "\n".join(f"• {s.question}" for s in answer.suggestions)
    assert html.unescape(str(params["text"])) == f"{answer.text}\n{listed}"
    rows = params["reply_markup"]["inline_keyboard"]
    buttons = [button for row in rows for button in row]
    choices, last = buttons[:-1], buttons[-1]
    assert 1 <= len(choices) <= 3
    assert [b["callback_data"] for b in choices] == [f"pick:{s.entry_id}" for s in answer.suggestions]
    assert last == {"text": bot.text("choice_none_button"), "callback_data": "none"}
    assert all(len(b["callback_data"].encode()) <= 64 for b in buttons)


async def test_edited_message_is_answered_again_as_a_reply(bot: Harness) -> None:
    update = bot.updates.edited_private_text("When did Prodi visit Kazakhstan?")
    assert update.edited_message is not None
    params = only_message(await bot.send(update))
    assert html.unescape(str(params["text"])) == bot.engine.ask("When did Prodi visit Kazakhstan?").text
    assert params["reply_parameters"]["message_id"] == update.edited_message.message_id


async def test_over_long_input_asks_for_a_shorter_question(bot: Harness) -> None:
    question = "trade " * 200
    texts = await bot.texts(bot.updates.private_text(question))
    length = len(question.strip())
    assert texts == [bot.text("question_too_long", limit=MAX_QUESTION_CHARS, length=length)]


@pytest.mark.parametrize("text", ["???", "  ...  !!", "👍🇮🇹", "—"])
async def test_empty_looking_input_gets_a_hint(bot: Harness, text: str) -> None:
    assert await bot.texts(bot.updates.private_text(text)) == [bot.text("question_empty")]


async def test_long_reply_is_split_with_the_keyboard_on_the_last_message(
    bot: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    paragraph = "Kazakhstan & Italy <signed> agreements. " * 40
    long_text = "\n\n".join([paragraph.strip()] * 12)
    suggestions = (Suggestion("prodi-visits", "When did Prodi visit Kazakhstan?"),)
    long_answer = Answer(Outcome.CLARIFY, long_text, "prodi-visits", 0.5, suggestions)
    monkeypatch.setattr(bot.engine, "ask", lambda question, **_: long_answer)
    calls = await bot.send(bot.updates.private_text("anything"))
    sent = [params for _, params in calls]
    assert len(sent) > 1
    assert all(len(str(p["text"])) <= MAX_MESSAGE_LENGTH for p in sent)
    assert ["reply_markup" in p for p in sent] == [False] * (len(sent) - 1) + [True]
    joined = "\n\n".join(html.unescape(str(p["text"])) for p in sent)
    assert joined == f"{long_text}\n• When did Prodi visit Kazakhstan?"  # the choices under the text


# -- non-text -------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["sticker", "photo", "voice", "location"])
async def test_non_text_gets_a_hint(bot: Harness, kind: str) -> None:
    update: Update = getattr(bot.updates, kind)()
    assert await bot.texts(update) == [bot.text("non_text_hint")]


async def test_photo_with_a_command_caption_gets_the_hint(bot: Harness) -> None:
    assert await bot.texts(bot.updates.photo(caption="/trade")) == [bot.text("non_text_hint")]


async def test_live_location_edits_are_not_answered(bot: Harness) -> None:
    assert await bot.send(bot.updates.location(edited=True)) == []


# -- commands -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name", "argument"),
    [
        ("/start", "start", ""),
        ("/start trade", "start", "trade"),
        ("/help", "help", ""),
        ("/topics", "topics", ""),
        ("/about", "about", ""),
        ("/visits 2009", "visits", "2009"),
        ("/visits Prodi", "visits", "Prodi"),
        ("/trade 2013", "trade", "2013"),
        ("/general", "general", ""),
        ("/TRADE 2013", "trade", "2013"),
    ],
)
async def test_commands_reply_with_the_engine(bot: Harness, text: str, name: str, argument: str) -> None:
    answer = answer_command(bot.engine, name, argument)
    assert answer is not None and answer.answered
    params = only_message(await bot.send(bot.updates.private_text(text)))
    assert html.unescape(str(params["text"])) == answer.text
    assert params["parse_mode"] == "HTML"


async def test_start_with_a_topic_opens_the_topic(bot: Harness) -> None:
    [text] = await bot.texts(bot.updates.private_text("/start trade"))
    topic = answer_command(bot.engine, "trade")
    assert topic is not None and text == topic.text


async def test_trade_2020_is_a_helpful_decline(bot: Harness) -> None:
    [text] = await bot.texts(bot.updates.private_text("/trade 2020"))
    assert "2020" in text and "2013" in text
    assert text.endswith(bot.text("help_pointer"))


async def test_unknown_command_gets_the_help(bot: Harness) -> None:
    [text] = await bot.texts(bot.updates.private_text("/weather tomorrow"))
    help_answer = answer_command(bot.engine, "help")
    assert help_answer is not None
    assert text == bot.text("unknown_command", command="/weather") + "\n\n" + help_answer.text


async def test_ask_command_answers_its_question(bot: Harness) -> None:
    [text] = await bot.texts(bot.updates.private_text("/ask When did Prodi visit Kazakhstan?"))
    assert text == bot.engine.ask("When did Prodi visit Kazakhstan?").text
    assert await bot.texts(bot.updates.private_text("/ask")) == [bot.text("ask_usage")]


async def test_command_addressed_to_another_bot_is_ignored_in_private(bot: Harness) -> None:
    assert await bot.send(bot.updates.private_text("/trade@OtherBot")) == []


# -- groups ---------------------------------------------------------------------------------


async def test_group_chatter_is_ignored(bot: Harness) -> None:
    for text in ["When did Prodi visit Kazakhstan?", "hello @someone", "/trade@OtherBot", "/weather"]:
        assert await bot.send(bot.updates.group_text(text)) == [], text
    assert await bot.send(bot.updates.group_sticker()) == []
    assert await bot.send(bot.updates.group_mention("ask @OtherBot about trade", "@OtherBot")) == []


async def test_group_commands_for_this_bot_are_answered_as_replies(bot: Harness) -> None:
    answer = answer_command(bot.engine, "trade")
    assert answer is not None
    for text in ["/trade", f"/trade@{BOT_USERNAME}", f"/trade@{BOT_USERNAME.lower()}"]:
        update = bot.updates.group_text(text)
        assert update.message is not None
        params = only_message(await bot.send(update))
        assert params["chat_id"] == GROUP_ID
        assert html.unescape(str(params["text"])) == answer.text
        assert params["reply_parameters"]["message_id"] == update.message.message_id


async def test_group_unknown_command_only_when_addressed(bot: Harness) -> None:
    assert await bot.send(bot.updates.group_text("/weather")) == []
    [text] = await bot.texts(bot.updates.group_text(f"/weather@{BOT_USERNAME}"))
    assert text.startswith(bot.text("unknown_command", command="/weather"))


async def test_group_ask_addressed_to_this_bot(bot: Harness) -> None:
    [text] = await bot.texts(bot.updates.group_text(f"/ask@{BOT_USERNAME} When did Prodi visit Kazakhstan?"))
    assert text == bot.engine.ask("When did Prodi visit Kazakhstan?").text
    assert await bot.send(bot.updates.group_text("/ask@OtherBot When did Prodi visit Kazakhstan?")) == []


async def test_group_mention_is_answered_without_the_mention(
    bot: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []
    ask = bot.engine.ask

    def recording_ask(question: str, **kwargs: Any) -> Answer:
        asked.append(question)
        return ask(question, **kwargs)

    monkeypatch.setattr(bot.engine, "ask", recording_ask)
    update = bot.updates.group_mention(f"@{BOT_USERNAME}, when did Prodi visit Kazakhstan?")
    assert update.message is not None
    params = only_message(await bot.send(update))
    assert asked == ["when did Prodi visit Kazakhstan?"]
    assert params["reply_parameters"]["message_id"] == update.message.message_id
    assert html.unescape(str(params["text"])) == ask("when did Prodi visit Kazakhstan?").text


async def test_group_text_mention_of_the_bot_is_answered(bot: Harness) -> None:
    text = f"{BOT_NAME} when did Prodi visit Kazakhstan?"
    [reply] = await bot.texts(bot.updates.group_text_mention(text, BOT_NAME))
    assert reply == bot.engine.ask("when did Prodi visit Kazakhstan?").text


async def test_group_mention_alone_gets_a_hint(bot: Harness) -> None:
    assert await bot.texts(bot.updates.group_mention(f"@{BOT_USERNAME}")) == [bot.text("question_empty")]


async def test_group_reply_to_the_bot_is_answered(bot: Harness) -> None:
    update = bot.updates.group_reply("and when did Prodi visit Kazakhstan?", bot.updates.bot_message())
    [text] = await bot.texts(update)
    assert text == bot.engine.ask("and when did Prodi visit Kazakhstan?").text


async def test_group_reply_to_someone_else_is_ignored(bot: Harness) -> None:
    someone = bot.updates.message_dict(
        "Hi", chat=bot.updates.group_chat(), sender={"id": 77, "is_bot": False, "first_name": "Marco"}
    )
    assert await bot.send(bot.updates.group_reply("When did Prodi visit Kazakhstan?", someone)) == []


async def test_forum_topic_message_is_not_a_reply_to_the_bot(bot: Harness) -> None:
    forum = bot.updates.group_chat(forum=True)
    created = bot.updates.bot_message(
        "Questions", chat=forum, forum_topic_created={"name": "Questions", "icon_color": 7322096}
    )
    update = bot.updates.update(
        message=bot.updates.message_dict(
            "When did Prodi visit Kazakhstan?",
            chat=forum,
            reply_to_message=created,
            message_thread_id=created["message_id"],
            is_topic_message=True,
        )
    )
    assert await bot.send(update) == []


async def test_message_sent_via_this_bot_is_not_a_question(bot: Harness) -> None:
    update = bot.updates.private_text(
        "Romano Prodi visited Kazakhstan in 1998.", via_bot=bot.updates.bot_message()["from"]
    )
    assert await bot.send(update) == []


# -- callbacks ------------------------------------------------------------------------------


async def test_pressing_a_choice_answers_the_query_and_the_entry(bot: Harness) -> None:
    calls = await bot.send(bot.updates.callback("pick:prodi-visits"))
    assert [method for method, _ in calls] == ["answerCallbackQuery", "sendMessage"]
    assert calls[0][1]["callback_query_id"] == "cq-1"
    assert html.unescape(str(calls[1][1]["text"])) == bot.engine.answer_entry("prodi-visits").text
    assert calls[1][1]["parse_mode"] == "HTML"


async def test_every_choice_of_a_clarify_keyboard_works(bot: Harness) -> None:
    params = only_message(await bot.send(bot.updates.private_text("agreement")))
    for row in params["reply_markup"]["inline_keyboard"][:-1]:
        data = row[0]["callback_data"]
        calls = await bot.send(bot.updates.callback(data))
        entry_id = data.removeprefix("pick:")
        assert [m for m, _ in calls] == ["answerCallbackQuery", "sendMessage"]
        assert html.unescape(str(calls[1][1]["text"])) == bot.engine.answer_entry(entry_id).text


@pytest.mark.parametrize(
    "data", ["pick:no-such-entry", "bogus:prodi-visits", "pick:", "x" * 65, "pick:" + "a" * 60]
)
async def test_tampered_callback_data_is_no_longer_available(bot: Harness, data: str) -> None:
    calls = await bot.send(bot.updates.callback(data))
    assert [method for method, _ in calls] == ["answerCallbackQuery", "sendMessage"]
    text = html.unescape(str(calls[1][1]["text"]))
    assert text.startswith(bot.text("stale_choice"))


async def test_callback_without_data_is_still_answered(bot: Harness) -> None:
    calls = await bot.send(bot.updates.callback(None))
    assert [method for method, _ in calls] == ["answerCallbackQuery", "sendMessage"]


async def test_none_of_these(bot: Harness) -> None:
    calls = await bot.send(bot.updates.callback("none"))
    assert [method for method, _ in calls] == ["answerCallbackQuery", "sendMessage"]
    assert html.unescape(str(calls[1][1]["text"])) == bot.text("choice_none_reply")


async def test_group_choice_replies_to_the_keyboard_message(bot: Harness) -> None:
    keyboard_message = bot.updates.bot_message("I'm not sure which of these you mean:")
    calls = await bot.send(bot.updates.callback("pick:prodi-visits", message=keyboard_message))
    assert calls[1][1]["chat_id"] == GROUP_ID
    assert calls[1][1]["reply_parameters"]["message_id"] == keyboard_message["message_id"]


async def test_a_too_old_callback_query_still_gets_its_answer(bot: Harness) -> None:
    bot.fake.failures["answerCallbackQuery"] = "Bad Request: query is too old and response timeout expired"
    calls = await bot.send(bot.updates.callback("pick:prodi-visits"))
    assert [method for method, _ in calls] == ["answerCallbackQuery", "sendMessage"]


def test_choice_answer_is_pure(engine: Engine) -> None:
    assert choice_answer(engine, "pick:prodi-visits") == engine.answer_entry("prodi-visits")
    assert choice_answer(engine, "none").text == engine.texts.get("choice_none_reply", "en")
    assert choice_answer(engine, "pick:nope").outcome is Outcome.DECLINE


# -- inline mode ----------------------------------------------------------------------------


def _check_results(results: list[JSON]) -> None:
    assert 1 <= len(results) <= 50
    ids = [str(r["id"]) for r in results]
    assert len(set(ids)) == len(ids)
    assert all(1 <= len(i.encode()) <= 64 for i in ids)
    for result in results:
        content = result["input_message_content"]
        assert result["type"] == "article"
        assert content["parse_mode"] == "HTML"
        assert content["link_preview_options"] == {"is_disabled": True}
        assert len(content["message_text"]) <= 4096


async def test_inline_answer_is_one_article(bot: Harness) -> None:
    question = "When did Prodi visit Kazakhstan?"
    calls = await bot.send(bot.updates.inline(question))
    [(method, params)] = calls
    assert method == "answerInlineQuery"
    assert params["cache_time"] == 300 and params["is_personal"] is True  # a short query: the user's language
    [result] = params["results"]
    _check_results(params["results"])
    answer = bot.engine.ask(question)
    assert result["id"] == f"a:en:{answer.entry_id}"
    assert result["title"] == question
    assert result["input_message_content"]["message_text"] == escape(answer.text)
    assert result["description"]


async def test_inline_clarify_is_one_article_per_suggestion(bot: Harness) -> None:
    answer = bot.engine.ask("agreement")
    [(_, params)] = await bot.send(bot.updates.inline("agreement"))
    _check_results(params["results"])
    assert [r["title"] for r in params["results"]] == [s.question for s in answer.suggestions]
    assert [html.unescape(r["input_message_content"]["message_text"]) for r in params["results"]] == [
        bot.engine.answer_entry(s.entry_id).text for s in answer.suggestions
    ]


async def test_inline_decline_offers_no_article_but_the_private_chat(bot: Harness) -> None:
    [(_, params)] = await bot.send(bot.updates.inline("Who is Napoleon?"))
    assert params["results"] == []
    button = params["button"]
    assert button["text"] == bot.text("inline_ask_in_chat")
    assert button["start_parameter"].startswith("q-") and len(button["start_parameter"]) <= 64
    # Pressing it opens the private chat with /start q-…: the question is asked there.
    [(_, reply)] = await bot.send(bot.updates.private_text(f"/start {button['start_parameter']}"))
    assert html.unescape(reply["text"]).startswith(bot.engine.ask("Who is Napoleon?").text)


async def test_inline_empty_query_lists_the_topics(bot: Harness) -> None:
    [(_, params)] = await bot.send(bot.updates.inline("   "))
    _check_results(params["results"])
    assert [r["id"] for r in params["results"]] == [f"t:en:{t.id}" for t in bot.engine.topics]
    for result, topic in zip(params["results"], bot.engine.topics, strict=True):
        overview = answer_command(bot.engine, topic.id)
        assert overview is not None
        content = html.unescape(result["input_message_content"]["message_text"])
        # A long overview is cut at a boundary to fit one message, marked with "…".
        assert content == overview.text or (content.endswith("…") and overview.text.startswith(content[:-1]))


async def test_inline_escapes_user_text(bot: Harness) -> None:
    [(_, params)] = await bot.send(bot.updates.inline("<b>trade</b> & 2013"))
    _check_results(params["results"])
    assert all("<b>" not in r["input_message_content"]["message_text"] for r in params["results"])


def test_inline_results_stay_within_limits(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    suggestions = tuple(
        Suggestion("prodi-visits" if i % 2 else "x" * 80, f"Question {i}?") for i in range(70)
    )
    monkeypatch.setattr(
        engine, "ask", lambda question, **_: Answer(Outcome.CLARIFY, "?", None, 0.4, suggestions)
    )
    results = inline_results(engine, "anything").results
    ids = [r.id for r in results]
    assert len(results) <= 50 and len(set(ids)) == len(ids)
    assert all(len(i.encode()) <= 64 for i in ids)
    assert len(result_id("a", "é" * 64).encode()) <= 64


# -- flood guard ----------------------------------------------------------------------------


async def test_flood_guard_warns_once_then_drops(make_harness: MakeHarness) -> None:
    bot = await make_harness(flood_limit=3, flood_window=60.0)
    question = "When did Prodi visit Kazakhstan?"
    answer = escape(bot.engine.ask(question).text)
    sent = []
    for _ in range(5):
        await bot.send(bot.updates.private_text(question))
        sent += bot.fake.sent_texts()
    warning = bot.text("flood_warning", seconds=60)
    assert sent == [answer] * 3 + [escape(warning)]
    # The window frees up: answered again.
    bot.clock.now += 61
    await bot.send(bot.updates.private_text(question))
    assert bot.fake.sent_texts() == [answer]


async def test_flood_guard_counts_commands_and_callbacks(make_harness: MakeHarness) -> None:
    bot = await make_harness(flood_limit=2, flood_window=10.0)
    await bot.send(bot.updates.private_text("/help"))
    await bot.send(bot.updates.callback("pick:prodi-visits"))
    calls = await bot.send(bot.updates.callback("pick:prodi-visits", query_id="cq-2"))
    assert calls == [
        ("answerCallbackQuery", {"callback_query_id": "cq-2", "text": bot.text("flood_warning", seconds=10)})
    ]
    calls = await bot.send(bot.updates.callback("pick:prodi-visits", query_id="cq-3"))
    assert calls == [("answerCallbackQuery", {"callback_query_id": "cq-3"})]  # silent, but answered
    assert await bot.send(bot.updates.private_text("/help")) == []


async def test_flood_guard_drops_inline_queries_silently(make_harness: MakeHarness) -> None:
    bot = await make_harness(flood_limit=1, flood_window=10.0)
    assert [m for m, _ in await bot.send(bot.updates.inline("trade 2013"))] == ["answerInlineQuery"]
    assert await bot.send(bot.updates.inline("trade 2012")) == []
    assert await bot.send(bot.updates.inline("trade 2012")) == []


async def test_flood_guard_ignores_what_the_bot_ignores(make_harness: MakeHarness) -> None:
    bot = await make_harness(flood_limit=1, flood_window=10.0)
    for _ in range(5):
        assert await bot.send(bot.updates.group_text("just chatting")) == []
    [text] = await bot.texts(bot.updates.group_text("/trade 2013"))
    assert text == answer_command(bot.engine, "trade", "2013").text  # type: ignore[union-attr]


def test_sliding_window() -> None:
    clock = FakeClock()
    window = SlidingWindow(2, 10.0, clock)
    assert [window.check(1) for _ in range(4)] == [Verdict.ALLOW, Verdict.ALLOW, Verdict.WARN, Verdict.DROP]
    assert window.check(2) is Verdict.ALLOW  # per user
    assert window.retry_after(1) == 10.0
    clock.now += 5
    assert window.check(1) is Verdict.DROP
    clock.now += 5  # the first two leave the window
    assert window.check(1) is Verdict.ALLOW
    assert window.retry_after(1) == 0.0
    clock.now += 100
    window.check(3)  # sweeps the senders with nothing left in the window
    assert set(window._senders) == {3}
    with pytest.raises(ValueError):
        SlidingWindow(0, 1.0, clock)


# -- errors ---------------------------------------------------------------------------------


async def test_error_is_logged_and_the_user_gets_an_apology(
    bot: Harness, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(question: str, **_: str | None) -> Answer:
        raise RuntimeError("secret internals: /srv/db password")

    monkeypatch.setattr(bot.engine, "ask", broken)
    update = bot.updates.private_text("When did Prodi visit Kazakhstan?")
    with caplog.at_level(logging.ERROR, logger="handlers"):
        texts = await bot.texts(update)
    assert texts == [bot.text("error_apology")]
    assert "secret" not in " ".join(texts)
    [record] = [r for r in caplog.records if r.name == "handlers.errors"]
    assert record.levelno == logging.ERROR
    assert str(update.update_id) in record.getMessage()
    assert record.exc_info is not None and isinstance(record.exc_info[1], RuntimeError)


async def test_failing_apology_is_logged_not_raised(
    bot: Harness, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    bot.fake.failures["sendMessage"] = "Bad Request: chat not found"
    with caplog.at_level(logging.ERROR, logger="handlers"):
        calls = await bot.send(bot.updates.private_text("When did Prodi visit Kazakhstan?"))
    assert [m for m, _ in calls] == ["sendMessage", "sendMessage"]  # the answer, then the apology
    messages = [r.getMessage() for r in caplog.records if r.name == "handlers.errors"]
    assert len(messages) == 2 and "apology" in messages[1]


async def test_inline_error_is_only_logged(
    bot: Harness, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(bot.engine, "ask", lambda question, **_: 1 / 0)
    with caplog.at_level(logging.ERROR, logger="handlers"):
        assert await bot.send(bot.updates.inline("trade")) == []
    assert any(r.exc_info for r in caplog.records if r.name == "handlers.errors")


async def test_polling_outage_is_one_warning_per_half_minute(
    bot: Harness, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    from telegram.error import NetworkError, TimedOut

    from handlers import errors

    clock = FakeClock()
    monkeypatch.setattr("handlers.errors.time.monotonic", clock)
    context = bot.app.context_types.context.from_error(None, NetworkError("Bad Gateway"), bot.app)
    with caplog.at_level(logging.DEBUG, logger="handlers"):
        for _ in range(10):  # polling errors come every second or so during an outage
            await errors.on_error(None, context)
            clock.now += 1
        clock.now += errors.OUTAGE_WARN_EVERY
        context.error = TimedOut()
        await errors.on_error(None, context)
    records = [r for r in caplog.records if r.name == "handlers.errors"]
    assert [r.levelno for r in records] == [logging.WARNING, logging.WARNING]
    assert all(r.exc_info is None for r in records)
    assert "Bad Gateway" in records[0].getMessage()
    assert "(9 more since the last warning)" in records[1].getMessage()


# -- pure helpers ---------------------------------------------------------------------------


def test_split_short_text_is_one_chunk() -> None:
    assert split_text("  Hello.  ") == ["Hello."]
    assert split_text(" \n ") == []


def test_split_on_paragraphs_then_lines_then_words() -> None:
    paragraphs = ["a" * 3000, "b" * 3000, "c" * 100]
    assert split_text("\n\n".join(paragraphs)) == ["a" * 3000, "b" * 3000 + "\n\n" + "c" * 100]
    lines = ["x" * 50] * 5
    assert split_text("\n".join(lines), limit=120) == ["x" * 50 + "\n" + "x" * 50] * 2 + ["x" * 50]
    assert split_text("one two three four", limit=9) == ["one two", "three", "four"]
    assert split_text("abcdefghij", limit=4) == ["abcd", "efgh", "ij"]


def test_split_measures_escaped_size() -> None:
    text = "&" * 10  # each becomes "&amp;" (5)
    chunks = html_chunks(text, limit=20)
    assert chunks == ["&amp;" * 4, "&amp;" * 4, "&amp;" * 2]
    assert html_size("😀") == 2  # UTF-16 code units, as Telegram counts


@given(
    st.text(alphabet=st.sampled_from(list("ab &<\n\n  é😀")), max_size=400),
    st.integers(min_value=10, max_value=60),
)
def test_split_never_exceeds_the_limit_nor_loses_text(text: str, limit: int) -> None:
    chunks = html_chunks(text, limit)
    assert all(1 <= len(chunk.encode("utf-16-le")) // 2 <= limit for chunk in chunks)
    assert "".join(html.unescape("".join(chunks)).split()) == "".join(text.split())


# Telegram refuses a zero-width space alone but takes a word joiner, a soft hyphen, a Hangul
# filler or a braille blank alone: the user sees an empty bubble. None may be a message.
@pytest.mark.parametrize("invisible", ["\u200b", "\u2060", "\u00ad", "\u3164", "\u2800"])
def test_a_paragraph_that_shows_nothing_is_never_a_message_of_its_own(invisible: str) -> None:
    text = "\n\n".join(["a" * 4000, invisible * 200, "b" * 4000])
    assert html_chunks(text) == ["a" * 4000, "b" * 4000]


def test_split_rejects_a_limit_too_small_for_a_character() -> None:
    with pytest.raises(ValueError):
        split_text("&", limit=4, size=html_size)


def test_shorten() -> None:
    assert shorten("short", 10) == "short"
    assert shorten("When did Kazakhstan and Italy sign it?", 20) == "When did Kazakhstan…"
    assert len(shorten("x" * 100, 20)) == 20


def test_callback_data() -> None:
    assert pick_data("prodi-visits") == "pick:prodi-visits"
    assert pick_data("a" * 60) is None
    assert parse_choice("pick:prodi-visits").entry_id == "prodi-visits"
    assert parse_choice("none").kind is ChoiceKind.NONE
    for bad in [None, "", "pick:", "pick", "nonE", "x" * 65, "pick:" + "é" * 30]:
        assert parse_choice(bad).kind is ChoiceKind.INVALID, bad


def test_keyboard_skips_suggestions_that_do_not_fit() -> None:
    assert choices_keyboard([Suggestion("a" * 60, "Too long an id?")], "None") is None
    keyboard = choices_keyboard([Suggestion("ok", "Fine?"), Suggestion("a" * 60, "Too long?")], "None")
    assert keyboard is not None
    assert [[b.callback_data for b in row] for row in keyboard.inline_keyboard] == [["pick:ok"], ["none"]]


def test_remove_entities_counts_utf16() -> None:
    text = "😀 @KzItBot trade 2013?"
    offset = len("😀 ".encode("utf-16-le")) // 2
    mention = MessageEntity(MessageEntity.MENTION, offset, len("@KzItBot"))
    assert remove_entities(text, [mention]) == "😀 trade 2013?"
    assert remove_entities("@KzItBot, when?", [MessageEntity(MessageEntity.MENTION, 0, 8)]) == "when?"
