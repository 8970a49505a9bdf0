"""Stories (membership and summaries) and the briefings written.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from sinoscope.store.schema import UTCDateTime

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "story_members",
        sa.Column("document_id", sa.String(32), sa.ForeignKey("documents.id"), primary_key=True),
        sa.Column("story_id", sa.String(40), nullable=False, index=True),
    )
    op.create_table(
        "stories",
        sa.Column("id", sa.String(40), primary_key=True),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("first_published", UTCDateTime, index=True),
        sa.Column("last_published", UTCDateTime, index=True),
        sa.Column("documents", sa.Integer, nullable=False),
        sa.Column("independent_publishers", sa.Integer, nullable=False),
        sa.Column("sources", sa.Text, nullable=False),
        sa.Column("source_kinds", sa.Text, nullable=False),
        sa.Column("languages", sa.Text, nullable=False),
    )
    op.create_table(
        "briefings",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("created_at", UTCDateTime, nullable=False),
        sa.Column("scope", sa.String(300), nullable=False, index=True),
        sa.Column("window_start", UTCDateTime, nullable=False),
        sa.Column("window_end", UTCDateTime, nullable=False),
        sa.Column("writer", sa.String(32), nullable=False),
        sa.Column("body", sa.Text, nullable=False),
    )


def downgrade() -> None:
    for table in ("briefings", "stories", "story_members"):
        op.drop_table(table)
