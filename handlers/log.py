"""What the handlers tell the question log, and what they ask of it.

The runtime passes in an implementation (``bot.store.recorder.Recorder``) through
``bot_data``; without one, nothing is recorded. The handlers hand over the user's Telegram
id only for the log to turn into a keyed hash: the log never stores it, nor names, nor
chat ids.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import NamedTuple, Protocol

from telegram import Update
from telegram.constants import ChatType

from handlers.context import AnyContext
from knowledge import Answer

LOG_KEY = "question_log"
PRIVATE, GROUP, INLINE = "private", "group", "inline"


class LogUnavailable(Exception):
    """The log's database cannot be reached just now."""


class LogEntry(NamedTuple):
    """One question and how the bot answered it (a tuple: made for every question, cheaply)."""

    chat_type: str  # private, group, inline
    lang: str
    question: str
    outcome: str  # answer, clarify, decline, chat
    followup: bool
    entry: str | None
    confidence: float
    engine_ms: float
    user_id: int


@dataclass(frozen=True)
class Summary:
    """The last days of the log, for ``/stats``."""

    days: int
    questions: int
    answered: int
    declined: int
    clarified: int
    users: int
    by_language: dict[str, int] = field(default_factory=dict)
    unanswered: Sequence[tuple[str, int]] = ()  # the most frequent groups: an example, a count


class QuestionLog(Protocol):
    """The question log, as the handlers use it."""

    def record(self, entry: LogEntry) -> str:
        """Queue ``entry``; its id, which feedback on the answer names."""

    async def vote(self, question_id: str, user_id: int, vote: int) -> None:
        """Record a 👍 (+1) or 👎 (-1) on an answer; a second press changes the vote."""

    async def comment(self, question_id: str, user_id: int, text: str) -> None:
        """Keep what the user says was wrong with an answer."""

    async def forget(self, user_id: int) -> int:
        """Delete every record of the user now; how many questions went.

        Raises:
            LogUnavailable: the database cannot be reached.
        """

    async def summary(self, days: int) -> Summary:
        """The last ``days`` days in figures.

        Raises:
            LogUnavailable: the database cannot be reached.
        """

    @property
    def retention_days(self) -> int:
        """How many days a record is kept (0: until deleted by hand)."""


def question_log(context: AnyContext) -> QuestionLog | None:
    """The log in ``bot_data``, if the runtime set one."""
    log: QuestionLog | None = context.bot_data.get(LOG_KEY)
    return log


def chat_type(update: Update) -> str:
    """Where a question was asked: private, group, or inline."""
    if update.chosen_inline_result is not None or update.inline_query is not None:
        return INLINE
    chat = update.effective_chat
    return PRIVATE if chat is not None and chat.type == ChatType.PRIVATE else GROUP


def record_question(
    update: Update, context: AnyContext, question: str, answer: Answer, engine_ms: float
) -> str | None:
    """Log a question and its answer; the record's id, or None when nothing is recorded."""
    log = question_log(context)
    user = update.effective_user
    if log is None or user is None:
        return None
    return log.record(
        LogEntry(
            chat_type=chat_type(update),
            lang=answer.lang,
            question=question,
            outcome=answer.outcome.value,
            followup=answer.followup,
            entry=answer.entry_id,
            confidence=answer.confidence,
            engine_ms=engine_ms,
            user_id=user.id,
        )
    )
