"""decode_html: declared charsets respected but checked; GBK/GB18030 without a declaration."""

from __future__ import annotations

import codecs

import pytest

from sinoscope.extract import decode_html
from sinoscope.extract.encoding import declared_charsets, normalize_charset

CHINESE = "人工智能企业数量超过四千五百家，算力规模位居世界前列。" * 5


def _page(charset_meta: str, text: str, title: str = "测试") -> str:
    return (
        f"<html><head>{charset_meta}<title>{title}</title></head><body><p>{text}</p></body></html>"
    )


def test_gbk_without_any_declaration() -> None:
    body = _page("", CHINESE).encode("gbk")
    text, encoding = decode_html(body, None)
    assert encoding == "gb18030"
    assert CHINESE in text


def test_gb2312_label_is_widened_to_gb18030() -> None:
    # 镕 is GBK-only, 𠀀 (U+20000) and € are GB18030-only: none of them is in GB2312
    special = "朱镕基 𠀀 €"
    body = _page('<meta charset="gb2312">', CHINESE + special).encode("gb18030")
    text, encoding = decode_html(body, None)
    assert encoding == "gb18030"
    assert special in text
    assert "\ufffd" not in text


def test_utf8_declaration_that_does_not_decode_is_redetected() -> None:
    body = _page(
        '<meta http-equiv="Content-Type" content="text/html; charset=utf-8">', CHINESE
    ).encode("gbk")
    text, encoding = decode_html(body, None)
    assert encoding == "gb18030"
    assert CHINESE in text


def test_utf8_bytes_win_over_a_stale_gb2312_declaration() -> None:
    body = _page('<meta charset="gb2312">', CHINESE).encode("utf-8")
    text, encoding = decode_html(body, "text/html; charset=gbk")
    assert encoding == "utf-8"
    assert CHINESE in text


def test_chinese_page_mislabelled_latin1_is_read_as_gb18030() -> None:
    body = _page('<meta charset="iso-8859-1">', CHINESE).encode("gbk")
    text, encoding = decode_html(body, None)
    assert encoding == "gb18030"
    assert CHINESE in text


def test_http_header_charset_is_used() -> None:
    body = _page("", "Société générale, café, élève — déjà vu.", title="Test").encode("cp1252")
    text, encoding = decode_html(body, "text/html; charset=ISO-8859-1")
    assert encoding == "cp1252"
    assert "déjà vu" in text and "—" in text


def test_big5_declared() -> None:
    html = _page(
        '<meta charset="big5">', "人工智慧產業發展迅速，晶片設計公司持續增加投資。", title="測試"
    )
    body = html.encode("big5")
    text, _ = decode_html(body, None)
    assert "人工智慧產業發展迅速" in text


@pytest.mark.parametrize(
    ("bom", "codec"),
    [
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ],
)
def test_byte_order_marks(bom: bytes, codec: str) -> None:
    body = bom + _page("", CHINESE).encode(codec)
    text, _ = decode_html(body, "text/html; charset=gbk")
    assert CHINESE in text


def test_a_few_broken_bytes_keep_utf8() -> None:
    body = _page('<meta charset="utf-8">', CHINESE * 20).encode("utf-8")
    body = body[:500] + b"\xff" + body[500:]
    text, encoding = decode_html(body, None)
    assert encoding == "utf-8"
    assert text.count("\ufffd") == 1


def test_empty_and_junk_never_raise() -> None:
    assert decode_html(b"", None) == ("", "utf-8")
    text, encoding = decode_html(bytes(range(256)) * 10, "text/html; charset=no-such-codec")
    assert isinstance(text, str) and encoding


def test_declared_charsets_and_labels() -> None:
    body = b'<?xml version="1.0" encoding="GBK"?><meta charset="utf-8">'
    assert declared_charsets(body, "text/html; charset=gb2312") == ["gb18030", "utf-8"]
    assert normalize_charset("x-unknown") is None
    assert normalize_charset("UTF-16") is None
    assert normalize_charset("GBK") == "gb18030"
