"""Feeds: RSS, Atom (feedparser) and JSON Feed into FeedEntry records; feed discovery in HTML.

    result = parse_feed(body, url)            # FeedResult(entries, title, kind, error, warnings)
    discover_feeds(html, url)                 # absolute URLs of <link rel="alternate" …> feeds

A broken feed is normal input: `error` says why nothing usable came out; when feedparser
complains (its "bozo" flag) but still found entries, they are kept and `warnings` says so.
Entry links are made absolute against the feed URL; entries without an http(s) link are
skipped. Dates are aware UTC datetimes.
"""

from __future__ import annotations

import calendar
import io
import json
import logging
import re
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin

import feedparser
import lxml.html
from lxml import etree

from .sitemaps import parse_w3c_datetime

log = logging.getLogger(__name__)

FEED_TYPES = (
    "application/rss+xml",
    "application/atom+xml",
    "application/feed+json",
    "application/json",
    "application/rdf+xml",
    "application/xml",
    "text/xml",
)
MAX_SUMMARY_CHARS = 2000


@dataclass(frozen=True, slots=True)
class FeedEntry:
    url: str
    title: str | None = None
    published: datetime | None = None
    author: str | None = None
    summary: str | None = None
    language: str | None = None


@dataclass(frozen=True, slots=True)
class FeedResult:
    entries: tuple[FeedEntry, ...] = ()
    title: str | None = None
    kind: str | None = None  # "rss", "atom" or "json"
    error: str | None = None
    warnings: tuple[str, ...] = ()


def parse_feed(
    body: bytes, url: str, *, max_entries: int = 500, content_type: str | None = None
) -> FeedResult:
    """Parse an RSS, Atom or JSON Feed document fetched from `url`.

    `content_type` is the response's Content-Type header, if known (its charset is used).
    """
    head = body[:512].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"{"):
        return _parse_json_feed(body, url, max_entries)
    # without a Content-Type feedparser flags every document; XML lets the declaration decide
    headers = {"content-location": url, "content-type": content_type or "application/xml"}
    parsed = feedparser.parse(
        io.BytesIO(body),
        response_headers=headers,
        resolve_relative_uris=True,
        sanitize_html=True,
    )
    feed = parsed.get("feed", {})
    version = str(parsed.get("version") or "")
    kind = "atom" if version.startswith("atom") else "rss" if version else None
    feed_language = _clean(feed.get("language"))
    warnings: list[str] = []
    entries: list[FeedEntry] = []
    skipped = 0
    for raw in parsed.get("entries", [])[:max_entries]:
        entry = _entry(raw, url, feed_language)
        if entry is None:
            skipped += 1
        else:
            entries.append(entry)
    if skipped:
        warnings.append(f"{skipped} entries without an http(s) link skipped")
    problem = None
    exc = parsed.get("bozo_exception")
    if parsed.get("bozo") and not isinstance(exc, feedparser.NonXMLContentType):
        problem = f"not a well-formed feed ({_short(exc)})"
    if not entries:
        if problem:
            return FeedResult(title=_clean(feed.get("title")), kind=kind, error=problem)
        if not version:
            return FeedResult(error="not a feed (no RSS, Atom or JSON Feed found)")
    elif problem:
        warnings.append(problem)
    return FeedResult(
        entries=tuple(entries),
        title=_clean(feed.get("title")),
        kind=kind,
        warnings=tuple(warnings),
    )


def _entry(raw: Any, base: str, feed_language: str | None) -> FeedEntry | None:
    link = raw.get("link") or ""
    if not link:
        guid = str(raw.get("id") or "")
        link = guid if guid.startswith(("http://", "https://")) else ""
    link = urljoin(base, str(link).strip()) if str(link).strip() else ""
    if not link.startswith(("http://", "https://")):
        return None
    language = None
    for detail in ("title_detail", "summary_detail"):
        language = language or _clean((raw.get(detail) or {}).get("language"))
    return FeedEntry(
        url=link,
        title=_clean(raw.get("title")),
        published=_struct_time(raw.get("published_parsed") or raw.get("updated_parsed")),
        author=_clean(raw.get("author")),
        summary=_plain_text(raw.get("summary")),
        language=language or feed_language,
    )


def _struct_time(value: time.struct_time | None) -> datetime | None:
    if value is None:
        return None
    try:
        return datetime.fromtimestamp(calendar.timegm(value), UTC)
    except (OverflowError, ValueError, OSError):
        return None


def _parse_json_feed(body: bytes, url: str, max_entries: int) -> FeedResult:
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError) as exc:
        return FeedResult(error=f"not a well-formed JSON Feed ({_short(exc)})")
    if not isinstance(data, dict) or "jsonfeed.org" not in str(data.get("version", "")):
        return FeedResult(error="not a feed (JSON without a jsonfeed.org version)")
    language = _clean(data.get("language"))
    feed_author = _json_author(data)
    entries, skipped = [], 0
    items = data.get("items")
    items = items if isinstance(items, list) else []
    for item in items[:max_entries]:
        if not isinstance(item, dict):
            skipped += 1
            continue
        href = str(item.get("url") or item.get("external_url") or "").strip()
        link = urljoin(url, href) if href else ""
        if not link.startswith(("http://", "https://")):
            skipped += 1
            continue
        summary = item.get("summary") or item.get("content_text") or item.get("content_html")
        entries.append(
            FeedEntry(
                url=link,
                title=_clean(item.get("title")),
                published=parse_w3c_datetime(str(item.get("date_published") or "")),
                author=_json_author(item) or feed_author,
                summary=_plain_text(summary),
                language=_clean(item.get("language")) or language,
            )
        )
    warnings = (f"{skipped} entries without an http(s) link skipped",) if skipped else ()
    return FeedResult(
        entries=tuple(entries), title=_clean(data.get("title")), kind="json", warnings=warnings
    )


def _json_author(data: dict[str, Any]) -> str | None:
    authors = data.get("authors")
    author = authors[0] if isinstance(authors, list) and authors else data.get("author")
    return _clean(author.get("name")) if isinstance(author, dict) else None


def _clean(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    text = " ".join(value.split())
    return text or None


def _plain_text(value: object) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return None
    text = value
    if "<" in value:
        try:
            text = lxml.html.fragment_fromstring(value, create_parent="div").text_content()
        except (etree.ParserError, ValueError):
            text = re.sub(r"<[^>]+>", " ", value)
    cleaned = _clean(text)
    return cleaned[:MAX_SUMMARY_CHARS] if cleaned else None


def _short(exc: object) -> str:
    text = str(exc) or type(exc).__name__
    return text if len(text) <= 120 else text[:117] + "..."


def discover_feeds(html: bytes | str, url: str) -> list[str]:
    """Absolute URLs of the feeds an HTML page advertises, in page order, deduplicated."""
    if not html.strip():
        return []
    try:
        doc = lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return []
    base = url
    for href in doc.xpath("//base/@href"):
        base = urljoin(url, str(href).strip())
        break
    found: list[str] = []
    for link in doc.iter("link"):
        rel = {token.lower() for token in (link.get("rel") or "").split()}
        kind = (link.get("type") or "").split(";")[0].strip().lower()
        href = (link.get("href") or "").strip()
        if "alternate" not in rel or not href:
            continue
        if kind not in FEED_TYPES or (kind == "application/json" and "feed" not in href.lower()):
            continue
        absolute = urljoin(base, href)
        if absolute.startswith(("http://", "https://")):
            found.append(absolute)
    return list(dict.fromkeys(found))
