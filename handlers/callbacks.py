"""Pressed "did you mean" buttons: answer the chosen entry as a new message.

The keyboard stays on its message, so another choice can be pressed afterwards. Every
callback query is answered, whatever its data, so the client stops its progress indicator.
"""

from __future__ import annotations

import logging

from telegram import Update

from handlers.context import AnyContext, get_engine, in_group
from handlers.conversation import heard
from handlers.feedback import on_feedback
from handlers.keyboards import ChoiceKind, parse_choice
from handlers.language import fallback_language, is_language_choice, on_language_chosen
from handlers.render import answer_reply, source_reply
from handlers.sending import answer_query, send_reply
from knowledge import Answer, Engine, Outcome

logger = logging.getLogger(__name__)


def choice_answer(engine: Engine, data: str | None, lang: str | None = None) -> Answer:
    """The answer to a pressed button's callback data, in ``lang``.

    A pick of a known entry gives its answer; "none of these" gives a hint to ask again;
    anything else (an unknown prefix, an unknown entry, data over 64 bytes) gives the
    "no longer available" decline.
    """
    lang = lang if lang in engine.languages else engine.default
    choice = parse_choice(data)
    if choice.kind is ChoiceKind.PICK:
        return engine.answer_entry(choice.entry_id, lang)  # an unknown id gives the stale decline
    if choice.kind is ChoiceKind.NONE:
        return Answer(Outcome.ANSWER, engine.texts.get("choice_none_reply", lang), lang=lang)
    return Answer(Outcome.DECLINE, engine.texts.get("stale_choice", lang), lang=lang)


async def on_callback(update: Update, context: AnyContext) -> None:
    """Route a pressed button: a language of /language, "Source", 👍 or 👎, or a "did you mean" choice."""
    query = update.callback_query
    kind = parse_choice(query.data).kind if query is not None else ChoiceKind.INVALID
    if query is not None and is_language_choice(query.data):
        await on_language_chosen(update, context)
    elif kind is ChoiceKind.SOURCE:
        await on_source(update, context)
    elif kind is ChoiceKind.FEEDBACK:
        await on_feedback(update, context)
    else:
        await on_choice(update, context)


async def on_source(update: Update, context: AnyContext) -> None:
    """The "Source" button: send the passages the answer rests on to the button's chat."""
    query = update.callback_query
    if query is None:
        return
    engine = get_engine(context)
    lang = fallback_language(update, context, engine)
    source = engine.source(parse_choice(query.data).entry_id, lang)
    if source is None or query.message is None:
        # A stale button, or one on an inline message (no chat to write to).
        await answer_query(
            query, engine.texts.get("stale_choice", lang) if source is None else source.passages[0]
        )
        return
    await answer_query(query)
    await send_reply(query.message, source_reply(source), quote=in_group(update))


async def on_choice(update: Update, context: AnyContext) -> None:
    """Answer the callback query, then send the chosen answer to the keyboard's chat."""
    query = update.callback_query
    if query is None:
        return
    engine = get_engine(context)
    lang = fallback_language(update, context, engine)
    if query.message is None:
        # A button on an inline message: there is no chat to send to, so show the answer
        # as a notice (Telegram allows 200 characters).
        await answer_query(query, choice_answer(engine, query.data, lang).text)
        return
    answer = choice_answer(engine, query.data, lang)
    heard(update, context, answer)  # a picked choice is what the conversation is about now
    await answer_query(query)
    await send_reply(query.message, answer_reply(answer, engine.texts), quote=in_group(update))
