"""Decode web page bytes to text: declared charsets are respected, but checked.

Order of evidence:

1. a byte-order mark (it wins: browsers do the same);
2. bytes that decode strictly as UTF-8 *and* contain multi-byte sequences are UTF-8, whatever
   is declared (random GBK or Latin-1 text essentially never forms valid UTF-8, while pages
   re-saved as UTF-8 keep their old ``charset=gb2312`` tag all the time);
3. the declared charset (HTTP ``Content-Type``, then ``<meta charset>`` / ``<meta http-equiv>``),
   widened to its superset (GB2312/GBK → GB18030, ISO-8859-1/ASCII → windows-1252, as browsers
   do) and kept when it decodes with (almost) no errors;
4. otherwise detection: GB18030 when it decodes cleanly into mostly-CJK text, then
   charset-normalizer, then whichever candidate leaves the fewest undecodable bytes.

Nothing here raises on bad input: the worst case is UTF-8 with replacement characters.
"""

from __future__ import annotations

import codecs
import logging
import re
from dataclasses import dataclass

from charset_normalizer import from_bytes

from .language import cjk_share

log = logging.getLogger(__name__)

# Supersets browsers substitute for common labels (WHATWG Encoding Standard, in spirit).
_WIDEN = {  # keys: codecs.lookup(label).name
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "hz": "gb18030",
    "big5": "big5hkscs",
    "iso8859-1": "cp1252",
    "ascii": "cp1252",
    "iso8859-9": "cp1254",
    "tis-620": "cp874",
    "euc_kr": "cp949",
    "shift_jis": "cp932",
}
_ALIASES = {"x-gbk": "gbk", "x-gb2312": "gb2312", "x-big5": "big5", "x-sjis": "shift_jis"}
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?\s*([\w.:-]+)", re.I)
_META_CHARSET = re.compile(rb"<meta[^>]+?charset\s*=\s*[\"']?\s*([\w.:-]+)", re.I)
_XML_ENCODING = re.compile(rb"^\s*<\?xml[^>]+encoding\s*=\s*[\"']([\w.:-]+)", re.I)
_SNIFF_BYTES = 16_384  # how far into the page a <meta charset> is looked for
_DETECT_BYTES = 200_000  # how much charset-normalizer reads (it is slow on big pages)
_MAX_ERROR_SHARE = 0.002  # undecodable bytes tolerated in a declared or detected encoding
_MIN_CJK_SHARE = 0.05  # Han characters among letters for a GB18030 reading to be believed
_SINGLE_BYTE = frozenset({"cp1252", "cp1250", "cp1251", "cp1254", "iso8859-15", "mac-roman"})


@dataclass(frozen=True, slots=True)
class Decoded:
    """Text of a page and how it was decoded (`source`: bom, utf-8, declared, detected)."""

    text: str
    encoding: str
    source: str


def normalize_charset(label: str | None) -> str | None:
    """The Python codec for a charset label, widened to its superset; None when unknown."""
    if not label:
        return None
    label = label.strip().strip("\"'").lower()
    try:
        name = codecs.lookup(_ALIASES.get(label, label)).name
    except LookupError:
        return None
    if name.startswith(("utf-16", "utf-32")):
        return None  # an ASCII-compatible page cannot really be UTF-16: ignore the label
    return _WIDEN.get(name, name)


def declared_charsets(body: bytes, content_type: str | None) -> list[str]:
    """Charsets the page declares, in order of authority (header, XML, meta), normalized."""
    labels: list[str] = []
    if content_type and (m := _HEADER_CHARSET.search(content_type)):
        labels.append(m.group(1))
    head = body[:_SNIFF_BYTES]
    if m2 := _XML_ENCODING.match(head):
        labels.append(m2.group(1).decode("ascii", "ignore"))
    labels.extend(m3.group(1).decode("ascii", "ignore") for m3 in _META_CHARSET.finditer(head))
    out: list[str] = []
    for label in labels:
        name = normalize_charset(label)
        if name and name not in out:
            out.append(name)
    return out


def _errors(body: bytes, encoding: str) -> tuple[str, int]:
    """Decode with replacement; return the text and how many replacement characters it gained."""
    text = body.decode(encoding, "replace")
    return text, text.count("\ufffd") - _count_real_replacements(body)


def _count_real_replacements(body: bytes) -> int:
    # U+FFFD written in the page itself (UTF-8 bytes EF BF BD) is not a decoding error
    return body.count(b"\xef\xbf\xbd")


def _tolerable(errors: int, size: int) -> bool:
    return errors <= max(2, int(size * _MAX_ERROR_SHARE))


def decode_html(body: bytes, content_type: str | None = None) -> tuple[str, str]:
    """Decode a page: returns (text, encoding used). Never raises; see the module docstring."""
    decoded = decode(body, content_type)
    return decoded.text, decoded.encoding


def decode(body: bytes, content_type: str | None = None) -> Decoded:
    """Like `decode_html`, with where the encoding came from."""
    if not body:
        return Decoded("", "utf-8", "empty")
    for bom, name in _BOMS:
        if body.startswith(bom):
            return Decoded(body.decode(name, "replace"), name.replace("-sig", ""), "bom")
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        text = ""
    else:
        if not body.isascii():
            return Decoded(text, "utf-8", "utf-8")
    declared = declared_charsets(body, content_type)
    if text:  # pure ASCII: any ASCII-compatible label is right
        return Decoded(text, declared[0] if declared else "utf-8", "declared")
    for name in declared:
        if name == "utf-8":
            continue  # it did not decode strictly: re-detect, keep it as a candidate below
        decoded, errors = _errors(body, name)
        if _tolerable(errors, len(body)):
            if name in _SINGLE_BYTE and (gb := _clean_gb18030(body)) is not None:
                return Decoded(gb, "gb18030", "detected")  # a Chinese page mislabelled Latin
            return Decoded(decoded, name, "declared")
        log.debug("declared charset %s leaves %d undecodable bytes: re-detecting", name, errors)
    return _detect(body, declared)


def _detect(body: bytes, declared: list[str]) -> Decoded:
    candidates: list[tuple[int, int, str, str]] = []  # (errors, rank, text, encoding)
    utf8_text, utf8_errors = _errors(body, "utf-8")
    if _tolerable(utf8_errors, len(body)):  # UTF-8 with a few broken bytes (a cut page)
        return Decoded(utf8_text, "utf-8", "detected")
    candidates.append((utf8_errors, 3, utf8_text, "utf-8"))
    if (gb := _clean_gb18030(body)) is not None:
        return Decoded(gb, "gb18030", "detected")
    gb_text, gb_errors = _errors(body, "gb18030")
    candidates.append((gb_errors, 2, gb_text, "gb18030"))
    guess = _normalizer_guess(body[:_DETECT_BYTES])
    if guess and guess not in ("utf-8", "gb18030"):
        text, errors = _errors(body, guess)
        if _tolerable(errors, len(body)):
            return Decoded(text, guess, "detected")
        candidates.append((errors, 1, text, guess))
    for name in declared:
        if name not in ("utf-8", "gb18030"):
            text, errors = _errors(body, name)
            candidates.append((errors, 0, text, name))
    errors, _, text, name = min(candidates, key=lambda c: (c[0], -c[1]))
    log.debug("no clean decoding; %s leaves %d undecodable bytes", name, errors)
    return Decoded(text, name, "detected")


def _clean_gb18030(body: bytes) -> str | None:
    """The page as GB18030 when it decodes (almost) cleanly into text with Chinese in it."""
    text, errors = _errors(body, "gb18030")
    if _tolerable(errors, len(body)) and cjk_share(text[:50_000]) > _MIN_CJK_SHARE:
        return text
    return None


def _normalizer_guess(sample: bytes) -> str | None:
    try:
        best = from_bytes(sample).best()
    except Exception:  # the detector is third-party code fed junk: never let it break us
        log.debug("charset-normalizer failed", exc_info=True)
        return None
    if best is None:
        return None
    return normalize_charset(best.encoding)
