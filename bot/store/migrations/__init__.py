"""Alembic's migrations of the question log (applied by bot.store.database.upgrade)."""
