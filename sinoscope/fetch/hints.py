"""Carry what a feed entry or a sitemap entry says about a page into extraction (`Hints`)."""

from __future__ import annotations

from ..records import Hints
from .feeds import FeedEntry
from .sitemaps import SitemapUrl


def hints_from_entry(entry: FeedEntry | SitemapUrl) -> Hints:
    """Hints for the page an entry points at; date_source is "feed" or "sitemap" when dated.

    A sitemap's <lastmod> is when the page last changed, not when it was published, so only a
    Google News <news:publication_date> becomes `published`.
    """
    if isinstance(entry, FeedEntry):
        return Hints(
            title=entry.title,
            author=entry.author,
            published=entry.published,
            language=entry.language,
            summary=entry.summary,
            date_source="feed" if entry.published else None,
        )
    if isinstance(entry, SitemapUrl):
        return Hints(
            title=entry.news_title,
            published=entry.news_published,
            language=entry.language,
            date_source="sitemap" if entry.news_published else None,
        )
    raise TypeError(f"hints_from_entry takes a FeedEntry or a SitemapUrl, not {type(entry)!r}")
