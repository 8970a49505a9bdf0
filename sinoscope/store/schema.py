"""The tables, as SQLAlchemy Core metadata. Alembic migrations create them (store/migrations).

Ids of documents are derived from canonical URLs, so re-ingesting writes the same rows; the
fetch log and run log are append-only history.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    DateTime,
    Dialect,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    TypeDecorator,
)


class UTCDateTime(TypeDecorator[datetime]):
    """Aware UTC datetimes in, aware UTC datetimes out, on every backend.

    SQLite has no time zones: values are stored as naive UTC and given tzinfo back on read.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        value = value.astimezone(UTC)
        if dialect.name == "sqlite":
            return value.replace(tzinfo=None)
        return value

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if isinstance(value, str):
            value = datetime.fromisoformat(value)
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


# 64-bit everywhere; on SQLite it must be spelt INTEGER to be the table's rowid
SEQ_TYPE = BigInteger().with_variant(Integer(), "sqlite")

metadata = MetaData()

sources = Table(
    "sources",
    metadata,
    Column("id", String(80), primary_key=True),
    Column("name", Text, nullable=False),
    Column("name_zh", Text),
    Column("kind", String(40), nullable=False),
    Column("country", String(8)),
    Column("language", String(8)),
    Column("homepage", Text),
    Column("feeds", Text, nullable=False, default="[]"),  # JSON list of {url, kind, verified}
    Column("notes", Text, nullable=False, default=""),
)

documents = Table(
    "documents",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("url", Text, nullable=False),
    Column("canonical_url", Text, nullable=False, unique=True),
    Column("source_id", String(80), index=True),
    Column("title", Text),
    Column("author", Text),
    Column("published", UTCDateTime, index=True),
    Column("date_source", String(16), nullable=False, default="none"),
    Column("language", String(8), index=True),
    Column("text", Text, nullable=False),
    Column("content_hash", String(64), nullable=False, index=True),
    Column("fetched_at", UTCDateTime, nullable=False),
    Column("origin", String(16), nullable=False, default="url"),
    Column("extractor", String(32), nullable=False, default="trafilatura"),
    Column("warc_ref", Text),
    Column("duplicate_of", String(32), index=True),
    Column("near_duplicate_of", String(32), index=True),
    Column("syndicated_from", String(32), index=True),
    Column("similarity", Float),
)

# MinHash signatures, so the near-duplicate index is rebuilt from the store after a restart
signatures = Table(
    "signatures",
    metadata,
    Column("document_id", String(32), ForeignKey("documents.id"), primary_key=True),
    Column("source_id", String(80)),
    Column("published", UTCDateTime),
    Column("content_hash", String(64), nullable=False),
    Column("signature", LargeBinary, nullable=False),
)

# one row per document: the text the full-text index sees (CJK as bigrams), for both backends.
# `seq` orders rows by publication time (see search.search_seq), so the index can be read
# newest-first and stop after LIMIT rows instead of ranking every match.
search_text = Table(
    "search_text",
    metadata,
    Column("seq", SEQ_TYPE, primary_key=True, autoincrement=False),
    Column("document_id", String(32), ForeignKey("documents.id"), nullable=False, unique=True),
    Column("title", Text, nullable=False, default=""),
    Column("body", Text, nullable=False, default=""),
)

fetches = Table(
    "fetches",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("url", Text, nullable=False),
    Column("final_url", Text),
    Column("source_id", String(80), index=True),
    Column("purpose", String(16), nullable=False, default="page"),
    Column("status", Integer),
    Column("error", Text),
    Column("size", Integer, nullable=False, default=0),
    Column("elapsed", Float, nullable=False, default=0.0),
    Column("fetched_at", UTCDateTime, nullable=False),
    Column("warc_ref", Text),
    Column("not_modified", Boolean, nullable=False, default=False),
)
Index("ix_fetches_url", fetches.c.url)

# validators for conditional GET, per URL
http_cache = Table(
    "http_cache",
    metadata,
    Column("url", String(2048), primary_key=True),
    Column("etag", Text),
    Column("last_modified", Text),
    Column("status", Integer),
    Column("fetched_at", UTCDateTime),
)

# per-source health: what `sinoscope sources check` shows
source_health = Table(
    "source_health",
    metadata,
    Column("source_id", String(80), primary_key=True),
    Column("last_ok_at", UTCDateTime),
    Column("last_error_at", UTCDateTime),
    Column("last_error", Text),
    Column("last_error_url", Text),
    Column("consecutive_failures", Integer, nullable=False, default=0),
    Column("ok_count", Integer, nullable=False, default=0),
    Column("error_count", Integer, nullable=False, default=0),
)

# every failure, with the stage and a readable reason
failures = Table(
    "failures",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", UTCDateTime, nullable=False),
    Column("source_id", String(80), index=True),
    Column("url", Text, nullable=False),
    Column("stage", String(16), nullable=False),
    Column("reason", Text, nullable=False),
)

runs = Table(
    "runs",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("started_at", UTCDateTime, nullable=False),
    Column("finished_at", UTCDateTime),
    Column("inputs", Text, nullable=False, default="[]"),
    Column("stats", Text, nullable=False, default="{}"),
)

# entity mentions found in documents (filled by understand.entities)
mentions = Table(
    "mentions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("document_id", String(32), ForeignKey("documents.id"), nullable=False, index=True),
    Column("entity_id", String(80), nullable=False, index=True),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
)

# claims taken from documents (understand stage); quantities and lists as JSON
claims = Table(
    "claims",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("document_id", String(32), ForeignKey("documents.id"), nullable=False, index=True),
    Column("kind", String(16), nullable=False, index=True),
    Column("sentence", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("language", String(8)),
    Column("quantities", Text, nullable=False, default="[]"),
    Column("metric", String(80), index=True),
    Column("metric_text", Text),
    Column("subject", String(80), index=True),
    Column("subject_text", Text),
    Column("attribution_name", Text, nullable=False, default=""),
    Column("attribution_entity", String(80), index=True),
    Column("attribution_text", Text, nullable=False, default=""),
    Column("attribution_kind", String(16), nullable=False, default="cited"),
    Column("hedge", Text),
    Column("as_of", String(16)),
    Column("deadline", Integer),
    Column("period", Text),
    Column("time_text", Text, nullable=False, default=""),
    Column("topics", Text, nullable=False, default="[]"),
    Column("entities", Text, nullable=False, default="[]"),
)

document_topics = Table(
    "document_topics",
    metadata,
    Column("document_id", String(32), ForeignKey("documents.id"), primary_key=True),
    Column("topic_id", String(80), primary_key=True, index=True),
    Column("score", Float, nullable=False),
)

# unknown organisation names seen in documents, for editors to promote into the beat
candidates = Table(
    "candidates",
    metadata,
    Column("name", String(200), primary_key=True),
    Column("document_id", String(32), ForeignKey("documents.id"), primary_key=True),
)

# corroborations and contradictions among claims, recomputed after each ingest
agreements = Table(
    "agreements",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("kind", String(16), nullable=False, index=True),
    Column("metric", String(200), nullable=False, index=True),
    Column("period", String(32), nullable=False),
    Column("is_target", Boolean, nullable=False),
    Column("independent_sources", Integer, nullable=False),
    Column("definition", Text),
    Column("summary", Text, nullable=False),
    Column("sides", Text, nullable=False),  # JSON: lists of claim ids, higher values first
    Column("document_ids", Text, nullable=False),  # JSON
    Column("voices", Text, nullable=False),  # JSON
    Column("publishers", Text, nullable=False),  # JSON
)

# stories: which story each document belongs to, and each story's summary record
story_members = Table(
    "story_members",
    metadata,
    Column("document_id", String(32), ForeignKey("documents.id"), primary_key=True),
    Column("story_id", String(40), nullable=False, index=True),
)

stories = Table(
    "stories",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("title", Text, nullable=False),
    Column("first_published", UTCDateTime, index=True),
    Column("last_published", UTCDateTime, index=True),
    Column("documents", Integer, nullable=False),
    Column("independent_publishers", Integer, nullable=False),
    Column("sources", Text, nullable=False),  # JSON lists
    Column("source_kinds", Text, nullable=False),
    Column("languages", Text, nullable=False),
)

# briefings written, kept so the next one can say what changed
briefings = Table(
    "briefings",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("created_at", UTCDateTime, nullable=False),
    Column("scope", String(300), nullable=False, index=True),  # beat/topic/entity/query key
    Column("window_start", UTCDateTime, nullable=False),
    Column("window_end", UTCDateTime, nullable=False),
    Column("writer", String(32), nullable=False),
    Column("body", Text, nullable=False),  # the briefing as JSON (records.Briefing)
)
