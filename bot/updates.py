"""Updates handled concurrently, each chat's in the order they came.

python-telegram-bot handles one update at a time by default, so one user's send retries
(up to seconds) hold up everyone queued behind; its ``SimpleUpdateProcessor`` runs updates
concurrently but may answer a chat's second message before its first. This processor runs
updates of different chats at once and those of one chat (or, without a chat, one user) one
after the other, in order.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from typing import Any

from telegram import Update
from telegram.ext import BaseUpdateProcessor

# Updates in progress at once. Each costs CPU to interleave on a small machine: on 2 cores the
# bot answered 342 messages a second with 4, 297 with 8 and 196 with 64 (make bench, limits off).
MAX_CONCURRENT_UPDATES = 4


def _key(update: object) -> int | None:
    """What orders an update: its chat, else its user (inline queries), else nothing."""
    if not isinstance(update, Update):
        return None
    if update.effective_chat is not None:
        return update.effective_chat.id
    return update.effective_user.id if update.effective_user is not None else None


class PerChatUpdateProcessor(BaseUpdateProcessor):
    """Concurrent across chats, in order within a chat."""

    def __init__(self, max_concurrent_updates: int = MAX_CONCURRENT_UPDATES) -> None:
        super().__init__(max_concurrent_updates)
        self._chats: dict[int, tuple[asyncio.Lock, list[int]]] = {}  # a lock and how many hold or wait

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        """Run ``coroutine`` once the chat's earlier updates are done (asyncio locks are FIFO)."""
        key = _key(update)
        if key is None:
            await coroutine
            return
        lock, users = self._chats.setdefault(key, (asyncio.Lock(), [0]))
        users[0] += 1
        try:
            async with lock:
                await coroutine
        finally:
            users[0] -= 1
            if not users[0]:
                del self._chats[key]  # no update of the chat holds or waits: nothing to keep

    @property
    def chats(self) -> int:
        """How many chats have updates in progress."""
        return len(self._chats)

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to close."""
