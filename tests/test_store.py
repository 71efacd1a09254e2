"""The question log's store against real databases: a SQLite file and a PostgreSQL server.

Every test that takes ``database`` runs on both; the outage tests stop and restart the
session's PostgreSQL server.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from collections.abc import AsyncIterator
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.store.database import database_url, open_database, schema_version, upgrade
from bot.store.keys import log_secret, user_key
from bot.store.persistence import DatabasePersistence
from bot.store.recorder import Recorder, count_questions
from bot.store.schema import feedback, questions
from handlers.log import LogEntry, LogUnavailable
from tests.postgres import PostgresServer

HEAD = "0002"
SECRET = b"test-secret"
START = dt.datetime(2026, 11, 1, 12, 0, tzinfo=dt.UTC)


def entry(
    question: str = "When did Prodi visit?", *, user: int = 42, outcome: str = "answer", **more: Any
) -> LogEntry:
    values: dict[str, Any] = {
        "chat_type": "private",
        "lang": "en",
        "question": question,
        "outcome": outcome,
        "followup": False,
        "entry": "visits_prodi" if outcome == "answer" else None,
        "confidence": 0.91,
        "engine_ms": 0.6,
        "user_id": user,
    }
    return LogEntry(**(values | more))


class Clock:
    """The recorder's wall clock, moved by hand."""

    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> dt.datetime:
        return self.now


@pytest.fixture
async def engine_of(database: str) -> AsyncIterator[AsyncEngine]:
    engine = open_database(database)
    yield engine
    await engine.dispose()


@pytest.fixture
async def recorder(engine_of: AsyncEngine) -> AsyncIterator[Recorder]:
    await upgrade(engine_of)
    log = Recorder(engine_of, SECRET, "kb1", now=Clock())
    yield log
    await log.stop(timeout=1)


async def rows(engine: AsyncEngine, table: sa.Table = questions) -> list[sa.Row[Any]]:
    async with engine.connect() as connection:
        return list((await connection.execute(sa.select(table))).all())


# -- where and what -------------------------------------------------------------------------


def test_the_default_store_is_sqlite_in_the_data_dir(tmp_path: Any) -> None:
    assert database_url(tmp_path) == f"sqlite+aiosqlite:///{tmp_path / 'questions.db'}"
    assert database_url(tmp_path, "postgresql://u:p@db:5432/bot") == "postgresql+asyncpg://u:p@db:5432/bot"
    assert database_url(tmp_path, "postgres://db/bot") == "postgresql+asyncpg://db/bot"


def test_the_log_secret_is_generated_once_readable_by_the_owner_only(tmp_path: Any) -> None:
    first = log_secret(tmp_path)
    assert log_secret(tmp_path) == first and len(first) == 64
    assert (tmp_path / "log_secret").stat().st_mode & 0o777 == 0o600
    assert log_secret(tmp_path, "configured") == b"configured"


def test_a_user_is_a_keyed_hash_that_depends_on_the_secret() -> None:
    assert user_key(SECRET, 42) == user_key(SECRET, 42)
    assert user_key(SECRET, 42) != user_key(SECRET, 43)
    assert user_key(SECRET, 42) != user_key(b"other", 42)
    assert len(user_key(SECRET, 42)) == 32


# -- migrations -------------------------------------------------------------------------------


async def test_migrations_build_every_table_from_an_empty_database(engine_of: AsyncEngine) -> None:
    assert await schema_version(engine_of) is None
    await upgrade(engine_of)
    assert await schema_version(engine_of) == HEAD
    async with engine_of.connect() as connection:
        tables = await connection.run_sync(lambda c: set(sa.inspect(c).get_table_names()))
    assert {"questions", "feedback", "user_data", "alembic_version"} <= tables
    await upgrade(engine_of)  # a second run changes nothing
    assert await schema_version(engine_of) == HEAD


async def test_migrating_from_the_first_version_keeps_its_rows(engine_of: AsyncEngine) -> None:
    await upgrade(engine_of, "0001")
    old = {
        "id": "a" * 32, "at": START, "chat_type": "group", "lang": "ru", "question": "товарооборот 2013",
        "outcome": "answer", "entry": "trade_2013", "confidence": 0.8, "engine_ms": 1.0,
        "kb_version": "old", "user_key": "b" * 32,
    }  # fmt: skip
    async with engine_of.begin() as connection:
        await connection.execute(sa.text(
            "INSERT INTO questions (id, at, chat_type, lang, question, outcome, entry, confidence,"
            " engine_ms, kb_version, user_key) VALUES (:id, :at, :chat_type, :lang, :question,"
            " :outcome, :entry, :confidence, :engine_ms, :kb_version, :user_key)"
        ), old)  # fmt: skip
    await upgrade(engine_of)
    assert await schema_version(engine_of) == HEAD
    (row,) = await rows(engine_of)
    assert (row.question, row.lang, row.followup) == ("товарооборот 2013", "ru", False)
    log = Recorder(engine_of, SECRET, "kb2")
    await log.vote(row.id, 42, -1)  # the new table works with the old row
    await log.flush()
    assert [(f.question_id, f.vote) for f in await rows(engine_of, feedback)] == [(row.id, -1)]


# -- recording ----------------------------------------------------------------------------------


async def test_a_record_keeps_what_was_asked_and_answered_but_never_the_user(recorder: Recorder) -> None:
    record = recorder.record(entry(user=987654321, followup=True))
    assert recorder.queued == 1  # queued: nothing written before the flush
    assert await count_questions(recorder.engine) == 0
    await recorder.flush()
    (row,) = await rows(recorder.engine)
    assert row.id == record
    assert (row.chat_type, row.lang, row.question, row.outcome, row.entry) == (
        "private", "en", "When did Prodi visit?", "answer", "visits_prodi"
    )  # fmt: skip
    assert (row.followup, row.confidence, row.engine_ms, row.kb_version) == (True, 0.91, 0.6, "kb1")
    assert row.at.replace(tzinfo=dt.UTC) == START
    assert row.user_key == user_key(SECRET, 987654321)
    assert "987654321" not in " ".join(str(value) for value in row)


async def test_votes_change_and_a_comment_keeps_the_vote(recorder: Recorder) -> None:
    record = recorder.record(entry())
    await recorder.vote(record, 42, 1)
    await recorder.vote(record, 42, -1)  # a second press changes the vote
    await recorder.comment(record, 42, "Prodi visited twice")
    await recorder.vote(record, 7, 1)  # another user's vote is their own
    await recorder.flush()
    votes = {(f.user_key, f.vote, f.comment) for f in await rows(recorder.engine, feedback)}
    assert votes == {(user_key(SECRET, 42), -1, "Prodi visited twice"), (user_key(SECRET, 7), 1, None)}


async def test_feedback_on_an_unknown_question_is_dropped_not_fatal(recorder: Recorder) -> None:
    await recorder.vote("f" * 32, 42, 1)
    record = recorder.record(entry())
    await recorder.flush()
    assert [r.id for r in await rows(recorder.engine)] == [record]
    assert await rows(recorder.engine, feedback) == []
    assert recorder.queued == 0


async def test_forget_deletes_a_users_questions_feedback_and_queue(recorder: Recorder) -> None:
    mine = recorder.record(entry(user=42))
    theirs = recorder.record(entry(user=7))
    await recorder.vote(mine, 42, -1)
    await recorder.vote(theirs, 42, 1)  # a vote on someone else's answer is mine too
    await recorder.flush()
    recorder.record(entry("still queued", user=42))
    assert await recorder.forget(42) == 2
    await recorder.flush()
    assert [r.id for r in await rows(recorder.engine)] == [theirs]
    assert await rows(recorder.engine, feedback) == []


async def test_retention_deletes_old_rows_and_their_feedback(engine_of: AsyncEngine) -> None:
    await upgrade(engine_of)
    clock = Clock()
    log = Recorder(engine_of, SECRET, "kb1", retention_days=90, now=clock)
    old = log.record(entry("old"))
    await log.vote(old, 42, 1)
    clock.now = START + dt.timedelta(days=60)
    recent = log.record(entry("recent"))
    await log.flush()
    clock.now = START + dt.timedelta(days=91)
    await log.purge()
    assert [r.id for r in await rows(engine_of)] == [recent]
    assert await rows(engine_of, feedback) == []


async def test_the_background_writer_writes_and_a_stop_flushes(engine_of: AsyncEngine) -> None:
    await upgrade(engine_of)
    log = Recorder(engine_of, SECRET, "kb1")
    await log.start()
    for number in range(3):
        log.record(entry(f"question {number}"))
    for _ in range(100):  # written within about a second, without a flush
        if await count_questions(engine_of) == 3:
            break
        await asyncio.sleep(0.05)
    assert await count_questions(engine_of) == 3
    log.record(entry("last"))
    await log.stop()
    assert await count_questions(engine_of) == 4


async def test_a_stop_right_after_the_start_writes_what_is_queued(engine_of: AsyncEngine) -> None:
    async def prepare() -> None:
        await upgrade(engine_of)

    log = Recorder(engine_of, SECRET, "kb1", prepare=prepare)
    await log.start()  # the writer begins by preparing the schema: the stop comes in the middle
    for number in range(5):
        log.record(entry(f"question {number}"))
    await log.stop()
    assert (log.queued, await count_questions(engine_of)) == (0, 5)


async def test_the_schema_is_prepared_before_the_first_write(engine_of: AsyncEngine) -> None:
    async def prepare() -> None:
        await upgrade(engine_of)

    log = Recorder(engine_of, SECRET, "kb1", prepare=prepare)
    log.record(entry())
    await log.flush()
    assert await schema_version(engine_of) == HEAD
    assert await count_questions(engine_of) == 1


async def test_summary_counts_outcomes_users_and_languages(engine_of: AsyncEngine) -> None:
    await upgrade(engine_of)
    clock = Clock()
    log = Recorder(engine_of, SECRET, "kb1", now=clock, group=lambda texts: [(texts[0], len(texts))])
    log.record(entry("too old"))
    clock.now = START + dt.timedelta(days=10)
    log.record(entry(user=1))
    log.record(entry("кто посол?", user=2, lang="ru", outcome="decline"))
    log.record(entry("which visit?", user=2, outcome="clarify"))
    await log.flush()
    summary = await log.summary(7)
    assert (summary.questions, summary.answered, summary.declined, summary.clarified, summary.users) == (
        3,
        1,
        1,
        1,
        2,
    )
    assert summary.by_language == {"en": 2, "ru": 1}
    assert list(summary.unanswered) == [("кто посол?", 2)]


# -- the database going away --------------------------------------------------------------------


@pytest.fixture
async def pg_recorder(postgres: PostgresServer) -> AsyncIterator[tuple[Recorder, PostgresServer]]:
    engine = open_database(postgres.create_database("outage"))
    await upgrade(engine)
    log = Recorder(engine, SECRET, "kb1", max_queue=50)
    yield log, postgres
    await log.stop(timeout=1)
    await engine.dispose()


async def test_records_wait_while_postgresql_is_down_and_are_written_when_it_is_back(
    pg_recorder: tuple[Recorder, PostgresServer], caplog: pytest.LogCaptureFixture
) -> None:
    log, server = pg_recorder
    log.record(entry("before"))
    await log.flush()
    server.pause()
    try:
        caplog.set_level(logging.WARNING, logger="bot.store.recorder")
        for number in range(30):  # a plain call: it cannot wait for the database
            assert isinstance(log.record(entry(f"during {number}")), str)
        await log.flush()  # fails quietly: the records stay queued
        await log.flush()
        assert log.queued == 30
        warnings = [r for r in caplog.records if "unreachable" in r.getMessage()]
        assert len(warnings) == 1  # one warning a minute, not one per attempt
        with pytest.raises(LogUnavailable):
            await log.forget(42)
        assert log.queued == 30  # a failed /forget deletes nothing
    finally:
        server.resume()
    await log.flush()
    assert log.queued == 0 and log.dropped == 0
    assert await count_questions(log.engine) == 31
    log.record(entry("after"))
    await log.flush()
    assert await count_questions(log.engine) == 32


async def test_a_full_queue_drops_the_oldest_and_counts_them(
    pg_recorder: tuple[Recorder, PostgresServer], caplog: pytest.LogCaptureFixture
) -> None:
    log, server = pg_recorder
    server.pause()
    try:
        for number in range(80):
            log.record(entry(f"q{number}", user=number))
        await log.flush()
    finally:
        server.resume()
    assert (log.queued, log.dropped) == (50, 30)
    assert any("30" in r.getMessage() or "dropped" in r.getMessage() for r in caplog.records)
    await log.flush()
    async with log.engine.connect() as connection:
        kept = sorted((await connection.execute(sa.select(questions.c.question))).scalars())
    assert kept == sorted(f"q{number}" for number in range(30, 80))


# -- the users' choices in the database ------------------------------------------------------------


async def test_user_data_persists_in_the_database(engine_of: AsyncEngine) -> None:
    first = DatabasePersistence(engine_of)
    assert await first.get_user_data() == {}
    await first.update_user_data(42, {"language": "kk"})
    await first.update_user_data(7, {"language": "it"})
    await first.drop_user_data(7)
    await first.flush()
    second = DatabasePersistence(engine_of)  # a redeployed bot
    assert await second.get_user_data() == {42: {"language": "kk"}}


async def test_a_user_with_nothing_to_keep_is_not_kept_in_the_database(engine_of: AsyncEngine) -> None:
    # python-telegram-bot hands over every user it saw, most with no choice made.
    first = DatabasePersistence(engine_of)
    await first.get_user_data()
    await first.update_user_data(42, {"language": "kk"})
    await first.update_user_data(7, {})
    await first.update_user_data(42, {})  # a choice taken back
    second = DatabasePersistence(engine_of)
    assert await second.get_user_data() == {}


async def test_a_user_with_nothing_to_keep_is_not_kept_in_the_pickle_file(tmp_path: Any) -> None:
    from bot.store.persistence import BatchedPicklePersistence

    path = tmp_path / "persistence.pickle"
    first = BatchedPicklePersistence(path)
    await first.get_user_data()
    await first.update_user_data(42, {"lang": "kk"})
    await first.update_user_data(7, {})
    await first.update_user_data(8, {"lang": "it"})
    await first.update_user_data(8, {})
    await first.flush()
    assert await BatchedPicklePersistence(path).get_user_data() == {42: {"lang": "kk"}}


async def test_the_pickle_file_is_written_once_per_round_not_once_per_user(
    tmp_path: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from bot.store.persistence import BatchedPicklePersistence

    path = tmp_path / "persistence.pickle"
    first = BatchedPicklePersistence(path)
    await first.get_user_data()
    dumps: list[int] = []
    dump = first._dump_singlefile

    def counted() -> None:
        dumps.append(1)
        dump()

    monkeypatch.setattr(first, "_dump_singlefile", counted)
    await asyncio.gather(*(first.update_user_data(user, {"lang": "kk"}) for user in range(200)))
    await asyncio.sleep(0.2)
    assert len(dumps) == 1
    await first.drop_user_data(7)
    await first.flush()
    second = BatchedPicklePersistence(path)  # after a restart
    loaded = await second.get_user_data()
    assert len(loaded) == 199 and loaded[42] == {"lang": "kk"} and 7 not in loaded
