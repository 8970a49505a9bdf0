"""`sinoscope sources list|add|check`."""

from __future__ import annotations

import asyncio
from typing import Annotated
from urllib.parse import urlsplit

import typer

from ..beats.edit import add_source
from ..fetch import HttpFetcher
from ..health import FeedCheck, check_sources
from ..records import SOURCE_KINDS, Feed, Source
from ..workspace import Workspace
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

sources_app = typer.Typer(help="The beat's sources and their health.", no_args_is_help=True)
app.add_typer(sources_app, name="sources")


@sources_app.command("list")
def list_sources(
    db: DbOption = None,
    data_dir: DataDirOption = None,
    config: ConfigOption = None,
    beat: BeatOption = None,
    json: JsonOption = False,
) -> None:
    """Every source of the beat with its kind, language, feeds and health."""
    settings = settings_from(config, db=db, data_dir=data_dir, beat=beat)
    with Workspace(settings) as ws:
        sources = run_guarded(lambda: ws.beat.sources)
        health = ws.store.source_health()
    rows = []
    for s in sources:
        h = health.get(s.id)
        rows.append(
            {
                "id": s.id,
                "name": s.name,
                "name_zh": s.name_zh,
                "kind": s.kind,
                "country": s.country,
                "language": s.language,
                "feeds": [f.url for f in s.feeds],
                "health": _health_word(h),
                "last_error": h.last_error if h else None,
            }
        )
    if json:
        print_json(rows)
        return
    for r in rows:
        name = r["name"] + (f" ({r['name_zh']})" if r["name_zh"] else "")
        typer.echo(
            f"{r['id']:<28} {r['kind']:<15} {r['country']:<3} {r['language']:<3} "
            f"{len(r['feeds'])} feeds  {r['health']:<8} {name}"
        )


def _health_word(h: object) -> str:
    if h is None:
        return "unchecked"
    failures = getattr(h, "consecutive_failures", 0)
    return "ok" if failures == 0 else f"failing×{failures}"


@sources_app.command("add")
def add(
    source_id: Annotated[str, typer.Argument(help="A short id, e.g. my-outlet.")],
    feed: Annotated[list[str], typer.Option(help="Feed or sitemap URL (repeatable).")],
    country: Annotated[str, typer.Option(help="Two-letter ISO country code, e.g. US, CN.")],
    name: Annotated[str | None, typer.Option(help="Display name.")] = None,
    kind: Annotated[str, typer.Option(help=f"One of {', '.join(SOURCE_KINDS)}.")] = "other",
    language: Annotated[str, typer.Option(help="en, zh …")] = "en",
    data_dir: DataDirOption = None,
    config: ConfigOption = None,
) -> None:
    """Add a source (with its feeds) to your beat, stored in DATA_DIR/beat."""
    if kind not in SOURCE_KINDS:
        raise fail(f"kind must be one of {', '.join(SOURCE_KINDS)}", 2)
    settings = settings_from(config, data_dir=data_dir)
    hosts = tuple(dict.fromkeys(urlsplit(u).hostname or "" for u in feed if urlsplit(u).hostname))
    source = Source(
        id=source_id,
        name=name or source_id,
        kind=kind,
        country=country,
        language=language,
        domains=hosts,
        feeds=tuple(Feed(url=u, kind="rss", verified=False) for u in feed),
    )
    with Workspace(settings) as ws:
        path = run_guarded(add_source, ws.user_beat_dir, source)
    typer.echo(f"added {source_id} to {path}")


@sources_app.command("check")
def check(
    source_ids: Annotated[
        list[str] | None, typer.Argument(help="Source ids (default: all).")
    ] = None,
    db: DbOption = None,
    data_dir: DataDirOption = None,
    config: ConfigOption = None,
    beat: BeatOption = None,
    json: JsonOption = False,
) -> None:
    """Fetch every feed of the sources now; show what works and why the rest fails."""
    settings = settings_from(config, db=db, data_dir=data_dir, beat=beat)
    with Workspace(settings) as ws:
        chosen = [s for s in ws.beat.sources if not source_ids or s.id in source_ids]
        unknown = set(source_ids or ()) - {s.id for s in chosen}
        if unknown:
            raise fail(f"unknown source ids: {', '.join(sorted(unknown))}", 2)

        async def go() -> list[FeedCheck]:
            fetcher = HttpFetcher.from_settings(settings)
            try:
                return await check_sources(chosen, ws.store, fetcher)
            finally:
                await fetcher.aclose()

        checks = asyncio.run(go())
        health = ws.store.source_health()
    if json:
        print_json(
            [
                {
                    "source": c.source_id,
                    "url": c.url,
                    "ok": c.ok,
                    "status": c.status,
                    "entries": c.entries,
                    "reason": c.reason,
                }
                for c in checks
            ]
        )
        return
    for c in checks:
        mark = "ok  " if c.ok else "FAIL"
        typer.echo(f"{mark} {c.source_id:<24} {c.url}\n     {c.reason}")
    failing = [h for h in health.values() if h.consecutive_failures]
    typer.echo(
        f"\n{sum(c.ok for c in checks)}/{len(checks)} feeds ok; {len(failing)} sources failing"
    )
