"""Free-text questions: private messages, addressed group messages, /ask, and their edits."""

from __future__ import annotations

import time
from dataclasses import replace

from telegram import Message, Update

from handlers.context import AnyContext, get_engine, in_group
from handlers.conversation import heard, now, thread
from handlers.feedback import take_comment
from handlers.filters import bot_mentions, command_of, remove_entities
from handlers.keyboards import feedback_keyboard
from handlers.language import fallback_language, remember, reply_language
from handlers.log import record_question
from handlers.render import Reply, answer_reply, text_reply
from handlers.sending import send_reply
from knowledge import Answer, Engine, Outcome
from knowledge.engine import MAX_QUESTION_CHARS
from knowledge.followup import Frame


def question_reply(
    engine: Engine, question: str, fallback: str | None = None, context: Frame | None = None
) -> tuple[Reply, Answer]:
    """The reply to a question and the answer behind it: the engine's, or a hint for input it cannot use.

    Input over ``MAX_QUESTION_CHARS`` gets a request for a shorter question (the engine
    would silently cut it); input without a letter or digit (only punctuation, emoji or
    spaces) gets a hint on how to ask.

    Args:
        engine: the engine.
        question: the user's text.
        fallback: the language when the question does not show its own.
        context: what the conversation's last answer was about, for a follow-up.
    """
    question = question.strip()
    if len(question) > MAX_QUESTION_CHARS:
        lang = engine.language(question[:MAX_QUESTION_CHARS], fallback=fallback)
        too_long = engine.texts.get("question_too_long", lang, limit=MAX_QUESTION_CHARS, length=len(question))
        return text_reply(too_long), Answer(Outcome.DECLINE, too_long, lang=lang)
    if not any(character.isalnum() for character in question):
        lang = engine.language(question, fallback=fallback)
        hint = engine.texts.get("question_empty", lang)
        return text_reply(hint), Answer(Outcome.DECLINE, hint, lang=lang)
    # The engine reads the question's language itself: not read twice.
    answer = engine.ask(question, fallback=fallback, context=context)
    return answer_reply(answer, engine.texts), answer


def _quote(update: Update) -> bool:
    """Quote the question in groups, and after an edit (so the reply shows what it answers)."""
    return in_group(update) or update.edited_message is not None


async def ask_question(update: Update, context: AnyContext, message: Message, question: str) -> None:
    """Answer ``question`` in reply to ``message``, continuing the sender's conversation."""
    engine = get_engine(context)
    talk = thread(update, context)
    frame = talk.context(now(context)) if talk is not None else None
    started = time.perf_counter()
    reply, answer = question_reply(engine, question, fallback_language(update, context, engine), frame)
    engine_ms = (time.perf_counter() - started) * 1000
    remember(context, answer.lang)
    heard(update, context, answer)
    record = record_question(update, context, question, answer, engine_ms)
    if record is not None and answer.answered:  # 👍 and 👎 under answers, for the curators
        reply = replace(reply, keyboard=feedback_keyboard(reply.keyboard, record))
    await send_reply(message, reply, quote=_quote(update))


async def on_private_question(update: Update, context: AnyContext) -> None:
    """Answer a text message (new or edited) in a private chat, unless it is the comment a 👎 asked for."""
    message = update.effective_message
    if message is None or message.text is None or await take_comment(update, context):
        return
    await ask_question(update, context, message, message.text)


async def on_group_question(update: Update, context: AnyContext) -> None:
    """Answer a group message addressed to the bot, without the mention of the bot."""
    message = update.effective_message
    if message is None or message.text is None:
        return
    await ask_question(update, context, message, remove_entities(message.text, bot_mentions(message)))


async def on_ask(update: Update, context: AnyContext) -> None:
    """``/ask <question>``: answer the question; without one, say how to use it."""
    message = update.effective_message
    command = command_of(message) if message is not None else None
    if message is None or command is None:
        return
    question = command.argument
    if not question:
        engine = get_engine(context)
        usage = engine.texts.get("ask_usage", reply_language(update, context, engine))
        await send_reply(message, text_reply(usage), quote=_quote(update))
        return
    await ask_question(update, context, message, question)
