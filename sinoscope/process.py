"""The CPU-bound part of ingest, page by page: extract → document → fingerprint → analysis.

`PageProcessor` is built from explicit config (the beat and the settings) and is a pure
function of a `Page`; `CpuPool` runs it in worker processes (one per core by default) or in
a thread when `workers == 1`, so fetching, deduping and storing go on in the main process
while pages are being extracted. The Dask backfill maps the same processor over shards.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import threading
import time
from concurrent.futures import Executor, ProcessPoolExecutor
from dataclasses import dataclass
from datetime import UTC, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import numpy as np

from . import dedupe
from .beats import SourceMatcher
from .extract import extract
from .records import Analysis, Beat, Document, Extraction, Page
from .settings import Settings
from .understand import Understander

CHINA_TZ = timezone(timedelta(hours=8), "CST")
# where a publisher's wall-clock times are read when a page gives no zone
_COUNTRY_ZONES = {
    "CN": "Asia/Shanghai",
    "TW": "Asia/Taipei",
    "HK": "Asia/Hong_Kong",
    "SG": "Asia/Singapore",
    "JP": "Asia/Tokyo",
    "KR": "Asia/Seoul",
    "IN": "Asia/Kolkata",
    "US": "America/New_York",
    "GB": "Europe/London",
    "DE": "Europe/Berlin",
    "FR": "Europe/Paris",
    "NL": "Europe/Amsterdam",
    "BE": "Europe/Brussels",
    "AU": "Australia/Sydney",
}


@dataclass(frozen=True, slots=True)
class Processed:
    """What the CPU stage made of a page: a document, or the reason there is none."""

    document: Document | None
    signature: np.ndarray | None = None
    analysis: Analysis | None = None
    failure: str | None = None


class PageProcessor:
    """extract → Document → MinHash fingerprint → understand (mentions, claims, topics)."""

    def __init__(self, beat: Beat, settings: Settings) -> None:
        self.settings = settings
        self.understander = Understander(beat)
        self.dedupe_options = dedupe.DedupeOptions.from_settings(settings)
        self._sources = {s.id: s for s in beat.sources}
        self._matcher = SourceMatcher(beat)
        self._zones = {s.id: country_zone(s.country) for s in beat.sources}

    def __call__(self, page: Page) -> Processed:
        extraction = extract(page)
        if len(extraction.text) < self.settings.min_text_chars:
            reason = (
                f"no article text found ({len(extraction.text)} characters, fewer than the "
                f"min_text_chars setting, {self.settings.min_text_chars})"
            )
            if extraction.warnings:
                reason += ": " + "; ".join(extraction.warnings)
            return Processed(None, failure=reason)
        local_tz = self._zones.get(page.source_id) if page.source_id else None
        doc = build_document(page, extraction, local_tz=local_tz)
        fp = dedupe.fingerprint(doc.text, doc.language, self.dedupe_options)
        doc = _with_hash(doc, fp.content_hash)
        return Processed(doc, fp.signature, self.analyze(doc))

    def source_for(self, url: str) -> str | None:
        """The id of the beat source a URL belongs to, by its domains."""
        source = self._matcher.match(url)
        return source.id if source else None

    def analyze(self, doc: Document) -> Analysis:
        return self.understander.analyze(
            doc.id,
            doc.text,
            language=doc.language,
            publisher=self._sources.get(doc.source_id or ""),
            published=doc.published,
            title=doc.title,
        )


def build_document(
    page: Page, extraction: Extraction, *, local_tz: tzinfo | None = None
) -> Document:
    """The Document for an extracted page (no duplicate links yet).

    A publication time without a zone is the publisher's wall time: read in `local_tz` when
    given (the source country's zone), else as UTC; a Chinese-language page without a known
    source is read in Beijing time.
    """
    canonical = dedupe.canonical_url(page.url)
    published = extraction.published
    if published is not None and published.tzinfo is None:
        if local_tz is None and extraction.language == "zh":
            local_tz = CHINA_TZ
        published = published.replace(tzinfo=local_tz or UTC)
    return Document(
        id=dedupe.document_id(canonical),
        url=page.url,
        canonical_url=canonical,
        source_id=page.source_id,
        title=extraction.title,
        author=extraction.author,
        published=published,
        date_source=extraction.date_source,
        language=extraction.language,
        text=extraction.text,
        content_hash=dedupe.content_hash(extraction.text),
        fetched_at=page.fetched_at,
        origin=page.origin,
        extractor=extraction.method,
        warc_ref=page.warc_ref,
    )


def _with_hash(doc: Document, content_hash: str) -> Document:
    if doc.content_hash == content_hash:
        return doc
    from dataclasses import replace

    return replace(doc, content_hash=content_hash)


def country_zone(country: str | None) -> tzinfo | None:
    """The time zone a publisher in `country` writes its dates in (None when unknown)."""
    if country == "CN":
        return CHINA_TZ
    name = _COUNTRY_ZONES.get((country or "").upper())
    if name is None:
        return None
    try:
        return ZoneInfo(name)
    except ZoneInfoNotFoundError:
        return None


# ------------------------------------------------------------------------- worker processes
_worker: PageProcessor | None = None  # one per worker process, built by _init_worker


def _init_worker(beat: Beat, settings: Settings, parent: int | None = None) -> None:
    global _worker
    _worker = PageProcessor(beat, settings)
    if parent is not None:
        threading.Thread(target=_exit_with, args=(parent,), daemon=True).start()


def _exit_with(parent: int, every: float = 1.0) -> None:
    """End this worker once the process that runs the pool is gone. A pool's workers wait
    on a queue whose writing end they hold themselves, so a parent killed with SIGKILL (or
    by the OOM killer) would leave them, and their forkserver, running for ever."""
    while True:
        time.sleep(every)
        try:
            os.kill(parent, 0)
        except (ProcessLookupError, PermissionError):  # gone, or its pid reused by another user
            os._exit(1)


def _run_in_worker(page: Page) -> Processed:
    assert _worker is not None, "worker not initialised"
    return _worker(page)


class CpuPool:
    """Runs a PageProcessor off the event loop: in `workers` processes, or a thread if 1."""

    def __init__(self, beat: Beat, settings: Settings) -> None:
        n = settings.workers or (os.cpu_count() or 1)
        self.workers = max(1, n)
        self._local = PageProcessor(beat, settings) if self.workers == 1 else None
        self._executor: Executor | None = None
        if self.workers > 1:
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload(["sinoscope.process"])
            self._executor = ProcessPoolExecutor(
                self.workers,
                mp_context=context,
                initializer=_init_worker,
                initargs=(beat, settings, os.getpid()),
            )

    async def process(self, page: Page) -> Processed:
        loop = asyncio.get_running_loop()
        if self._local is not None:
            return await asyncio.to_thread(self._local, page)
        return await loop.run_in_executor(self._executor, _run_in_worker, page)

    def map(self, pages: list[Page]) -> list[Processed]:
        """Process a batch synchronously (for backfills and benchmarks), order kept."""
        if self._local is not None:
            return [self._local(p) for p in pages]
        assert self._executor is not None
        return list(self._executor.map(_run_in_worker, pages, chunksize=8))

    def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None
