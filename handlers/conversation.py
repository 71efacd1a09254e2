"""Each person's conversation, for follow-ups ("and in 2012?").

A private chat is one conversation; in a group each member has their own, so that two
members never continue each other's questions. Threads live in ``chat_data`` (in memory
only: losing them on a restart is acceptable) and never cross chats. :func:`prune` keeps
that memory from growing with every chat the bot ever saw.
"""

from __future__ import annotations

import time
from collections.abc import Mapping, MutableMapping
from typing import Any

from telegram import Update

from handlers.context import AnyContext
from knowledge.followup import CONTEXT_SECONDS, Thread
from knowledge.result import Answer

THREADS_KEY = "threads"
SEEN_KEY = "seen"  # when the chat's language was last remembered (handlers/language.py)
CLOCK_KEY = "clock"
# A chat quiet this long is forgotten: its last language and anything still pending.
IDLE_SECONDS = 24 * 60 * 60


def now(context: AnyContext) -> float:
    """The time on the application's clock (tests set a fake one in ``bot_data``)."""
    return clock_time(context.bot_data)


def clock_time(bot_data: Mapping[str, Any]) -> float:
    """The time on the clock kept in ``bot_data`` (the monotonic clock without one)."""
    clock = bot_data.get(CLOCK_KEY, time.monotonic)
    return float(clock())


def prune(chat_data: MutableMapping[str, Any], at: float) -> bool:
    """Drop the chat's threads that no longer carry a conversation; True when the chat is idle.

    A thread silent for longer than a conversation lasts answers as a new one would, so
    dropping it changes nothing. An idle chat (no conversation left, and no reply for
    :data:`IDLE_SECONDS`) may be forgotten whole.
    """
    threads = chat_data.get(THREADS_KEY)
    if isinstance(threads, dict):
        for user_id in [u for u, t in threads.items() if at - t.last > CONTEXT_SECONDS]:
            del threads[user_id]
    return not threads and at - float(chat_data.get(SEEN_KEY, float("-inf"))) > IDLE_SECONDS


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
