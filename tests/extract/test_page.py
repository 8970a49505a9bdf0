"""extract(): dispatch, messy input, and whole pages (English and Chinese)."""

from __future__ import annotations

import time
from datetime import datetime, timedelta, timezone

import pytest

from sinoscope.extract import ExtractOptions, extract
from sinoscope.extract.page import content_kind
from sinoscope.records import Hints

from .pages import make_page


def test_english_news_page_keeps_the_article_and_drops_the_boilerplate(english_news: str) -> None:
    result = extract(make_page(english_news.encode("utf-8"), content_type="text/html"))
    assert "Domestic chip designers are spending more than ever" in result.text
    assert "would not say how fast" in result.text
    assert "operators hope to sell abroad" in result.text
    for boilerplate in (
        "Technology",
        "Related articles",
        "export controls on chips",
        "newsletter",
        "Copyright",
        "Privacy",
        "Advertisement",
    ):
        assert boilerplate not in result.text, boilerplate
    assert result.title == "Chip makers race to build AI accelerators at home"
    assert not result.text.startswith(result.title)  # the headline is a field, not text
    assert result.author == "Jane Doe"
    assert result.published == datetime(2024, 4, 19, 10, 30, tzinfo=timezone(timedelta(hours=8)))
    assert result.date_source == "jsonld"
    assert result.language == "en"
    assert result.encoding == "utf-8"
    assert result.method == "trafilatura"
    assert result.warnings == ()


def test_chinese_gbk_page_without_charset(chinese_news: str) -> None:
    body = chinese_news.encode("gbk")
    assert b"charset" not in body
    result = extract(make_page(body))
    assert result.encoding == "gb18030"
    assert "多家人工智能企业宣布在西部地区新建算力中心" in result.text
    assert "新建的算力才能发挥应有的作用" in result.text
    for boilerplate in (
        "首页",
        "责任编辑",
        "扫一扫",
        "相关阅读",
        "多地出台政策",
        "版权所有",
        "联系我们",
    ):
        assert boilerplate not in result.text, boilerplate
    assert result.title == "人工智能企业加快布局算力中心"
    assert result.author == "张三 李四"
    assert result.published == datetime(2024, 4, 19, 10, 30)
    assert result.date_source == "text"
    assert result.language == "zh"


def test_feed_hints_fill_what_the_page_lacks() -> None:
    body = b"<html><body><p>" + b"A plain page without any date or byline at all. " * 8 + b"</p>"
    hints = Hints(
        title="From the feed",
        author="Feed Author",
        published=datetime(2024, 4, 18, 8, 0),
        language="en",
    )
    result = extract(make_page(body, url="https://example.com/post", hints=hints))
    assert result.published == datetime(2024, 4, 18, 8, 0)
    assert result.date_source == "feed"
    assert result.author == "Feed Author"
    assert result.title == "From the feed"


@pytest.mark.parametrize(
    ("body", "warning"),
    [
        (b"", "empty body"),
        (b"   \n\t ", "empty body"),
        (
            b"<html><head><script>var a = 1;</script><style>p{}</style></head>"
            b"<body><script>document.write('x')</script></body></html>",
            "no main text found",
        ),
        (bytes(range(256)) * 40, "binary content"),
    ],
)
def test_unusable_bodies_give_empty_text_and_a_warning(body: bytes, warning: str) -> None:
    result = extract(make_page(body, content_type="text/html"))
    assert result.text == ""
    assert warning in result.warnings


def test_invalid_html_does_not_raise() -> None:
    body = (
        b"<html><body><p>Unclosed <div><<<>>> &&&; <b><i>Sentence one about chips.</p>"
        b"</div></span></html></html><p>Second sentence about models that runs on.</table>"
    )
    result = extract(make_page(body))
    assert "Sentence one about chips." in result.text
    assert isinstance(result.warnings, tuple)


def test_a_five_megabyte_page_completes_in_reasonable_time() -> None:
    paragraph = "<p>{} the compute build-out continues, officials said on day {}.</p>\n"
    nav = '<div><a href="/a">Home</a> <a href="/b">World</a></div>\n'
    parts = []
    size = 0
    i = 0
    while size < 5_000_000:
        part = nav * 3 + paragraph.format("Across the region," if i % 2 else "In the capital,", i)
        parts.append(part)
        size += len(part)
        i += 1
    body = ("<html><body>" + "".join(parts) + "</body></html>").encode()
    start = time.perf_counter()
    result = extract(make_page(body), ExtractOptions(max_chars=100_000))
    assert time.perf_counter() - start < 30
    assert "the compute build-out continues" in result.text
    assert len(result.text) <= 100_000
    assert any("cut" in w for w in result.warnings)


def test_bodies_beyond_max_bytes_are_cut_with_a_warning() -> None:
    body = b"<html><body><p>" + b"Long text about semiconductors and policy. " * 100 + b"</p>"
    result = extract(make_page(body), ExtractOptions(max_bytes=1000))
    assert any("body cut" in w for w in result.warnings)
    assert "semiconductors" in result.text


def test_plain_text_file() -> None:
    body = (
        "新华社北京4月19日电\n\n人工智能产业规模持续扩大。\r\n发布时间：2024年4月19日\r\n".encode()
    )
    result = extract(make_page(body, url="file:///tmp/report.txt"))
    assert result.method == "text"
    assert "人工智能产业规模持续扩大。" in result.text
    assert "\r" not in result.text
    assert result.title == "新华社北京4月19日电"
    assert result.published == datetime(2024, 4, 19)
    assert result.date_source == "text"
    assert result.language == "zh"


def _tiny_pdf(lines: list[str]) -> bytes:
    """A one-page PDF written by hand: Helvetica text lines and a document info dictionary."""
    content = (
        b"BT /F1 12 Tf 20 120 Td 14 TL "
        + b" ".join(b"(" + line.encode("latin-1") + b") Tj T*" for line in lines)
        + b" ET"
    )
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 400 144] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Title (Compute outlook) /Author (Jane Doe) "
        b"/CreationDate (D:20240419103000+08'00') >>",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for number, obj in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + obj + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info 6 0 R >>\n" % (len(objects) + 1)
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return out


def test_pdf_text_and_document_info() -> None:
    body = _tiny_pdf(["Compute capacity will grow by half.", "The plan runs to 2027."])
    result = extract(make_page(body, url="https://example.com/files/outlook.pdf"))
    assert result.method == "pdf"
    assert "Compute capacity will grow by half." in result.text
    assert "The plan runs to 2027." in result.text
    assert result.title == "Compute outlook"
    assert result.author == "Jane Doe"
    assert result.published == datetime(2024, 4, 19, 10, 30, tzinfo=timezone(timedelta(hours=8)))
    assert result.date_source == "meta"


def test_a_broken_pdf_gives_a_warning() -> None:
    result = extract(
        make_page(b"%PDF-1.4\nthis is not really a pdf", content_type="application/pdf")
    )
    assert result.text == ""
    assert result.warnings


@pytest.mark.parametrize(
    ("body", "url", "content_type", "kind"),
    [
        (b"%PDF-1.7 ...", "https://x.org/a", None, "pdf"),
        (b"anything", "https://x.org/a", "application/pdf", "pdf"),
        (b"plain words", "https://x.org/a.html", None, "html"),
        (b"<!DOCTYPE html><html>", "https://x.org/a", None, "html"),
        (b"<p>fragment</p>", "https://x.org/a", "text/html; charset=utf-8", "html"),
        (b"just words", "https://x.org/notes.txt", None, "text"),
        (b"just words", "https://x.org/a", "text/plain", "text"),
        (b"\x00\x01\x02\x03binary", "https://x.org/a", None, "binary"),
    ],
)
def test_content_kind(body: bytes, url: str, content_type: str | None, kind: str) -> None:
    assert content_kind(make_page(body, url=url, content_type=content_type)) == kind


def test_extract_refuses_what_is_not_a_page() -> None:
    with pytest.raises(TypeError, match="Page"):
        extract(b"<html></html>")  # type: ignore[arg-type]


def test_options_are_checked() -> None:
    with pytest.raises(ValueError, match="focus"):
        ExtractOptions(focus="everything")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="boilerplate"):
        ExtractOptions(boilerplate_rules=frozenset({"nope"}))


def test_metadata_off_gives_text_only(english_news: str) -> None:
    result = extract(make_page(english_news.encode()), ExtractOptions(metadata=False))
    assert "Domestic chip designers" in result.text
    assert result.title is None and result.published is None and result.language is None


def test_public_api_is_complete() -> None:
    import sinoscope.extract as api

    for name in api.__all__:
        assert getattr(api, name) is not None, name
    assert {"extract", "ExtractOptions", "decode_html", "detect_language", "find_date"} <= set(
        api.__all__
    )
