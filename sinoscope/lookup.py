"""One document on demand: a file, a URL or a stored id → its document and analysis.

Used by `sinoscope claims PATH_OR_URL|DOC_ID`: the same stages as ingest, for one page,
without storing anything (a stored id is read back from the store).
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

from .errors import InputError, NotFound
from .fetch import HttpFetcher
from .pipeline import sniff
from .process import PageProcessor
from .records import Analysis, Beat, Document, Page
from .settings import Settings
from .store import ClaimQuery, Store

_TYPES = {".pdf": "application/pdf", ".txt": "text/plain", ".md": "text/plain"}


@dataclass(frozen=True, slots=True)
class LookedUp:
    document: Document
    analysis: Analysis
    stored: bool  # read from the store rather than made now


def look_up(target: str, settings: Settings, beat: Beat, store: Store | None = None) -> LookedUp:
    """The document and analysis of a URL, a local file, or a stored document id.

    The one document asked for is analysed however short its text (ingest skips pages with
    less than `min_text_chars`: there they are navigation or error pages, not articles)."""
    processor = PageProcessor(beat, replace(settings, min_text_chars=1))
    if target.startswith(("http://", "https://")):
        page = asyncio.run(_fetch(target, settings))
    elif Path(target).is_file():
        path = Path(target)
        page = Page(
            url=path.resolve().as_uri(),
            body=path.read_bytes(),
            fetched_at=datetime.fromtimestamp(path.stat().st_mtime, UTC),
            origin="file",
            content_type=_TYPES.get(path.suffix.lower(), "text/html"),
        )
    elif store is not None:
        return _stored(target, store, processor)
    else:
        raise InputError(f"{target!r} is neither a URL nor a file")
    source = processor.source_for(page.url)
    if source is not None:
        page = Page(
            url=page.url,
            body=page.body,
            fetched_at=page.fetched_at,
            origin=page.origin,
            content_type=page.content_type,
            source_id=source,
        )
    processed = processor(page)
    if processed.document is None or processed.analysis is None:
        raise InputError(f"{target}: {processed.failure or 'nothing could be extracted'}")
    return LookedUp(processed.document, processed.analysis, stored=False)


async def _fetch(url: str, settings: Settings) -> Page:
    fetcher = HttpFetcher(settings)
    try:
        result = await fetcher.fetch(url)
    finally:
        await fetcher.aclose()
    if not result.ok:
        raise InputError(f"cannot fetch {url}: {result.error or f'HTTP {result.status}'}")
    if sniff(result.body, result.header("content-type")) != "page":
        raise InputError(f"{url} is a feed or sitemap, not an article; ingest it instead")
    return Page(
        url=result.final_url or url,
        body=result.body,
        fetched_at=result.fetched_at,
        content_type=result.header("content-type"),
    )


def _stored(document_id: str, store: Store, processor: PageProcessor) -> LookedUp:
    try:
        doc = store.get_document(document_id)
    except NotFound:
        raise InputError(
            f"{document_id!r} is not a URL, a file or a stored document id; find ids with "
            "`sinoscope search`"
        ) from None
    claims = tuple(sc.claim for sc in store.claims(ClaimQuery(document_id=doc.id)))
    analysis = processor.analyze(doc)
    if claims:  # what the store holds wins: it is what every other surface shows
        from dataclasses import replace

        analysis = replace(analysis, claims=claims)
    return LookedUp(doc, analysis, stored=True)
