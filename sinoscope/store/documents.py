"""Documents in the store: rows, the search index, duplicate links, signatures, mentions."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from ..records import Analysis, Document
from . import schema
from .claims import replace_analysis
from .search import index_text, search_seq

__all__ = [
    "LinkUpdate",
    "StoredSignature",
    "apply_links",
    "document_from_row",
    "document_row",
    "insert_search_text",
    "write_document",
]


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


def write_document(
    conn: Connection,
    doc: Document,
    *,
    signature: bytes | None = None,
    links: Sequence[LinkUpdate] = (),
    mentions: Sequence[tuple[str, int, int, str]] = (),
    analysis: Analysis | None = None,
) -> bool:
    """Insert or replace one document with everything derived from it (see
    `Store.save_document`). Returns True when the document is new."""
    row = document_row(doc)
    d = schema.documents
    exists = conn.execute(sa.select(d.c.id).where(d.c.id == doc.id)).first() is not None
    if exists:
        conn.execute(d.update().where(d.c.id == doc.id), row)
        for table in (schema.search_text, schema.mentions, schema.signatures):
            conn.execute(table.delete().where(table.c.document_id == doc.id))
    else:
        conn.execute(d.insert(), row)
    insert_search_text(conn, [doc])
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
    apply_links(conn, links)
    return not exists


def insert_search_text(conn: Connection, docs: Sequence[Document]) -> None:
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


def apply_links(conn: Connection, links: Sequence[LinkUpdate]) -> None:
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


def document_row(doc: Document) -> dict[str, Any]:
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


def document_from_row(m: Any) -> Document:
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
