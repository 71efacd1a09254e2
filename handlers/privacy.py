"""``/privacy`` says what is kept of a user's questions; ``/forget`` deletes it."""

from __future__ import annotations

import logging

from telegram import Update

from handlers.context import AnyContext, get_engine, in_group
from handlers.conversation import THREADS_KEY
from handlers.language import fallback_language
from handlers.log import LogUnavailable, question_log
from handlers.render import text_reply
from handlers.sending import send_reply

logger = logging.getLogger(__name__)


async def on_privacy(update: Update, context: AnyContext) -> None:
    """What is stored, for how long and why; or that nothing is, with recording off."""
    message = update.effective_message
    if message is None:
        return
    engine = get_engine(context)
    lang = fallback_language(update, context, engine)
    log = question_log(context)
    if log is None:
        text = engine.texts.get("privacy_off", lang)
    elif log.retention_days:
        text = engine.texts.get("privacy", lang, days=log.retention_days)
    else:
        text = engine.texts.get("privacy_kept", lang)
    await send_reply(message, text_reply(text), quote=in_group(update))


async def on_forget(update: Update, context: AnyContext) -> None:
    """Delete the sender's questions, votes, settings and conversation; say how many questions went."""
    message, user = update.effective_message, update.effective_user
    if message is None or user is None:
        return
    engine = get_engine(context)
    lang = fallback_language(update, context, engine)  # before the choice of language goes
    log = question_log(context)
    try:
        count = await log.forget(user.id) if log is not None else 0
    except LogUnavailable as error:
        logger.warning("/forget failed: %s", error)
        await send_reply(message, text_reply(engine.texts.get("forget_failed", lang)), quote=in_group(update))
        return
    context.application.drop_user_data(user.id)
    if isinstance(context.chat_data, dict):
        context.chat_data.get(THREADS_KEY, {}).pop(user.id, None)
    await send_reply(
        message, text_reply(engine.texts.get("forget_done", lang, questions=count)), quote=in_group(update)
    )
