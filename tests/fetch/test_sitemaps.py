from __future__ import annotations

import gzip
import time
from datetime import UTC, datetime

from sinoscope.fetch import HttpFetcher, SitemapResult, follow_sitemaps, parse_sitemap
from sinoscope.fetch.sitemaps import parse_w3c_datetime
from sinoscope.settings import Settings
from tests.httpserver import LocalServer, Route

from .support import local_settings, run

NS = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
NEWS_NS = 'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"'


def urlset(*locs: str) -> bytes:
    body = "".join(
        f"<url><loc>{loc}</loc><lastmod>2025-01-0{i + 1}</lastmod></url>"
        for i, loc in enumerate(locs)
    )
    return f'<?xml version="1.0" encoding="UTF-8"?><urlset {NS}>{body}</urlset>'.encode()


def index(*locs: str) -> bytes:
    body = "".join(f"<sitemap><loc>{loc}</loc></sitemap>" for loc in locs)
    return f'<?xml version="1.0"?><sitemapindex {NS}>{body}</sitemapindex>'.encode()


NEWS = f"""<?xml version="1.0" encoding="UTF-8"?>
<urlset {NS} {NEWS_NS}>
  <url>
    <loc>https://news.example/2025/08/ai-plus.html</loc>
    <news:news>
      <news:publication><news:name>News</news:name><news:language>zh</news:language></news:publication>
      <news:publication_date>2025-08-26T20:00:00+08:00</news:publication_date>
      <news:title>国务院印发《关于深入实施"人工智能+"行动的意见》</news:title>
    </news:news>
  </url>
  <url><loc> https://news.example/2025/08/other.html </loc>
    <lastmod>2025-08-27T01:02:03Z</lastmod></url>
</urlset>""".encode()


def test_urlset() -> None:
    result = parse_sitemap(urlset("https://a.example/1", "/2"), "https://a.example/sitemap.xml")
    assert result.error is None and result.sitemaps == ()
    assert [u.loc for u in result.urls] == ["https://a.example/1", "https://a.example/2"]
    assert result.urls[0].lastmod == datetime(2025, 1, 1, tzinfo=UTC)


def test_news_sitemap() -> None:
    result = parse_sitemap(NEWS, "https://news.example/news-sitemap.xml")
    first, second = result.urls
    assert first.news_title == '国务院印发《关于深入实施"人工智能+"行动的意见》'
    assert first.news_published == datetime(2025, 8, 26, 12, 0, tzinfo=UTC)
    assert first.language == "zh"
    assert second.loc == "https://news.example/2025/08/other.html"
    assert second.lastmod == datetime(2025, 8, 27, 1, 2, 3, tzinfo=UTC)
    assert second.news_title is None


def test_gzipped_sitemap_is_recognised_by_its_bytes() -> None:
    result = parse_sitemap(gzip.compress(NEWS), "https://news.example/sitemap.xml.gz")
    assert len(result.urls) == 2
    cut = parse_sitemap(gzip.compress(NEWS)[:-30], "https://news.example/s.xml.gz")
    assert cut.error == "truncated gzip sitemap"


def test_text_sitemap_and_junk() -> None:
    text = b"https://a.example/1\n\nhttps://a.example/2\nnot a url\n"
    assert [u.loc for u in parse_sitemap(text, "https://a.example/s.txt").urls] == [
        "https://a.example/1",
        "https://a.example/2",
    ]
    assert parse_sitemap(b"", "https://a.example/s").error == "empty sitemap"
    assert parse_sitemap(b"hello", "https://a.example/s").error is not None
    html = parse_sitemap(b"<html><body>x</body></html>", "https://a.example/s")
    assert html.error == "not a sitemap (root element <html>)"


def test_broken_xml_is_recovered_with_a_warning() -> None:
    broken = urlset("https://a.example/1", "https://a.example/2")[:-12]
    result = parse_sitemap(broken, "https://a.example/s.xml")
    assert [u.loc for u in result.urls] == ["https://a.example/1", "https://a.example/2"]
    assert result.warnings and result.warnings[0].startswith("not well-formed XML")


def test_entities_are_not_expanded_or_fetched() -> None:
    xxe = (
        b'<?xml version="1.0"?><!DOCTYPE urlset [<!ENTITY x SYSTEM "file:///etc/hostname">]>'
        b"<urlset><url><loc>https://a.example/&x;</loc></url></urlset>"
    )
    result = parse_sitemap(xxe, "https://a.example/s.xml")
    assert [u.loc for u in result.urls] == ["https://a.example/"]  # the entity stays unread

    laughs = b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa">'
    for level in "bcdefghij":
        prev = chr(ord(level) - 1)
        laughs += f'<!ENTITY {level} "{("&" + prev + ";") * 10}">'.encode()
    laughs += b"]><urlset><url><loc>https://a.example/&j;</loc></url></urlset>"
    started = time.monotonic()
    bomb = parse_sitemap(laughs, "https://a.example/s.xml")
    assert time.monotonic() - started < 2
    assert [u.loc for u in bomb.urls] == ["https://a.example/"]


def test_w3c_dates() -> None:
    assert parse_w3c_datetime("2025-05-01") == datetime(2025, 5, 1, tzinfo=UTC)
    assert parse_w3c_datetime("2025-05-01T08:00+08:00") == datetime(2025, 5, 1, tzinfo=UTC)
    assert parse_w3c_datetime("yesterday") is None and parse_w3c_datetime(None) is None


async def _follow(settings: Settings, start: list[str], depth: int) -> SitemapResult:
    async with HttpFetcher(settings) as fetcher:
        return await follow_sitemaps(fetcher, start, depth=depth)


def test_index_to_sitemaps_to_urls_over_http() -> None:
    with LocalServer() as srv:
        srv.routes.update(
            {
                "/sitemap_index.xml": index(
                    srv.url("/news.xml.gz"), srv.url("/nested.xml"), srv.url("/gone.xml")
                ),
                "/news.xml.gz": Route(
                    body=gzip.compress(urlset(srv.url("/a"), srv.url("/b"))),
                    headers={"Content-Type": "application/x-gzip"},
                ),
                "/nested.xml": index(srv.url("/deep.xml")),
                "/deep.xml": urlset(srv.url("/c"), srv.url("/a")),
            }
        )
        full = run(_follow(local_settings(), [srv.url("/sitemap_index.xml")], depth=2))
        shallow = run(_follow(local_settings(), [srv.url("/sitemap_index.xml")], depth=1))
    assert [u.loc for u in full.urls] == [srv.url("/a"), srv.url("/b"), srv.url("/c")]
    assert full.error is None
    assert full.sitemaps[0] == srv.url("/sitemap_index.xml") and len(full.sitemaps) == 5
    assert any("/gone.xml: HTTP 404" in w for w in full.warnings)
    assert [u.loc for u in shallow.urls] == [srv.url("/a"), srv.url("/b")]
    assert any("deeper than 1 levels" in w for w in shallow.warnings)


def test_following_only_broken_sitemaps_is_an_error() -> None:
    with LocalServer({"/s.xml": b"<html></html>"}) as srv:
        result = run(_follow(local_settings(), [srv.url("/s.xml"), srv.url("/none.xml")], depth=2))
    assert result.urls == ()
    assert result.error is not None and result.error.startswith("no sitemap could be read")
