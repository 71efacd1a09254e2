"""``python -m bot report`` and ``python -m bot db upgrade``: the question log from the command line."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from bot.settings import Settings

if TYPE_CHECKING:
    from knowledge import Engine

DEFAULT_DAYS = 7
FORMATS = ("markdown", "csv", "json", "html")  # of the report (bot.report renders them)


def add_commands(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
) -> list[argparse.ArgumentParser]:
    """Add ``report`` and ``db`` to the command line's sub-commands; the parsers added."""
    report = commands.add_parser(
        "report",
        help="the curators' report on the question log",
        description=(
            "Report on the question log (SQLite in DATA_DIR, or DATABASE_URL): unanswered "
            "questions grouped by similarity with the nearest entries, answers voted down, "
            "each entry's answers and votes, and each day and language."
        ),
    )
    report.add_argument(
        "--days", type=int, default=DEFAULT_DAYS, metavar="N", help="the last N days (default 7)"
    )
    report.add_argument("--format", choices=FORMATS, default="markdown", help="default: markdown")
    report.add_argument(
        "--output", type=Path, metavar="FILE", help="write to FILE (default: standard output)"
    )
    db = commands.add_parser("db", help="the question log's database")
    db.add_argument(
        "action", choices=["upgrade", "version"], help="apply the migrations, or show the version"
    )
    return [report, db]


def report_command(settings: Settings, engine: Engine, args: argparse.Namespace) -> int:
    """Write the report; 1 when the log cannot be read."""
    if args.days < 1:
        print("--days must be at least 1", file=sys.stderr)
        return 2
    from sqlalchemy.exc import SQLAlchemyError

    try:
        import asyncio  # here: the other commands start without it

        text = asyncio.run(_report(settings, engine, args.days, args.format))
    except (SQLAlchemyError, OSError) as error:
        print(f"Could not read the question log: {_short(error)}", file=sys.stderr)
        return 1
    if args.output is None:
        sys.stdout.write(text)
    else:
        args.output.write_text(text, encoding="utf-8")
        print(f"Wrote {args.output}", file=sys.stderr)
    return 0


async def _report(settings: Settings, engine: Engine, days: int, fmt: str) -> str:
    # Imported here: the other commands (ask, check, eval) never load the log's modules.
    from bot.logbook import store_url
    from bot.report import build_report, read_log, render
    from bot.store.database import open_database, upgrade

    database = open_database(store_url(settings))
    try:
        await upgrade(database)  # an empty or older log reads as an empty report
        data = await read_log(database, days)
    finally:
        await database.dispose()
    return render(build_report(data, engine), fmt)


def db_command(settings: Settings, args: argparse.Namespace) -> int:
    """Apply the migrations, or print the schema version; 1 when the database fails."""
    from sqlalchemy.exc import SQLAlchemyError

    try:
        import asyncio

        version = asyncio.run(_db(settings, args.action))
    except (SQLAlchemyError, OSError) as error:
        print(f"Could not reach the question log: {_short(error)}", file=sys.stderr)
        return 1
    print(f"Question log at schema version {version or 'none'}")
    return 0


async def _db(settings: Settings, action: str) -> str | None:
    from bot.logbook import store_url
    from bot.store.database import open_database, schema_version, upgrade

    database = open_database(store_url(settings))
    try:
        if action == "upgrade":
            await upgrade(database)
        return await schema_version(database)
    finally:
        await database.dispose()


def _short(error: BaseException) -> str:
    """One line about a database error (its first line, without SQLAlchemy's background link)."""
    return str(getattr(error, "orig", None) or error).splitlines()[0]
