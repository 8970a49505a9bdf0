"""Exports of stored records as JSON lines, CSV or Parquet."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from .errors import ConfigError
from .records import Document

FORMATS = ("jsonl", "csv", "parquet")
DOCUMENT_FIELDS = (
    "id",
    "url",
    "canonical_url",
    "source",
    "title",
    "author",
    "published",
    "date_source",
    "language",
    "text",
    "content_hash",
    "duplicate_of",
    "near_duplicate_of",
    "syndicated_from",
    "fetched_at",
    "origin",
    "extractor",
    "warc_ref",
)


def document_row(doc: Document) -> dict[str, Any]:
    """The exported shape of a document (dates as ISO 8601 strings)."""
    return {
        "id": doc.id,
        "url": doc.url,
        "canonical_url": doc.canonical_url,
        "source": doc.source_id,
        "title": doc.title,
        "author": doc.author,
        "published": doc.published.isoformat() if doc.published else None,
        "date_source": doc.date_source,
        "language": doc.language,
        "text": doc.text,
        "content_hash": doc.content_hash,
        "duplicate_of": doc.duplicate_of,
        "near_duplicate_of": doc.near_duplicate_of,
        "syndicated_from": doc.syndicated_from,
        "fetched_at": doc.fetched_at.isoformat(),
        "origin": doc.origin,
        "extractor": doc.extractor,
        "warc_ref": doc.warc_ref,
    }


def export_rows(
    rows: Iterable[dict[str, Any]],
    fields: tuple[str, ...],
    fmt: str,
    out: IO[bytes] | Path,
) -> int:
    """Write rows in `fmt` to a binary stream or a file; return how many were written."""
    if fmt not in FORMATS:
        raise ConfigError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if fmt == "parquet":
        if not isinstance(out, Path):
            raise ConfigError("Parquet is binary: give a file with --output FILE.parquet")
        return _write_parquet(rows, fields, out)
    if isinstance(out, Path):
        with out.open("wb") as fh:
            return export_rows(rows, fields, fmt, fh)
    text = io.TextIOWrapper(out, encoding="utf-8", newline="", write_through=True)
    n = 0
    try:
        if fmt == "jsonl":
            for row in rows:
                text.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")
                n += 1
        else:
            writer = csv.DictWriter(text, fieldnames=list(fields), extrasaction="ignore")
            writer.writeheader()
            for row in rows:
                writer.writerow(row)
                n += 1
        text.flush()
    finally:
        text.detach()
    return n


def _write_parquet(rows: Iterable[dict[str, Any]], fields: tuple[str, ...], path: Path) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = pa.schema([(f, pa.string()) for f in fields])
    n = 0
    with pq.ParquetWriter(path, schema) as writer:
        for batch in _batches(rows, 1000):
            columns = {f: [_str(r.get(f)) for r in batch] for f in fields}
            writer.write_table(pa.table(columns, schema=schema))
            n += len(batch)
    return n


def _str(value: Any) -> str | None:
    return None if value is None else str(value)


def _batches(rows: Iterable[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    batch: list[dict[str, Any]] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch
