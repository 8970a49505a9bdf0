"""Agreements: corroborations and contradictions among claims.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "agreements",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("kind", sa.String(16), nullable=False, index=True),
        sa.Column("metric", sa.String(200), nullable=False, index=True),
        sa.Column("period", sa.String(32), nullable=False),
        sa.Column("is_target", sa.Boolean, nullable=False),
        sa.Column("independent_sources", sa.Integer, nullable=False),
        sa.Column("definition", sa.Text),
        sa.Column("summary", sa.Text, nullable=False),
        sa.Column("sides", sa.Text, nullable=False),
        sa.Column("document_ids", sa.Text, nullable=False),
        sa.Column("voices", sa.Text, nullable=False),
        sa.Column("publishers", sa.Text, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("agreements")
