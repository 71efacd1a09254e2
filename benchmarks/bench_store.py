"""The question log's store: how fast the recorder writes, and how big a day of records is.

* write rate: ``RECORDS`` records (the development questions in turn, with realistic
  outcomes and entries) queued, then written by :meth:`Recorder.flush` in its batches;
* a day: 10,000 questions spread over 24 hours, with a vote on one answer in 20 and a
  comment on one in 100, then the database's size on disk (SQLite: the file after a
  checkpoint; PostgreSQL: the tables with their indexes and TOAST).

SQLite always; PostgreSQL when the machine has its binaries (``tests/postgres.py`` starts
a throwaway server). Run it alone with ``python -m benchmarks.bench_store``.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import itertools
import sqlite3
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from bot.store.database import open_database, upgrade
from bot.store.recorder import Recorder
from handlers.log import LogEntry
from tests.postgres import PostgresServer, binaries

RECORDS = 20_000
DAY = 10_000
OUTCOMES = ["answer"] * 14 + ["clarify"] * 2 + ["decline"] * 3 + ["chat"]  # roughly as in the eval sets
LANGS = ["en", "ru", "it", "kk"]


@dataclass
class StoreResult:
    """One database's figures; ``missing`` says why there are none."""

    database: str
    records: int = 0
    write_seconds: float | None = None
    day_bytes: int | None = None
    missing: str | None = None

    @property
    def rate(self) -> float | None:
        """Records written per second."""
        return self.records / self.write_seconds if self.write_seconds else None


def _entries(count: int) -> Iterator[LogEntry]:
    from benchmarks.bench_e2e import questions

    texts = itertools.cycle(questions())
    for number in range(count):
        outcome = OUTCOMES[number % len(OUTCOMES)]
        yield LogEntry(
            chat_type="private" if number % 5 else "group",
            lang=LANGS[number % len(LANGS)],
            question=next(texts),
            outcome=outcome,
            followup=number % 7 == 0,
            entry=f"entry-{number % 81}" if outcome == "answer" else None,
            confidence=0.8,
            engine_ms=0.7,
            user_id=number % 1500,
        )


async def _measure(url: str, result: StoreResult, size: Size) -> None:
    engine = open_database(url)
    try:
        await upgrade(engine)
        log = Recorder(engine, b"bench-secret", "bench", max_queue=RECORDS + DAY)
        for item in _entries(RECORDS):
            log.record(item)
        started = time.perf_counter()
        await log.flush()
        result.write_seconds, result.records = time.perf_counter() - started, RECORDS
        async with engine.begin() as connection:  # a day in a database of its own size
            await connection.exec_driver_sql("DELETE FROM questions")
        clock = {"now": dt.datetime(2026, 11, 1, tzinfo=dt.UTC)}
        day = Recorder(engine, b"bench-secret", "bench", max_queue=2 * DAY, now=lambda: clock["now"])
        for number, item in enumerate(_entries(DAY)):
            clock["now"] += dt.timedelta(seconds=86_400 / DAY)
            record = day.record(item)
            if number % 20 == 0:
                await day.vote(record, item.user_id, -1 if number % 40 == 0 else 1)
            if number % 100 == 0:
                await day.comment(record, item.user_id, "The year is wrong, it was 2009 not 2008.")
        await day.flush()
        result.day_bytes = await size(engine)
    finally:
        await engine.dispose()


class Size:
    """How a database measures its size on disk."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path

    async def __call__(self, engine: object) -> int:
        if self.path is not None:  # SQLite: the file once the write-ahead log is folded in
            with contextlib.closing(sqlite3.connect(self.path)) as connection:
                connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                connection.execute("VACUUM")
            return self.path.stat().st_size
        from sqlalchemy.ext.asyncio import AsyncEngine

        assert isinstance(engine, AsyncEngine)
        autocommit = engine.execution_options(isolation_level="AUTOCOMMIT")
        async with autocommit.connect() as connection:  # VACUUM runs outside a transaction
            await connection.exec_driver_sql("VACUUM FULL questions")
            await connection.exec_driver_sql("VACUUM FULL feedback")
        async with engine.connect() as connection:
            found = await connection.exec_driver_sql(
                "SELECT pg_total_relation_size('questions') + pg_total_relation_size('feedback')"
            )
            return int(found.scalar_one())


def measure() -> list[StoreResult]:
    """SQLite, then PostgreSQL if it can be started here."""
    results = []
    with tempfile.TemporaryDirectory(prefix="bench-store-") as folder:
        path = Path(folder) / "questions.db"
        sqlite = StoreResult("SQLite")
        asyncio.run(_measure(f"sqlite+aiosqlite:///{path}", sqlite, Size(path)))
        results.append(sqlite)
    postgres = StoreResult("PostgreSQL")
    found = binaries()
    if found is None:
        postgres.missing = "PostgreSQL is not installed on this machine"
    else:
        server = PostgresServer(found)
        server.start()
        try:
            asyncio.run(_measure(server.create_database("bench"), postgres, Size()))
        finally:
            server.stop()
    results.append(postgres)
    return results


def describe(result: StoreResult) -> str:
    """One line of figures."""
    if result.missing:
        return f"{result.database}: not measured: {result.missing}"
    assert result.rate is not None and result.day_bytes is not None
    return (
        f"{result.database}: {result.records:,} records written in {result.write_seconds:.2f} s = "
        f"{result.rate:,.0f} records/s; a day of {DAY:,} questions takes "
        f"{result.day_bytes / 2**20:.1f} MiB ({result.day_bytes / DAY:.0f} bytes a question)"
    )


if __name__ == "__main__":
    for found in measure():
        print(describe(found))
