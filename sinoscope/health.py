"""Source health: fetch every feed of the chosen sources now and record how it went."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass

from .fetch import Fetcher, parse_feed, parse_sitemap
from .pipeline import sniff
from .records import Feed, Source
from .store import Store


@dataclass(frozen=True, slots=True)
class FeedCheck:
    source_id: str
    url: str
    ok: bool
    status: int | None
    entries: int
    reason: str  # "ok (25 entries)" or why not


async def check_sources(
    sources: Sequence[Source], store: Store, fetcher: Fetcher
) -> list[FeedCheck]:
    """Fetch each feed of `sources` once; record the fetch (and so the health) in the store."""

    async def one(source: Source, feed: Feed) -> FeedCheck:
        result = await fetcher.fetch(feed.url, purpose="feed")
        store.record_fetch(result, source_id=source.id, purpose="feed")
        if not result.ok:
            reason = result.error or f"HTTP {result.status}"
            return FeedCheck(source.id, feed.url, False, result.status, 0, reason)
        kind = sniff(result.body, result.header("content-type"))
        if kind == "feed":
            parsed = parse_feed(result.body, result.final_url)
            n, error = len(parsed.entries), parsed.error
        elif kind == "sitemap":
            sitemap = parse_sitemap(result.body, result.final_url)
            n, error = len(sitemap.urls) + len(sitemap.sitemaps), sitemap.error
        else:
            n, error = 0, "not a feed or sitemap (an HTML page?)"
        ok = n > 0
        if not ok or error:
            store.record_failure(
                url=feed.url, stage="feed", reason=error or "no entries", source_id=source.id
            )
        reason = (
            f"ok ({n} entries)" if ok and not error else f"{error or 'no entries'} ({n} entries)"
        )
        return FeedCheck(source.id, feed.url, ok, result.status, n, reason)

    jobs = [one(s, f) for s in sources for f in s.feeds]
    return list(await asyncio.gather(*jobs))
