"""The initial store: sources, documents, signatures, full-text search, fetch log, health.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from sinoscope.store.schema import SEQ_TYPE, UTCDateTime

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sources",
        sa.Column("id", sa.String(80), primary_key=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("name_zh", sa.Text),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("country", sa.String(8)),
        sa.Column("language", sa.String(8)),
        sa.Column("homepage", sa.Text),
        sa.Column("feeds", sa.Text, nullable=False),
        sa.Column("notes", sa.Text, nullable=False),
    )
    op.create_table(
        "documents",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("url", sa.Text, nullable=False),
        sa.Column("canonical_url", sa.Text, nullable=False, unique=True),
        sa.Column("source_id", sa.String(80), index=True),
        sa.Column("title", sa.Text),
        sa.Column("author", sa.Text),
        sa.Column("published", UTCDateTime, index=True),
        sa.Column("date_source", sa.String(16), nullable=False),
        sa.Column("language", sa.String(8), index=True),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False, index=True),
        sa.Column("fetched_at", UTCDateTime, nullable=False),
        sa.Column("origin", sa.String(16), nullable=False),
        sa.Column("extractor", sa.String(32), nullable=False),
        sa.Column("warc_ref", sa.Text),
        sa.Column("duplicate_of", sa.String(32), index=True),
        sa.Column("near_duplicate_of", sa.String(32), index=True),
        sa.Column("syndicated_from", sa.String(32), index=True),
        sa.Column("similarity", sa.Float),
    )
    op.create_table(
        "signatures",
        sa.Column("document_id", sa.String(32), sa.ForeignKey("documents.id"), primary_key=True),
        sa.Column("source_id", sa.String(80)),
        sa.Column("published", UTCDateTime),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("signature", sa.LargeBinary, nullable=False),
    )
    op.create_table(
        "search_text",
        sa.Column("seq", SEQ_TYPE, primary_key=True, autoincrement=False),
        sa.Column(
            "document_id",
            sa.String(32),
            sa.ForeignKey("documents.id"),
            nullable=False,
            unique=True,
        ),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("body", sa.Text, nullable=False),
    )
    op.create_table(
        "fetches",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("url", sa.Text, nullable=False),
        sa.Column("final_url", sa.Text),
        sa.Column("source_id", sa.String(80), index=True),
        sa.Column("purpose", sa.String(16), nullable=False),
        sa.Column("status", sa.Integer),
        sa.Column("error", sa.Text),
        sa.Column("size", sa.Integer, nullable=False),
        sa.Column("elapsed", sa.Float, nullable=False),
        sa.Column("fetched_at", UTCDateTime, nullable=False),
        sa.Column("warc_ref", sa.Text),
        sa.Column("not_modified", sa.Boolean, nullable=False),
    )
    op.create_index("ix_fetches_url", "fetches", ["url"])
    op.create_table(
        "http_cache",
        sa.Column("url", sa.String(2048), primary_key=True),
        sa.Column("etag", sa.Text),
        sa.Column("last_modified", sa.Text),
        sa.Column("status", sa.Integer),
        sa.Column("fetched_at", UTCDateTime),
    )
    op.create_table(
        "source_health",
        sa.Column("source_id", sa.String(80), primary_key=True),
        sa.Column("last_ok_at", UTCDateTime),
        sa.Column("last_error_at", UTCDateTime),
        sa.Column("last_error", sa.Text),
        sa.Column("last_error_url", sa.Text),
        sa.Column("consecutive_failures", sa.Integer, nullable=False),
        sa.Column("ok_count", sa.Integer, nullable=False),
        sa.Column("error_count", sa.Integer, nullable=False),
    )
    op.create_table(
        "failures",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("at", UTCDateTime, nullable=False),
        sa.Column("source_id", sa.String(80), index=True),
        sa.Column("url", sa.Text, nullable=False),
        sa.Column("stage", sa.String(16), nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
    )
    op.create_table(
        "runs",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("started_at", UTCDateTime, nullable=False),
        sa.Column("finished_at", UTCDateTime),
        sa.Column("inputs", sa.Text, nullable=False),
        sa.Column("stats", sa.Text, nullable=False),
    )
    op.create_table(
        "mentions",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column(
            "document_id", sa.String(32), sa.ForeignKey("documents.id"), nullable=False, index=True
        ),
        sa.Column("entity_id", sa.String(80), nullable=False, index=True),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
    )
    _create_full_text_index()


def _create_full_text_index() -> None:
    """FTS5 over search_text on SQLite; a generated tsvector with a GIN index on PostgreSQL."""
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        op.execute(
            "CREATE VIRTUAL TABLE search_fts USING fts5(title, body, content='search_text', "
            "content_rowid='seq', tokenize='porter unicode61 remove_diacritics 2')"
        )
        op.execute(
            "CREATE TRIGGER search_text_ai AFTER INSERT ON search_text BEGIN "
            "INSERT INTO search_fts(rowid, title, body) "
            "VALUES (new.seq, new.title, new.body); END"
        )
        op.execute(
            "CREATE TRIGGER search_text_ad AFTER DELETE ON search_text BEGIN "
            "INSERT INTO search_fts(search_fts, rowid, title, body) "
            "VALUES ('delete', old.seq, old.title, old.body); END"
        )
        op.execute(
            "CREATE TRIGGER search_text_au AFTER UPDATE ON search_text BEGIN "
            "INSERT INTO search_fts(search_fts, rowid, title, body) "
            "VALUES ('delete', old.seq, old.title, old.body); "
            "INSERT INTO search_fts(rowid, title, body) "
            "VALUES (new.seq, new.title, new.body); END"
        )
    elif dialect == "postgresql":
        op.execute(
            "ALTER TABLE search_text ADD COLUMN tsv tsvector GENERATED ALWAYS AS ("
            "setweight(to_tsvector('english', title), 'A') || "
            "setweight(to_tsvector('english', body), 'B')) STORED"
        )
        op.execute("CREATE INDEX ix_search_text_tsv ON search_text USING GIN (tsv)")
    else:  # pragma: no cover - guarded by Store.open
        raise RuntimeError(f"no full-text index for the {dialect} dialect")


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        op.execute("DROP TABLE IF EXISTS search_fts")
    for table in (
        "mentions",
        "runs",
        "failures",
        "source_health",
        "http_cache",
        "fetches",
        "search_text",
        "signatures",
        "documents",
        "sources",
    ):
        op.drop_table(table)
