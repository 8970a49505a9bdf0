from __future__ import annotations

import asyncio
import itertools
from datetime import UTC, datetime

import pytest

from sinoscope.fetch import HttpFetcher
from sinoscope.fetch.limits import HostPacer, backoff_delay, parse_retry_after
from sinoscope.records import FetchResult
from sinoscope.settings import Settings
from tests.httpserver import LocalServer, Route

from .support import local_settings, run


async def _gather(settings: Settings, urls: list[str]) -> list[FetchResult]:
    async with HttpFetcher(settings) as fetcher:
        return list(await asyncio.gather(*(fetcher.fetch(u) for u in urls)))


def test_per_host_delay_spaces_concurrent_requests() -> None:
    settings = local_settings(per_host_delay=0.25, per_host_concurrency=4)
    with LocalServer({"/p": "page", "/q": "other"}) as srv:
        urls = [srv.url("/p"), srv.url("/q"), srv.url("/p"), srv.url("/q")]
        results = run(_gather(settings, urls))
        times = sorted(r.at for r in srv.requests)
    assert all(r.ok for r in results)
    gaps = [b - a for a, b in itertools.pairwise(times)]
    assert min(gaps) >= 0.2, gaps
    assert times[-1] - times[0] < 3.0  # spaced, not serialised behind something slow


def test_other_hosts_are_not_held_back() -> None:
    settings = local_settings(per_host_delay=1.0)
    with LocalServer({"/p": "page"}) as srv:
        # 127.0.0.1 and localhost are two hosts to the pacer (same server behind them)
        urls = [srv.url("/p"), srv.url("/p"), f"http://localhost:{srv.port}/p"]
        run(_gather(settings, urls))
        by_host: dict[str, list[float]] = {}
        for r in srv.requests:
            by_host.setdefault(r.headers["Host"].split(":")[0], []).append(r.at)
    first = min(min(ts) for ts in by_host.values())
    assert min(by_host["localhost"]) - first < 0.5
    a, b = sorted(by_host["127.0.0.1"])
    assert b - a >= 0.9


def test_per_host_concurrency_limits_requests_in_flight() -> None:
    routes = {"/slow": Route(body=b"x", delay=0.3)}
    with LocalServer(routes) as srv:
        run(_gather(local_settings(per_host_concurrency=1), [srv.url("/slow")] * 2))
        one = sorted(r.at for r in srv.requests)
    with LocalServer(routes) as srv:
        run(_gather(local_settings(per_host_concurrency=2), [srv.url("/slow")] * 2))
        two = sorted(r.at for r in srv.requests)
    assert one[1] - one[0] >= 0.25  # the second waited for the first to finish
    assert two[1] - two[0] < 0.2  # both at once


def test_global_concurrency_limits_requests_over_hosts() -> None:
    routes = {"/slow": Route(body=b"x", delay=0.3)}
    with LocalServer(routes) as srv:
        urls = [srv.url("/slow"), f"http://localhost:{srv.port}/slow"]
        run(_gather(local_settings(concurrency=1), urls))
        times = sorted(r.at for r in srv.requests)
    assert times[1] - times[0] >= 0.25


def test_pacer_with_a_fake_clock() -> None:
    now = [100.0]
    waits: list[float] = []

    async def sleep(seconds: float) -> None:
        waits.append(seconds)
        now[0] += seconds

    async def go() -> None:
        pacer = HostPacer(1, 2.0, lambda: now[0], sleep)
        for _ in range(3):
            async with pacer.slot("a.example"):
                pass
        async with pacer.slot("b.example"):
            pass
        assert pacer.raise_delay("a.example", 500.0) == 60.0  # Crawl-delay is capped

    run(go())
    assert waits == [2.0, 2.0]
    with pytest.raises(ValueError, match="at least 1"):
        HostPacer(0, 1.0, lambda: 0.0, sleep)


def test_retry_after_parsing() -> None:
    now = datetime(2025, 1, 1, 12, 0, 0, tzinfo=UTC)
    assert parse_retry_after("120") == 120.0
    assert parse_retry_after("Wed, 01 Jan 2025 12:00:30 GMT", now) == 30.0
    assert parse_retry_after("Wed, 01 Jan 2025 11:00:00 GMT", now) == 0.0
    assert parse_retry_after("soon") is None
    assert parse_retry_after(None) is None
    assert [backoff_delay(i, 1.5) for i in range(3)] == [1.5, 3.0, 6.0]
