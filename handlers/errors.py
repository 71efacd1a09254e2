"""The error handler: log everything, tell the user only that something went wrong."""

from __future__ import annotations

import logging

from telegram import Message, Update
from telegram.error import Forbidden

from handlers.context import AnyContext, get_engine, in_group

logger = logging.getLogger(__name__)


async def on_error(update: object, context: AnyContext) -> None:
    """Log the error with its traceback; send the apology text to the update's chat, if any.

    The apology never contains details of the error. Failing to send it is logged too,
    and never raised.
    """
    update_id = update.update_id if isinstance(update, Update) else None
    logger.error("Error while handling update %s", update_id, exc_info=context.error)
    if not isinstance(update, Update) or update.effective_chat is None:
        return  # an inline query, or not an update at all: no chat to apologise in
    if isinstance(context.error, Forbidden):
        return  # the bot may not write to this chat (blocked, removed): no apology can arrive
    try:
        apology = get_engine(context).texts.get("error_apology")
        message = update.effective_message
        if isinstance(message, Message):
            await message.reply_text(apology, do_quote=in_group(update))
        else:
            await context.bot.send_message(update.effective_chat.id, apology)
    except Exception:
        logger.exception("Could not send the apology for update %s", update_id)
