from __future__ import annotations

import asyncio
import itertools

from sinoscope.fetch import HttpFetcher, parse_robots, sitemaps_from_robots
from sinoscope.fetch.robots import product_token
from sinoscope.records import FetchResult
from sinoscope.settings import Settings
from tests.httpserver import LocalServer, Route, RouteSpec

from .support import local_settings, run

UA = "Sinoscope/0.1 (+https://github.com/sinoscope/sinoscope; news research crawler)"


# ------------------------------------------------------------------------------ parser
def test_product_token() -> None:
    assert product_token(UA) == "sinoscope"
    assert product_token("Googlebot") == "googlebot"


def test_longest_match_wins_and_allow_wins_ties() -> None:
    rules = parse_robots(
        "User-agent: *\nDisallow: /\nAllow: /news/\nDisallow: /news/drafts\n"
        "Allow: /page\nDisallow: /page\n",
        UA,
    )
    assert rules.allows("/news/2024/ai.html")
    assert not rules.allows("/news/drafts/1")
    assert not rules.allows("/about")
    assert rules.allows("/page")  # same length: allow wins
    assert rules.allows("/robots.txt")


def test_wildcards_and_end_anchor() -> None:
    rules = parse_robots("User-agent: *\nDisallow: /*.pdf$\nDisallow: /*?print=\n", UA)
    assert not rules.allows("/files/report.pdf")
    assert rules.allows("/files/report.pdf?download=1")
    assert not rules.allows("/story?print=1")
    assert rules.allows("/story?id=1&print=1")  # "?print=" is literal text
    assert rules.allows("/story?id=1")


def test_our_group_beats_the_star_group_and_is_case_insensitive() -> None:
    text = (
        "# comment\nUser-agent: *\nDisallow: /\n\n"
        "User-agent: SINOSCOPE\nUser-agent: other\nDisallow: /private # inline comment\n"
        "Crawl-delay: 2.5\n"
    )
    rules = parse_robots(text, UA)
    assert rules.allows("/news")
    assert not rules.allows("/private/x")
    assert rules.crawl_delay == 2.5
    assert not parse_robots(text, "Otherbot/2").allows("/news")  # falls back to "*"


def test_empty_or_unrelated_robots_allows_everything() -> None:
    assert parse_robots("", UA).allows("/anything")
    assert parse_robots("User-agent: googlebot\nDisallow: /\n", UA).allows("/anything")
    assert parse_robots("User-agent: *\nDisallow:\n", UA).allows("/anything")


def test_percent_encoding_is_compared_decoded() -> None:
    rules = parse_robots("User-agent: *\nDisallow: /caf%C3%A9\n", UA)
    assert not rules.allows("/café/menu")
    assert not rules.allows("/caf%c3%a9/menu")


def test_sitemaps_from_robots() -> None:
    text = (
        "Sitemap: https://news.example/sitemap.xml\nUser-agent: *\nDisallow: /x\n"
        "sitemap: https://news.example/news.xml # news\nSitemap: /relative.xml\n"
        "Sitemap: https://news.example/sitemap.xml\n"
    )
    expected = ["https://news.example/sitemap.xml", "https://news.example/news.xml"]
    assert sitemaps_from_robots(text) == expected
    assert list(parse_robots(text, UA).sitemaps) == expected


# ------------------------------------------------------------------------------ fetcher
async def _fetch_many(settings: Settings, urls: list[str]) -> tuple[list[FetchResult], float]:
    async with HttpFetcher(settings) as fetcher:
        results = [await fetcher.fetch(url) for url in urls]
        return results, fetcher.host_delay("127.0.0.1")


def test_disallowed_pages_are_not_fetched_and_robots_is_read_once() -> None:
    robots = "User-agent: *\nDisallow: /private\n"
    routes: dict[str, RouteSpec] = {
        "/robots.txt": Route(body=robots.encode()),
        "/public": "ok",
        "/private/a": "no",
    }
    settings = local_settings(respect_robots=True)
    with LocalServer(routes) as srv:
        urls = [srv.url("/public"), srv.url("/private/a"), srv.url("/public")]
        (first, blocked, second), _ = run(_fetch_many(settings, urls))
    assert first.ok and second.ok
    assert blocked.error == "blocked by robots.txt" and blocked.status is None
    assert srv.requests_to("/private/a") == []
    assert len(srv.requests_to("/robots.txt")) == 1
    assert srv.requests_to("/robots.txt")[0].headers["User-Agent"] == settings.user_agent


def test_crawl_delay_spaces_requests_to_the_host() -> None:
    robots = b"User-agent: *\nCrawl-delay: 0.4\n"
    routes: dict[str, RouteSpec] = {"/robots.txt": Route(body=robots), "/a": "a", "/b": "b"}
    settings = local_settings(respect_robots=True, per_host_delay=0.0)
    with LocalServer(routes) as srv:
        results, delay = run(_fetch_many(settings, [srv.url("/a"), srv.url("/b")]))
        times = [r.at for r in srv.requests]
    assert all(r.ok for r in results)
    assert delay == 0.4
    assert [r.route_path for r in srv.requests] == ["/robots.txt", "/a", "/b"]
    gaps = [b - a for a, b in itertools.pairwise(times)]
    assert min(gaps) >= 0.35, gaps


def test_robots_5xx_blocks_the_host_for_the_run() -> None:
    routes: dict[str, RouteSpec] = {"/robots.txt": Route(status=503), "/page": "content"}
    with LocalServer(routes) as srv:
        (page, again), _ = run(
            _fetch_many(local_settings(respect_robots=True), [srv.url("/page"), srv.url("/page")])
        )
    assert page.error is not None
    assert page.error.startswith("blocked: robots.txt unavailable (HTTP 503)")
    assert "RFC 9309" in page.error
    assert again.error == page.error
    assert srv.requests_to("/page") == []
    assert len(srv.requests_to("/robots.txt")) == 1


def test_robots_unreachable_blocks_the_host() -> None:
    with LocalServer() as srv:
        port = srv.port
    result = run(_fetch_many(local_settings(respect_robots=True), [f"http://127.0.0.1:{port}/"]))
    assert result[0][0].error is not None
    assert "robots.txt unavailable (connection refused)" in result[0][0].error


def test_robots_404_allows_everything_and_off_means_not_asked() -> None:
    with LocalServer({"/page": "content"}) as srv:
        (allowed,), _ = run(_fetch_many(local_settings(respect_robots=True), [srv.url("/page")]))
        assert allowed.ok and len(srv.requests_to("/robots.txt")) == 1
    with LocalServer({"/page": "content", "/robots.txt": "User-agent: *\nDisallow: /"}) as srv:
        (ignored,), _ = run(_fetch_many(local_settings(respect_robots=False), [srv.url("/page")]))
        assert ignored.ok and srv.requests_to("/robots.txt") == []


def test_concurrent_fetches_share_one_robots_request() -> None:
    routes: dict[str, RouteSpec] = {
        "/robots.txt": Route(body=b"User-agent: *\nAllow: /\n", delay=0.2),
        "/p": "p",
    }

    async def go(settings: Settings, url: str) -> list[FetchResult]:
        async with HttpFetcher(settings) as fetcher:
            return await asyncio.gather(*(fetcher.fetch(url) for _ in range(4)))

    settings = local_settings(respect_robots=True, per_host_concurrency=4)
    with LocalServer(routes) as srv:
        results = run(go(settings, srv.url("/p")))
    assert all(r.ok for r in results)
    assert len(srv.requests_to("/robots.txt")) == 1
