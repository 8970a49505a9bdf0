"""find_date: provenance (jsonld, meta, url, text, feed), Chinese formats, plausibility."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from lxml.html import HtmlElement

from sinoscope.extract import find_date, parse_html
from sinoscope.extract.dates import FoundDate, parse_date
from sinoscope.records import Hints

NOW = datetime(2024, 5, 1, tzinfo=UTC)


def _tree(head: str = "", body: str = "") -> HtmlElement:
    tree = parse_html(f"<html><head>{head}</head><body>{body}</body></html>")
    assert tree is not None
    return tree


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("发布时间：2024年4月19日", datetime(2024, 4, 19)),
        ("2024年4月19日 10:30 新华社", datetime(2024, 4, 19, 10, 30)),
        ("2024-04-19 10:30:15", datetime(2024, 4, 19, 10, 30, 15)),
        ("更新于 2024/4/19", datetime(2024, 4, 19)),
        ("来源：新华社 2024-04-19", datetime(2024, 4, 19)),
        ("2024.04.19", datetime(2024, 4, 19)),
        ("二〇二四年四月十九日", datetime(2024, 4, 19)),
        ("二〇二三年十二月三十一日", datetime(2023, 12, 31)),
        ("Published April 19, 2024", datetime(2024, 4, 19)),
        ("19 Apr 2024", datetime(2024, 4, 19)),
        ("Posted 4/19/2024 9:05 PM", datetime(2024, 4, 19, 21, 5)),
    ],
)
def test_dates_written_in_text(text: str, expected: datetime) -> None:
    assert find_date(text, now=NOW) == FoundDate(expected, "text")


def test_labelled_date_beats_an_earlier_unlabelled_one() -> None:
    text = "今天是2024年4月30日\n标题\n发布时间：2024-04-19 08:00\n正文"
    assert find_date(text, now=NOW).published == datetime(2024, 4, 19, 8, 0)


def test_jsonld_date() -> None:
    head = (
        '<script type="application/ld+json">{"@context": "https://schema.org", "@graph": ['
        '{"@type": "NewsArticle", "datePublished": "2024-04-19T02:30:00Z"}]}</script>'
    )
    found = find_date(_tree(head=head), now=NOW)
    assert found == FoundDate(datetime(2024, 4, 19, 2, 30, tzinfo=UTC), "jsonld")


def test_meta_date() -> None:
    head = '<meta name="PubDate" content="2024-04-19 08:52:25">'
    body = "<p>发布时间：2023年1月1日</p>"
    assert find_date(_tree(head, body), now=NOW) == FoundDate(
        datetime(2024, 4, 19, 8, 52, 25), "meta"
    )


def test_time_element_and_itemprop() -> None:
    body = '<span itemprop="datePublished" content="2024-04-19T10:00:00+08:00">4月19日</span>'
    found = find_date(_tree(body=body), now=NOW)
    assert found.source == "meta"
    assert found.published == datetime(2024, 4, 19, 10, 0, tzinfo=timezone(timedelta(hours=8)))


@pytest.mark.parametrize(
    "url",
    [
        "https://www.example.cn/politics/2024-04/19/c_1130.htm",
        "https://example.com/2024/04/19/chips-story/",
        "https://example.com/news/20240419/abc.shtml",
    ],
)
def test_url_date(url: str) -> None:
    assert find_date(_tree(body="<p>没有日期的正文。</p>"), url, now=NOW) == FoundDate(
        datetime(2024, 4, 19), "url"
    )


def test_feed_hint_when_the_page_has_no_date() -> None:
    hints = Hints(published=datetime(2024, 4, 18, 6, 0, tzinfo=UTC))
    tree = _tree(body="<p>No date anywhere on this page.</p>")
    assert find_date(tree, "https://example.com/a", hints, now=NOW) == FoundDate(
        datetime(2024, 4, 18, 6, 0, tzinfo=UTC), "feed"
    )
    sitemap = Hints(published=datetime(2024, 4, 17), date_source="sitemap")
    assert find_date(tree, None, sitemap, now=NOW).source == "sitemap"


def test_page_date_wins_over_feed_hint() -> None:
    hints = Hints(published=datetime(2024, 4, 18))
    found = find_date(_tree(body="<p>发布时间：2024-04-19</p>"), None, hints, now=NOW)
    assert found == FoundDate(datetime(2024, 4, 19), "text")


def test_future_and_ancient_dates_are_refused() -> None:
    head = '<meta property="article:published_time" content="2031-01-01T00:00:00Z">'
    body = "<p>发布时间：1985-06-01</p><p>2024-04-19</p>"
    assert find_date(_tree(head, body), now=NOW) == FoundDate(datetime(2024, 4, 19), "text")
    assert find_date("发布时间：1985-06-01", now=NOW) == FoundDate(None, "none")
    late = Hints(published=datetime(2030, 1, 1))
    assert find_date("no date", None, late, now=NOW) == FoundDate(None, "none")


def test_date_nearest_after_the_headline() -> None:
    body = (
        "<div><a href='/1'>旧闻 2023-01-05</a></div><h1>算力中心开工</h1>"
        "<div>2024-04-19 09:57 示例网</div><p>正文内容。</p>"
    )
    head = "<title>算力中心开工_示例网</title>"
    assert find_date(_tree(head, body), now=NOW).published == datetime(2024, 4, 19, 9, 57)


def test_found_date_is_a_tuple() -> None:
    published, source = find_date("2024年4月19日", now=NOW)
    assert (published, source) == (datetime(2024, 4, 19), "text")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-04-19T10:30:00Z", datetime(2024, 4, 19, 10, 30, tzinfo=UTC)),
        ("2024-04-19", datetime(2024, 4, 19)),
        ("Fri, 19 Apr 2024 10:30:00 GMT", datetime(2024, 4, 19, 10, 30, tzinfo=UTC)),
        ("2024年04月19日", datetime(2024, 4, 19)),
        ("Tue, 19 Nov 2019 10:00:00 XYZT", datetime(2019, 11, 19, 10, 0)),  # unknown zone name
        ("not a date", None),
        ("", None),
    ],
)
def test_parse_date(value: str, expected: datetime | None) -> None:
    assert parse_date(value) == expected
