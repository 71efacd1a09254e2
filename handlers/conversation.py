"""Each person's conversation, for follow-ups ("and in 2012?").

A private chat is one conversation; in a group each member has their own, so that two
members never continue each other's questions. Threads live in ``chat_data`` (in memory
only: losing them on a restart is acceptable) and never cross chats.
"""

from __future__ import annotations

import time

from telegram import Update

from handlers.context import AnyContext
from knowledge.followup import Thread
from knowledge.result import Answer

THREADS_KEY = "threads"
CLOCK_KEY = "clock"


def now(context: AnyContext) -> float:
    """The time on the application's clock (tests set a fake one in ``bot_data``)."""
    clock = context.bot_data.get(CLOCK_KEY, time.monotonic)
    return float(clock())


def thread(update: Update, context: AnyContext) -> Thread | None:
    """The conversation of the update's sender in its chat (None outside a chat)."""
    user = update.effective_user
    if not isinstance(context.chat_data, dict) or user is None:
        return None
    threads: dict[int, Thread] = context.chat_data.setdefault(THREADS_KEY, {})
    return threads.setdefault(user.id, Thread())


def heard(update: Update, context: AnyContext, answer: Answer) -> None:
    """Remember what ``answer`` was about, for the sender's next message."""
    found = thread(update, context)
    if found is not None:
        found.heard(now(context), answer.frame)
