"""The question log.

Revision ID: 0001
Revises:
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply this version."""
    op.create_table(
        "questions",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("chat_type", sa.String(16), nullable=False),
        sa.Column("lang", sa.String(8), nullable=False),
        sa.Column("question", sa.Text, nullable=False),
        sa.Column("outcome", sa.String(16), nullable=False),
        sa.Column("entry", sa.String(64), nullable=True),
        sa.Column("confidence", sa.Float, nullable=False),
        sa.Column("engine_ms", sa.Float, nullable=False),
        sa.Column("kb_version", sa.String(16), nullable=False),
        sa.Column("user_key", sa.String(32), nullable=False),
    )
    op.create_index("ix_questions_at", "questions", ["at"])
    op.create_index("ix_questions_user_key", "questions", ["user_key"])


def downgrade() -> None:
    """Undo this version."""
    op.drop_table("questions")
