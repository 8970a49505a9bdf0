"""`sinoscope search`, `show` and `export`: read the store."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from ..durations import parse_since
from ..export import DOCUMENT_FIELDS, document_row, export_rows
from ..store import SearchQuery
from ..workspace import Workspace
from ._app import (
    ConfigOption,
    DataDirOption,
    DbOption,
    JsonOption,
    app,
    print_json,
    run_guarded,
    settings_from,
)


class SearchSort(StrEnum):
    date = "date"
    relevance = "relevance"


export_app = typer.Typer(help="Export stored records.", no_args_is_help=True)
app.add_typer(export_app, name="export")


@app.command()
def search(
    query: Annotated[str, typer.Argument(help='Words (ANDed), "a phrase", -excluded; 中文 too.')],
    lang: Annotated[str | None, typer.Option(help="Only this language (en, zh).")] = None,
    since: Annotated[str | None, typer.Option(help="Published after: 30d, 12h or a date.")] = None,
    source: Annotated[
        list[str] | None, typer.Option(help="Only this source id (repeatable).")
    ] = None,
    limit: Annotated[int, typer.Option(help="How many results.")] = 20,
    sort: Annotated[
        SearchSort,
        typer.Option(
            help="date: newest first; relevance: best match first (among the newest 2,000 "
            "matches on SQLite)."
        ),
    ] = SearchSort.date,
    all_copies: Annotated[
        bool, typer.Option("--all", help="Show duplicates and wire copies as well.")
    ] = False,
    db: DbOption = None,
    data_dir: DataDirOption = None,
    config: ConfigOption = None,
    json: JsonOption = False,
) -> None:
    """Full-text search over stored documents, English and Chinese."""
    settings = settings_from(config, db=db, data_dir=data_dir)
    q = SearchQuery(
        text=query,
        language=lang,
        since=run_guarded(parse_since, since) if since else None,
        source_ids=tuple(source or ()),
        limit=limit,
        include_copies=all_copies,
        sort=sort.value,
    )
    with Workspace(settings) as ws:
        hits = run_guarded(ws.store.search, q)
    if json:
        print_json(
            [
                {
                    "id": h.document_id,
                    "title": h.title,
                    "url": h.url,
                    "source": h.source_id,
                    "published": h.published.isoformat() if h.published else None,
                    "language": h.language,
                    "snippet": h.snippet,
                    "score": h.score,
                    "copies": h.copies,
                }
                for h in hits
            ]
        )
        return
    if not hits:
        typer.echo("no documents match")
        return
    for h in hits:
        date = h.published.strftime("%Y-%m-%d") if h.published else "????-??-??"
        copies = f"  (+{h.copies} copies)" if h.copies else ""
        typer.echo(
            f"{h.document_id}  {date}  {h.source_id or '-'}  {h.title or '(no title)'}{copies}"
        )
        typer.echo(f"    {h.snippet}")


@app.command()
def show(
    document_id: Annotated[str, typer.Argument(help="A document id (or a unique prefix).")],
    db: DbOption = None,
    data_dir: DataDirOption = None,
    config: ConfigOption = None,
    json: JsonOption = False,
) -> None:
    """One document: title, source, date (and where it came from), text, duplicates."""
    settings = settings_from(config, db=db, data_dir=data_dir)
    with Workspace(settings) as ws:
        doc = run_guarded(ws.store.get_document, document_id)
        linked = ws.store.linked_documents(doc.id)
    if json:
        row = document_row(doc)
        row["linked"] = [
            {"kind": k, "id": d.id, "url": d.url, "source": d.source_id} for k, d in linked
        ]
        print_json(row)
        return
    typer.echo(doc.title or "(no title)")
    typer.echo(f"id:        {doc.id}")
    typer.echo(f"url:       {doc.url}")
    typer.echo(f"source:    {doc.source_id or '(unknown)'}")
    date = doc.published.isoformat() if doc.published else "unknown"
    typer.echo(f"published: {date}  (from {doc.date_source})")
    typer.echo(f"author:    {doc.author or '-'}")
    typer.echo(f"language:  {doc.language or '-'}   extractor: {doc.extractor}")
    for label, target in (
        ("duplicate of", doc.duplicate_of),
        ("near duplicate of", doc.near_duplicate_of),
        ("wire copy of", doc.syndicated_from),
    ):
        if target:
            typer.echo(f"{label}: {target} (similarity {doc.similarity or 0:.2f})")
    for kind, other in linked:
        typer.echo(
            f"{kind.replace('_', ' ')} copy: {other.id} {other.source_id or '-'} {other.url}"
        )
    typer.echo("")
    typer.echo(doc.text)


@export_app.command("documents")
def export_documents(
    format: Annotated[str, typer.Option("--format", help="jsonl, csv or parquet.")] = "jsonl",
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="File (default stdout).")
    ] = None,
    since: Annotated[str | None, typer.Option(help="Published after: 30d or a date.")] = None,
    source: Annotated[str | None, typer.Option(help="Only this source id.")] = None,
    lang: Annotated[str | None, typer.Option(help="Only this language.")] = None,
    db: DbOption = None,
    data_dir: DataDirOption = None,
    config: ConfigOption = None,
) -> None:
    """Every stored document, one record each (id, url, source, title, author, published …)."""
    settings = settings_from(config, db=db, data_dir=data_dir)
    with Workspace(settings) as ws:
        docs = ws.store.iter_documents(
            since=run_guarded(parse_since, since) if since else None,
            source_id=source,
            language=lang,
        )
        rows = (document_row(d) for d in docs)
        n = run_guarded(export_rows, rows, DOCUMENT_FIELDS, format, output or sys.stdout.buffer)
    if output:
        typer.echo(f"wrote {n} documents to {output}", err=True)
