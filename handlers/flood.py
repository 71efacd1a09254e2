"""Flood guard: at most ``limit`` updates per user in any ``window`` seconds.

The first update over the limit gets one warning; later ones are dropped silently until
the window has room again. Only updates the bot would act on count: group chatter that
no handler takes neither counts nor gets a warning.
"""

from __future__ import annotations

import functools
import math
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum

from telegram import Message, Update
from telegram.ext import ApplicationHandlerStop

from handlers.context import AnyContext, Callback, get_engine, in_group
from handlers.language import reply_language
from handlers.render import text_reply
from handlers.sending import answer_query, send_reply

Clock = Callable[[], float]


class Verdict(StrEnum):
    """What to do with one update."""

    ALLOW = "allow"
    WARN = "warn"  # the first over the limit
    DROP = "drop"  # over the limit, already warned


@dataclass
class _Sender:
    times: deque[float] = field(default_factory=deque)
    warned: bool = False


class SlidingWindow:
    """Counts each sender's updates over the last ``window`` seconds of a monotonic clock.

    Args:
        limit: the most updates allowed in any window.
        window: the length of the window, in seconds.
        clock: a monotonic clock in seconds (``time.monotonic``; a fake one in tests).
    """

    def __init__(self, limit: int, window: float, clock: Clock = time.monotonic) -> None:
        if limit < 1 or window <= 0:
            raise ValueError("the flood limit must be at least 1 and the window positive")
        self.limit = limit
        self.window = window
        self._clock = clock
        self._senders: dict[int, _Sender] = {}
        self._swept = clock()

    def check(self, sender_id: int) -> Verdict:
        """Record an update from ``sender_id`` if allowed, and say what to do with it.

        Updates over the limit are not recorded, so a sender who keeps sending is let
        through again as soon as the oldest allowed update leaves the window.
        """
        now = self._clock()
        self._sweep(now)
        sender = self._senders.setdefault(sender_id, _Sender())
        self._expire(sender, now)
        if len(sender.times) < self.limit:
            sender.times.append(now)
            sender.warned = False
            return Verdict.ALLOW
        if sender.warned:
            return Verdict.DROP
        sender.warned = True
        return Verdict.WARN

    def retry_after(self, sender_id: int) -> float:
        """Seconds until ``sender_id`` may send again (0 when it may now)."""
        sender = self._senders.get(sender_id)
        if sender is None or len(sender.times) < self.limit:
            return 0.0
        return max(0.0, sender.times[0] + self.window - self._clock())

    def _expire(self, sender: _Sender, now: float) -> None:
        while sender.times and sender.times[0] <= now - self.window:
            sender.times.popleft()

    def _sweep(self, now: float) -> None:
        """Forget senders with nothing left in the window (at most once per window)."""
        if now - self._swept < self.window:
            return
        self._swept = now
        for sender_id, sender in list(self._senders.items()):
            self._expire(sender, now)
            if not sender.times:
                del self._senders[sender_id]


@dataclass(frozen=True)
class FloodLimit:
    """At most ``limit`` updates per user in any ``window`` seconds."""

    limit: int
    window: float


# Set on an update's context once it is counted and allowed: a later handler that takes the
# same update (a private message the comment handler let through) does not count it again.
_ALLOWED = "flood_allowed"


class FloodGuard:
    """Applies a :class:`SlidingWindow` in the callbacks of the handlers that take an update.

    The update is counted by the first guarded callback that runs for it, so only updates the
    bot acts on count, and no handler's filters run twice. Over the limit, the callback
    raises ``ApplicationHandlerStop`` instead of running, so no other handler sees the
    update. A message gets the warning as a reply, a callback query as its answer (and a
    silent answer once dropped, so the client stops waiting); an inline query is dropped.
    """

    def __init__(self, limit: FloodLimit, clock: Clock = time.monotonic) -> None:
        self.window = SlidingWindow(limit.limit, limit.window, clock)

    def wrap(self, callback: Callback) -> Callback:
        """``callback``, run only for an update within the limit."""

        @functools.wraps(callback)
        async def guarded(update: Update, context: AnyContext) -> None:
            await self.check(update, context)
            await callback(update, context)

        return guarded

    async def check(self, update: Update, context: AnyContext) -> None:
        """Let ``update`` through, or warn and stop, or stop."""
        state = vars(context)
        sender = update.effective_sender
        if sender is None or state.get(_ALLOWED):
            return
        verdict = self.window.check(sender.id)
        if verdict is Verdict.ALLOW:
            state[_ALLOWED] = True
            return
        warning = None
        if verdict is Verdict.WARN:
            seconds = max(1, math.ceil(self.window.retry_after(sender.id)))
            engine = get_engine(context)
            message = update.effective_message
            text = message.text or "" if isinstance(message, Message) else ""
            lang = reply_language(update, context, engine, text)
            warning = engine.texts.get("flood_warning", lang, seconds=seconds)
        if update.callback_query is not None:
            await answer_query(update.callback_query, warning)
        elif warning is not None and isinstance(update.effective_message, Message):
            await send_reply(update.effective_message, text_reply(warning), quote=in_group(update))
        raise ApplicationHandlerStop
