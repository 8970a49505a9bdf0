"""What is in the store, at a glance: the figures `sinoscope demo` and `status` print."""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa

from .records import Beat
from .store import Store
from .store import schema as t


@dataclass(frozen=True, slots=True)
class CopyGroup:
    """An original document and the documents linked to it."""

    original_id: str
    original_source: str | None
    title: str | None
    copies: tuple[tuple[str, str, str | None], ...]  # (kind, document id, source id)


@dataclass(frozen=True, slots=True)
class Summary:
    documents: int
    by_source: tuple[tuple[str, int], ...]
    by_language: tuple[tuple[str, int], ...]
    by_kind: tuple[tuple[str, int], ...]
    duplicates: int
    near_duplicates: int
    syndicated: int
    groups: tuple[CopyGroup, ...]
    top_entities: tuple[tuple[str, str, int], ...]  # (entity id, display name, documents)
    failures: int
    failing_sources: tuple[tuple[str, str], ...]  # (source id, last error)


def summarize(store: Store, beat: Beat, *, top: int = 12) -> Summary:
    d = t.documents
    by_source = store.query(
        sa.select(d.c.source_id, sa.func.count())
        .group_by(d.c.source_id)
        .order_by(sa.func.count().desc())
    )
    by_language = store.query(
        sa.select(d.c.language, sa.func.count())
        .group_by(d.c.language)
        .order_by(sa.func.count().desc())
    )
    kinds = {s.id: s.kind for s in beat.sources}
    by_kind: dict[str, int] = {}
    for source_id, n in by_source:
        kind = kinds.get(source_id or "", "unknown")
        by_kind[kind] = by_kind.get(kind, 0) + n

    def count(column: sa.Column[str]) -> int:
        return int(store.query(sa.select(sa.func.count()).where(column.is_not(None)))[0][0])

    groups = _groups(store)
    names = {e.id: e.name for e in beat.entities}
    m = t.mentions
    n_docs = sa.func.count(sa.distinct(m.c.document_id))
    top_rows = store.query(
        sa.select(m.c.entity_id, n_docs)
        .group_by(m.c.entity_id)
        .order_by(n_docs.desc(), m.c.entity_id)
        .limit(top)
    )
    health = store.source_health()
    failing = tuple(
        (h.source_id, h.last_error or "") for h in health.values() if h.consecutive_failures
    )
    failures = int(store.query(sa.select(sa.func.count()).select_from(t.failures))[0][0])
    return Summary(
        documents=sum(n for _, n in by_source),
        by_source=tuple((s or "(unknown)", n) for s, n in by_source),
        by_language=tuple((lang or "?", n) for lang, n in by_language),
        by_kind=tuple(sorted(by_kind.items(), key=lambda kv: -kv[1])),
        duplicates=count(d.c.duplicate_of),
        near_duplicates=count(d.c.near_duplicate_of),
        syndicated=count(d.c.syndicated_from),
        groups=groups,
        top_entities=tuple((e, names.get(e, e), n) for e, n in top_rows),
        failures=failures,
        failing_sources=tuple(sorted(failing)),
    )


def _groups(store: Store) -> tuple[CopyGroup, ...]:
    d = t.documents
    rows = store.query(
        sa.select(
            d.c.id, d.c.source_id, d.c.duplicate_of, d.c.near_duplicate_of, d.c.syndicated_from
        ).where(
            sa.or_(
                d.c.duplicate_of.is_not(None),
                d.c.near_duplicate_of.is_not(None),
                d.c.syndicated_from.is_not(None),
            )
        )
    )
    copies: dict[str, list[tuple[str, str, str | None]]] = {}
    for r in rows:
        if r.duplicate_of:
            copies.setdefault(r.duplicate_of, []).append(("duplicate", r.id, r.source_id))
        elif r.syndicated_from:
            copies.setdefault(r.syndicated_from, []).append(("wire copy", r.id, r.source_id))
        else:
            copies.setdefault(r.near_duplicate_of, []).append(("near duplicate", r.id, r.source_id))
    if not copies:
        return ()
    originals = {
        r.id: r
        for r in store.query(
            sa.select(d.c.id, d.c.source_id, d.c.title).where(d.c.id.in_(list(copies)))
        )
    }
    out = []
    for original_id in sorted(copies, key=lambda k: (-len(copies[k]), k)):
        o = originals.get(original_id)
        out.append(
            CopyGroup(
                original_id,
                o.source_id if o else None,
                o.title if o else None,
                tuple(sorted(copies[original_id])),
            )
        )
    return tuple(out)
