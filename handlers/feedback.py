"""👍 and 👎 under an answer, and the comment a 👎 invites.

A press records the vote (a second press changes it) and takes the two buttons off the
answer. In a private chat a 👎 also asks what was wrong: the user's next text message, if
it comes within :data:`COMMENT_SECONDS`, is kept as the comment instead of being answered
(the private question handler asks :func:`take_comment` first).
"""

from __future__ import annotations

import logging

from telegram import Message, Update
from telegram.constants import ChatType
from telegram.error import BadRequest

from handlers.context import AnyContext, get_engine
from handlers.conversation import now
from handlers.keyboards import parse_choice, without_feedback
from handlers.language import fallback_language
from handlers.log import question_log
from handlers.render import text_reply
from handlers.sending import answer_query, send_reply

logger = logging.getLogger(__name__)

COMMENT_KEY = "feedback_comment"  # in chat_data: the record a 👎 asked a comment on, and until when
COMMENT_SECONDS = 120.0
MAX_COMMENT = 1000  # characters kept of a comment


async def on_feedback(update: Update, context: AnyContext) -> None:
    """Record a pressed 👍 or 👎, thank the user, and take the buttons off the answer."""
    query = update.callback_query
    user = update.effective_user
    if query is None or user is None:
        return
    engine = get_engine(context)
    lang = fallback_language(update, context, engine)
    log, choice = question_log(context), parse_choice(query.data)
    if log is None:  # recording was turned off since the answer was sent
        await answer_query(query, engine.texts.get("stale_choice", lang))
        return
    await log.vote(choice.entry_id, user.id, choice.vote)
    await answer_query(query, engine.texts.get("feedback_thanks", lang))
    message = query.message
    if message is None:
        return
    if isinstance(message, Message):
        try:
            await query.edit_message_reply_markup(without_feedback(message.reply_markup))
        except BadRequest as error:  # already edited by a double press
            logger.debug("Could not take the feedback buttons off: %s", error)
    if choice.vote < 0 and message.chat.type == ChatType.PRIVATE and isinstance(context.chat_data, dict):
        context.chat_data[COMMENT_KEY] = (choice.entry_id, now(context) + COMMENT_SECONDS)
        await send_reply(message, text_reply(engine.texts.get("feedback_ask_comment", lang)), quote=False)


async def take_comment(update: Update, context: AnyContext) -> bool:
    """Keep a private message as the comment a 👎 asked for; whether it was one (then it is not answered).

    Any later message ends the wait for a comment, whether it is taken or not.
    """
    message = update.message  # an edit is never a comment
    user = update.effective_user
    if message is None or message.text is None or user is None or not isinstance(context.chat_data, dict):
        return False
    pending = context.chat_data.pop(COMMENT_KEY, None)
    log = question_log(context)
    if pending is None or log is None or now(context) > pending[1]:
        return False
    await log.comment(pending[0], user.id, message.text[:MAX_COMMENT])
    engine = get_engine(context)
    thanks = engine.texts.get("feedback_comment_thanks", fallback_language(update, context, engine))
    await send_reply(message, text_reply(thanks), quote=False)
    return True
