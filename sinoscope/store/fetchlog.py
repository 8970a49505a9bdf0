"""The fetch log in the store: every fetch, HTTP validators, failures, source health, runs."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, fields
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from ..records import FetchResult
from . import schema

__all__ = [
    "SourceHealth",
    "finish_run",
    "log_failure",
    "log_fetch",
    "select_failures",
    "select_health",
    "start_run",
    "upsert",
    "validators",
]


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


def upsert(conn: Connection, table: sa.Table, key: dict[str, Any], values: dict[str, Any]) -> None:
    """Update the row with `key`, or insert it (portable: no dialect-specific upsert)."""
    cond = sa.and_(*(table.c[k] == v for k, v in key.items()))
    updated = conn.execute(table.update().where(cond).values(**values))
    if updated.rowcount == 0:
        conn.execute(table.insert().values(**key, **values))


def validators(conn: Connection, url: str) -> tuple[str | None, str | None]:
    """The ETag and Last-Modified last seen for `url` (None, None when never fetched)."""
    c = schema.http_cache.c
    row = conn.execute(sa.select(c.etag, c.last_modified).where(c.url == url)).first()
    return (row.etag, row.last_modified) if row else (None, None)


def log_fetch(
    conn: Connection, result: FetchResult, *, source_id: str | None, purpose: str
) -> None:
    """Log one fetch, remember its validators, log its error and update the source's health."""
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
            upsert(
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
        _health(conn, source_id, result.error is None, result.error, result.url, result.fetched_at)


def log_failure(
    conn: Connection, *, url: str, stage: str, reason: str, source_id: str | None = None
) -> None:
    """Log a failure of a stage other than fetch (extract, store …) for a URL."""
    now = datetime.now(UTC)
    conn.execute(
        schema.failures.insert(),
        {"at": now, "source_id": source_id, "url": url, "stage": stage, "reason": reason},
    )
    if source_id:
        _health(conn, source_id, False, f"{stage}: {reason}", url, now)


def _health(
    conn: Connection, source_id: str, ok: bool, error: str | None, url: str, at: datetime
) -> None:
    h = schema.source_health
    row = conn.execute(sa.select(h).where(h.c.source_id == source_id)).first()
    current: dict[str, Any] = (
        dict(row._mapping)
        if row
        else {"source_id": source_id, "consecutive_failures": 0, "ok_count": 0, "error_count": 0}
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
    upsert(conn, h, {"source_id": source_id}, values)


def select_health(conn: Connection) -> dict[str, SourceHealth]:
    names = [f.name for f in fields(SourceHealth)]
    return {
        r.source_id: SourceHealth(**{name: r._mapping[name] for name in names})
        for r in conn.execute(sa.select(schema.source_health))
    }


def select_failures(conn: Connection, *, limit: int = 50) -> list[dict[str, Any]]:
    f = schema.failures
    rows = conn.execute(sa.select(f).order_by(f.c.id.desc()).limit(limit)).all()
    return [dict(r._mapping) for r in rows]


def start_run(conn: Connection, inputs: Sequence[str]) -> int:
    result = conn.execute(
        schema.runs.insert().returning(schema.runs.c.id),
        {"started_at": datetime.now(UTC), "inputs": json.dumps(list(inputs)), "stats": "{}"},
    )
    return int(result.scalar_one())


def finish_run(conn: Connection, run_id: int, stats: dict[str, Any]) -> None:
    conn.execute(
        schema.runs.update().where(schema.runs.c.id == run_id),
        {"finished_at": datetime.now(UTC), "stats": json.dumps(stats, default=str)},
    )
