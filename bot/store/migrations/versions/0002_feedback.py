"""Feedback on answers, follow-ups marked, and the users' choices kept in the database.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply this version."""
    with op.batch_alter_table("questions") as batch:
        batch.add_column(sa.Column("followup", sa.Boolean, nullable=False, server_default=sa.false()))
    op.create_table(
        "feedback",
        sa.Column(
            "question_id",
            sa.String(32),
            sa.ForeignKey("questions.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("user_key", sa.String(32), primary_key=True),
        sa.Column("vote", sa.Integer, nullable=False),
        sa.Column("comment", sa.Text, nullable=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "user_data",
        sa.Column("user_id", sa.String(32), primary_key=True),
        sa.Column("data", sa.Text, nullable=False),
    )


def downgrade() -> None:
    """Undo this version."""
    op.drop_table("user_data")
    op.drop_table("feedback")
    with op.batch_alter_table("questions") as batch:
        batch.drop_column("followup")
