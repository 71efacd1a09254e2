"""Send a rendered reply: HTML, no link previews, the keyboard on the last message."""

from __future__ import annotations

from telegram import LinkPreviewOptions, MaybeInaccessibleMessage, Message, ReplyParameters
from telegram.constants import ParseMode

from handlers.render import Reply

NO_PREVIEW = LinkPreviewOptions(is_disabled=True)


async def send_reply(target: MaybeInaccessibleMessage, reply: Reply, *, quote: bool) -> None:
    """Send ``reply`` to the chat of ``target``, in its forum topic if it has one.

    Args:
        target: the message replied to. An inaccessible one (an old keyboard message) still
            gives the chat.
        reply: the chunks to send, in order; the keyboard goes with the last one.
        quote: whether the first chunk is a reply to ``target`` (groups, edited questions).
    """
    last = len(reply.chunks) - 1
    for index, chunk in enumerate(reply.chunks):
        markup = reply.keyboard if index == last else None
        if isinstance(target, Message):
            parameters = None
            if quote and index == 0:
                parameters = ReplyParameters(target.message_id, allow_sending_without_reply=True)
            await target.reply_text(
                chunk,
                parse_mode=ParseMode.HTML,
                link_preview_options=NO_PREVIEW,
                reply_markup=markup,
                reply_parameters=parameters,
                do_quote=False,
            )
        else:
            await target.get_bot().send_message(
                target.chat.id,
                chunk,
                parse_mode=ParseMode.HTML,
                link_preview_options=NO_PREVIEW,
                reply_markup=markup,
            )
