"""`sinoscope init`, `ingest` and `run`: fill the store."""

from __future__ import annotations

import signal
import threading
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from ..durations import parse_duration
from ..pipeline import IngestOptions, Ingestor, IngestReport
from ..workspace import Workspace
from ._app import (
    BeatOption,
    ConfigOption,
    DataDirOption,
    DbOption,
    JsonOption,
    app,
    print_json,
    run_guarded,
    settings_from,
)

AllowPrivate = Annotated[
    bool | None,
    typer.Option(
        "--allow-private/--no-allow-private",
        help="Allow private, loopback and link-local addresses (SSRF guard off).",
    ),
]
err = Console(stderr=True)


@app.command()
def init(
    db: DbOption = None,
    data_dir: DataDirOption = None,
    config: ConfigOption = None,
    beat: BeatOption = None,
) -> None:
    """Create the data folder, a config file, the store and load the beat."""
    settings = settings_from(config, db=db, data_dir=data_dir, beat=beat)
    with Workspace(settings) as ws:
        for line in run_guarded(ws.init):
            typer.echo(line)


@app.command()
def ingest(
    inputs: Annotated[
        list[str], typer.Argument(help="Feed/sitemap/page URLs, files, folders or WARC files.")
    ],
    db: DbOption = None,
    data_dir: DataDirOption = None,
    config: ConfigOption = None,
    beat: BeatOption = None,
    source: Annotated[
        str | None, typer.Option(help="Attribute every input to this source id.")
    ] = None,
    refresh: Annotated[bool, typer.Option(help="Fetch and extract stored pages again.")] = False,
    limit: Annotated[int | None, typer.Option(help="Stop after this many pages.")] = None,
    allow_private: AllowPrivate = None,
    json: JsonOption = False,
) -> None:
    """Fetch, extract, dedupe and store documents from feeds, sitemaps, pages, files, WARCs."""
    settings = settings_from(
        config, db=db, data_dir=data_dir, beat=beat, allow_private=allow_private
    )
    with Workspace(settings) as ws:
        report = _ingest_with_progress(ws, inputs, IngestOptions(refresh, source, limit), json)
    if json:
        print_json(report.as_dict())
    else:
        print_report(report)
    if report.pages and report.new + report.updated + report.skipped == 0 and report.failures:
        raise typer.Exit(1)


def _ingest_with_progress(
    ws: Workspace, inputs: list[str], options: IngestOptions, quiet: bool
) -> IngestReport:
    with Progress(
        TextColumn("[bold]ingest"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        disable=quiet,
        transient=False,
    ) as progress:
        bar = progress.add_task("pages", total=0)

        def on_event(event: str, n: int) -> None:
            if event == "found":
                total = progress.tasks[0].total or 0
                progress.update(bar, total=total + n)
            else:
                progress.advance(bar, n)

        ingestor = run_guarded(Ingestor, ws.settings, ws.beat, ws.store, progress=on_event)
        return run_guarded(ingestor.run, inputs, options)


def print_report(report: IngestReport) -> None:
    typer.echo(
        f"{report.pages} pages from {report.feeds} feeds/sitemaps in {report.elapsed:.1f}s: "
        f"{report.new} new, {report.updated} updated, {report.skipped} already stored, "
        f"{report.not_modified} feeds not modified"
    )
    typer.echo(
        f"links: {report.duplicates} exact duplicates, {report.near_duplicates} near duplicates, "
        f"{report.syndicated} wire copies"
    )
    if report.failures:
        typer.echo(f"{len(report.failures)} failures (the run went on):")
        for f in report.failures[:20]:
            typer.echo(f"  [{f.stage}] {f.url}: {f.reason}")
        if len(report.failures) > 20:
            typer.echo("  … see `sinoscope sources check` and `sinoscope failures`")


@app.command()
def run(
    every: Annotated[str | None, typer.Option(help="Poll interval, e.g. 15m, 1h.")] = None,
    once: Annotated[bool, typer.Option(help="Poll every source once, then stop.")] = False,
    db: DbOption = None,
    data_dir: DataDirOption = None,
    config: ConfigOption = None,
    beat: BeatOption = None,
    allow_private: AllowPrivate = None,
) -> None:
    """Poll every feed of the beat's sources, politely, forever (Ctrl-C stops after a round)."""
    settings = settings_from(
        config, db=db, data_dir=data_dir, beat=beat, allow_private=allow_private
    )
    interval = run_guarded(parse_duration, every or settings.poll_interval).total_seconds()
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    with Workspace(settings) as ws:
        feeds = [f.url for s in ws.beat.sources for f in s.feeds]
        if not feeds:
            raise typer.Exit(0)
        while not stop.is_set():
            try:
                report = _ingest_with_progress(ws, feeds, IngestOptions(), quiet=False)
            except KeyboardInterrupt:
                break
            print_report(report)
            if once:
                break
            typer.echo(f"next round in {interval:.0f}s (Ctrl-C to stop)")
            try:
                stop.wait(interval)
            except KeyboardInterrupt:
                break


@app.command("failures")
def failures(
    limit: Annotated[int, typer.Option(help="How many to show.")] = 30,
    db: DbOption = None,
    data_dir: DataDirOption = None,
    config: ConfigOption = None,
    json: JsonOption = False,
) -> None:
    """The latest failures, newest first, with their stage and reason."""
    settings = settings_from(config, db=db, data_dir=data_dir)
    with Workspace(settings) as ws:
        rows = ws.store.failures(limit=limit)
    if json:
        print_json(rows)
        return
    for r in rows:
        typer.echo(f"{r['at']:%Y-%m-%d %H:%M} [{r['stage']}] {r['source_id'] or '-'} {r['url']}")
        typer.echo(f"    {r['reason']}")
