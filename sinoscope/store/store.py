"""The store: one class over SQLAlchemy Core, the same code on SQLite and PostgreSQL.

`Store.open(url)` connects and migrates (Alembic, scripts in store/migrations). SQLite runs in
WAL mode with one writer; every write method is its own transaction, so a process killed at
any point leaves the store consistent and a re-run picks up where it stopped.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import OperationalError, SQLAlchemyError

from ..errors import NotFound, StoreError
from ..records import Agreement, Analysis, Document, FetchResult, Quantity, Source, Story
from . import schema
from .claims import (
    ClaimQuery,
    StoredClaim,
    quantities_of,
    replace_agreements,
    replace_analysis,
    select_agreements,
    select_claims,
    topics_of,
)
from .search import SearchHit, SearchQuery, index_text, search, search_seq
from .stories import (
    insert_briefing,
    latest_briefing,
    save_stories,
    select_assignments,
    select_stories,
)

log = logging.getLogger(__name__)

_MIGRATIONS = Path(__file__).parent / "migrations"


def _now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True, slots=True)
class StoredSignature:
    document_id: str
    source_id: str | None
    published: datetime | None
    content_hash: str
    signature: bytes


@dataclass(frozen=True, slots=True)
class LinkUpdate:
    """New duplicate links for one stored document (from the dedupe stage)."""

    document_id: str
    duplicate_of: str | None = None
    near_duplicate_of: str | None = None
    syndicated_from: str | None = None
    similarity: float | None = None


@dataclass(frozen=True, slots=True)
class SourceHealth:
    source_id: str
    last_ok_at: datetime | None
    last_error_at: datetime | None
    last_error: str | None
    last_error_url: str | None
    consecutive_failures: int
    ok_count: int
    error_count: int


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
        row = _document_row(doc)
        with self.engine.begin() as conn:
            d = schema.documents
            exists = conn.execute(sa.select(d.c.id).where(d.c.id == doc.id)).first() is not None
            if exists:
                conn.execute(d.update().where(d.c.id == doc.id), row)
                conn.execute(
                    schema.search_text.delete().where(schema.search_text.c.document_id == doc.id)
                )
                conn.execute(
                    schema.mentions.delete().where(schema.mentions.c.document_id == doc.id)
                )
                conn.execute(
                    schema.signatures.delete().where(schema.signatures.c.document_id == doc.id)
                )
            else:
                conn.execute(d.insert(), row)
            _insert_search_text(conn, [doc])
            if signature is not None:
                conn.execute(
                    schema.signatures.insert(),
                    {
                        "document_id": doc.id,
                        "source_id": doc.source_id,
                        "published": doc.published,
                        "content_hash": doc.content_hash,
                        "signature": signature,
                    },
                )
            if mentions:
                conn.execute(
                    schema.mentions.insert(),
                    [
                        {"document_id": doc.id, "entity_id": e, "start": s, "end": t, "text": x}
                        for e, s, t, x in mentions
                    ],
                )
            if analysis is not None:
                replace_analysis(conn, doc.id, analysis)
            _apply_links(conn, links)
        return not exists

    def insert_documents(self, docs: Sequence[Document]) -> None:
        """Bulk-insert new documents (no signatures, links or mentions) in one transaction.

        For backfills and benchmarks; an id that exists already is an error.
        """
        with self.engine.begin() as conn:
            conn.execute(schema.documents.insert(), [_document_row(d) for d in docs])
            _insert_search_text(conn, docs)

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
                    out[r.id] = _document_from_row(r._mapping)
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
            _apply_links(conn, links)

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
        return _document_from_row(row._mapping)

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
                out.extend((kind, _document_from_row(r._mapping)) for r in conn.execute(stmt))
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
                yield _document_from_row(r._mapping)
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

    # ------------------------------------------------------------------ fetch log, health
    def cached_validators(self, url: str) -> tuple[str | None, str | None]:
        with self.engine.connect() as conn:
            row = conn.execute(
                sa.select(schema.http_cache.c.etag, schema.http_cache.c.last_modified).where(
                    schema.http_cache.c.url == url
                )
            ).first()
        return (row.etag, row.last_modified) if row else (None, None)

    def record_fetch(self, result: FetchResult, *, source_id: str | None, purpose: str) -> None:
        """Log one fetch, remember its validators and update the source's health."""
        with self.engine.begin() as conn:
            conn.execute(
                schema.fetches.insert(),
                {
                    "url": result.url,
                    "final_url": result.final_url,
                    "source_id": source_id,
                    "purpose": purpose,
                    "status": result.status,
                    "error": result.error,
                    "size": len(result.body),
                    "elapsed": result.elapsed,
                    "fetched_at": result.fetched_at,
                    "warc_ref": result.warc_ref,
                    "not_modified": result.not_modified,
                },
            )
            if result.ok and not result.not_modified:
                etag, modified = result.header("etag"), result.header("last-modified")
                if etag or modified:
                    _upsert(
                        conn,
                        schema.http_cache,
                        {"url": result.url},
                        {
                            "etag": etag,
                            "last_modified": modified,
                            "status": result.status,
                            "fetched_at": result.fetched_at,
                        },
                    )
            if result.error is not None:
                conn.execute(
                    schema.failures.insert(),
                    {
                        "at": result.fetched_at,
                        "source_id": source_id,
                        "url": result.url,
                        "stage": "fetch",
                        "reason": result.error,
                    },
                )
            if source_id:
                ok = result.error is None
                self._health(conn, source_id, ok, result.error, result.url, result.fetched_at)

    def record_failure(
        self, *, url: str, stage: str, reason: str, source_id: str | None = None
    ) -> None:
        """Log a failure of a stage other than fetch (extract, store …) for a URL."""
        now = _now()
        with self.engine.begin() as conn:
            conn.execute(
                schema.failures.insert(),
                {"at": now, "source_id": source_id, "url": url, "stage": stage, "reason": reason},
            )
            if source_id:
                self._health(conn, source_id, False, f"{stage}: {reason}", url, now)

    def _health(
        self,
        conn: Connection,
        source_id: str,
        ok: bool,
        error: str | None,
        url: str,
        at: datetime,
    ) -> None:
        h = schema.source_health
        row = conn.execute(sa.select(h).where(h.c.source_id == source_id)).first()
        current: dict[str, Any] = (
            dict(row._mapping)
            if row
            else {
                "source_id": source_id,
                "consecutive_failures": 0,
                "ok_count": 0,
                "error_count": 0,
            }
        )
        if ok:
            current.update(last_ok_at=at, consecutive_failures=0, ok_count=current["ok_count"] + 1)
        else:
            current.update(
                last_error_at=at,
                last_error=error,
                last_error_url=url,
                consecutive_failures=current["consecutive_failures"] + 1,
                error_count=current["error_count"] + 1,
            )
        values = {k: v for k, v in current.items() if k != "source_id"}
        _upsert(conn, h, {"source_id": source_id}, values)

    def source_health(self) -> dict[str, SourceHealth]:
        with self.engine.connect() as conn:
            return {
                r.source_id: SourceHealth(
                    r.source_id,
                    r.last_ok_at,
                    r.last_error_at,
                    r.last_error,
                    r.last_error_url,
                    r.consecutive_failures,
                    r.ok_count,
                    r.error_count,
                )
                for r in conn.execute(sa.select(schema.source_health))
            }

    def failures(self, *, limit: int = 50) -> list[dict[str, Any]]:
        f = schema.failures
        with self.engine.connect() as conn:
            rows = conn.execute(sa.select(f).order_by(f.c.id.desc()).limit(limit)).all()
        return [dict(r._mapping) for r in rows]

    # ------------------------------------------------------------------ runs
    def start_run(self, inputs: Sequence[str]) -> int:
        with self.engine.begin() as conn:
            result = conn.execute(
                schema.runs.insert().returning(schema.runs.c.id),
                {"started_at": _now(), "inputs": json.dumps(list(inputs)), "stats": "{}"},
            )
            return int(result.scalar_one())

    def finish_run(self, run_id: int, stats: dict[str, Any]) -> None:
        with self.engine.begin() as conn:
            conn.execute(
                schema.runs.update().where(schema.runs.c.id == run_id),
                {"finished_at": _now(), "stats": json.dumps(stats, default=str)},
            )

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


def _upsert(conn: Connection, table: sa.Table, key: dict[str, Any], values: dict[str, Any]) -> None:
    cond = sa.and_(*(table.c[k] == v for k, v in key.items()))
    updated = conn.execute(table.update().where(cond).values(**values))
    if updated.rowcount == 0:
        conn.execute(table.insert().values(**key, **values))


def _insert_search_text(conn: Connection, docs: Sequence[Document]) -> None:
    """Index rows keyed by publication time (search_seq); a taken key moves to the next."""
    st = schema.search_text
    assigned: set[int] = set()
    rows = []
    for doc in docs:
        seq = search_seq(doc.published or doc.fetched_at, doc.id)
        while (
            seq in assigned
            or conn.execute(sa.select(st.c.seq).where(st.c.seq == seq)).first() is not None
        ):
            seq += 1
        assigned.add(seq)
        rows.append(
            {
                "seq": seq,
                "document_id": doc.id,
                "title": index_text(doc.title or ""),
                "body": index_text(doc.text),
            }
        )
    conn.execute(st.insert(), rows)


def _apply_links(conn: Connection, links: Sequence[LinkUpdate]) -> None:
    d = schema.documents
    for link in links:
        conn.execute(
            d.update()
            .where(d.c.id == link.document_id)
            .values(
                duplicate_of=link.duplicate_of,
                near_duplicate_of=link.near_duplicate_of,
                syndicated_from=link.syndicated_from,
                similarity=link.similarity,
            )
        )


def _document_row(doc: Document) -> dict[str, Any]:
    return {
        "id": doc.id,
        "url": doc.url,
        "canonical_url": doc.canonical_url,
        "source_id": doc.source_id,
        "title": doc.title,
        "author": doc.author,
        "published": doc.published,
        "date_source": doc.date_source,
        "language": doc.language,
        "text": doc.text,
        "content_hash": doc.content_hash,
        "fetched_at": doc.fetched_at,
        "origin": doc.origin,
        "extractor": doc.extractor,
        "warc_ref": doc.warc_ref,
        "duplicate_of": doc.duplicate_of,
        "near_duplicate_of": doc.near_duplicate_of,
        "syndicated_from": doc.syndicated_from,
        "similarity": doc.similarity,
    }


def _document_from_row(m: Any) -> Document:
    return Document(
        id=m["id"],
        url=m["url"],
        canonical_url=m["canonical_url"],
        source_id=m["source_id"],
        title=m["title"],
        author=m["author"],
        published=m["published"],
        date_source=m["date_source"],
        language=m["language"],
        text=m["text"],
        content_hash=m["content_hash"],
        fetched_at=m["fetched_at"],
        origin=m["origin"],
        extractor=m["extractor"],
        warc_ref=m["warc_ref"],
        duplicate_of=m["duplicate_of"],
        near_duplicate_of=m["near_duplicate_of"],
        syndicated_from=m["syndicated_from"],
        similarity=m["similarity"],
    )
