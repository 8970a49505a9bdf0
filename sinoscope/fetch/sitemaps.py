"""Sitemaps: urlsets (with Google News tags), sitemap indexes, .xml.gz, plain-text lists.

    result = parse_sitemap(body, url)     # SitemapResult(urls, sitemaps, error, warnings)
    crawl = await follow_sitemaps(fetcher, ["https://example.com/sitemap.xml"], depth=2)

Parsing uses lxml with entity expansion, DTD loading and network access off and huge trees
refused, so a hostile sitemap cannot read files, call out or blow up memory. A gzip'ed body
is recognised by its magic bytes, whatever the URL says, and inflated up to a cap.
Elements are matched by local name, so sitemaps with a wrong namespace still work.
"""

from __future__ import annotations

import logging
import zlib
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING
from urllib.parse import urljoin

from lxml import etree

if TYPE_CHECKING:
    from .client import Fetcher

log = logging.getLogger(__name__)

MAX_SITEMAP_BYTES = 50_000_000  # the sitemap protocol's own limit, uncompressed


@dataclass(frozen=True, slots=True)
class SitemapUrl:
    loc: str
    lastmod: datetime | None = None
    news_title: str | None = None
    news_published: datetime | None = None
    language: str | None = None


@dataclass(frozen=True, slots=True)
class SitemapResult:
    urls: tuple[SitemapUrl, ...] = ()
    sitemaps: tuple[str, ...] = ()  # child sitemaps of an index (or, after a crawl, visited)
    error: str | None = None
    warnings: tuple[str, ...] = ()


def parse_w3c_datetime(value: str | None) -> datetime | None:
    """An aware UTC datetime from a W3C/ISO 8601 date ("2024-05-01", "…T10:00:00+08:00")."""
    text = (value or "").strip()
    if not text:
        return None
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        return None
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)


def _inflate(body: bytes) -> bytes:
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    out = inflater.decompress(body, MAX_SITEMAP_BYTES + 1)
    if len(out) > MAX_SITEMAP_BYTES:
        raise ValueError(f"sitemap larger than {MAX_SITEMAP_BYTES} bytes uncompressed")
    if not inflater.eof:
        raise ValueError("truncated gzip sitemap")
    return out


def _parser(recover: bool) -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
        recover=recover,
    )


def _local(element: etree._Element) -> str:
    tag = element.tag
    return etree.QName(tag).localname.lower() if isinstance(tag, str) else ""


def _child_text(element: etree._Element, *path: str) -> str | None:
    current = [element]
    for name in path:
        current = [c for parent in current for c in parent if _local(c) == name]
    for node in current:
        text = " ".join((node.text or "").split())
        if text:
            return text
    return None


def parse_sitemap(body: bytes, url: str, *, max_urls: int = 50_000) -> SitemapResult:
    """Parse a sitemap or sitemap index fetched from `url` (XML, gzip'ed XML or plain text)."""
    try:
        if body[:2] == b"\x1f\x8b":
            body = _inflate(body)
    except (ValueError, zlib.error) as exc:
        return SitemapResult(error=str(exc))
    stripped = body.lstrip(b"\xef\xbb\xbf \t\r\n")
    if not stripped:
        return SitemapResult(error="empty sitemap")
    if not stripped.startswith(b"<"):
        return _parse_text(stripped, max_urls)
    warnings: list[str] = []
    try:
        root = etree.fromstring(stripped, _parser(recover=False))
    except etree.XMLSyntaxError as exc:
        try:
            root = etree.fromstring(stripped, _parser(recover=True))
        except etree.XMLSyntaxError:
            root = None
        if root is None:
            return SitemapResult(error=f"not well-formed XML ({exc})")
        warnings.append(f"not well-formed XML, read what could be recovered ({exc})")
    kind = _local(root)
    if kind == "sitemapindex":
        children = [_child_text(node, "loc") for node in root if _local(node) == "sitemap"]
        absolute = [urljoin(url, c) for c in children if c]
        found = [c for c in absolute if c.startswith(("http://", "https://"))]
        unique = tuple(dict.fromkeys(found))[:max_urls]
        return SitemapResult(sitemaps=unique, warnings=tuple(warnings))
    if kind != "urlset":
        return SitemapResult(error=f"not a sitemap (root element <{kind or '?'}>)")
    urls = []
    for node in root:
        if _local(node) != "url":
            continue
        loc = _child_text(node, "loc")
        if not loc:
            continue
        loc = urljoin(url, loc)
        if not loc.startswith(("http://", "https://")):
            continue
        urls.append(
            SitemapUrl(
                loc=loc,
                lastmod=parse_w3c_datetime(_child_text(node, "lastmod")),
                news_title=_child_text(node, "news", "title"),
                news_published=parse_w3c_datetime(_child_text(node, "news", "publication_date")),
                language=_child_text(node, "news", "publication", "language"),
            )
        )
        if len(urls) >= max_urls:
            warnings.append(f"stopped after {max_urls} URLs")
            break
    return SitemapResult(urls=tuple(urls), warnings=tuple(warnings))


def _parse_text(body: bytes, max_urls: int) -> SitemapResult:
    lines = body.decode("utf-8", "replace").splitlines()
    urls = [line.strip() for line in lines if line.strip().startswith(("http://", "https://"))]
    if not urls:
        return SitemapResult(error="not a sitemap (neither XML nor a list of URLs)")
    unique = list(dict.fromkeys(urls))[:max_urls]
    return SitemapResult(urls=tuple(SitemapUrl(loc=u) for u in unique))


async def follow_sitemaps(
    fetcher: Fetcher, start: list[str], *, depth: int = 2, max_urls: int = 50_000
) -> SitemapResult:
    """Fetch sitemaps from `start`, following indexes up to `depth` levels, and gather URLs.

    The result's `sitemaps` lists every sitemap fetched; `warnings` one line per sitemap that
    failed (the others still count); `error` is set only when none could be read.
    """
    seen: set[str] = set()
    visited: list[str] = []
    urls: dict[str, SitemapUrl] = {}
    warnings: list[str] = []
    readable = 0
    level = list(dict.fromkeys(start))
    for current_depth in range(depth + 1):
        children: list[str] = []
        for sitemap_url in level:
            if sitemap_url in seen or len(urls) >= max_urls:
                continue
            seen.add(sitemap_url)
            fetched = await fetcher.fetch(sitemap_url, purpose="sitemap")
            visited.append(sitemap_url)
            if fetched.error or not fetched.ok:
                warnings.append(f"{sitemap_url}: {fetched.error or f'HTTP {fetched.status}'}")
                continue
            parsed = parse_sitemap(fetched.body, fetched.final_url, max_urls=max_urls - len(urls))
            if parsed.error:
                warnings.append(f"{sitemap_url}: {parsed.error}")
            else:
                readable += 1
            warnings.extend(f"{sitemap_url}: {w}" for w in parsed.warnings)
            for item in parsed.urls:
                urls.setdefault(item.loc, item)
            children.extend(parsed.sitemaps)
        if children and current_depth == depth:
            warnings.append(f"{len(children)} sitemaps deeper than {depth} levels not followed")
        level = children
    error = None
    if visited and not readable:
        error = "no sitemap could be read: " + "; ".join(warnings[:3])
    return SitemapResult(
        urls=tuple(urls.values())[:max_urls],
        sitemaps=tuple(visited),
        error=error,
        warnings=tuple(warnings),
    )
