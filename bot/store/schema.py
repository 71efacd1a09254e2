"""The tables of the question log (Alembic's migrations create them; this is their shape)."""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

metadata = MetaData()

# One row per question the bot answered (or declined, or chatted about).
questions = Table(
    "questions",
    metadata,
    Column("id", String(32), primary_key=True),  # made by the bot: feedback names it at once
    Column("at", DateTime(timezone=True), nullable=False),
    Column("chat_type", String(16), nullable=False),  # private, group, inline, terminal
    Column("lang", String(8), nullable=False),
    Column("question", Text, nullable=False),
    Column("outcome", String(16), nullable=False),  # answer, clarify, decline, chat
    Column("followup", Boolean, nullable=False, default=False),
    Column("entry", String(64), nullable=True),
    Column("confidence", Float, nullable=False, default=0.0),
    Column("engine_ms", Float, nullable=False, default=0.0),
    Column("kb_version", String(16), nullable=False),
    Column("user_key", String(32), nullable=False),  # HMAC of the user id, never the id
    Index("ix_questions_at", "at"),
    Index("ix_questions_user_key", "user_key"),
)

# One vote per answer and user; pressing again changes it. A 👎 may get a comment.
feedback = Table(
    "feedback",
    metadata,
    Column("question_id", String(32), ForeignKey("questions.id", ondelete="CASCADE"), primary_key=True),
    Column("user_key", String(32), primary_key=True),
    Column("vote", Integer, nullable=False),  # +1 or -1
    Column("comment", Text, nullable=True),
    Column("at", DateTime(timezone=True), nullable=False),
)

# python-telegram-bot's persistence (the users' language choices), when the bot keeps it in
# the database rather than in DATA_DIR: one JSON document per user.
user_data = Table(
    "user_data",
    metadata,
    Column("user_id", String(32), primary_key=True),
    Column("data", Text, nullable=False),
)
