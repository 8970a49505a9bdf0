"""`sinoscope stories` and `sinoscope brief`: what happened, clustered and written up."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated

import typer

from ..briefs import BriefRequest, brief
from ..durations import parse_since
from ..records import Document, Story
from ..workspace import Workspace
from ..write import BriefOptions, LLMWriter, LLMWriterOptions, OpenAICompatibleLLM, render
from ._app import (
    BeatOption,
    ConfigOption,
    DataDirOption,
    DbOption,
    JsonOption,
    app,
    fail,
    print_json,
    run_guarded,
    settings_from,
)

_TIMELINE_LINES = 8  # reports listed under a story in the text output


@app.command()
def stories(
    since: Annotated[str, typer.Option(help="Stories active after: 7d, 30d or a date.")] = "7d",
    min_documents: Annotated[int, typer.Option(help="Only stories with this many documents.")] = 1,
    db: DbOption = None,
    data_dir: DataDirOption = None,
    config: ConfigOption = None,
    json: JsonOption = False,
) -> None:
    """Stories across outlets and languages: headline, outlets (by kind), languages, timeline."""
    settings = settings_from(config, db=db, data_dir=data_dir)
    with Workspace(settings) as ws:
        found = ws.store.stories(since=run_guarded(parse_since, since), min_documents=min_documents)
        docs = ws.store.documents(sorted({d for s in found for d in s.document_ids}))
    if json:
        print_json(
            [
                {
                    "id": s.id,
                    "title": s.title,
                    "documents": len(s.document_ids),
                    "independent_publishers": s.independent_publishers,
                    "sources": list(s.sources),
                    "source_kinds": list(s.source_kinds),
                    "languages": list(s.languages),
                    "first_published": s.first_published.isoformat() if s.first_published else None,
                    "last_published": s.last_published.isoformat() if s.last_published else None,
                    "timeline": [
                        {
                            "document_id": d.id,
                            "published": d.published.isoformat() if d.published else None,
                            "source": d.source_id,
                            "title": d.title,
                            "copy_of": _copy_of(d),
                        }
                        for d in _timeline(s, docs)
                    ],
                }
                for s in found
            ]
        )
        return
    if not found:
        typer.echo("no stories in that window")
    for s in found:
        first = s.first_published.strftime("%Y-%m-%d") if s.first_published else "?"
        typer.echo(f"{s.title}")
        count, publishers = len(s.document_ids), s.independent_publishers
        typer.echo(
            f"   {count} document{'s' * (count != 1)}, {publishers} independent "
            f"publisher{'s' * (publishers != 1)} "
            f"({', '.join(k.replace('_', ' ') for k in s.source_kinds)}); "
            f"languages {', '.join(s.languages)}; first {first}"
        )
        typer.echo(f"   outlets: {', '.join(s.sources)}   id {s.id}")
        timeline = _timeline(s, docs)
        if len(timeline) < 2:
            continue
        for d in timeline[:_TIMELINE_LINES]:
            day = d.published.strftime("%Y-%m-%d") if d.published else "????-??-??"
            original = _copy_of(d)
            copy = f"  (copy of {original})" if original else ""
            typer.echo(f"     {day}  {d.source_id or '-'}  {d.title or '(no title)'}{copy}")
        if len(timeline) > _TIMELINE_LINES:
            typer.echo(f"     … {len(timeline) - _TIMELINE_LINES} more (--json lists all)")


def _timeline(story: Story, docs: Mapping[str, Document]) -> list[Document]:
    """A story's stored documents, oldest first (undated last)."""
    found = (docs[i] for i in story.document_ids if i in docs)
    return sorted(found, key=lambda d: (d.published or datetime.max.replace(tzinfo=UTC), d.id))


def _copy_of(doc: Document) -> str | None:
    return doc.syndicated_from or doc.duplicate_of or doc.near_duplicate_of


@app.command("brief")
def brief_command(
    since: Annotated[str, typer.Option(help="Window start: 7d, 30d or a date.")] = "7d",
    until: Annotated[str | None, typer.Option(help="Window end (default: now).")] = None,
    topic: Annotated[
        str | None, typer.Option(help="Only this topic: id, name or part of the id.")
    ] = None,
    entity: Annotated[
        str | None, typer.Option(help="Only this entity: id or any name (huawei, 华为).")
    ] = None,
    query: Annotated[str | None, typer.Option(help="Focus on this question or keywords.")] = None,
    language: Annotated[str, typer.Option(help="Write in en or zh.")] = "en",
    format: Annotated[str, typer.Option("--format", help="html, md or json.")] = "md",
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="File (default stdout).")
    ] = None,
    writer: Annotated[str, typer.Option(help="extractive (default) or llm.")] = "extractive",
    llm_url: Annotated[str | None, typer.Option(help="OpenAI-compatible API base URL.")] = None,
    model: Annotated[str | None, typer.Option(help="LLM model name.")] = None,
    check: Annotated[
        bool, typer.Option("--check", help="Print the verifier's JSON report instead.")
    ] = False,
    keep: Annotated[
        bool, typer.Option(help="Store it for the next briefing's 'what changed'.")
    ] = True,
    db: DbOption = None,
    data_dir: DataDirOption = None,
    config: ConfigOption = None,
    beat: BeatOption = None,
) -> None:
    """A cited briefing for a window: sections by topic, attributions, disputes, what changed."""
    settings = settings_from(
        config, db=db, data_dir=data_dir, beat=beat, llm_url=llm_url, llm_model=model
    )
    end = run_guarded(parse_since, until) if until else datetime.now(UTC)
    start = run_guarded(parse_since, since, end)
    if end <= start:
        raise fail("the window is empty: --since must be before --until", 2)
    try:
        options = BriefOptions(
            language=language,
            min_documents=settings.brief_min_documents,
            min_publishers=settings.brief_min_publishers,
        )
    except ValueError as exc:
        raise fail(str(exc), 2) from None
    llm = None
    client = None
    if writer == "llm":
        if not settings.llm_url or not settings.llm_model:
            raise fail(
                "--writer llm needs --llm-url and --model (or llm_url / llm_model settings)", 2
            )
        client = OpenAICompatibleLLM(
            settings.llm_url,
            settings.llm_model,
            api_key=settings.llm_api_key or None,
            timeout=settings.llm_timeout,
        )
        llm = LLMWriter(client, LLMWriterOptions(language=language))
    elif writer != "extractive":
        raise fail("--writer must be extractive or llm", 2)
    request = BriefRequest((start, end), topic=topic, entity=entity, query=query, options=options)
    try:
        with Workspace(settings) as ws:
            done = run_guarded(brief, ws.store, ws.beat, request, llm=llm, keep=keep)
    finally:
        if client is not None:
            client.close()
    if check:
        report = done.report.to_json()
        report["llm_rejected"] = [r.to_json() for r in done.result.llm_report]
        print_json(report)
        if not done.report.ok:
            raise typer.Exit(1)
        return
    text = run_guarded(render, done.result.briefing, format)
    if output:
        output.write_text(text, encoding="utf-8")
        summary = (
            f"wrote {output}: {done.report.sentences} sentences, "
            f"{done.report.cited_share:.0%} cited, "
            f"{len(done.report.unsupported_numbers)} unsupported numbers"
        )
        typer.echo(summary, err=True)
    else:
        typer.echo(text)
