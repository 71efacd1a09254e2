"""The error handler: log everything, tell the user only that something went wrong.

The apology replaces an answer that could not be given; it never comes on top of one. So there
is none when part of the reply reached the user (``ReplyIncomplete``: an apology would be a
second message for one question), none when the bot may not write to the chat (``Forbidden``),
and none for updates without a chat (inline queries). The handlers send their reply last, so
any other error means no reply was sent: a bug, or a send that failed for good after its
retries (``handlers.sending``). The apology is tried once, without the send retries: when even
the retried answer could not get through, another wait would only hold up the next updates.
"""

from __future__ import annotations

import logging
import time

from telegram import Message, Update
from telegram.error import BadRequest, Forbidden, NetworkError

from handlers.context import AnyContext, get_engine, in_group
from handlers.language import fallback_language
from handlers.sending import ReplyIncomplete

logger = logging.getLogger(__name__)

OUTAGE_KEY = "network_outage"  # in bot_data: when the last outage warning was logged, and since
OUTAGE_WARN_EVERY = 30.0  # seconds between two warnings that the Bot API is out of reach


def _outage(context: AnyContext, error: NetworkError) -> None:
    """One warning line per ``OUTAGE_WARN_EVERY`` seconds while the Bot API cannot be reached."""
    now = time.monotonic()
    last, missed = context.bot_data.get(OUTAGE_KEY, (float("-inf"), 0))
    if now - last < OUTAGE_WARN_EVERY:
        context.bot_data[OUTAGE_KEY] = (last, missed + 1)
        return
    context.bot_data[OUTAGE_KEY] = (now, 0)
    also = f" ({missed} more since the last warning)" if missed else ""
    logger.warning("Cannot reach the Bot API: %s: %s; retrying%s", type(error).__name__, error, also)


async def on_error(update: object, context: AnyContext) -> None:
    """Log the error with its traceback; apologise in the update's chat if no reply reached it.

    The apology never contains details of the error. Failing to send it is logged too,
    and never raised.
    """
    update_id = update.update_id if isinstance(update, Update) else None
    error = context.error
    if update is None and isinstance(error, NetworkError) and not isinstance(error, BadRequest):
        _outage(context, error)  # polling while the Bot API is out of reach: no bug, no chat
        return
    logger.error("Error while handling update %s", update_id, exc_info=error)
    if not isinstance(update, Update) or update.effective_chat is None:
        return  # an inline query, or not an update at all: no chat to apologise in
    if isinstance(context.error, Forbidden):
        return  # the bot may not write to this chat (blocked, removed): no apology can arrive
    if isinstance(context.error, ReplyIncomplete):
        return  # the user has part of the answer: an apology would be a second reply
    try:
        engine = get_engine(context)
        apology = engine.texts.get("error_apology", fallback_language(update, context, engine))
        message = update.effective_message
        if isinstance(message, Message):
            await message.reply_text(apology, do_quote=in_group(update))
        else:
            await context.bot.send_message(update.effective_chat.id, apology)
    except Exception:
        logger.exception("Could not send the apology for update %s", update_id)
