"""Date-only values get their time of day from the page header when it shows one."""

from __future__ import annotations

from datetime import datetime

import lxml.html

from sinoscope.extract.dates import find_date


def tree(body: str) -> lxml.html.HtmlElement:
    return lxml.html.fromstring(f"<html><body>{body}</body></html>")


def test_url_date_gets_the_time_from_a_glued_header() -> None:
    doc = tree(
        "<h1>我国算力规模持续增长</h1>"
        "<div><span>2024</span><span>07/05</span><span>10:21:36</span></div>"
        "<p>正文内容。</p>" * 3
    )
    found = find_date(doc, "https://www.news.cn/tech/2024-07/05/c_1130.htm")
    assert found == (datetime(2024, 7, 5, 10, 21, 36), "url")


def test_a_time_on_another_day_is_not_taken() -> None:
    doc = tree("<h1>Title here</h1><div>07/06 09:15</div><p>Text.</p>")
    found = find_date(doc, "https://example.org/2024/07/05/story.html")
    assert found == (datetime(2024, 7, 5), "url")


def test_english_dateline_with_clock_time() -> None:
    doc = tree(
        "<div>Monday, May 27, 2024</div><h1>Chip fund enters third phase</h1>"
        "<div>Published: May 27, 2024 9:58 PM</div><p>Body text of the story.</p>"
    )
    assert find_date(doc, "https://example.org/a.html") == (datetime(2024, 5, 27, 21, 58), "text")


def test_citation_meta_and_time_element() -> None:
    doc = lxml.html.fromstring(
        '<html><head><meta name="citation_publication_date" content="2025/01/14"></head>'
        "<body><h1>Report</h1><p>Text</p></body></html>"
    )
    assert find_date(doc, None) == (datetime(2025, 1, 14), "meta")
    doc = tree(
        '<ul><li><time datetime="2020-01-01">old</time></li></ul>'
        '<article><h1>T</h1><time datetime="2025-01-14">January 14, 2025</time></article>'
    )
    assert find_date(doc, None) == (datetime(2025, 1, 14), "meta")
