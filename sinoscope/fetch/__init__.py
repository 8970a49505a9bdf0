"""fetch: get pages from the web politely and safely, keep every response, read feeds/sitemaps.

client.py     Fetcher (the seam) and HttpFetcher (httpx; robots, limits, retries, redirects)
guard.py      SSRF guard: check_url, is_public_address (pure; reused by the web app)
transport.py  connect only to the addresses the guard vetted (no DNS rebinding)
robots.py     robots.txt rules (RFC 9309), Crawl-delay, Sitemap lines
limits.py     per-host pacing, Retry-After, backoff
body.py       streaming under the size cap, content decoding
archive.py    WARC writing (WarcArchive) and reading (read_warc_record, iter_warc)
feeds.py      RSS/Atom/JSON Feed parsing, feed discovery in HTML
sitemaps.py   sitemap, sitemap index, Google News sitemap parsing; following indexes
hints.py      feed/sitemap metadata → records.Hints
replay.py     ReplayFetcher: the seam answered from recorded responses (tests, offline runs)
"""

from .archive import WarcArchive, iter_warc, read_warc_record
from .client import Fetcher, HttpFetcher
from .feeds import FeedEntry, FeedResult, discover_feeds, parse_feed
from .guard import address_kind, check_url, is_public_address, parse_ip_host, redact
from .hints import hints_from_entry
from .replay import ReplayFetcher
from .robots import RobotsRules, parse_robots, sitemaps_from_robots
from .sitemaps import SitemapResult, SitemapUrl, follow_sitemaps, parse_sitemap

__all__ = [
    "FeedEntry",
    "FeedResult",
    "Fetcher",
    "HttpFetcher",
    "ReplayFetcher",
    "RobotsRules",
    "SitemapResult",
    "SitemapUrl",
    "WarcArchive",
    "address_kind",
    "check_url",
    "discover_feeds",
    "follow_sitemaps",
    "hints_from_entry",
    "is_public_address",
    "iter_warc",
    "parse_feed",
    "parse_ip_host",
    "parse_robots",
    "parse_sitemap",
    "read_warc_record",
    "redact",
    "sitemaps_from_robots",
]
