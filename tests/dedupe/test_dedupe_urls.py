"""Canonical URLs and document ids (sinoscope.dedupe.urls)."""

from __future__ import annotations

import hashlib

import pytest

from sinoscope.dedupe import canonical_url, document_id, url_key


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        # tracking parameters go, the rest is sorted by name
        (
            "https://example.com/a?utm_source=rss&b=2&utm_medium=feed&a=1&fbclid=X1&gclid=Y",
            "https://example.com/a?a=1&b=2",
        ),
        (
            "https://www.xinhuanet.com/tech/20250101/c.html?spm=C123.A1.B2&from=timeline",
            "https://www.xinhuanet.com/tech/20250101/c.html",
        ),
        ("https://example.com/a?ref=hp&id=7&page=2", "https://example.com/a?id=7&page=2"),
        ("https://example.com/a?mc_cid=1&_hsenc=2&pk_campaign=3", "https://example.com/a"),
        # fragments go, except hash-bang and hash routes
        ("https://example.com/story#comments", "https://example.com/story"),
        ("https://example.com/#!/news/12", "https://example.com/#!/news/12"),
        ("https://example.com/app#/news/12", "https://example.com/app#/news/12"),
        # case: scheme and host only
        ("HTTPS://WWW.Example.COM/News/Story", "https://www.example.com/News/Story"),
        # default ports go, others stay
        ("http://example.com:80/a", "http://example.com/a"),
        ("https://example.com:443/a", "https://example.com/a"),
        ("https://example.com:8443/a", "https://example.com:8443/a"),
        ("http://example.com:443/a", "http://example.com:443/a"),
        # trailing slashes are kept (they can name another page); an empty path is "/"
        ("https://example.com/news/", "https://example.com/news/"),
        ("https://example.com/news", "https://example.com/news"),
        ("https://example.com", "https://example.com/"),
        ("https://example.com/news/index.html", "https://example.com/news/index.html"),
        # path clean-up
        ("https://example.com//a///b", "https://example.com/a/b"),
        ("https://example.com/a;jsessionid=0AF3?x=1", "https://example.com/a?x=1"),
        ("https://example.com/%7euser/a%2fb", "https://example.com/~user/a%2Fb"),
        ("https://example.com./a", "https://example.com/a"),
        # query bytes are kept as they are: GBK escapes, names that look like HTML entities
        (
            "https://example.com/s?q=%c8%cb&region=us&copy=1",
            "https://example.com/s?copy=1&q=%C8%CB&region=us",
        ),
        ("https://example.com/s?b=2&a=x&a=y", "https://example.com/s?a=x&a=y&b=2"),
    ],
)
def test_canonical_url(url: str, expected: str) -> None:
    assert canonical_url(url) == expected
    assert canonical_url(expected) == expected  # idempotent


def test_chinese_paths_raw_and_percent_encoded_agree() -> None:
    raw = "https://www.news.cn/tech/人工智能/20250301.html?来源=新华"
    lower = "https://www.news.cn/tech/%e4%ba%ba%e5%b7%a5%e6%99%ba%e8%83%bd/20250301.html?%E6%9D%A5%E6%BA%90=%E6%96%B0%E5%8D%8E"
    upper = lower.replace(
        "%e4%ba%ba%e5%b7%a5%e6%99%ba%e8%83%bd", "%E4%BA%BA%E5%B7%A5%E6%99%BA%E8%83%BD"
    )
    assert canonical_url(raw) == canonical_url(lower) == canonical_url(upper)
    assert "%E4%BA%BA%E5%B7%A5" in canonical_url(raw)


def test_punycode_and_unicode_hosts_agree() -> None:
    assert canonical_url("https://xn--fiqs8s.xn--fiqs8s/a") == canonical_url("https://中国.中国/a")


@pytest.mark.parametrize(
    "messy", ["not a url", "  /relative/path  ", "mailto:x@example.com", "http://[::1"]
)
def test_messy_input_comes_back_stripped(messy: str) -> None:
    assert canonical_url(messy) == messy.strip()


def test_document_id_treats_http_and_https_as_one() -> None:
    a = document_id("http://example.com/story?utm_source=x")
    b = document_id("https://EXAMPLE.com:443/story#top")
    assert a == b
    assert url_key("http://example.com/story") == "https://example.com/story"
    assert canonical_url("http://example.com/story").startswith("http://")  # URL kept as is


def test_document_id_is_sha256_of_the_key_and_tells_pages_apart() -> None:
    expected = hashlib.sha256(b"https://example.com/a").hexdigest()[:16]
    assert document_id("https://example.com/a") == expected
    assert document_id("https://example.com/a/") != expected
    assert document_id("https://example.com/a?id=2") != document_id("https://example.com/a?id=3")
