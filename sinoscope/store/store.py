"""The store: one class over SQLAlchemy Core, the same code on SQLite and PostgreSQL.

`Store.open(url)` connects and migrates (Alembic, scripts in store/migrations). SQLite runs in
WAL mode with one writer; every write method is its own transaction, so a process killed at
any point leaves the store consistent and a re-run picks up where it stopped.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import OperationalError, SQLAlchemyError

from ..errors import NotFound, StoreError
from ..records import Agreement, Analysis, Document, FetchResult, Quantity, Source, Story
from . import fetchlog, schema
from .claims import (
    ClaimQuery,
    StoredClaim,
    quantities_of,
    replace_agreements,
    select_agreements,
    select_claims,
    topics_of,
)
from .documents import (
    LinkUpdate,
    StoredSignature,
    apply_links,
    document_from_row,
    document_row,
    insert_search_text,
    write_document,
)
from .fetchlog import SourceHealth
from .search import SearchHit, SearchQuery, search
from .stories import (
    insert_briefing,
    latest_briefing,
    save_stories,
    select_assignments,
    select_stories,
)

log = logging.getLogger(__name__)

_MIGRATIONS = Path(__file__).parent / "migrations"


class Store:
    """Sinoscope's database. Build with `Store.open(url)`; close with `close()` or `with`."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.dialect = engine.dialect.name

    # ------------------------------------------------------------------ lifecycle
    @classmethod
    def open(cls, url: str, *, migrate: bool = True) -> Store:
        """Connect to `url` (sqlite:///path or postgresql://…) and bring the schema up to date."""
        if url.startswith("sqlite:///"):
            path = Path(url[len("sqlite:///") :])
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(f"cannot create the folder for {path}: {exc}") from None
            engine = sa.create_engine(url, connect_args={"timeout": 30})
            sa.event.listen(engine, "connect", _sqlite_pragmas)
        elif url.startswith(("postgresql://", "postgresql+psycopg://", "postgres://")):
            url = url.replace("postgres://", "postgresql://", 1)
            if url.startswith("postgresql://"):
                url = "postgresql+psycopg://" + url[len("postgresql://") :]
            engine = sa.create_engine(url, pool_pre_ping=True)
        else:
            raise StoreError(
                f"unsupported database {url!r}: give a SQLite file path or a postgresql:// URL"
            )
        store = cls(engine)
        if migrate:
            store.migrate()
        return store

    def migrate(self) -> None:
        """Apply every Alembic migration not yet applied."""
        config = Config()
        config.set_main_option("script_location", str(_MIGRATIONS))
        try:
            with self.engine.begin() as conn:
                config.attributes["connection"] = conn
                command.upgrade(config, "head")
        except OperationalError as exc:
            raise StoreError(
                f"cannot open the database {self.engine.url!r}: {exc.orig}; check the path or "
                "URL given with --db and that the server is running"
            ) from None

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def connect(self) -> Connection:
        return self.engine.connect()

    # ------------------------------------------------------------------ sources
    def upsert_sources(self, sources: Iterable[Source]) -> None:
        rows = [
            {
                "id": s.id,
                "name": s.name,
                "name_zh": s.name_zh,
                "kind": s.kind,
                "country": s.country,
                "language": s.language,
                "homepage": s.homepage,
                "feeds": json.dumps(
                    [{"url": f.url, "kind": f.kind, "verified": f.verified} for f in s.feeds]
                ),
                "notes": s.notes,
            }
            for s in sources
        ]
        if not rows:
            return
        with self.engine.begin() as conn:
            existing = {r[0] for r in conn.execute(sa.select(schema.sources.c.id))}
            for row in rows:
                if row["id"] in existing:
                    conn.execute(
                        schema.sources.update().where(schema.sources.c.id == row["id"]), row
                    )
                else:
                    conn.execute(schema.sources.insert(), row)

    # ------------------------------------------------------------------ documents
    def has_document(self, document_id: str) -> bool:
        with self.engine.connect() as conn:
            stmt = sa.select(schema.documents.c.id).where(schema.documents.c.id == document_id)
            return conn.execute(stmt).first() is not None

    def existing_ids(self, ids: Sequence[str]) -> set[str]:
        out: set[str] = set()
        with self.engine.connect() as conn:
            for i in range(0, len(ids), 500):
                chunk = list(ids[i : i + 500])
                stmt = sa.select(schema.documents.c.id).where(schema.documents.c.id.in_(chunk))
                out.update(r[0] for r in conn.execute(stmt))
        return out

    def save_document(
        self,
        doc: Document,
        *,
        signature: bytes | None = None,
        links: Sequence[LinkUpdate] = (),
        mentions: Sequence[tuple[str, int, int, str]] = (),
        analysis: Analysis | None = None,
    ) -> bool:
        """Insert or replace one document with its signature, duplicate links, mentions and
        analysis (claims, topics, candidates).

        All in one transaction. Returns True when the document is new.
        """
        with self.engine.begin() as conn:
            return write_document(
                conn, doc, signature=signature, links=links, mentions=mentions, analysis=analysis
            )

    def insert_documents(self, docs: Sequence[Document]) -> None:
        """Bulk-insert new documents (no signatures, links or mentions) in one transaction.

        For backfills and benchmarks; an id that exists already is an error.
        """
        with self.engine.begin() as conn:
            conn.execute(schema.documents.insert(), [document_row(d) for d in docs])
            insert_search_text(conn, docs)

    def claims(self, query: ClaimQuery | None = None) -> list[StoredClaim]:
        """Stored claims with their documents' source, date and title, oldest first."""
        with self.engine.connect() as conn:
            return select_claims(conn, query or ClaimQuery())

    def replace_agreements(self, agreements: Sequence[Agreement]) -> None:
        with self.engine.begin() as conn:
            replace_agreements(conn, agreements)

    def agreements(self, *, kind: str | None = None, metric: str | None = None) -> list[Agreement]:
        with self.engine.connect() as conn:
            return select_agreements(conn, kind=kind, metric=metric)

    # ------------------------------------------------------------------ stories, briefings
    def save_stories(self, assignments: Mapping[str, str], stories: Sequence[Story]) -> None:
        with self.engine.begin() as conn:
            save_stories(conn, assignments, stories)

    def story_assignments(
        self, *, since: datetime | None = None, document_ids: Sequence[str] = ()
    ) -> dict[str, str]:
        with self.engine.connect() as conn:
            return select_assignments(conn, since=since, document_ids=document_ids)

    def stories(
        self,
        *,
        since: datetime | None = None,
        until: datetime | None = None,
        min_documents: int = 1,
        story_ids: Sequence[str] = (),
    ) -> list[Story]:
        with self.engine.connect() as conn:
            return select_stories(
                conn, since=since, until=until, min_documents=min_documents, story_ids=story_ids
            )

    def save_briefing(
        self,
        *,
        scope: str,
        window: tuple[datetime, datetime],
        writer: str,
        body: Mapping[str, Any],
    ) -> int:
        with self.engine.begin() as conn:
            return insert_briefing(conn, scope=scope, window=window, writer=writer, body=body)

    def latest_briefing(
        self, scope: str, *, before: datetime | None = None
    ) -> dict[str, Any] | None:
        with self.engine.connect() as conn:
            return latest_briefing(conn, scope, before=before)

    def documents(self, ids: Sequence[str]) -> dict[str, Document]:
        """Documents by id (missing ids are left out)."""
        d = schema.documents
        out: dict[str, Document] = {}
        with self.engine.connect() as conn:
            for i in range(0, len(ids), 500):
                chunk = list(ids[i : i + 500])
                for r in conn.execute(sa.select(d).where(d.c.id.in_(chunk))):
                    out[r.id] = document_from_row(r._mapping)
        return out

    def candidates(self, *, min_documents: int = 1, limit: int = 100) -> list[tuple[str, int, str]]:
        """Unknown organisation names seen in documents: (name, documents, an example id)."""
        c = schema.candidates
        n = sa.func.count(sa.distinct(c.c.document_id))
        stmt = (
            sa.select(c.c.name, n, sa.func.min(c.c.document_id))
            .group_by(c.c.name)
            .having(n >= min_documents)
            .order_by(n.desc(), c.c.name)
            .limit(limit)
        )
        with self.engine.connect() as conn:
            return [(name, int(count), example) for name, count, example in conn.execute(stmt)]

    def claim_quantities(self, document_ids: Sequence[str]) -> dict[str, tuple[Quantity, ...]]:
        with self.engine.connect() as conn:
            return quantities_of(conn, document_ids)

    def mention_ids(self, document_ids: Sequence[str]) -> dict[str, tuple[str, ...]]:
        """Entity ids mentioned in each document (distinct, in first-mention order)."""
        m = schema.mentions
        out: dict[str, dict[str, None]] = {}
        with self.engine.connect() as conn:
            for i in range(0, len(document_ids), 500):
                chunk = list(document_ids[i : i + 500])
                stmt = (
                    sa.select(m.c.document_id, m.c.entity_id)
                    .where(m.c.document_id.in_(chunk))
                    .order_by(m.c.document_id, m.c.start)
                )
                for doc_id, entity_id in conn.execute(stmt):
                    out.setdefault(doc_id, {})[entity_id] = None
        return {doc: tuple(ids) for doc, ids in out.items()}

    def document_topics(self, document_ids: Sequence[str]) -> dict[str, list[tuple[str, float]]]:
        with self.engine.connect() as conn:
            return topics_of(conn, document_ids)

    def update_links(self, links: Sequence[LinkUpdate]) -> None:
        with self.engine.begin() as conn:
            apply_links(conn, links)

    def get_document(self, document_id: str) -> Document:
        with self.engine.connect() as conn:
            d = schema.documents
            row = conn.execute(sa.select(d).where(d.c.id == document_id)).first()
            if row is None:
                # allow an unambiguous id prefix, as git does
                rows = conn.execute(
                    sa.select(d).where(d.c.id.like(document_id + "%")).limit(2)
                ).all()
                if len(rows) == 1 and len(document_id) >= 6:
                    row = rows[0]
        if row is None:
            raise NotFound(
                f"no document {document_id!r}; find ids with `sinoscope search` or "
                "`sinoscope export documents`"
            )
        return document_from_row(row._mapping)

    def linked_documents(self, document_id: str) -> list[tuple[str, Document]]:
        """Documents linked to this one: ("duplicate" | "near_duplicate" | "syndicated", doc)."""
        d = schema.documents
        out: list[tuple[str, Document]] = []
        with self.engine.connect() as conn:
            for kind, column in (
                ("duplicate", d.c.duplicate_of),
                ("near_duplicate", d.c.near_duplicate_of),
                ("syndicated", d.c.syndicated_from),
            ):
                stmt = sa.select(d).where(column == document_id).order_by(d.c.published, d.c.id)
                out.extend((kind, document_from_row(r._mapping)) for r in conn.execute(stmt))
        return out

    def iter_documents(
        self,
        *,
        since: datetime | None = None,
        source_id: str | None = None,
        language: str | None = None,
        batch_size: int = 500,
    ) -> Iterator[Document]:
        """Every stored document (oldest first), streamed in batches."""
        d = schema.documents
        last_key: tuple[str, str] | None = None
        order_key = sa.func.coalesce(d.c.published, d.c.fetched_at)
        while True:
            stmt = sa.select(d, order_key.label("k")).order_by(order_key, d.c.id).limit(batch_size)
            if since is not None:
                stmt = stmt.where(d.c.published >= since)
            if source_id:
                stmt = stmt.where(d.c.source_id == source_id)
            if language:
                stmt = stmt.where(d.c.language == language)
            if last_key is not None:
                stmt = stmt.where(sa.tuple_(order_key, d.c.id) > sa.tuple_(*last_key))
            with self.engine.connect() as conn:
                rows = conn.execute(stmt).all()
            if not rows:
                return
            for r in rows:
                yield document_from_row(r._mapping)
            last = rows[-1]
            last_key = (last.k, last.id)

    def signatures(self) -> Iterator[StoredSignature]:
        with self.engine.connect() as conn:
            for r in conn.execute(sa.select(schema.signatures)):
                yield StoredSignature(
                    r.document_id, r.source_id, r.published, r.content_hash, r.signature
                )

    def search(self, query: SearchQuery) -> list[SearchHit]:
        try:
            with self.engine.connect() as conn:
                return search(conn, query)
        except OperationalError as exc:
            if "fts5" in str(exc.orig).lower() or "syntax" in str(exc.orig).lower():
                raise StoreError(f"cannot run the query {query.text!r}: {exc.orig}") from None
            raise

    # ------------------------------------------------------------------ fetch log, health, runs
    def cached_validators(self, url: str) -> tuple[str | None, str | None]:
        """The ETag and Last-Modified last seen for `url` (for a conditional GET)."""
        with self.engine.connect() as conn:
            return fetchlog.validators(conn, url)

    def record_fetch(self, result: FetchResult, *, source_id: str | None, purpose: str) -> None:
        """Log one fetch, remember its validators and update the source's health."""
        with self.engine.begin() as conn:
            fetchlog.log_fetch(conn, result, source_id=source_id, purpose=purpose)

    def record_failure(
        self, *, url: str, stage: str, reason: str, source_id: str | None = None
    ) -> None:
        """Log a failure of a stage other than fetch (extract, store …) for a URL."""
        with self.engine.begin() as conn:
            fetchlog.log_failure(conn, url=url, stage=stage, reason=reason, source_id=source_id)

    def source_health(self) -> dict[str, SourceHealth]:
        with self.engine.connect() as conn:
            return fetchlog.select_health(conn)

    def failures(self, *, limit: int = 50) -> list[dict[str, Any]]:
        """The latest failures, newest first."""
        with self.engine.connect() as conn:
            return fetchlog.select_failures(conn, limit=limit)

    def start_run(self, inputs: Sequence[str]) -> int:
        with self.engine.begin() as conn:
            return fetchlog.start_run(conn, inputs)

    def finish_run(self, run_id: int, stats: dict[str, Any]) -> None:
        with self.engine.begin() as conn:
            fetchlog.finish_run(conn, run_id, stats)

    # ------------------------------------------------------------------ counts
    def count_documents(self) -> int:
        with self.engine.connect() as conn:
            return int(
                conn.execute(sa.select(sa.func.count()).select_from(schema.documents)).scalar_one()
            )

    def query(self, stmt: sa.Executable) -> list[Any]:
        """Run a read-only Core statement (for reports and summaries)."""
        try:
            with self.engine.connect() as conn:
                return list(conn.execute(stmt).all())
        except SQLAlchemyError as exc:
            raise StoreError(f"query failed: {exc}") from None


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=30000")
    cur.close()
