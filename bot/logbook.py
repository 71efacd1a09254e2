"""The question log in the running bot: opened with the settings, started and stopped with it."""

from __future__ import annotations

import logging

from bot.report import group_questions
from bot.settings import Settings
from bot.store.database import database_url, open_database, upgrade
from bot.store.keys import log_secret
from bot.store.recorder import Recorder

logger = logging.getLogger(__name__)


def store_url(settings: Settings) -> str:
    """The database of the log: ``DATABASE_URL``, else SQLite in ``DATA_DIR``."""
    configured = settings.database_url.get_secret_value() if settings.database_url else None
    return database_url(settings.data_dir, configured)


def open_log(settings: Settings, kb_version: str) -> Recorder | None:
    """The recorder the handlers log to, or None when ``LOG_QUESTIONS`` is off.

    Nothing is read or written yet: the schema is brought up to date before the first
    write, so that a database that is down at start delays the log, not the bot.
    """
    if not settings.log_questions:
        return None
    engine = open_database(store_url(settings))
    secret = log_secret(
        settings.data_dir, settings.log_secret.get_secret_value() if settings.log_secret else None
    )

    async def prepare() -> None:
        await upgrade(engine)

    return Recorder(
        engine,
        secret,
        kb_version,
        retention_days=settings.retention_days,
        group=group_questions,
        prepare=prepare,
    )
