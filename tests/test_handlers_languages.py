"""The Telegram handlers in four languages: replies, buttons, declines, /language and its memory."""

from __future__ import annotations

import html
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from telegram.ext import ApplicationBuilder

import handlers
from bot.app import persistence
from bot.evaluate import reply_language
from handlers.context import AnyApplication
from knowledge import Engine
from knowledge.commands import answer_command
from tests.doubles.objects import TOKEN
from tests.doubles.recording import RecordingRequest, Updates

ITALIAN_USER = 5151


class Chat:
    """One user's private chat with an application, as the user reads it."""

    def __init__(
        self, app: AnyApplication, request: RecordingRequest, user_id: int = 4711, code: str = "en"
    ) -> None:
        self.app, self.request = app, request
        self.updates = Updates(app.bot, user_id)
        self.updates.user["language_code"] = code

    async def say(self, text: str) -> list[str]:
        """Send ``text``; the texts of the bot's messages, unescaped."""
        return await self._process(self.updates.private_text(text))

    async def press(self, data: str) -> list[str]:
        return await self._process(self.updates.callback(data))

    async def _process(self, update: object) -> list[str]:
        self.request.clear()
        await self.app.process_update(update)
        return [html.unescape(t) for t in self.request.sent_texts()]

    def keyboard(self) -> list[dict[str, str]]:
        """The buttons of the last message sent."""
        markup = self.request.calls("sendMessage")[-1].get("reply_markup") or {}
        return [button for row in markup.get("inline_keyboard", []) for button in row]


async def _app(engine: Engine, data_dir: Path | None = None) -> tuple[AnyApplication, RecordingRequest]:
    request = RecordingRequest()
    builder = ApplicationBuilder().token(TOKEN).request(request).get_updates_request(request)
    if data_dir is not None:
        builder = builder.persistence(persistence(data_dir))
    app = builder.build()
    handlers.register(app, engine)
    await app.initialize()
    return app, request


@pytest.fixture
async def chat(engine: Engine) -> AsyncIterator[Chat]:
    app, request = await _app(engine)
    yield Chat(app, request)
    await app.shutdown()


async def test_a_russian_question_gets_a_russian_answer(chat: Chat) -> None:
    [reply] = await chat.say("Когда Проди посещал Казахстан?")
    assert reply_language(reply) == "ru"
    assert "Проди" in reply and "1998" in reply


async def test_a_kazakh_and_an_italian_question_get_answers_in_their_languages(chat: Chat) -> None:
    [kazakh] = await chat.say("Италияның Қазақстандағы елшісі кім?")
    assert reply_language(kazakh) == "kk" and "Пьери" in kazakh
    [italian] = await chat.say("Chi è l'ambasciatore del Kazakistan in Italia?")
    assert reply_language(italian) == "it" and "Yelemesov" in italian


async def test_a_russian_decline_points_to_help_in_russian(chat: Chat, engine: Engine) -> None:
    [reply] = await chat.say("Когда Трамп посещал Казахстан?")
    assert reply_language(reply) == "ru"
    assert reply.endswith(engine.texts.get("help_pointer", "ru"))


async def test_russian_choices_have_russian_buttons(chat: Chat, engine: Engine) -> None:
    question = "Расскажите о соглашении"
    answer = engine.ask(question)
    assert answer.suggestions, "a vague Russian question should offer choices"
    [reply] = await chat.say(question)
    assert reply.startswith(engine.texts.get("clarify", "ru"))
    buttons = chat.keyboard()
    assert buttons[-1]["text"] == engine.texts.get("choice_none_button", "ru")
    assert all(reply_language(b["text"]) == "ru" for b in buttons[:-1])
    [picked] = await chat.press(buttons[0]["callback_data"])
    assert reply_language(picked) == "ru"


async def test_a_short_message_keeps_the_chats_language(chat: Chat) -> None:
    await chat.say("Какой был товарооборот в 2013 году?")
    [reply] = await chat.say("2012")
    assert reply_language(reply) == "ru"
    [help_text] = await chat.say("/help")
    assert reply_language(help_text) == "ru"


async def test_telegrams_language_is_the_last_fallback(engine: Engine) -> None:
    app, request = await _app(engine)
    try:
        italian = Chat(app, request, user_id=ITALIAN_USER, code="it")
        [reply] = await italian.say("/help")
        assert reply == (answer_command(engine, "help", lang="it") or answer_command(engine, "help")).text  # type: ignore[union-attr]
        english = Chat(app, request, user_id=ITALIAN_USER + 1, code="de")  # no German pack: the default
        [reply] = await english.say("/about")
        assert reply_language(reply) == "en"
    finally:
        await app.shutdown()


async def test_language_offers_the_four_languages_and_remembers_the_choice(
    chat: Chat, engine: Engine
) -> None:
    [prompt] = await chat.say("/language")
    assert prompt == engine.texts.get("language_prompt", "en")
    buttons = chat.keyboard()
    assert [b["text"] for b in buttons] == [pack.name for pack in engine.corpus.languages.values()]
    [confirmation] = await chat.press("lang:kk")
    assert confirmation == engine.texts.get("language_set", "kk")
    [help_text] = await chat.say("/help")
    assert reply_language(help_text) == "kk"
    [answer] = await chat.say(
        "When did Prodi visit Kazakhstan?"
    )  # a message in English is answered in English
    assert reply_language(answer) == "en"


async def test_the_choice_survives_a_restart(engine: Engine, tmp_path: Path) -> None:
    app, request = await _app(engine, tmp_path)
    await Chat(app, request).press("lang:it")
    await app.shutdown()  # flushes the persistence to DATA_DIR
    assert (tmp_path / "persistence.pickle").exists()

    app, request = await _app(engine, tmp_path)
    try:
        [reply] = await Chat(app, request).say("/help")
        assert reply == (answer_command(engine, "help", lang="it") or answer_command(engine, "help")).text  # type: ignore[union-attr]
    finally:
        await app.shutdown()


async def test_a_bogus_language_button_changes_nothing_and_offers_the_languages(
    chat: Chat, engine: Engine
) -> None:
    assert await chat.press("lang:xx") == [engine.texts.get("language_prompt", "en")]
    assert [b["callback_data"] for b in chat.keyboard()] == [
        f"lang:{code}" for code in engine.corpus.languages
    ]
    [help_text] = await chat.say("/help")
    assert reply_language(help_text) == "en"


async def test_inline_answers_come_in_the_querys_language(engine: Engine) -> None:
    app, request = await _app(engine)
    try:
        updates = Updates(app.bot)
        await app.process_update(updates.inline("Quando Prodi ha visitato il Kazakistan?"))
        [call] = request.calls("answerInlineQuery")
        [result] = call["results"]
        assert reply_language(html.unescape(result["input_message_content"]["message_text"])) == "it"
    finally:
        await app.shutdown()
