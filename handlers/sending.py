"""Send a rendered reply: HTML, no link previews, the keyboard on the last message.

Each message of a reply is sent with bounded retries (:data:`RETRY`) when the failure is
transient: a network error, a timeout, or a 5xx answer from the Bot API (python-telegram-bot
reports all of them as ``NetworkError``; ``BadRequest`` is one too, but is never retried).
A 429 (``RetryAfter``) is retried by the application's rate limiter, not here; any other error
(``Forbidden``, ``BadRequest``, …) is raised at once. A message already sent is never sent again:
when a later message of the same reply fails for good, :class:`ReplyIncomplete` says so, and the
error handler does not apologise on top of a reply the user partly has.

A retry after a timeout or a broken connection is a trade-off: Telegram may have delivered the
message although the answer never arrived, and the Bot API has no idempotency key, so such a
retry can, rarely, show the user the same message twice. A lost answer is the worse failure for
a question-answering bot, so the bot retries.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass

from telegram import (
    CallbackQuery,
    InlineKeyboardMarkup,
    LinkPreviewOptions,
    MaybeInaccessibleMessage,
    Message,
    ReplyParameters,
)
from telegram.constants import CallbackQueryLimit, ParseMode
from telegram.error import BadRequest, NetworkError, TelegramError

from handlers.render import Reply
from knowledge.textbook import shorten

logger = logging.getLogger(__name__)

NO_PREVIEW = LinkPreviewOptions(is_disabled=True)


@dataclass(frozen=True)
class RetryPolicy:
    """How often one message is tried, and how long to wait between tries.

    Attributes:
        attempts: the most tries of one message (1: no retry).
        backoff: the wait before the second try, in seconds; doubled before each later one.
        max_backoff: the longest wait between two tries, in seconds.
    """

    attempts: int = 4
    backoff: float = 0.5
    max_backoff: float = 4.0

    def __post_init__(self) -> None:
        if self.attempts < 1 or self.backoff < 0 or self.max_backoff < 0:
            raise ValueError("attempts must be at least 1, and the waits not negative")

    def wait(self, failed: int) -> float:
        """The wait after the ``failed``-th failed try (1 for the first), in seconds."""
        return min(self.max_backoff, self.backoff * 2.0 ** (failed - 1))


# The policy of every send; tests replace it (monkeypatch) to keep their waits short. Three
# retries after 0.5, 1 and 2 seconds ride out a restart of Telegram's front ends without
# holding up the updates behind this one for long (updates are handled one at a time).
RETRY = RetryPolicy()


class ReplyIncomplete(TelegramError):
    """Part of a reply was sent, the rest could not be; raised from the last send's error.

    Attributes:
        sent: how many of the reply's messages were sent.
        total: how many messages the reply has.
    """

    def __init__(self, sent: int, total: int) -> None:
        super().__init__(f"sent {sent} of the {total} messages of a reply")
        self.sent = sent
        self.total = total


def is_transient(error: Exception) -> bool:
    """Whether sending again may succeed: a network error, a timeout or a 5xx, not a 400."""
    return isinstance(error, NetworkError) and not isinstance(error, BadRequest)


async def send_reply(target: MaybeInaccessibleMessage, reply: Reply, *, quote: bool) -> None:
    """Send ``reply`` to the chat of ``target``, in its forum topic if it has one.

    Args:
        target: the message replied to. An inaccessible one (an old keyboard message) still
            gives the chat.
        reply: the chunks to send, in order; the keyboard goes with the last one.
        quote: whether the first chunk is a reply to ``target`` (groups, edited questions).

    Raises:
        TelegramError: the last error when the first message could not be sent (after the
            retries of :data:`RETRY` for a transient one); :class:`ReplyIncomplete` from it when
            a later message could not be sent.
    """
    last = len(reply.chunks) - 1
    for index, chunk in enumerate(reply.chunks):
        markup = reply.keyboard if index == last else None
        try:
            await _send_with_retries(target, chunk, markup, quote=quote and index == 0)
        except TelegramError as error:
            if index == 0:
                raise
            raise ReplyIncomplete(index, len(reply.chunks)) from error


async def _send_with_retries(
    target: MaybeInaccessibleMessage, text: str, markup: InlineKeyboardMarkup | None, *, quote: bool
) -> None:
    policy = RETRY
    failed = 0
    while True:
        try:
            await _send(target, text, markup, quote=quote)
            return
        except TelegramError as error:
            failed += 1
            if not is_transient(error) or failed >= policy.attempts:
                raise
            wait = policy.wait(failed)
            logger.warning(
                "Sending to chat %s failed (%s), try %d of %d; trying again in %.2f s",
                target.chat.id,
                error,
                failed,
                policy.attempts,
                wait,
            )
            await asyncio.sleep(wait)


async def _send(
    target: MaybeInaccessibleMessage, text: str, markup: InlineKeyboardMarkup | None, *, quote: bool
) -> None:
    if isinstance(target, Message):
        parameters = ReplyParameters(target.message_id, allow_sending_without_reply=True) if quote else None
        await target.reply_text(
            text,
            parse_mode=ParseMode.HTML,
            link_preview_options=NO_PREVIEW,
            reply_markup=markup,
            reply_parameters=parameters,
            do_quote=False,
        )
    else:
        await target.get_bot().send_message(
            target.chat.id,
            text,
            parse_mode=ParseMode.HTML,
            link_preview_options=NO_PREVIEW,
            reply_markup=markup,
        )


MAX_ALERT_LENGTH = int(CallbackQueryLimit.ANSWER_CALLBACK_QUERY_TEXT_LENGTH)  # 200


async def answer_query(query: CallbackQuery, text: str | None = None) -> None:
    """Answer ``query`` (with ``text`` as a notice, if given); a too old query is only logged."""
    try:
        await query.answer(text=shorten(text, MAX_ALERT_LENGTH) if text else None)
    except BadRequest as error:  # "query is too old": the reply below still matters
        logger.warning("Could not answer callback query %s: %s", query.id, error)
