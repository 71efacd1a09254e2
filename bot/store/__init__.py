"""The question log: what people asked and how the bot answered, for the curators.

SQLite under ``DATA_DIR`` by default, PostgreSQL with ``DATABASE_URL``; one code path
(SQLAlchemy Core, async drivers), one schema versioned by Alembic. No Telegram user id,
name or chat id is ever stored: a user is a keyed hash (:mod:`bot.store.keys`).
"""
