"""SourceMatcher: URL -> Source by host suffix, port and path prefix, most specific wins."""

from __future__ import annotations

import pytest

from sinoscope.beats import SourceMatcher, load_beat
from sinoscope.records import Beat, Source


def src(ident: str, *domains: str) -> Source:
    return Source(id=ident, name=ident, kind="other", country="CN", language="zh", domains=domains)


MATCHER = SourceMatcher(
    [
        src("xinhua", "xinhuanet.com", "news.cn"),
        src("english-xinhua", "english.news.cn"),
        src("gov", "www.gov.cn"),
        src("policy", "gov.cn/zhengce"),
        src("miit", "miit.gov.cn"),
        src("local", "127.0.0.1:8000"),
        src("local-xinhua", "127.0.0.1:8000/xinhua"),
        src("local-xinhua-en", "127.0.0.1:8000/xinhua/en"),
        src("any-port", "localhost/feeds"),
    ]
)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.news.cn/tech/2025/x.htm", "xinhua"),
        ("http://news.cn/", "xinhua"),
        ("https://NEWS.CN./a", "xinhua"),
        ("https://english.news.cn/2025/x.htm", "english-xinhua"),  # longer host wins
        ("https://a.english.news.cn/x", "english-xinhua"),
        ("http://www.xinhuanet.com/politics/1.htm", "xinhua"),
        ("www.news.cn/x", "xinhua"),  # no scheme
        ("https://www.gov.cn/zhengce/content/1.htm", "gov"),  # host beats path
        ("https://english.www.gov.cn/x", "gov"),
        ("https://sh.gov.cn/zhengce/x", "policy"),
        ("https://sh.gov.cn/zhengce", "policy"),
        ("https://sh.gov.cn/zhengceku/x", None),  # path prefixes match whole segments
        ("https://sh.gov.cn/xinwen/x", None),
        ("https://www.miit.gov.cn/zhengce/x", "miit"),
        ("http://127.0.0.1:8000/xinhua/2025/a.html", "local-xinhua"),
        ("http://127.0.0.1:8000/Xinhua/2025/a.html", "local-xinhua"),
        ("http://127.0.0.1:8000/xinhua/en/a.html", "local-xinhua-en"),  # deeper path wins
        ("http://127.0.0.1:8000/other/a.html", "local"),
        ("http://127.0.0.1:9000/xinhua/a.html", None),  # port must match
        ("http://127.0.0.1/xinhua/a.html", None),
        ("http://localhost:1234/feeds/rss.xml", "any-port"),
        ("http://localhost/feeds", "any-port"),
        ("http://localhost/other", None),
        ("https://fakenews.cn/x", None),  # suffix on label boundary only
        ("https://news.cn.evil.com/x", None),
        ("https://example.com/", None),
        ("", None),
        ("not a url", None),
        ("http://[::1]:80/", None),
        ("http://host:99999/", None),  # bad port is not an exception
    ],
)
def test_match(url: str, expected: str | None) -> None:
    found = MATCHER.match(url)
    assert (found.id if found else None) == expected


def test_default_ports_match_explicit_port_rules() -> None:
    matcher = SourceMatcher([src("plain", "example.org:80"), src("tls", "example.org:443")])
    assert (s := matcher.match("http://example.org/a")) and s.id == "plain"
    assert (s := matcher.match("https://example.org/a")) and s.id == "tls"


def test_by_id() -> None:
    found = MATCHER.by_id("miit")
    assert found is not None and found.domains == ("miit.gov.cn",)
    assert MATCHER.by_id("nope") is None


@pytest.fixture(scope="module")
def beat() -> Beat:
    return load_beat()


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://english.news.cn/20250120/abc/c.html", "xinhua"),
        ("http://www.xinhuanet.com/tech/2024-01/01/c_1.htm", "xinhua"),
        ("https://www.gov.cn/zhengce/content/202508/content_7037861.htm", "state-council"),
        ("https://english.www.gov.cn/policies/latestreleases/x.html", "state-council"),
        ("https://www.miit.gov.cn/xwfb/gxdt/sjdt/art/2024/art_1.html", "miit"),
        ("https://www.reuters.com/technology/x-2025-01-27/", "reuters"),
        ("https://cn.nytimes.com/business/20250101/x/", "nyt"),
        ("https://www.ftchinese.com/story/001", "ft"),
        ("https://en.people.cn/n3/2025/x.html", "peoples-daily"),
        ("https://www.caixinglobal.com/2025-01-01/x.html", "caixin"),
        ("https://www.huanqiu.com/article/x", "global-times"),
        ("https://www.bis.doc.gov/index.php/x", "bis"),
        ("https://www.ndrc.gov.cn/xxgk/", "ndrc"),
        ("https://www.sh.gov.cn/", None),  # a provincial site is not the State Council
        ("https://example.com/", None),
    ],
)
def test_bundled_beat_matches_real_urls(beat: Beat, url: str, expected: str | None) -> None:
    found = SourceMatcher(beat).match(url)
    assert (found.id if found else None) == expected
