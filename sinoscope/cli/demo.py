"""`sinoscope demo`: the whole pipeline on the bundled corpus, offline, with a summary."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from ..connect.units import describe_value
from ..demo.run import DemoResult, run_demo
from ._app import ConfigOption, JsonOption, app, fail, print_json, settings_from

console = Console()


@app.command()
def demo(
    data_dir: Annotated[
        Path, typer.Option("--data-dir", help="Folder for the demo store (wiped first).")
    ] = Path(".data/demo"),
    config: ConfigOption = None,
    json: JsonOption = False,
) -> None:
    """Serve the bundled corpus on 127.0.0.1, ingest it for real and print what was found."""
    settings = settings_from(config)
    with Progress(
        TextColumn("[bold]ingest"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        disable=json,
    ) as progress:
        bar = progress.add_task("pages", total=0)

        def on_event(event: str, n: int) -> None:
            if event == "found":
                progress.update(bar, total=(progress.tasks[0].total or 0) + n)
            else:
                progress.advance(bar, n)

        try:
            result = run_demo(settings, data_dir.resolve(), progress=on_event)
        except FileExistsError as exc:
            raise fail(str(exc), 2) from None
    if json:
        print_json(
            {
                "report": result.report.as_dict(),
                "documents": result.summary.documents,
                "by_source": dict(result.summary.by_source),
                "by_language": dict(result.summary.by_language),
                "store": result.settings.db_url,
            }
        )
        return
    render(result)


def render(result: DemoResult) -> None:
    s, r = result.summary, result.report
    console.rule("[bold]Sinoscope demo")
    console.print(
        f"{r.pages} pages from {r.feeds} feeds and sitemaps in {r.elapsed:.1f}s → "
        f"[bold]{s.documents}[/] documents stored"
    )
    t = Table(title="Documents by source", show_edge=False)
    t.add_column("source")
    t.add_column("docs", justify="right")
    for source, n in s.by_source:
        t.add_row(source, str(n))
    console.print(t)
    console.print(
        "by language: "
        + ", ".join(f"{lang} {n}" for lang, n in s.by_language)
        + "   by outlet kind: "
        + ", ".join(f"{k} {n}" for k, n in s.by_kind)
    )
    console.print(
        f"\n[bold]Duplicates[/]: {s.duplicates} exact, {s.near_duplicates} near duplicates, "
        f"{s.syndicated} wire copies (linked to the first publisher, counted once, kept)"
    )
    for g in s.groups[:8]:
        copies = ", ".join(f"{kind} {source or '?'}" for kind, _id, source in g.copies)
        console.print(f"  {g.original_source or '?'}: {(g.title or '')[:70]} ← {copies}")
    console.print("\n[bold]Top entities[/] (documents mentioning them):")
    console.print("  " + ", ".join(f"{name} {n}" for _id, name, n in s.top_entities))
    console.print("\n[bold]Searches[/]:")
    for query, hits in result.searches:
        console.print(f"  [italic]{query}[/]")
        for h in hits:
            date = h.published.strftime("%Y-%m-%d") if h.published else "????-??-??"
            console.print(f"    {date} {h.source_id or '-'}: {(h.title or '')[:80]}")
    console.print(
        f"\n[bold]Claims[/]: {sum(n for _, n in result.claim_kinds)} ("
        + ", ".join(f"{n} {kind}" for kind, n in result.claim_kinds)
        + "), each with its sentence, source and offsets"
    )
    for sc in result.highlights:
        c = sc.claim
        what = "; ".join(q.text for q in c.quantities) or c.kind
        hedge = f" [hedge: {c.hedge}]" if c.hedge else ""
        console.print(
            escape(f"  [{c.kind}] {what} — {c.attribution.name or sc.source_id}{hedge}"),
            escape(f"     “{c.sentence[:160]}{'…' if len(c.sentence) > 160 else ''}”"),
            sep="\n",
        )
    ind = result.indicator.indicator
    console.print(f"\n[bold]Indicator[/] {ind.metric.name}:")
    seen = set()
    for o in ind.observations:
        key = (o.date[:4] if o.date else "?", o.value, o.change)
        if key in seen:
            continue
        seen.add(key)
        console.print(
            f"  {o.date or '?':<10} {describe_value(o.value, o.unit, o.change):<28} "
            f"{o.attributed_to}"
        )
    for target in ind.official_targets:
        value = describe_value(target.value, ind.metric.unit, "=")
        console.print(f"  target by {target.year}: {value}")
    console.print(f"  chart: {result.chart}")
    contradictions = [a for a in result.agreements if a.kind == "contradicts"]
    console.print(
        f"\n[bold]Agreements[/]: {len(result.agreements) - len(contradictions)} corroborations, "
        f"{len(contradictions)} contradictions"
    )
    for a in contradictions:
        console.print(escape(f"  ✗ {a.summary}"))
    if r.failures:
        console.print(f"\n[bold]Failures[/] recorded (the run went on): {len(r.failures)}")
        for f in r.failures[:6]:
            console.print(f"  [{f.stage}] {f.url}: {f.reason}")
    check = result.brief.report
    console.print(
        f"\n[bold]Briefing[/] (last 30 days): {result.briefing}\n"
        f"  verifier: {check.sentences} sentences, {check.cited_share:.0%} cited, "
        f"{len(check.unsupported_numbers)} unsupported numbers, "
        f"{len(check.dangling_citations)} dangling citations → "
        + ("[green]ok[/]" if check.ok else "[red]FAILED[/]")
    )
    console.print(
        f"  also: {result.briefing.with_suffix('.md')}, {result.briefing.with_suffix('.json')}"
    )
    console.print(f"\n{result.stories} stories; store: {result.settings.db_url}")
    console.print(f"archive: {result.settings.warc_dir}")
    console.print(
        f"try: sinoscope search 华为 --db {result.settings.db_url.removeprefix('sqlite:///')}"
    )
