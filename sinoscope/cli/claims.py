"""`sinoscope claims`, `indicators` and `entities`: what the sources say, with evidence."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path
from typing import Annotated, Any

import typer

from ..beats.edit import add_entity
from ..connect.charts import ChartOptions, indicator_chart
from ..connect.units import describe_value
from ..durations import parse_since
from ..export import export_rows
from ..lookup import look_up
from ..records import ENTITY_TYPES, Claim, Entity
from ..reports import indicator_report
from ..store import ClaimQuery, StoredClaim
from ..understand import analysis_to_json, claim_to_json
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
from .documents import export_app

indicators_app = typer.Typer(help="Metric series built from claims.", no_args_is_help=True)
entities_app = typer.Typer(
    help="The beat's entities and what is said about them.", no_args_is_help=True
)
app.add_typer(indicators_app, name="indicators")
app.add_typer(entities_app, name="entities")

CLAIM_FIELDS = (
    "id", "document_id", "kind", "sentence", "start", "end", "language", "values", "units",
    "changes", "metric", "metric_text", "subject", "attribution", "attribution_entity",
    "hedge", "as_of", "deadline", "period", "topics", "source", "published", "url",
)  # fmt: skip


@app.command()
def claims(
    target: Annotated[
        str | None,
        typer.Argument(help="A file, a URL or a stored document id; omit (or 'list') to list."),
    ] = None,
    metric: Annotated[str | None, typer.Option(help="Only claims about this metric id.")] = None,
    kind: Annotated[str | None, typer.Option(help="quantity, target, event or assessment.")] = None,
    entity: Annotated[str | None, typer.Option(help="Only claims naming this entity id.")] = None,
    since: Annotated[str | None, typer.Option(help="Published after: 30d or a date.")] = None,
    limit: Annotated[int, typer.Option(help="How many to list.")] = 50,
    db: DbOption = None,
    data_dir: DataDirOption = None,
    config: ConfigOption = None,
    beat: BeatOption = None,
    json: JsonOption = False,
) -> None:
    """A document's claims (numbers, targets, events, assessments), or the stored ones."""
    settings = settings_from(config, db=db, data_dir=data_dir, beat=beat)
    with Workspace(settings) as ws:
        if target and target != "list":
            store = ws.store if not target.startswith(("http://", "https://")) else None
            found = run_guarded(look_up, target, settings, ws.beat, store)
            doc = found.document
            out: dict[str, Any] = {
                "id": doc.id,
                "url": doc.url,
                "source": doc.source_id,
                "title": doc.title,
                "author": doc.author,
                "published": doc.published.isoformat() if doc.published else None,
                "date_source": doc.date_source,
                "language": doc.language,
                "text": doc.text,
                **analysis_to_json(found.analysis),
            }
            if json:
                print_json(out)
            else:
                typer.echo(f"{doc.title or '(no title)'}  [{doc.language}, {doc.source_id or '-'}]")
                for c in found.analysis.claims:
                    _echo_claim(c)
            return
        query = ClaimQuery(
            metric=metric,
            kind=kind,
            entity=entity,
            since=run_guarded(parse_since, since) if since else None,
        )
        rows = ws.store.claims(query)[-limit:]
    if json:
        print_json([_claim_json(sc) for sc in rows])
        return
    if not rows:
        typer.echo("no claims match")
    for sc in rows:
        date = sc.published.strftime("%Y-%m-%d") if sc.published else "????-??-??"
        typer.echo(f"{date} {sc.source_id or '-'}  ({sc.claim.document_id})")
        _echo_claim(sc.claim)


def _echo_claim(c: Claim) -> None:
    values = "; ".join(q.text for q in c.quantities)
    who = c.attribution.name + ("" if c.attribution.kind == "cited" else " (publisher)")
    extras = [
        x for x in (c.metric, values, f"by {c.time.deadline}" if c.time.deadline else "") if x
    ]
    hedge = f"  hedge: {c.hedge}" if c.hedge else ""
    typer.echo(f"  [{c.kind}] {' | '.join(extras)}  — {who}{hedge}")
    typer.echo(f"    “{c.sentence}”  [{c.start}:{c.end}]")


def _claim_json(sc: StoredClaim) -> dict[str, Any]:
    out = claim_to_json(sc.claim)
    out.update(
        document_id=sc.claim.document_id,
        source=sc.source_id,
        published=sc.published.isoformat() if sc.published else None,
        title=sc.title,
        url=sc.url,
    )
    return out


def claim_row(sc: StoredClaim) -> dict[str, Any]:
    c = sc.claim
    return {
        "id": c.id,
        "document_id": c.document_id,
        "kind": c.kind,
        "sentence": c.sentence,
        "start": c.start,
        "end": c.end,
        "language": c.language,
        "values": ";".join(str(q.value) for q in c.quantities),
        "units": ";".join(q.unit for q in c.quantities),
        "changes": ";".join(q.change for q in c.quantities),
        "metric": c.metric,
        "metric_text": c.metric_text,
        "subject": c.subject,
        "attribution": c.attribution.name,
        "attribution_entity": c.attribution.entity_id,
        "hedge": c.hedge,
        "as_of": c.time.as_of,
        "deadline": c.time.deadline,
        "period": c.time.period,
        "topics": ";".join(c.topics),
        "source": sc.source_id,
        "published": sc.published.isoformat() if sc.published else None,
        "url": sc.url,
    }


@export_app.command("claims")
def export_claims(
    format: Annotated[str, typer.Option("--format", help="jsonl, csv or parquet.")] = "csv",
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="File (default stdout).")
    ] = None,
    metric: Annotated[str | None, typer.Option(help="Only this metric id.")] = None,
    since: Annotated[str | None, typer.Option(help="Published after: 30d or a date.")] = None,
    db: DbOption = None,
    data_dir: DataDirOption = None,
    config: ConfigOption = None,
) -> None:
    """Every stored claim, one row each, with its evidence (document id, offsets, sentence)."""
    settings = settings_from(config, db=db, data_dir=data_dir)
    with Workspace(settings) as ws:
        query = ClaimQuery(metric=metric, since=run_guarded(parse_since, since) if since else None)
        rows = (claim_row(sc) for sc in ws.store.claims(query))
        n = run_guarded(export_rows, rows, CLAIM_FIELDS, format, output or sys.stdout.buffer)
    if output:
        typer.echo(f"wrote {n} claims to {output}", err=True)


@indicators_app.command("list")
def list_indicators(
    db: DbOption = None,
    data_dir: DataDirOption = None,
    config: ConfigOption = None,
    beat: BeatOption = None,
    json: JsonOption = False,
) -> None:
    """The beat's metrics and how many claims each has."""
    settings = settings_from(config, db=db, data_dir=data_dir, beat=beat)
    with Workspace(settings) as ws:
        counts = Counter(sc.claim.metric for sc in ws.store.claims() if sc.claim.metric)
        metrics = ws.beat.metrics
    rows = [
        {"id": m.id, "name": m.name, "unit": m.unit, "claims": counts.get(m.id, 0)} for m in metrics
    ]
    if json:
        print_json(rows)
        return
    for r in rows:
        typer.echo(f"{r['id']:<28} {r['claims']:>4} claims  {r['name']} ({r['unit']})")


@indicators_app.command("show")
def show_indicator(
    metric: Annotated[str, typer.Argument(help="A metric id, e.g. ai-company-count.")],
    chart: Annotated[Path | None, typer.Option(help="Write the chart here (.svg or .png).")] = None,
    db: DbOption = None,
    data_dir: DataDirOption = None,
    config: ConfigOption = None,
    beat: BeatOption = None,
    json: JsonOption = False,
) -> None:
    """Observations with dates and sources, targets, agreements, and a chart."""
    settings = settings_from(config, db=db, data_dir=data_dir, beat=beat)
    with Workspace(settings) as ws:
        report = run_guarded(indicator_report, ws.store, ws.beat, metric)
        names = {s.id: s.name for s in ws.beat.sources}
    ind = report.indicator
    if chart is not None:
        fmt = chart.suffix.lower().lstrip(".")
        if fmt not in ("svg", "png"):
            raise fail("--chart must end in .svg or .png", 2)
        indicator_chart(ind, chart, fmt, ChartOptions(source_names=names))  # type: ignore[arg-type]

    def obs_json(o: Any) -> dict[str, Any]:
        sc = report.claims.get(o.claim_id)
        return {
            "value": o.value,
            "unit": o.unit,
            "change": o.change,
            "date": o.date,
            "is_target": o.is_target,
            "deadline": o.deadline,
            "source": o.source_id,
            "attributed_to": o.attributed_to,
            "definition": o.definition,
            "claim_id": o.claim_id,
            "document_id": o.document_id,
            "sentence": sc.claim.sentence if sc else None,
        }

    if json:
        print_json(
            {
                "metric": ind.metric.id,
                "name": ind.metric.name,
                "unit": ind.metric.unit,
                "observations": [obs_json(o) for o in ind.observations],
                "targets": [obs_json(o) for o in ind.targets],
                "official_targets": [
                    {"value": t.value, "year": t.year, "source": t.source}
                    for t in ind.official_targets
                ],
                "definitions_differ": ind.definitions_differ,
                "agreements": [
                    {
                        "kind": a.kind,
                        "period": a.period,
                        "summary": a.summary,
                        "claims": list(a.claim_ids),
                    }
                    for a in report.agreements
                ],
                "chart": str(chart) if chart else None,
            }
        )
        return
    typer.echo(f"{ind.metric.name} ({ind.metric.unit})")
    if ind.definitions_differ:
        typer.echo("  note: sources use different definitions: " + "; ".join(ind.definitions))
    typer.echo("observations:")
    for o in ind.observations:
        value = describe_value(o.value, o.unit, o.change)
        typer.echo(
            f"  {o.date or '?':<10} {value:<28} {names.get(o.source_id or '', o.source_id)}"
            f" (citing {o.attributed_to})"
        )
    if ind.targets or ind.official_targets:
        typer.echo("targets:")
    for o in ind.targets:
        value = describe_value(o.value, o.unit, o.change)
        typer.echo(f"  by {o.deadline or o.date}: {value} — {o.attributed_to}")
    for t in ind.official_targets:
        typer.echo(
            f"  by {t.year}: {describe_value(t.value, ind.metric.unit, '=')} — {t.source} (beat)"
        )
    for a in report.agreements:
        typer.echo(f"{a.kind}: {a.summary}")
    if chart:
        typer.echo(f"chart: {chart}")


@entities_app.command("show")
def show_entity(
    entity_id: Annotated[str, typer.Argument(help="An entity id, e.g. huawei.")],
    db: DbOption = None,
    data_dir: DataDirOption = None,
    config: ConfigOption = None,
    beat: BeatOption = None,
    json: JsonOption = False,
) -> None:
    """An entity's names (华为 = Huawei), mentions over time, and claims about it."""
    import sqlalchemy as sa

    from ..store import schema

    settings = settings_from(config, db=db, data_dir=data_dir, beat=beat)
    with Workspace(settings) as ws:
        entity = next((e for e in ws.beat.entities if e.id == entity_id), None)
        if entity is None:
            raise fail(
                f"no entity {entity_id!r} in the beat; try `sinoscope entities search NAME`", 2
            )
        m, d = schema.mentions, schema.documents
        rows = ws.store.query(
            sa.select(d.c.published, sa.func.count(sa.distinct(m.c.document_id)))
            .join(d, d.c.id == m.c.document_id)
            .where(m.c.entity_id == entity_id)
            .group_by(d.c.published)
        )
        claims = ws.store.claims(ClaimQuery(entity=entity_id))
    by_month: Counter[str] = Counter()
    for published, n in rows:
        by_month[published.strftime("%Y-%m") if published else "unknown"] += n
    if json:
        print_json(
            {
                "id": entity.id,
                "type": entity.type,
                "name": entity.name,
                "name_zh": entity.name_zh,
                "aliases": list(entity.aliases),
                "description": entity.description,
                "mentions_by_month": dict(sorted(by_month.items())),
                "claims": [_claim_json(sc) for sc in claims],
            }
        )
        return
    typer.echo(f"{entity.name} ({entity.name_zh or '-'}) — {entity.type}: {entity.description}")
    typer.echo("also: " + ", ".join(entity.aliases))
    typer.echo(
        "documents mentioning it, by month: "
        + ", ".join(f"{k} {v}" for k, v in sorted(by_month.items()))
    )
    for sc in claims[-20:]:
        _echo_claim(sc.claim)


@entities_app.command("search")
def search_entities(
    name: Annotated[str, typer.Argument(help="Part of a name, in any language.")],
    beat: BeatOption = None,
    config: ConfigOption = None,
) -> None:
    """Find entity ids by name or alias (华为, Huawei, SMIC …)."""
    settings = settings_from(config, beat=beat)
    with Workspace(settings) as ws:
        needle = name.casefold()
        for e in ws.beat.entities:
            if any(needle in n.casefold() for n in e.names):
                typer.echo(f"{e.id:<28} {e.type:<12} {e.name} {e.name_zh or ''}")


@entities_app.command("candidates")
def candidates(
    min_documents: Annotated[int, typer.Option(help="Seen in at least this many documents.")] = 1,
    db: DbOption = None,
    data_dir: DataDirOption = None,
    config: ConfigOption = None,
    json: JsonOption = False,
) -> None:
    """Organisations the texts name that the beat does not know yet (promote the good ones)."""
    settings = settings_from(config, db=db, data_dir=data_dir)
    with Workspace(settings) as ws:
        rows = ws.store.candidates(min_documents=min_documents)
    if json:
        print_json([{"name": n, "documents": c, "example": e} for n, c, e in rows])
        return
    for name, count, example in rows:
        typer.echo(f"{count:>4}  {name}   (e.g. sinoscope show {example})")


@entities_app.command("promote")
def promote(
    name: Annotated[str, typer.Argument(help="The name as the texts write it.")],
    entity_id: Annotated[str, typer.Option("--id", help="A lowercase slug, e.g. zhipu-ai.")],
    type: Annotated[str, typer.Option("--type", help=f"One of {', '.join(ENTITY_TYPES)}.")],
    name_zh: Annotated[str | None, typer.Option(help="The Chinese name.")] = None,
    alias: Annotated[list[str] | None, typer.Option(help="Another name (repeatable).")] = None,
    description: Annotated[str, typer.Option(help="One line on what it is.")] = "",
    data_dir: DataDirOption = None,
    config: ConfigOption = None,
) -> None:
    """Add a candidate (or any name) to your beat as an entity; later ingests link it."""
    settings = settings_from(config, data_dir=data_dir)
    entity = Entity(
        id=entity_id,
        type=type,
        name=name,
        name_zh=name_zh,
        aliases=tuple(alias or ()),
        description=description,
    )
    with Workspace(settings) as ws:
        path = run_guarded(add_entity, ws.user_beat_dir, entity)
    typer.echo(f"added {entity_id} to {path}")
