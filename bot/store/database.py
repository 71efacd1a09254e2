"""Where the question log lives, and its schema brought up to date.

SQLite in ``DATA_DIR`` unless ``DATABASE_URL`` names another database; Alembic's
migrations (``bot/store/migrations``) run at start and with ``python -m bot db upgrade``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Connection, event
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

MIGRATIONS = Path(__file__).with_name("migrations")
SQLITE_FILE = "questions.db"
CONNECT_SECONDS = 5
# The async driver for each database a URL may name.
_DRIVERS = {
    "postgresql": "postgresql+asyncpg",
    "postgres": "postgresql+asyncpg",
    "sqlite": "sqlite+aiosqlite",
}


def database_url(data_dir: Path, configured: str | None = None) -> str:
    """The URL of the log: ``configured`` with its async driver, else SQLite in ``data_dir``."""
    if not configured:
        return f"sqlite+aiosqlite:///{(data_dir / SQLITE_FILE).absolute()}"
    url = make_url(configured)
    driver = _DRIVERS.get(url.drivername)
    return url.set(drivername=driver).render_as_string(hide_password=False) if driver else configured


def open_database(url: str) -> AsyncEngine:
    """An engine for ``url``; SQLite gets its folder, foreign keys and a write-ahead log."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        # A server that does not answer fails a write in seconds, not asyncpg's minute.
        timeout = {"timeout": CONNECT_SECONDS} if parsed.get_driver_name() == "asyncpg" else {}
        return create_async_engine(url, pool_pre_ping=True, connect_args=timeout)
    if parsed.database and parsed.database != ":memory:":
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_async_engine(url)
    event.listen(engine.sync_engine, "connect", _sqlite_pragmas)
    return engine


def _sqlite_pragmas(connection: Any, _record: Any) -> None:
    cursor = connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")  # feedback goes with its question
    cursor.execute("PRAGMA journal_mode=WAL")  # the report reads while the bot writes
    cursor.close()


async def upgrade(engine: AsyncEngine, revision: str = "head") -> None:
    """Apply the migrations up to ``revision`` (the latest by default)."""
    async with engine.begin() as connection:
        await connection.run_sync(_upgrade, revision)


async def schema_version(engine: AsyncEngine) -> str | None:
    """The revision the database is at (None before the first migration)."""
    async with engine.connect() as connection:
        return await connection.run_sync(lambda c: MigrationContext.configure(c).get_current_revision())


def _upgrade(connection: Connection, revision: str) -> None:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    command.upgrade(config, revision)
