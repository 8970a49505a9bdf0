"""Stories and briefings in the store: story membership and summaries, written briefings."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from ..records import Story
from . import schema


def story_row(story: Story) -> dict[str, Any]:
    return {
        "id": story.id,
        "title": story.title,
        "first_published": story.first_published,
        "last_published": story.last_published,
        "documents": len(story.document_ids),
        "independent_publishers": story.independent_publishers,
        "sources": json.dumps(list(story.sources)),
        "source_kinds": json.dumps(list(story.source_kinds)),
        "languages": json.dumps(list(story.languages)),
    }


def save_stories(
    conn: Connection, assignments: Mapping[str, str], stories: Sequence[Story]
) -> None:
    """Record document → story assignments and replace the given stories' summaries;
    stories left without documents are deleted."""
    sm, st = schema.story_members, schema.stories
    ids = list(assignments)
    for i in range(0, len(ids), 500):
        chunk = ids[i : i + 500]
        conn.execute(sm.delete().where(sm.c.document_id.in_(chunk)))
    if assignments:
        conn.execute(
            sm.insert(), [{"document_id": d, "story_id": s} for d, s in assignments.items()]
        )
    story_ids = [s.id for s in stories]
    for i in range(0, len(story_ids), 500):
        conn.execute(st.delete().where(st.c.id.in_(story_ids[i : i + 500])))
    if stories:
        conn.execute(st.insert(), [story_row(s) for s in stories])
    # a story whose documents all moved elsewhere is gone
    conn.execute(st.delete().where(~st.c.id.in_(sa.select(sm.c.story_id).distinct())))


def select_assignments(
    conn: Connection, *, since: datetime | None = None, document_ids: Sequence[str] = ()
) -> dict[str, str]:
    sm, d = schema.story_members, schema.documents
    stmt = sa.select(sm.c.document_id, sm.c.story_id)
    if since is not None:
        stmt = stmt.join(d, d.c.id == sm.c.document_id).where(
            sa.or_(d.c.published >= since, d.c.published.is_(None))
        )
    if document_ids:
        stmt = stmt.where(sm.c.document_id.in_(list(document_ids)))
    return {r.document_id: r.story_id for r in conn.execute(stmt)}


def select_stories(
    conn: Connection,
    *,
    since: datetime | None = None,
    until: datetime | None = None,
    min_documents: int = 1,
    story_ids: Sequence[str] = (),
) -> list[Story]:
    """Stories active in the window (last report after `since`), biggest first."""
    st, sm = schema.stories, schema.story_members
    stmt = sa.select(st).where(st.c.documents >= min_documents)
    if since is not None:
        stmt = stmt.where(st.c.last_published >= since)
    if until is not None:
        stmt = stmt.where(st.c.first_published < until)
    if story_ids:
        stmt = stmt.where(st.c.id.in_(list(story_ids)))
    stmt = stmt.order_by(st.c.documents.desc(), st.c.last_published.desc(), st.c.id)
    rows = conn.execute(stmt).all()
    members: dict[str, list[str]] = {r.id: [] for r in rows}
    ids = list(members)
    for i in range(0, len(ids), 500):
        m = conn.execute(
            sa.select(sm.c.story_id, sm.c.document_id)
            .where(sm.c.story_id.in_(ids[i : i + 500]))
            .order_by(sm.c.document_id)
        )
        for story_id, doc_id in m:
            members[story_id].append(doc_id)
    return [
        Story(
            id=r.id,
            title=r.title,
            document_ids=tuple(members[r.id]),
            first_published=r.first_published,
            last_published=r.last_published,
            sources=tuple(json.loads(r.sources)),
            source_kinds=tuple(json.loads(r.source_kinds)),
            languages=tuple(json.loads(r.languages)),
            independent_publishers=r.independent_publishers,
        )
        for r in rows
    ]


def insert_briefing(
    conn: Connection,
    *,
    scope: str,
    window: tuple[datetime, datetime],
    writer: str,
    body: Mapping[str, Any],
) -> int:
    b = schema.briefings
    result = conn.execute(
        b.insert().returning(b.c.id),
        {
            "created_at": datetime.now(UTC),
            "scope": scope,
            "window_start": window[0],
            "window_end": window[1],
            "writer": writer,
            "body": json.dumps(body, ensure_ascii=False),
        },
    )
    return int(result.scalar_one())


def latest_briefing(
    conn: Connection, scope: str, *, before: datetime | None = None
) -> dict[str, Any] | None:
    """The body of the latest briefing of this scope whose window ended before `before`."""
    b = schema.briefings
    stmt = sa.select(b.c.body).where(b.c.scope == scope)
    if before is not None:
        stmt = stmt.where(b.c.window_end <= before)
    row = conn.execute(stmt.order_by(b.c.window_end.desc(), b.c.id.desc()).limit(1)).first()
    return json.loads(row.body) if row else None
