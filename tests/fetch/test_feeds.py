from __future__ import annotations

import json
from datetime import UTC, datetime

from sinoscope.fetch import FeedEntry, SitemapUrl, discover_feeds, hints_from_entry, parse_feed

RSS = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
  <title>Tech Desk</title><link>https://news.example/</link><language>en-us</language>
  <item>
    <title>China's AI firms pass 5,000</title>
    <link>/tech/2025/ai-firms.html</link>
    <pubDate>Tue, 06 May 2025 09:30:00 +0800</pubDate>
    <dc:creator>Li Wei</dc:creator>
    <description>&lt;p&gt;The count grew from &lt;b&gt;1,400&lt;/b&gt;
      in five years.&lt;/p&gt;</description>
  </item>
  <item>
    <title>No link, but a permalink guid</title>
    <guid isPermaLink="true">https://news.example/tech/guid-only.html</guid>
  </item>
  <item><title>Nothing to fetch</title></item>
</channel>
</rss>"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">
  <title>Policy Watch</title>
  <entry>
    <title>Export controls update</title>
    <link rel="alternate" href="https://policy.example/2024/12/02/controls"/>
    <id>tag:policy.example,2024:1</id>
    <published>2024-12-02T15:00:00Z</published>
    <updated>2024-12-03T01:00:00Z</updated>
    <author><name>Jane Doe</name></author>
    <summary>About 140 entity-list additions.</summary>
  </entry>
  <entry>
    <title>Updated only</title>
    <link href="https://policy.example/2024/12/05/note"/>
    <id>tag:policy.example,2024:2</id>
    <updated>2024-12-05T08:00:00+08:00</updated>
  </entry>
</feed>"""

GBK_RSS = """<?xml version="1.0" encoding="gb2312"?>
<rss version="2.0"><channel><title>科技新闻</title><language>zh-cn</language>
<item><title>我国人工智能企业数量超过4500家</title><link>http://www.news.example.cn/a/1.html</link>
<pubDate>Thu, 04 Jul 2024 10:00:00 +0800</pubDate>
<description>核心产业规模接近6000亿元，镕</description></item>
</channel></rss>""".encode("gbk")


def test_rss_with_relative_links_and_html_summary() -> None:
    result = parse_feed(RSS, "https://news.example/feeds/tech.xml")
    assert result.error is None and result.kind == "rss" and result.title == "Tech Desk"
    first, second = result.entries
    assert first.url == "https://news.example/tech/2025/ai-firms.html"
    assert first.title == "China's AI firms pass 5,000"
    assert first.published == datetime(2025, 5, 6, 1, 30, tzinfo=UTC)
    assert first.author == "Li Wei"
    assert first.summary == "The count grew from 1,400 in five years."
    assert first.language == "en-us"
    assert second.url == "https://news.example/tech/guid-only.html"
    assert result.warnings == ("1 entries without an http(s) link skipped",)


def test_atom_feed() -> None:
    result = parse_feed(ATOM, "https://policy.example/atom.xml")
    assert result.kind == "atom" and result.error is None and result.title == "Policy Watch"
    first, second = result.entries
    assert first.url == "https://policy.example/2024/12/02/controls"
    assert first.published == datetime(2024, 12, 2, 15, 0, tzinfo=UTC)
    assert first.author == "Jane Doe" and first.language == "en"
    assert first.summary == "About 140 entity-list additions."
    assert second.published == datetime(2024, 12, 5, 0, 0, tzinfo=UTC)  # falls back to updated


def test_gbk_encoded_rss_declared_as_gb2312() -> None:
    result = parse_feed(GBK_RSS, "http://www.news.example.cn/rss.xml")
    assert result.error is None, result.error
    (entry,) = result.entries
    assert entry.title == "我国人工智能企业数量超过4500家"
    assert entry.summary == "核心产业规模接近6000亿元，镕"  # 镕 is in GBK, not in GB2312
    assert entry.language == "zh-cn"
    assert entry.published == datetime(2024, 7, 4, 2, 0, tzinfo=UTC)
    assert result.title == "科技新闻"


def test_charset_from_the_content_type_header() -> None:
    body = GBK_RSS.replace(b' encoding="gb2312"', b"")
    result = parse_feed(body, "http://x.example/rss", content_type="text/xml; charset=gbk")
    assert result.entries[0].title == "我国人工智能企业数量超过4500家"


def test_broken_feed_keeps_what_was_parsed() -> None:
    broken = RSS.replace(b"</channel>\n</rss>", b"<item><title>cut off")
    result = parse_feed(broken, "https://news.example/feed")
    assert result.error is None
    assert [e.url for e in result.entries][:1] == ["https://news.example/tech/2025/ai-firms.html"]
    assert any(w.startswith("not a well-formed feed") for w in result.warnings)


def test_non_feeds_are_errors() -> None:
    html = parse_feed(b"<html><body><p>Hello</p></body></html>", "https://x.example/")
    assert html.entries == () and html.error is not None
    assert parse_feed(b"", "https://x.example/").error is not None
    assert parse_feed(b"\x00\xff garbage", "https://x.example/").error is not None
    assert parse_feed(b'{"hello": 1}', "https://x.example/f.json").error is not None
    assert parse_feed(b"{not json", "https://x.example/f.json").error is not None


def test_json_feed() -> None:
    doc = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": "Wire",
        "language": "en",
        "authors": [{"name": "Desk"}],
        "items": [
            {
                "id": "1",
                "url": "/2025/01/20/r1",
                "title": "R1 released",
                "date_published": "2025-01-20T18:00:00+08:00",
                "content_html": "<p>Open <em>weights</em></p>",
            },
            {"id": "2", "title": "no url"},
        ],
    }
    result = parse_feed(json.dumps(doc).encode(), "https://wire.example/feed.json")
    assert result.kind == "json" and result.title == "Wire"
    (entry,) = result.entries
    assert entry.url == "https://wire.example/2025/01/20/r1"
    assert entry.published == datetime(2025, 1, 20, 10, 0, tzinfo=UTC)
    assert (entry.author, entry.language, entry.summary) == ("Desk", "en", "Open weights")


def test_max_entries() -> None:
    items = b"".join(
        b"<item><title>%d</title><link>https://n.example/%d</link></item>" % (i, i)
        for i in range(30)
    )
    body = b'<rss version="2.0"><channel><title>t</title>' + items + b"</channel></rss>"
    assert len(parse_feed(body, "https://n.example/rss", max_entries=10).entries) == 10


def test_discover_feeds() -> None:
    html = b"""<html><head><base href="/en/">
      <link rel="alternate" type="application/rss+xml" href="rss/tech.xml">
      <link rel="Alternate" type="application/atom+xml; charset=utf-8" href="https://b.example/atom">
      <link rel="alternate" type="application/feed+json" href="/feed.json">
      <link rel="alternate" type="application/rss+xml" href="rss/tech.xml">
      <link rel="alternate" hreflang="zh" href="/zh/">
      <link rel="stylesheet" type="text/css" href="/s.css">
      <link rel="alternate" type="application/rss+xml" href="javascript:alert(1)">
    </head><body></body></html>"""
    assert discover_feeds(html, "https://a.example/page") == [
        "https://a.example/en/rss/tech.xml",
        "https://b.example/atom",
        "https://a.example/feed.json",
    ]
    assert discover_feeds("", "https://a.example/") == []
    assert discover_feeds("<p>no head</p>", "https://a.example/") == []


def test_hints_from_entries() -> None:
    when = datetime(2025, 1, 1, tzinfo=UTC)
    feed_hints = hints_from_entry(FeedEntry("https://a/1", "T", when, "A", "S", "zh"))
    assert (feed_hints.title, feed_hints.author, feed_hints.summary) == ("T", "A", "S")
    assert (feed_hints.published, feed_hints.date_source, feed_hints.language) == (
        when,
        "feed",
        "zh",
    )
    assert hints_from_entry(FeedEntry("https://a/2")).date_source is None
    news = hints_from_entry(SitemapUrl("https://a/3", when, "Headline", when, "en"))
    assert (news.title, news.published, news.date_source) == ("Headline", when, "sitemap")
    plain = hints_from_entry(SitemapUrl("https://a/4", lastmod=when))
    assert plain.published is None and plain.date_source is None
