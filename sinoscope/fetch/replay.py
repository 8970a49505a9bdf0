"""A `Fetcher` that answers from recorded responses (WARC files or FetchResults), offline.

    fetcher = ReplayFetcher.from_warc(["crawl.warc.gz"])
    result = await fetcher.fetch("https://news.example/a")    # the recorded response

It is a real implementation of the seam, for tests, demos and re-runs without the network:
a URL that was not recorded gives a FetchResult with error "not recorded"; a conditional
request whose ETag or Last-Modified matches the recording gives a 304.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path

from ..records import FetchResult
from .archive import iter_warc


class ReplayFetcher:
    """Serves the last recorded response for each URL (by requested and final URL)."""

    def __init__(self, results: Iterable[FetchResult]) -> None:
        self._by_url: dict[str, FetchResult] = {}
        for result in results:
            self._by_url[result.url] = result
            self._by_url[result.final_url] = result
        self.requested: list[tuple[str, str]] = []  # (url, purpose), in order

    @classmethod
    def from_warc(cls, paths: Iterable[Path | str]) -> ReplayFetcher:
        return cls(result for path in paths for result in iter_warc(path))

    async def fetch(
        self,
        url: str,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        purpose: str = "page",
    ) -> FetchResult:
        if not isinstance(url, str):
            raise TypeError(f"fetch() takes a URL string, not {type(url).__name__}")
        self.requested.append((url, purpose))
        recorded = self._by_url.get(url)
        if recorded is None:
            now = datetime.now(UTC)
            return FetchResult(url, url, None, (), b"", now, error="not recorded")
        unchanged = (etag and recorded.header("etag") == etag) or (
            last_modified and recorded.header("last-modified") == last_modified
        )
        if unchanged and recorded.ok:
            return dataclasses.replace(
                recorded, url=url, status=304, body=b"", not_modified=True, error=None
            )
        return dataclasses.replace(recorded, url=url)

    async def aclose(self) -> None:
        return None
