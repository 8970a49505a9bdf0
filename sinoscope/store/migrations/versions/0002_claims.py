"""Claims, document topics and entity candidates from the understand stage.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "claims",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column(
            "document_id", sa.String(32), sa.ForeignKey("documents.id"), nullable=False, index=True
        ),
        sa.Column("kind", sa.String(16), nullable=False, index=True),
        sa.Column("sentence", sa.Text, nullable=False),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("language", sa.String(8)),
        sa.Column("quantities", sa.Text, nullable=False),
        sa.Column("metric", sa.String(80), index=True),
        sa.Column("metric_text", sa.Text),
        sa.Column("subject", sa.String(80), index=True),
        sa.Column("subject_text", sa.Text),
        sa.Column("attribution_name", sa.Text, nullable=False),
        sa.Column("attribution_entity", sa.String(80), index=True),
        sa.Column("attribution_text", sa.Text, nullable=False),
        sa.Column("attribution_kind", sa.String(16), nullable=False),
        sa.Column("hedge", sa.Text),
        sa.Column("as_of", sa.String(16)),
        sa.Column("deadline", sa.Integer),
        sa.Column("period", sa.Text),
        sa.Column("time_text", sa.Text, nullable=False),
        sa.Column("topics", sa.Text, nullable=False),
        sa.Column("entities", sa.Text, nullable=False),
    )
    op.create_table(
        "document_topics",
        sa.Column("document_id", sa.String(32), sa.ForeignKey("documents.id"), primary_key=True),
        sa.Column("topic_id", sa.String(80), primary_key=True, index=True),
        sa.Column("score", sa.Float, nullable=False),
    )
    op.create_table(
        "candidates",
        sa.Column("name", sa.String(200), primary_key=True),
        sa.Column("document_id", sa.String(32), sa.ForeignKey("documents.id"), primary_key=True),
    )


def downgrade() -> None:
    for table in ("candidates", "document_topics", "claims"):
        op.drop_table(table)
