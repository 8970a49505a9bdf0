"""Claims in the store: rows ↔ records, and the queries the claims, indicators and briefing
surfaces need. Quantities and lists are JSON columns, so the schema stays flat."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from ..records import Agreement, Analysis, Attribution, Claim, Quantity, TimeRef
from . import schema

_QUANTITY_FIELDS = (
    "text", "start", "end", "value", "unit", "change", "low", "high", "kind", "currency",
    "scale", "approximate",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class StoredClaim:
    """A claim with what the surfaces show next to it: its document's source, date, title."""

    claim: Claim
    source_id: str | None
    published: datetime | None
    title: str | None
    url: str
    syndicated_from: str | None
    duplicate_of: str | None = None
    near_duplicate_of: str | None = None


@dataclass(frozen=True, slots=True)
class ClaimQuery:
    metric: str | None = None
    kind: str | None = None
    entity: str | None = None  # subject or any entity mentioned in the sentence
    document_id: str | None = None
    source_id: str | None = None
    since: datetime | None = None
    until: datetime | None = None
    include_copies: bool = True
    limit: int | None = None


def claim_row(claim: Claim) -> dict[str, Any]:
    a, t = claim.attribution, claim.time
    return {
        "id": claim.id,
        "document_id": claim.document_id,
        "kind": claim.kind,
        "sentence": claim.sentence,
        "start": claim.start,
        "end": claim.end,
        "language": claim.language,
        "quantities": json.dumps(
            [{f: getattr(q, f) for f in _QUANTITY_FIELDS} for q in claim.quantities],
            ensure_ascii=False,
        ),
        "metric": claim.metric,
        "metric_text": claim.metric_text,
        "subject": claim.subject,
        "subject_text": claim.subject_text,
        "attribution_name": a.name,
        "attribution_entity": a.entity_id,
        "attribution_text": a.text,
        "attribution_kind": a.kind,
        "hedge": claim.hedge,
        "as_of": t.as_of,
        "deadline": t.deadline,
        "period": t.period,
        "time_text": t.text,
        "topics": json.dumps(list(claim.topics)),
        "entities": json.dumps(list(claim.entities)),
    }


def claim_from_row(m: Any) -> Claim:
    return Claim(
        id=m["id"],
        document_id=m["document_id"],
        kind=m["kind"],
        sentence=m["sentence"],
        start=m["start"],
        end=m["end"],
        language=m["language"],
        quantities=tuple(Quantity(**q) for q in json.loads(m["quantities"])),
        metric=m["metric"],
        metric_text=m["metric_text"],
        subject=m["subject"],
        subject_text=m["subject_text"],
        attribution=Attribution(
            name=m["attribution_name"],
            entity_id=m["attribution_entity"],
            text=m["attribution_text"],
            kind=m["attribution_kind"],
        ),
        hedge=m["hedge"],
        time=TimeRef(
            as_of=m["as_of"], deadline=m["deadline"], period=m["period"], text=m["time_text"]
        ),
        topics=tuple(json.loads(m["topics"])),
        entities=tuple(json.loads(m["entities"])),
    )


def replace_analysis(conn: Connection, document_id: str, analysis: Analysis) -> None:
    """Store an analysis of a document, replacing any earlier one (one transaction: caller's)."""
    for table in (schema.claims, schema.document_topics, schema.candidates):
        conn.execute(table.delete().where(table.c.document_id == document_id))
    if analysis.claims:
        conn.execute(schema.claims.insert(), [claim_row(c) for c in analysis.claims])
    if analysis.topics:
        conn.execute(
            schema.document_topics.insert(),
            [{"document_id": document_id, "topic_id": t, "score": s} for t, s in analysis.topics],
        )
    names = sorted({n[:200] for n in analysis.candidates})
    if names:
        conn.execute(
            schema.candidates.insert(), [{"name": n, "document_id": document_id} for n in names]
        )


def select_claims(conn: Connection, query: ClaimQuery) -> list[StoredClaim]:
    c, d = schema.claims, schema.documents
    stmt = (
        sa.select(
            c,
            d.c.source_id,
            d.c.published,
            d.c.title,
            d.c.url,
            d.c.syndicated_from,
            d.c.duplicate_of,
            d.c.near_duplicate_of,
        )
        .join(d, d.c.id == c.c.document_id)
        .order_by(d.c.published, c.c.document_id, c.c.start, c.c.id)
    )
    if query.metric:
        stmt = stmt.where(c.c.metric == query.metric)
    if query.kind:
        stmt = stmt.where(c.c.kind == query.kind)
    if query.document_id:
        stmt = stmt.where(c.c.document_id == query.document_id)
    if query.source_id:
        stmt = stmt.where(d.c.source_id == query.source_id)
    if query.since:
        stmt = stmt.where(d.c.published >= query.since)
    if query.until:
        stmt = stmt.where(d.c.published < query.until)
    if query.entity:
        # entities is a JSON list of ids: match the quoted id inside it
        stmt = stmt.where(
            sa.or_(c.c.subject == query.entity, c.c.entities.contains(f'"{query.entity}"'))
        )
    if not query.include_copies:
        stmt = stmt.where(d.c.duplicate_of.is_(None), d.c.syndicated_from.is_(None))
    if query.limit:
        stmt = stmt.limit(query.limit)
    return [
        StoredClaim(
            claim=claim_from_row(r._mapping),
            source_id=r.source_id,
            published=r.published,
            title=r.title,
            url=r.url,
            syndicated_from=r.syndicated_from,
            duplicate_of=r.duplicate_of,
            near_duplicate_of=r.near_duplicate_of,
        )
        for r in conn.execute(stmt)
    ]


def topics_of(conn: Connection, document_ids: Sequence[str]) -> dict[str, list[tuple[str, float]]]:
    t = schema.document_topics
    out: dict[str, list[tuple[str, float]]] = {}
    for i in range(0, len(document_ids), 500):
        chunk = list(document_ids[i : i + 500])
        stmt = sa.select(t.c.document_id, t.c.topic_id, t.c.score).where(t.c.document_id.in_(chunk))
        for doc_id, topic, score in conn.execute(stmt.order_by(t.c.score.desc())):
            out.setdefault(doc_id, []).append((topic, score))
    return out


def replace_agreements(conn: Connection, agreements: Sequence[Agreement]) -> None:
    """Replace every stored agreement (they are recomputed as a whole after each ingest)."""
    conn.execute(schema.agreements.delete())
    if not agreements:
        return
    conn.execute(
        schema.agreements.insert(),
        [
            {
                "id": a.id,
                "kind": a.kind,
                "metric": a.metric,
                "period": a.period,
                "is_target": a.is_target,
                "independent_sources": a.independent_sources,
                "definition": a.definition,
                "summary": a.summary,
                "sides": json.dumps([list(side) for side in a.sides]),
                "document_ids": json.dumps(list(a.document_ids)),
                "voices": json.dumps(list(a.voices), ensure_ascii=False),
                "publishers": json.dumps(list(a.publishers), ensure_ascii=False),
            }
            for a in agreements
        ],
    )


def select_agreements(
    conn: Connection, *, kind: str | None = None, metric: str | None = None
) -> list[Agreement]:
    a = schema.agreements
    stmt = sa.select(a).order_by(a.c.metric, a.c.period, a.c.kind, a.c.id)
    if kind:
        stmt = stmt.where(a.c.kind == kind)
    if metric:
        stmt = stmt.where(a.c.metric == metric)
    out = []
    for r in conn.execute(stmt):
        sides = tuple(tuple(side) for side in json.loads(r.sides))
        out.append(
            Agreement(
                id=r.id,
                kind=r.kind,
                metric=r.metric,
                period=r.period,
                is_target=r.is_target,
                sides=sides,
                claim_ids=tuple(c for side in sides for c in side),
                document_ids=tuple(json.loads(r.document_ids)),
                voices=tuple(json.loads(r.voices)),
                publishers=tuple(json.loads(r.publishers)),
                independent_sources=r.independent_sources,
                definition=r.definition,
                summary=r.summary,
            )
        )
    return out


def quantities_of(conn: Connection, document_ids: Sequence[str]) -> dict[str, tuple[Quantity, ...]]:
    """The quantities of each document's claims, in text order (what story features need)."""
    c = schema.claims
    out: dict[str, list[Quantity]] = {}
    for i in range(0, len(document_ids), 500):
        chunk = list(document_ids[i : i + 500])
        stmt = (
            sa.select(c.c.document_id, c.c.quantities)
            .where(c.c.document_id.in_(chunk))
            .order_by(c.c.document_id, c.c.start, c.c.id)
        )
        for doc_id, quantities in conn.execute(stmt):
            out.setdefault(doc_id, []).extend(Quantity(**q) for q in json.loads(quantities))
    return {doc: tuple(qs) for doc, qs in out.items()}
