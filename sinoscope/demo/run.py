"""`sinoscope demo`: serve the bundled corpus locally, ingest it for real, summarise the store."""

from __future__ import annotations

import json
import shutil
import tomllib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

from ..beats import load_beat
from ..beats.edit import source_toml
from ..briefs import Brief, BriefRequest, brief
from ..connect.charts import ChartOptions, indicator_chart
from ..pipeline import IngestOptions, Ingestor, IngestReport
from ..records import Agreement, Feed
from ..reports import IndicatorReport, indicator_report
from ..settings import Settings
from ..store import SearchHit, SearchQuery, Store, StoredClaim
from ..summary import Summary, summarize
from ..write import render
from .server import SITE, CorpusServer

CORPUS = SITE.parent
MARKER = ".sinoscope-demo"
DEMO_SEARCHES = ("Huawei Ascend", "人工智能 企业", "export controls Nvidia", "算力")


DEMO_INDICATOR = "ai-company-count"
# the demo corpus runs to late November 2026: a briefing of the last 30 days, and one of an
# earlier stretch for it to compare with
LATEST_WINDOW = (datetime(2026, 10, 30, tzinfo=UTC), datetime(2026, 11, 29, tzinfo=UTC))
PREVIOUS_WINDOW = (datetime(2025, 9, 1, tzinfo=UTC), datetime(2025, 12, 1, tzinfo=UTC))


@dataclass(frozen=True, slots=True)
class DemoResult:
    settings: Settings
    report: IngestReport
    summary: Summary
    searches: tuple[tuple[str, tuple[SearchHit, ...]], ...]
    claim_kinds: tuple[tuple[str, int], ...]
    highlights: tuple[StoredClaim, ...]  # a target, a hedged claim, a cited number
    indicator: IndicatorReport
    agreements: tuple[Agreement, ...]
    chart: Path
    briefing: Path  # the latest briefing (HTML), next to its Markdown and JSON
    brief: Brief  # with the verifier's report
    stories: int


def manifest() -> dict[str, list[dict[str, object]]]:
    """Articles and feeds of the corpus, from every manifest-*.toml."""
    out: dict[str, list[dict[str, object]]] = {"article": [], "feed": []}
    for path in sorted(CORPUS.glob("manifest-*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        out["article"].extend(data.get("article", []))
        out["feed"].extend(data.get("feed", []))
    return out


def demo_settings(base: Settings, data_dir: Path) -> Settings:
    """Settings for the demo: our own server on loopback, so no SSRF guard and no delay."""
    return replace(
        base,
        data_dir=data_dir,
        db="",
        beat=str(data_dir / "beat"),
        allow_private=True,
        per_host_delay=0.0,
        per_host_concurrency=8,
        concurrency=8,
    )


def write_demo_beat(beat_dir: Path, base_url: str, bundled: str = "china-ai") -> list[str]:
    """A beat extending the bundled one whose sources live on the local server.

    Each corpus folder (site/<folder>/) belongs to one source; the source's domains become
    "127.0.0.1:PORT/<folder>" and its feeds the folder's feed files. Returns the feed URLs.
    """
    beat = load_beat(bundled)
    data = manifest()
    folders: dict[str, set[str]] = {}
    for article in data["article"]:
        folder = str(article["path"]).split("/", 1)[0]
        folders.setdefault(str(article["source"]), set()).add(folder)
    feeds: dict[str, list[Feed]] = {}
    for feed in data["feed"]:
        if feed.get("kind") == "sitemap":
            continue
        url = f"{base_url}/{feed['path']}"
        feeds.setdefault(str(feed["source"]), []).append(
            Feed(url=url, kind=str(feed.get("kind", "rss")), verified=True)
        )
    host = base_url.split("://", 1)[1]
    blocks = []
    for source_id, source_folders in sorted(folders.items()):
        source = beat.source(source_id)
        if source is None:
            continue
        domains = tuple(f"{host}/{folder}" for folder in sorted(source_folders))
        blocks.append(
            source_toml(replace(source, domains=domains, feeds=tuple(feeds.get(source_id, ()))))
        )
    beat_dir.mkdir(parents=True, exist_ok=True)
    (beat_dir / "beat.toml").write_text(
        f'id = "china-ai-demo"\nname = "China AI (demo corpus on {host})"\nextends = "{bundled}"\n',
        encoding="utf-8",
    )
    (beat_dir / "sources.toml").write_text("\n".join(blocks), encoding="utf-8")
    feed_urls = [f.url for fs in feeds.values() for f in fs]
    sitemaps = [f"{base_url}/{p.name}" for p in sorted(SITE.glob("sitemap*.xml"))]
    return feed_urls + sitemaps


def run_demo(
    base: Settings,
    data_dir: Path,
    *,
    progress: Callable[[str, int], None] | None = None,
) -> DemoResult:
    """Start the corpus server, ingest every feed and sitemap, summarise. Wipes `data_dir`
    first when it holds an earlier demo (never a folder the demo did not create)."""
    if data_dir.exists():
        if not (data_dir / MARKER).exists() and any(data_dir.iterdir()):
            raise FileExistsError(
                f"{data_dir} exists and is not a demo folder; choose another --data-dir"
            )
        shutil.rmtree(data_dir)
    data_dir.mkdir(parents=True)
    (data_dir / MARKER).write_text("made by `sinoscope demo`; deleted by the next demo\n")
    settings = demo_settings(base, data_dir)
    with CorpusServer() as server:
        inputs = write_demo_beat(data_dir / "beat", server.base)
        beat = load_beat(data_dir / "beat")
        with Store.open(settings.db_url) as store:
            ingestor = Ingestor(settings, beat, store, progress=progress)
            report = ingestor.run(inputs, IngestOptions())
            summary = summarize(store, beat)
            searches = tuple(
                (q, tuple(store.search(SearchQuery(text=q, limit=3)))) for q in DEMO_SEARCHES
            )
            claims = store.claims()
            indicator = indicator_report(store, beat, DEMO_INDICATOR)
            agreements = tuple(store.agreements())
            n_stories = len(store.stories())
            # an earlier briefing first, so the latest one can say what changed since
            brief(store, beat, BriefRequest(PREVIOUS_WINDOW))
            latest = brief(store, beat, BriefRequest(LATEST_WINDOW))
    briefing = write_briefing_files(latest, data_dir / "briefings" / "latest")
    kinds = Counter(sc.claim.kind for sc in claims)
    chart = indicator_chart(
        indicator.indicator,
        data_dir / "charts" / f"{DEMO_INDICATOR}.svg",
        "svg",
        ChartOptions(source_names={s.id: s.name for s in beat.sources}),
    )
    return DemoResult(
        settings,
        report,
        summary,
        searches,
        tuple(kinds.most_common()),
        _highlights(claims),
        indicator,
        agreements,
        chart,
        briefing,
        latest,
        n_stories,
    )


def write_briefing_files(done: Brief, stem: Path) -> Path:
    """The briefing as HTML, Markdown and JSON (and the verifier's report); returns the HTML."""
    stem.parent.mkdir(parents=True, exist_ok=True)
    for fmt, suffix in (("html", ".html"), ("md", ".md"), ("json", ".json")):
        stem.with_suffix(suffix).write_text(render(done.result.briefing, fmt), encoding="utf-8")
    report = json.dumps(done.report.to_json(), ensure_ascii=False, indent=2)
    stem.with_name(stem.name + ".check.json").write_text(report, encoding="utf-8")
    return stem.with_suffix(".html")


def _highlights(claims: list[StoredClaim]) -> tuple[StoredClaim, ...]:
    """One of each: an attributed target, a hedged assessment, a cited number (originals)."""
    originals = [sc for sc in claims if not sc.syndicated_from and not sc.duplicate_of]
    picks = []
    for wanted in (
        lambda c: c.kind == "target" and c.metric and c.attribution.kind == "cited",
        lambda c: c.kind == "assessment" and c.hedge,
        lambda c: c.kind == "quantity" and c.metric and c.attribution.kind == "cited",
        lambda c: c.kind == "quantity" and c.language == "zh" and c.metric,
    ):
        found = next((sc for sc in reversed(originals) if wanted(sc.claim)), None)
        if found is not None:
            picks.append(found)
    return tuple(picks)
