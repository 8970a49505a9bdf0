from __future__ import annotations

import inspect
from datetime import UTC, datetime
from pathlib import Path

from sinoscope.fetch import Fetcher, ReplayFetcher, WarcArchive
from sinoscope.records import FetchResult

from .support import run

PAGE = FetchResult(
    url="https://news.example/a",
    final_url="https://news.example/a/",
    status=200,
    headers=(("ETag", '"v7"'), ("Content-Type", "text/html")),
    body=b"<p>recorded</p>",
    fetched_at=datetime(2025, 2, 3, 4, 5, 6, tzinfo=UTC),
)


def test_replays_recorded_responses_from_a_warc(tmp_path: Path) -> None:
    with WarcArchive(tmp_path) as archive:
        archive.write(PAGE, [])
        path = archive.current_file
    assert path is not None
    fetcher = ReplayFetcher.from_warc([path])

    async def go() -> list[FetchResult]:
        try:
            return [
                await fetcher.fetch("https://news.example/a/"),
                await fetcher.fetch("https://news.example/a/", etag='"v7"'),
                await fetcher.fetch("https://news.example/missing", purpose="feed"),
            ]
        finally:
            await fetcher.aclose()

    page, unchanged, missing = run(go())
    assert page.ok and page.body == b"<p>recorded</p>" and page.fetched_at == PAGE.fetched_at
    assert unchanged.not_modified and unchanged.status == 304 and unchanged.body == b""
    assert missing.error == "not recorded" and missing.status is None
    assert fetcher.requested[-1] == ("https://news.example/missing", "feed")


def test_replay_fetcher_fits_the_seam() -> None:
    for method in ("fetch", "aclose"):
        seam = inspect.signature(getattr(Fetcher, method))
        assert list(seam.parameters) == list(
            inspect.signature(getattr(ReplayFetcher, method)).parameters
        )
    fetcher: Fetcher = ReplayFetcher([PAGE])
    assert run(fetcher.fetch("https://news.example/a")).url == "https://news.example/a"
