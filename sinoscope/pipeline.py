"""Ingest: inputs → fetch → extract → dedupe → store, streamed and resumable.

`Ingestor.ingest(inputs)` expands each input (a feed, sitemap or page URL, a local file or
folder, a WARC file) into pages, fetches what is not stored yet, extracts, dedupes and stores
each document in one transaction. Every failure is recorded for its source with a readable
reason and the run goes on. Because document ids come from canonical URLs and dedupe links
are order-independent, a run killed at any point and started again ends with the same store.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import Counter
from collections.abc import AsyncIterator, Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from . import dedupe
from .beats import SourceMatcher
from .errors import InputError
from .fetch import (
    Fetcher,
    HttpFetcher,
    hints_from_entry,
    iter_warc,
    parse_feed,
    parse_sitemap,
)
from .process import CpuPool, Processed
from .records import Beat, FetchResult, Hints, Page
from .reports import refresh_agreements, refresh_stories
from .settings import Settings
from .store import LinkUpdate, Store

log = logging.getLogger(__name__)

PAGE_SUFFIXES = {".html", ".htm", ".shtml", ".xhtml", ".txt", ".md", ".pdf"}
WARC_SUFFIXES = (".warc", ".warc.gz", ".arc.gz")
FEED_SUFFIXES = {".xml", ".rss", ".atom"}


@dataclass(frozen=True, slots=True)
class IngestOptions:
    refresh: bool = False  # fetch and extract again pages already stored
    source_id: str | None = None  # attribute every input to this source
    limit: int | None = None  # stop after this many pages


@dataclass(frozen=True, slots=True)
class Failure:
    url: str
    stage: str
    reason: str
    source_id: str | None = None


@dataclass(slots=True)
class IngestReport:
    """What a run did. Counts are per page; `failures` keeps every readable reason."""

    inputs: tuple[str, ...] = ()
    feeds: int = 0
    pages: int = 0
    new: int = 0
    updated: int = 0
    skipped: int = 0  # already stored, not fetched again
    not_modified: int = 0
    links: dict[str, str] = field(default_factory=dict)  # document id → link kind, this run
    claims: int = 0
    stored_ids: set[str] = field(default_factory=set)  # documents new or updated in this run
    stories: int = 0  # documents placed in stories
    agreements: int = 0  # corroborations and contradictions in the store after the run
    failures: list[Failure] = field(default_factory=list)
    by_source: Counter[str] = field(default_factory=Counter)
    elapsed: float = 0.0

    @property
    def duplicates(self) -> int:
        return sum(1 for k in self.links.values() if k == "duplicate")

    @property
    def near_duplicates(self) -> int:
        return sum(1 for k in self.links.values() if k == "near_duplicate")

    @property
    def syndicated(self) -> int:
        return sum(1 for k in self.links.values() if k == "syndicated")

    def as_dict(self) -> dict[str, object]:
        return {
            "inputs": list(self.inputs),
            "feeds": self.feeds,
            "pages": self.pages,
            "new": self.new,
            "updated": self.updated,
            "skipped": self.skipped,
            "not_modified": self.not_modified,
            "duplicates": self.duplicates,
            "near_duplicates": self.near_duplicates,
            "syndicated": self.syndicated,
            "claims": self.claims,
            "stories": self.stories,
            "agreements": self.agreements,
            "failures": [
                f.__dict__ if hasattr(f, "__dict__") else _failure(f) for f in self.failures
            ],
            "by_source": dict(self.by_source),
            "elapsed": round(self.elapsed, 3),
        }


def _failure(f: Failure) -> dict[str, object]:
    return {"url": f.url, "stage": f.stage, "reason": f.reason, "source_id": f.source_id}


@dataclass(frozen=True, slots=True)
class PageTask:
    """A page to ingest: a URL to fetch, or bytes already in hand (file, WARC record)."""

    url: str
    source_id: str | None
    origin: str
    hints: Hints = field(default_factory=Hints)
    body: bytes | None = None
    content_type: str | None = None
    fetched_at: datetime | None = None
    warc_ref: str | None = None


ProgressCallback = Callable[[str, int], None]  # (event, count): "found" n pages / "done" 1


class Ingestor:
    """Runs ingests for one beat into one store; build it once, call `ingest` many times."""

    def __init__(
        self,
        settings: Settings,
        beat: Beat,
        store: Store,
        *,
        fetcher: Fetcher | None = None,
        progress: ProgressCallback | None = None,
    ) -> None:
        self.settings = settings
        self.beat = beat
        self.store = store
        self.matcher = SourceMatcher(beat)
        self._fetcher = fetcher
        self._progress = progress or (lambda _event, _n: None)
        self._feed_sources = {f.url: s.id for s in beat.sources for f in s.feeds}
        self.index = dedupe.NearDuplicateIndex(dedupe.DedupeOptions.from_settings(settings))
        self.index.load(
            dedupe.DedupeItem(
                id=s.document_id,
                source_id=s.source_id,
                published=s.published,
                content_hash=s.content_hash,
                signature=dedupe.signature_from_bytes(s.signature),
            )
            for s in store.signatures()
        )
        store.upsert_sources(beat.sources)

    # ------------------------------------------------------------------ entry points
    def run(self, inputs: Sequence[str], options: IngestOptions = IngestOptions()) -> IngestReport:
        """Synchronous wrapper around `ingest` for the CLI and tests."""
        return asyncio.run(self.ingest(inputs, options))

    async def ingest(
        self, inputs: Sequence[str], options: IngestOptions = IngestOptions()
    ) -> IngestReport:
        report = IngestReport(inputs=tuple(inputs))
        for item in inputs:
            _check_input(item)
        started = asyncio.get_running_loop().time()
        run_id = self.store.start_run(inputs)
        own_fetcher = self._fetcher is None
        fetcher = self._fetcher or HttpFetcher.from_settings(self.settings)
        pool = CpuPool(self.beat, self.settings)
        queue: asyncio.Queue[PageTask | None] = asyncio.Queue(maxsize=256)
        workers = [
            asyncio.create_task(self._worker(fetcher, pool, queue, report, options))
            for _ in range(max(1, self.settings.concurrency))
        ]
        try:
            count = 0
            async for task in self._expand(fetcher, inputs, report, options):
                if options.limit is not None and count >= options.limit:
                    break
                count += 1
                report.pages += 1
                self._progress("found", 1)
                await queue.put(task)
        finally:
            for _ in workers:
                await queue.put(None)
            await asyncio.gather(*workers)
            pool.close()
            if own_fetcher:
                await fetcher.aclose()
            self._connect(report)
            report.elapsed = asyncio.get_running_loop().time() - started
            self.store.finish_run(run_id, report.as_dict())
        return report

    def ingest_pages(self, pages: Iterable[Page], *, batch_size: int = 64) -> IngestReport:
        """Process pages already in hand (a backfill, a benchmark): no fetching, same stages.

        Pages are extracted in the CPU pool a batch at a time while the main process dedupes
        and stores the previous results.
        """
        report = IngestReport()
        started = time.perf_counter()
        pool = CpuPool(self.beat, self.settings)
        try:
            batch: list[Page] = []
            for page in pages:
                report.pages += 1
                if self._already_stored(page.url):
                    report.skipped += 1
                    continue
                batch.append(page)
                if len(batch) >= batch_size:
                    for p, processed in zip(batch, pool.map(batch), strict=True):
                        self._store(p, processed, report)
                    batch = []
            for p, processed in zip(batch, pool.map(batch), strict=True):
                self._store(p, processed, report)
        finally:
            pool.close()
        self._connect(report)
        report.elapsed = time.perf_counter() - started
        return report

    def _connect(self, report: IngestReport) -> None:
        """After a run: place the new documents in stories, recompute agreements."""
        if report.stored_ids:
            report.stories = refresh_stories(self.store, self.beat, sorted(report.stored_ids))
            report.agreements = len(refresh_agreements(self.store, self.beat))

    # ------------------------------------------------------------------ expanding inputs
    async def _expand(
        self, fetcher: Fetcher, inputs: Sequence[str], report: IngestReport, options: IngestOptions
    ) -> AsyncIterator[PageTask]:
        for item in inputs:
            if item.startswith(("http://", "https://")):
                source_id = options.source_id or self._source_for(item)
                async for task in self._expand_url(fetcher, item, source_id, report, depth=0):
                    yield task
            else:
                for task in self._expand_path(Path(item), report, options):
                    yield task

    async def _expand_url(
        self, fetcher: Fetcher, url: str, source_id: str | None, report: IngestReport, depth: int
    ) -> AsyncIterator[PageTask]:
        """A URL is a feed, a sitemap (index) or a page: fetch it once and decide by content."""
        if self._already_stored(url):
            yield PageTask(url=url, source_id=source_id, origin="url")
            return
        etag, modified = self.store.cached_validators(url)
        result = await fetcher.fetch(url, etag=etag, last_modified=modified, purpose="feed")
        self.store.record_fetch(result, source_id=source_id, purpose="feed")
        if result.not_modified:
            report.not_modified += 1
            return
        if not result.ok:
            self._fail(report, url, "fetch", result.error or f"HTTP {result.status}", source_id)
            return
        kind = sniff(result.body, result.header("content-type"))
        if kind == "page":
            yield _task_from_result(result, source_id, "url")
            return
        report.feeds += 1
        for task in self._tasks_from_listing(
            result.body, result.final_url, kind, source_id, report
        ):
            if task.body is None and task.origin == "sitemap-index":
                if depth < self.settings.sitemap_depth:
                    async for sub in self._expand_url(
                        fetcher, task.url, source_id, report, depth + 1
                    ):
                        yield sub
                continue
            yield task

    def _tasks_from_listing(
        self, body: bytes, url: str, kind: str, source_id: str | None, report: IngestReport
    ) -> Iterable[PageTask]:
        limit = self.settings.max_feed_entries
        if kind == "feed":
            feed = parse_feed(body, url, max_entries=limit)
            if feed.error or feed.warnings:
                reason = "; ".join(filter(None, (feed.error, *feed.warnings)))
                self._fail(report, url, "feed", reason, source_id)
            for entry in feed.entries:
                if not entry.url.startswith(("http://", "https://")):
                    continue  # an entry without a usable link (e.g. cut off in a broken feed)
                entry_source = self._source_for(entry.url, default=source_id)
                yield PageTask(
                    url=entry.url,
                    source_id=entry_source,
                    origin="feed",
                    hints=hints_from_entry(entry),
                )
        else:
            sitemap = parse_sitemap(body, url, max_urls=limit)
            if sitemap.error:
                self._fail(report, url, "sitemap", sitemap.error, source_id)
            for sub in sitemap.sitemaps[:limit]:
                yield PageTask(url=sub, source_id=source_id, origin="sitemap-index")
            for loc in sitemap.urls[:limit]:
                entry_source = self._source_for(loc.loc, default=source_id)
                yield PageTask(
                    url=loc.loc,
                    source_id=entry_source,
                    origin="sitemap",
                    hints=hints_from_entry(loc),
                )

    def _expand_path(
        self, path: Path, report: IngestReport, options: IngestOptions
    ) -> Iterable[PageTask]:
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for file in files:
            name = file.name.lower()
            if name.endswith(WARC_SUFFIXES):
                yield from self._expand_warc(file, report, options)
            elif file.suffix.lower() in PAGE_SUFFIXES:
                try:
                    body = file.read_bytes()
                except OSError as exc:
                    self._fail(report, str(file), "read", str(exc), options.source_id)
                    continue
                mtime = datetime.fromtimestamp(file.stat().st_mtime, UTC)
                yield PageTask(
                    url=file.resolve().as_uri(),
                    source_id=options.source_id,
                    origin="file",
                    body=body,
                    fetched_at=mtime,
                    content_type=_content_type_for(file),
                )
            elif path.is_file():
                self._fail(
                    report,
                    str(file),
                    "read",
                    "unsupported file type (give .html, .txt, .pdf, .warc or .warc.gz)",
                    options.source_id,
                )

    def _expand_warc(
        self, file: Path, report: IngestReport, options: IngestOptions
    ) -> Iterable[PageTask]:
        try:
            for result in iter_warc(file):
                if not result.ok:
                    continue
                if sniff(result.body, result.header("content-type")) != "page":
                    continue
                source_id = options.source_id or self._source_for(result.url)
                yield _task_from_result(result, source_id, "warc")
        except OSError as exc:
            self._fail(report, str(file), "read", f"cannot read WARC: {exc}", options.source_id)

    # ------------------------------------------------------------------ pages
    async def _worker(
        self,
        fetcher: Fetcher,
        pool: CpuPool,
        queue: asyncio.Queue[PageTask | None],
        report: IngestReport,
        options: IngestOptions,
    ) -> None:
        while (task := await queue.get()) is not None:
            try:
                await self._process(fetcher, pool, task, report, options)
            except Exception as exc:  # one bad page never stops the run
                log.exception("unexpected error on %s", task.url)
                self._fail(
                    report, task.url, "pipeline", f"{type(exc).__name__}: {exc}", task.source_id
                )
            finally:
                self._progress("done", 1)

    async def _process(
        self,
        fetcher: Fetcher,
        pool: CpuPool,
        task: PageTask,
        report: IngestReport,
        options: IngestOptions,
    ) -> None:
        if task.body is None:
            if not options.refresh and self._already_stored(task.url):
                report.skipped += 1
                return
            result = await fetcher.fetch(task.url, purpose="page")
            self.store.record_fetch(result, source_id=task.source_id, purpose="page")
            if not result.ok:
                self._fail(
                    report,
                    task.url,
                    "fetch",
                    result.error or f"HTTP {result.status}",
                    task.source_id,
                )
                return
            task = _task_from_result(result, task.source_id, task.origin, task.hints)
        elif not options.refresh and self._already_stored(task.url):
            report.skipped += 1
            return
        assert task.body is not None and task.fetched_at is not None
        page = Page(
            url=task.url,
            body=task.body,
            fetched_at=task.fetched_at,
            origin=task.origin,
            content_type=task.content_type,
            source_id=task.source_id,
            hints=task.hints,
            warc_ref=task.warc_ref,
        )
        self._store(page, await pool.process(page), report)

    def _store(self, page: Page, processed: Processed, report: IngestReport) -> None:
        """Dedupe against everything stored and save, in one transaction per document."""
        doc, sig = processed.document, processed.signature
        if doc is None or sig is None:
            self._fail(report, page.url, "extract", processed.failure or "failed", page.source_id)
            return
        verdict = self.index.add(dedupe.DedupeItem.of(doc, sig))
        own = verdict.link_for(doc.id)
        links = [
            LinkUpdate(
                link.id,
                link.duplicate_of,
                link.near_duplicate_of,
                link.syndicated_from,
                link.similarity,
            )
            for link in verdict.links
            if link.id != doc.id
        ]
        if own is not None:
            doc = dedupe.apply_link(doc, own)
        analysis = processed.analysis
        mentions = (
            [(m.entity_id, m.start, m.end, m.text) for m in analysis.mentions] if analysis else []
        )
        is_new = self.store.save_document(
            doc,
            signature=dedupe.signature_to_bytes(sig),
            links=links,
            mentions=mentions,
            analysis=analysis,
        )
        if analysis is not None:
            report.claims += len(analysis.claims)
        report.stored_ids.add(doc.id)
        if is_new:
            report.new += 1
        else:
            report.updated += 1
        report.by_source[doc.source_id or "(unknown)"] += 1
        for link in verdict.links:  # links of earlier documents can change too
            report.links[link.id] = link.kind

    # ------------------------------------------------------------------ helpers
    def _already_stored(self, url: str) -> bool:
        return self.store.has_document(dedupe.document_id(dedupe.canonical_url(url)))

    def _source_for(self, url: str, default: str | None = None) -> str | None:
        if url in self._feed_sources:
            return self._feed_sources[url]
        source = self.matcher.match(url)
        return source.id if source else default

    def _fail(
        self, report: IngestReport, url: str, stage: str, reason: str, source_id: str | None
    ) -> None:
        report.failures.append(Failure(url, stage, reason, source_id))
        if stage != "fetch":  # fetch failures are logged by record_fetch
            self.store.record_failure(url=url, stage=stage, reason=reason, source_id=source_id)
        log.info("%s failed for %s: %s", stage, url, reason)


def sniff(body: bytes, content_type: str | None) -> str:
    """ "feed", "sitemap" or "page", from the content type and the first bytes."""
    head = body[:2048].lstrip().lower()
    ctype = (content_type or "").lower()
    if b"<urlset" in head or b"<sitemapindex" in head:
        return "sitemap"
    if b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head:
        return "feed"
    if "json" in ctype and b'"version"' in head and b"jsonfeed" in head:
        return "feed"
    if any(t in ctype for t in ("rss", "atom")):
        return "feed"
    return "page"


def _task_from_result(
    result: FetchResult, source_id: str | None, origin: str, hints: Hints = Hints()
) -> PageTask:
    return PageTask(
        url=result.final_url or result.url,
        source_id=source_id,
        origin=origin,
        hints=hints,
        body=result.body,
        content_type=result.header("content-type"),
        fetched_at=result.fetched_at,
        warc_ref=result.warc_ref,
    )


def _content_type_for(file: Path) -> str:
    suffix = file.suffix.lower()
    if suffix == ".pdf":
        return "application/pdf"
    if suffix in {".txt", ".md"}:
        return "text/plain"
    return "text/html"


def _check_input(item: str) -> None:
    if item.startswith(("http://", "https://")):
        return
    if "://" in item:
        raise InputError(f"{item!r}: only http:// and https:// URLs can be ingested")
    path = Path(item)
    if not path.exists():
        raise InputError(f"{item!r} is neither a URL nor an existing file or folder")
