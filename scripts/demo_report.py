"""Write a demonstration question log and its HTML report (the README's picture comes from it).

The held-out questions of ``tests/data`` are asked of the real engine, as if by a few dozen
users over the last week, with some votes and comments; the log is a throwaway SQLite file.

    .venv/bin/python scripts/demo_report.py report.html
"""

from __future__ import annotations

import asyncio
import datetime as dt
import random
import sys
import tempfile
import time
from pathlib import Path

import yaml

from bot.report import build_report, read_log, render
from bot.store.database import open_database, upgrade
from bot.store.recorder import Recorder
from handlers.log import LogEntry
from knowledge import Engine

DATA = Path(__file__).resolve().parents[1] / "tests" / "data"
COMMENTS = ["The year looks wrong to me", "I asked about exports, not turnover", "Not what I asked"]


def questions() -> list[str]:
    """The held-out questions, in all four languages."""
    found: list[str] = []
    for name in ("heldout_languages.yaml", "heldout_final.yaml", "heldout_questions.yaml"):
        items = yaml.safe_load((DATA / name).read_text(encoding="utf-8"))
        found += [item["q"] for item in items if isinstance(item, dict) and "q" in item]
    return found


async def write(output: Path) -> None:
    """Seed a log and write its report to ``output``."""
    engine, rng = Engine.load(), random.Random(2014)
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    with tempfile.TemporaryDirectory() as folder:
        database = open_database(f"sqlite+aiosqlite:///{folder}/questions.db")
        await upgrade(database)
        clock = {"at": now}
        log = Recorder(database, b"demo", "demo", now=lambda: clock["at"])
        asked = questions()
        for day in range(7, 0, -1):
            for _ in range(rng.randint(40, 90)):
                question = rng.choice(asked)
                started = time.perf_counter()
                answer = engine.ask(question)
                ms = (time.perf_counter() - started) * 1000
                clock["at"] = now - dt.timedelta(days=day, seconds=rng.randint(0, 86_399))
                user = rng.randint(1, 60)
                record = log.record(
                    LogEntry(
                        rng.choice(["private"] * 6 + ["group", "inline"]),
                        answer.lang,
                        question,
                        answer.outcome.value,
                        answer.followup,
                        answer.entry_id,
                        answer.confidence,
                        ms,
                        user,
                    )
                )
                if answer.answered and rng.random() < 0.15:
                    vote = -1 if rng.random() < 0.25 else 1
                    await log.vote(record, user, vote)
                    if vote < 0 and rng.random() < 0.6:
                        await log.comment(record, user, rng.choice(COMMENTS))
        await log.flush()
        report = build_report(await read_log(database, 7, now=now), engine)
        await database.dispose()
    output.write_text(render(report, "html"), encoding="utf-8")


if __name__ == "__main__":
    asyncio.run(write(Path(sys.argv[1] if len(sys.argv) > 1 else "report.html")))
