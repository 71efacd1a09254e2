"""Records questions in the background: answering never waits for the database.

Records, votes and comments are queued and written in batches by one task. When the
database cannot be reached the answers go on: the queue keeps what it can (the oldest
dropped first, with a count), one warning a minute is logged, and writing resumes when the
database is back. A graceful stop writes what is queued. Old rows are deleted daily.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import itertools
import logging
import secrets
import time
from collections import deque
from collections.abc import Awaitable, Callable, Sequence
from typing import NamedTuple

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from bot.store.keys import user_key
from bot.store.schema import feedback, questions
from handlers.log import LogEntry, LogUnavailable, Summary

logger = logging.getLogger(__name__)

MAX_QUEUE = 10_000  # records waiting for the database; beyond it the oldest are dropped
BATCH = 500  # records written in one transaction
FLUSH_SECONDS = 1.0  # how often the queue is written
WARN_EVERY = 60.0  # seconds between two warnings that the database is unreachable
RETRY_SECONDS = (1.0, 2.0, 5.0, 10.0, 30.0)  # waits after failed writes, the last repeated
PURGE_EVERY = 24 * 3600.0
MAX_KEYS = 100_000  # users' hashes kept in memory  # seconds between two deletions of old rows

_UNREACHABLE = (SQLAlchemyError, OSError)  # ConnectionError is an OSError
Grouper = Callable[[Sequence[str]], Sequence[tuple[str, int]]]


# Tuples, not frozen dataclasses: one is made for every question, and a frozen dataclass
# costs a call per field to build.
class _Row(NamedTuple):
    """A question as stored."""

    id: str
    at: dt.datetime
    chat_type: str
    lang: str
    question: str
    outcome: str
    followup: bool
    entry: str | None
    confidence: float
    engine_ms: float
    kb_version: str
    user_key: str


class _Vote(NamedTuple):
    question_id: str
    user_key: str
    vote: int | None  # None: only a comment
    comment: str | None
    at: dt.datetime


class Recorder:
    """The question log's writer (and the few reads the bot itself needs).

    Args:
        engine: the database (its schema already upgraded).
        secret: the key of the users' hashes (``LOG_SECRET``).
        kb_version: the version of the knowledge base, stamped on each record; updated
            on a reload through :attr:`kb_version`.
        retention_days: rows older than this are deleted daily (0 keeps them).
        group: groups unanswered questions for :meth:`summary` (the report's grouping).
        now: the current time (tests set it).
        prepare: brings the schema up to date before the first write (retried until it works).
    """

    def __init__(
        self,
        engine: AsyncEngine,
        secret: bytes,
        kb_version: str,
        *,
        retention_days: int = 90,
        group: Grouper | None = None,
        now: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.UTC),
        max_queue: int = MAX_QUEUE,
        prepare: Callable[[], Awaitable[None]] | None = None,
    ) -> None:
        self.engine = engine
        self.kb_version = kb_version
        self._secret = secret
        self.retention_days = retention_days
        self._group = group
        self._now = now
        self._queue: deque[_Row | _Vote] = deque()
        self._max_queue = max_queue
        self._wake = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._dropped = 0
        self._failures = 0
        self._warned = float("-inf")
        self._purged = float("-inf")
        self._prepare = prepare
        self._stopping = False
        self._ids = itertools.count()
        self._id_prefix = secrets.token_hex(8)  # this process's records: a random half, a counter
        self._keys: dict[int, str] = {}

    # -- the handlers' side ------------------------------------------------------------

    def record(self, entry: LogEntry) -> str:
        """Queue a question; its id, which feedback on the answer names."""
        row = _Row(
            id=f"{self._id_prefix}{next(self._ids):016x}",  # unique without a system call each
            at=self._now(),
            chat_type=entry.chat_type,
            lang=entry.lang,
            question=entry.question,
            outcome=entry.outcome,
            followup=entry.followup,
            entry=entry.entry,
            confidence=round(entry.confidence, 4),
            engine_ms=round(entry.engine_ms, 3),
            kb_version=self.kb_version,
            user_key=self._key(entry.user_id),
        )
        self._put(row)
        return row.id

    def _key(self, user_id: int) -> str:
        """The user's keyed hash, remembered for the users seen lately."""
        key = self._keys.get(user_id)
        if key is None:
            if len(self._keys) >= MAX_KEYS:
                self._keys.clear()
            key = self._keys[user_id] = user_key(self._secret, user_id)
        return key

    async def vote(self, question_id: str, user_id: int, vote: int) -> None:
        """Queue a vote on an answer (+1 or -1)."""
        self._put(_Vote(question_id, self._key(user_id), 1 if vote > 0 else -1, None, self._now()))

    async def comment(self, question_id: str, user_id: int, text: str) -> None:
        """Queue what the user says was wrong with an answer."""
        self._put(_Vote(question_id, self._key(user_id), None, text, self._now()))

    async def forget(self, user_id: int) -> int:
        """Delete every record of the user now (what is queued included); how many questions.

        Raises:
            LogUnavailable: the database cannot be reached (nothing is deleted).
        """
        key = self._key(user_id)
        try:
            async with self.engine.begin() as connection:
                await connection.execute(delete(feedback).where(feedback.c.user_key == key))
                result = await connection.execute(delete(questions).where(questions.c.user_key == key))
        except _UNREACHABLE as error:
            raise LogUnavailable(f"the question log is unreachable ({type(error).__name__})") from error
        queued = [item for item in self._queue if item.user_key == key]
        for item in queued:  # only now: a failed /forget keeps everything, as it says
            self._queue.remove(item)
        return result.rowcount + sum(isinstance(item, _Row) for item in queued)

    async def summary(self, days: int) -> Summary:
        """The last ``days`` days in figures, with the most frequent unanswered questions.

        Raises:
            LogUnavailable: the database cannot be reached.
        """
        await self._drain()  # what is queued counts too
        since = self._now() - dt.timedelta(days=days)
        q = questions.c
        try:
            async with self.engine.connect() as connection:
                query = select(q.outcome, q.lang, q.question, q.user_key).where(q.at >= since)
                rows = (await connection.execute(query)).all()
        except _UNREACHABLE as error:
            raise LogUnavailable(f"the question log is unreachable ({type(error).__name__})") from error
        outcomes = [r.outcome for r in rows]
        languages: dict[str, int] = {}
        for row in rows:
            languages[row.lang] = languages.get(row.lang, 0) + 1
        unanswered = [r.question for r in rows if r.outcome in ("decline", "clarify")]
        groups = self._group(unanswered) if self._group else [(text, 1) for text in unanswered]
        return Summary(
            days=days,
            questions=len(rows),
            answered=outcomes.count("answer"),
            declined=outcomes.count("decline"),
            clarified=outcomes.count("clarify"),
            users=len({r.user_key for r in rows}),
            by_language=dict(sorted(languages.items(), key=lambda kv: -kv[1])),
            unanswered=list(groups)[:5],
        )

    # -- the writer --------------------------------------------------------------------

    @property
    def queued(self) -> int:
        """How many records and votes wait to be written."""
        return len(self._queue)

    @property
    def dropped(self) -> int:
        """How many were dropped because the queue was full."""
        return self._dropped

    async def start(self) -> None:
        """Start writing in the background."""
        if self._task is None:
            self._task = asyncio.create_task(self._run(), name="question-log")

    async def stop(self, timeout: float = 10.0) -> None:
        """Write what is queued (for at most ``timeout`` seconds), then stop.

        The writer finishes the write it is in (cancelling a database call midway can leave
        its connection hanging); only past ``timeout`` is it cancelled.
        """
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        task, self._task = self._task, None
        if task is not None:
            self._stopping = True
            self._wake.set()
            try:
                await asyncio.wait_for(asyncio.shield(task), timeout)
            except TimeoutError:
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await task
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._drain(), max(0.0, deadline - loop.time()))
        if self._queue:
            logger.warning("Stopped with %d question records not written", len(self._queue))

    async def flush(self) -> None:
        """Write everything queued now (tests, and a stop)."""
        await self._drain()

    async def _drain(self) -> None:
        while self._queue:
            if not await self._write_batch():
                return

    def _put(self, item: _Row | _Vote) -> None:
        if len(self._queue) >= self._max_queue:
            self._queue.popleft()
            self._dropped += 1
            if self._dropped == 1 or self._dropped % 1000 == 0:
                logger.warning("Question log queue full: %d records dropped so far", self._dropped)
        self._queue.append(item)
        if len(self._queue) >= BATCH:
            self._wake.set()

    async def _run(self) -> None:
        await self._ready()  # the schema is brought up to date at start, if the database is there
        while not self._stopping:
            pause = RETRY_SECONDS[min(self._failures, len(RETRY_SECONDS)) - 1] if self._failures else 0
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), max(FLUSH_SECONDS, pause))
            self._wake.clear()
            if self._stopping:
                return  # stop() writes what is left
            # What was queued by now, in batches; what comes meanwhile waits for the next turn
            # (writing on as records trickle in would commit one by one, each with an fsync).
            waiting = len(self._queue)
            while waiting > 0 and await self._write_batch():
                waiting -= BATCH
            if not self._failures and self.retention_days and time.monotonic() - self._purged >= PURGE_EVERY:
                await self._guard(self._purge)

    async def _write_batch(self) -> bool:
        """Write up to a batch from the queue; False (the batch kept) when the database fails."""
        if not await self._ready():
            return False
        batch = [self._queue[i] for i in range(min(BATCH, len(self._queue)))]
        ok = await self._guard(lambda: self._write(batch))
        if ok:
            for _ in batch:
                self._queue.popleft()
        return ok

    async def _ready(self) -> bool:
        """Prepare the schema once; False while that fails."""
        if self._prepare is not None:
            if not await self._guard(self._prepare):
                return False
            self._prepare = None
        return True

    async def _write(self, batch: list[_Row | _Vote]) -> None:
        rows = [item._asdict() for item in batch if isinstance(item, _Row)]
        if rows:
            async with self.engine.begin() as connection:
                await connection.execute(insert(questions), rows)
        for item in batch:
            if isinstance(item, _Vote):
                try:
                    async with self.engine.begin() as connection:
                        await _save_vote(connection, item)
                except IntegrityError:  # its question was dropped or forgotten
                    logger.debug("Feedback on an unknown question %s dropped", item.question_id)

    async def _purge(self) -> None:
        cutoff = self._now() - dt.timedelta(days=self.retention_days)
        async with self.engine.begin() as connection:
            old = select(questions.c.id).where(questions.c.at < cutoff)
            await connection.execute(delete(feedback).where(feedback.c.question_id.in_(old)))
            result = await connection.execute(delete(questions).where(questions.c.at < cutoff))
        self._purged = time.monotonic()
        if result.rowcount:
            days = self.retention_days
            logger.info("Deleted %d question records older than %d days", result.rowcount, days)

    async def purge(self) -> None:
        """Delete the rows older than the retention now."""
        await self._purge()

    async def _guard(self, write: Callable[[], Awaitable[None]]) -> bool:
        """Run a database write; on failure log at most one warning a minute and say so."""
        try:
            await write()
        except _UNREACHABLE as error:
            self._failures += 1
            if time.monotonic() - self._warned >= WARN_EVERY:
                self._warned = time.monotonic()
                logger.warning(
                    "Question log unreachable (%s); answers go on, %d records wait",
                    type(error).__name__,
                    len(self._queue),
                )
            return False
        if self._failures:
            logger.info("Question log reachable again; writing %d queued records", len(self._queue))
        self._failures = 0
        return True


async def _save_vote(connection: AsyncConnection, item: _Vote) -> None:
    """A vote replaces the user's earlier vote on the answer; a comment keeps the vote."""
    f = feedback.c
    where = (f.question_id == item.question_id) & (f.user_key == item.user_key)
    values: dict[str, object] = {"at": item.at}
    if item.vote is not None:
        values["vote"] = item.vote
    if item.comment is not None:
        values["comment"] = item.comment
    result = await connection.execute(update(feedback).where(where).values(**values))
    if result.rowcount == 0:
        row = {"question_id": item.question_id, "user_key": item.user_key, "vote": item.vote or -1}
        await connection.execute(insert(feedback).values(**row, comment=item.comment, at=item.at))


async def count_questions(engine: AsyncEngine) -> int:
    """How many questions the log holds (for tests and the report's heading)."""
    async with engine.connect() as connection:
        return int((await connection.execute(select(func.count()).select_from(questions))).scalar_one())
