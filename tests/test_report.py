"""The curators' report on a seeded log: grouping, figures, and every format (and the command)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from bot import cli
from bot.report import Report, build_report, group_questions, read_log, render
from bot.store.database import open_database, upgrade
from bot.store.recorder import Recorder
from handlers.log import LogEntry
from knowledge import Engine

NOW = dt.datetime(2026, 11, 20, 18, 0, tzinfo=dt.UTC)
# (day offset, lang, question, outcome, entry, follow-up, user)
SEED = [
    (-3, "en", "What is the population of Mars?", "decline", None, False, 1),
    (-3, "en", "what is the population of mars", "decline", None, False, 2),
    (-2, "en", "population of Mars??", "decline", None, False, 3),
    (-2, "ru", "Какое население Марса?", "decline", None, False, 4),
    (-2, "ru", "какое население марса", "decline", None, False, 5),
    (-1, "it", "Chi ha vinto la Serie A nel 2013?", "decline", None, False, 1),
    (-1, "en", "When did the president visit?", "clarify", None, False, 2),
    (-1, "en", "When did Prodi visit Kazakhstan?", "answer", "visits_prodi", False, 1),
    (-1, "en", "and Berlusconi?", "answer", "visits_berlusconi", True, 1),
    (0, "kk", "2013 жылғы тауар айналымы қандай?", "answer", "trade_2013", False, 6),
    (0, "en", "trade turnover 2013", "answer", "trade_2013", False, 2),
    (-30, "en", "too old for the report", "decline", None, False, 9),
]


class Clock:
    def __init__(self) -> None:
        self.now = NOW

    def __call__(self) -> dt.datetime:
        return self.now


@pytest.fixture
async def seeded(database: str) -> AsyncIterator[AsyncEngine]:
    engine = open_database(database)
    await upgrade(engine)
    clock = Clock()
    log = Recorder(engine, b"secret", "kb1", now=clock)
    ids = {}
    for days, lang, question, outcome, entry, followup, user in SEED:
        clock.now = NOW + dt.timedelta(days=days)
        ids[question] = log.record(
            LogEntry("private", lang, question, outcome, followup, entry, 0.9, 0.5, user)
        )
    await log.vote(ids["When did Prodi visit Kazakhstan?"], 1, -1)
    await log.comment(ids["When did Prodi visit Kazakhstan?"], 1, "He also came in 2003")
    await log.vote(ids["When did Prodi visit Kazakhstan?"], 2, 1)
    await log.vote(ids["trade turnover 2013"], 2, 1)
    await log.flush()
    yield engine
    await engine.dispose()


@pytest.fixture
async def report(seeded: AsyncEngine, engine: Engine) -> Report:
    return build_report(await read_log(seeded, 7, now=NOW), engine)


def test_similar_questions_group_together_most_frequent_first() -> None:
    groups = group_questions(
        ["population of Mars?", "Who won the cup?", "What is the population of Mars", "population of mars"]
    )
    assert groups[0][1] == 3 and "mars" in groups[0][0].lower()
    assert groups[1] == ("Who won the cup?", 1)
    assert group_questions(["b", "a", "b"]) == group_questions(["b", "b", "a"])  # order does not matter


async def test_the_report_groups_the_misses_with_their_nearest_entries(
    report: Report, engine: Engine
) -> None:
    assert report.questions == 11 and report.users == 6  # the 30-day-old question is out
    assert report.outcomes == {"answer": 4, "clarify": 1, "decline": 6, "chat": 0}
    counts = [(g.count, g.languages) for g in report.unanswered]
    assert counts[0] == (3, {"en": 3})
    assert (2, {"ru": 2}) in counts and (1, {"it": 1}) in counts and (1, {"en": 1}) in counts
    assert sum(g.count for g in report.unanswered) == 7
    visit = next(g for g in report.unanswered if "president" in g.examples[0])
    assert visit.nearest and all(n.entry in engine.entries for n in visit.nearest)
    assert any(n.entry.startswith("visit") for n in visit.nearest)


async def test_the_report_has_votes_entries_and_days(report: Report) -> None:
    (down,) = report.downvoted
    assert (down.question, down.down, down.up, down.comments) == (
        "When did Prodi visit Kazakhstan?", 1, 1, ["He also came in 2003"]
    )  # fmt: skip
    entries = {e.entry: (e.answers, e.up, e.down, e.followup_share) for e in report.entries}
    assert entries["trade_2013"] == (2, 1, 0, 0.0)
    assert entries["visits_berlusconi"] == (1, 0, 0, 1.0)
    assert entries["visits_prodi"] == (1, 1, 1, 0.0)
    days = {(d.day, d.lang): d for d in report.days}
    assert days[("2026-11-17", "en")].questions == 2 and days[("2026-11-17", "en")].declined_share == 1.0
    assert days[("2026-11-19", "en")].answered_share == round(2 / 3, 3)


async def test_markdown(report: Report) -> None:
    text = render(report, "markdown")
    assert text.startswith("# Question log, 2026-11-13 to 2026-11-20")
    assert re.search(r"^\| 3 \| en 3 \| .*population of mars", text, re.M | re.I)
    assert "He also came in 2003" in text
    assert "| `trade_2013` | 2 | 1 | 0 | 0% |" in text


async def test_csv(report: Report) -> None:
    rows = list(csv.reader(io.StringIO(render(report, "csv"))))
    assert rows[0][0] == "section"
    sections = [row[0] for row in rows[1:]]
    assert sections.count("unanswered") == len(report.unanswered)
    assert sections.count("entry") == 3 and "downvoted" in sections and "day" in sections


async def test_json(report: Report) -> None:
    data = json.loads(render(report, "json"))
    assert data["questions"] == 11
    assert data["unanswered"][0]["count"] == 3
    assert data["downvoted"][0]["comments"] == ["He also came in 2003"]


async def test_html_is_one_self_contained_printable_page(report: Report) -> None:
    page = render(report, "html")
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    assert "<script" not in page.lower()
    assert not re.search(r"""(src|href)\s*=|url\(|@import""", page)  # nothing fetched
    assert "@media print" in page
    assert page.count("<rect") >= 4 + 4  # bars for the days, plus the legend
    assert "Какое население Марса?" in page and "He also came in 2003" in page
    assert "&lt;" not in render(report, "html").split("<body>")[0]


async def test_the_report_escapes_what_users_wrote(seeded: AsyncEngine, engine: Engine) -> None:
    log = Recorder(seeded, b"secret", "kb1", now=lambda: NOW)
    log.record(LogEntry("private", "en", "<script>alert(1)</script> | pipe", "decline", False, None, 0, 0, 7))
    await log.flush()
    report = build_report(await read_log(seeded, 7, now=NOW), engine)
    assert "<script>" not in render(report, "html")
    assert "\\|" in render(report, "markdown")


def test_the_report_command_writes_html_from_the_data_dir(
    tmp_path: Path, clean_env: None, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "report.html"
    assert cli.main(["report", "--format", "html", "--output", str(out)]) == 0
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert cli.main(["db", "version"]) == 0
    assert "schema version 0002" in capsys.readouterr().out
    assert cli.main(["report", "--days", "0"]) == 2


def test_the_report_command_says_in_one_line_when_the_database_is_unreachable(
    clean_env: None, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DATABASE_URL", "postgresql://nobody@127.0.0.1:9/none")
    assert cli.main(["report"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("Could not read the question log")
