"""`extract`: a Page in, an Extraction out, whatever the bytes are.

Dispatch on what the body is: PDF (magic bytes, content type, .pdf), HTML (content type,
.htm(l), or markup at the start), plain text (text/plain, .txt, or bytes that decode to
text). Binary junk, empty bodies and pages without text give an Extraction with empty text
and a warning; nothing here raises on the content of a page.
"""

from __future__ import annotations

import logging
import re
from datetime import datetime
from urllib.parse import urlsplit

from ..records import Extraction, Page
from .boilerplate import clean_lines
from .dates import FoundDate, find_date, is_plausible
from .density import PageAnalysis, analyse_page
from .encoding import decode
from .html import main_text, parse_html
from .language import detect_language
from .metadata import author_in_text, find_author, find_title
from .options import ExtractOptions
from .pdf import read_pdf
from .text import read_text, tidy

log = logging.getLogger(__name__)

_HTML_START = re.compile(
    rb"<(?:!doctype|html|head|body|meta|title|div|p|table|script|text)\b", re.I
)
_HTML_TYPES = ("text/html", "application/xhtml")
_TEXT_TYPES = ("text/plain", "text/markdown", "text/csv")
_SNIFF = 2048
_BYLINE_EDGE = 5  # lines at each end of the article searched first for a byline
_MAX_BYLINE_LINK_SHARE = 0.5
_MAX_BYLINE_LINES = 3000


def extract(page: Page, options: ExtractOptions | None = None) -> Extraction:
    """Text, title, author, date and language of a page (see the module docstring)."""
    if not isinstance(page, Page):
        raise TypeError(f"extract() takes a sinoscope.records.Page, not {type(page).__name__}")
    options = options or ExtractOptions()
    try:
        return _extract(page, options)
    except Exception as err:  # last guard: third-party parsers on arbitrary bytes
        log.warning("extraction failed for %s", page.url, exc_info=True)
        return Extraction(text="", method="none", warnings=(f"extraction failed: {err!r}",))


def content_kind(page: Page) -> str:
    """'pdf', 'html', 'text' or 'binary', from magic bytes, content type, URL and sniffing."""
    head = page.body[:_SNIFF]
    ctype = (page.content_type or "").split(";")[0].strip().lower()
    path = urlsplit(page.url).path.lower() if page.url else ""
    if head.lstrip()[:5] == b"%PDF-" or ctype == "application/pdf":
        return "pdf"
    if ctype.startswith(_HTML_TYPES) or path.endswith((".html", ".htm", ".shtml", ".xhtml")):
        return "html"
    if ctype.startswith(_TEXT_TYPES) or path.endswith((".txt", ".md", ".text")):
        return "text"
    if _HTML_START.search(head):
        return "html"
    if _looks_binary(head):
        return "binary"
    return "text"


def _looks_binary(head: bytes) -> bool:
    if not head or head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False  # empty, or UTF-16/32 with a byte-order mark (full of NUL bytes)
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 9 or 13 < b < 32)
    return controls > 0.05 * len(head)


def _extract(page: Page, options: ExtractOptions) -> Extraction:
    warnings: list[str] = []
    body = page.body
    if len(body) > options.max_bytes:
        warnings.append(f"body cut from {len(body)} to {options.max_bytes} bytes")
        body = body[: options.max_bytes]
    if not body.strip():
        return Extraction(text="", method="none", warnings=(*warnings, "empty body"))
    kind = content_kind(page)
    if kind != "pdf" and _looks_binary(body[:_SNIFF]):
        kind = "binary"  # whatever the content type claims
    if kind == "binary":
        return Extraction(text="", method="none", warnings=(*warnings, "binary content"))
    if kind == "pdf":
        return _from_pdf(page, body, options, warnings)
    if kind == "text":
        return _from_text(page, body, options, warnings)
    return _from_html(page, body, options, warnings)


def _from_html(page: Page, body: bytes, options: ExtractOptions, warnings: list[str]) -> Extraction:
    decoded = decode(body, page.content_type)
    tree = parse_html(decoded.text)
    if tree is None:
        return Extraction(
            text="", encoding=decoded.encoding, method="none", warnings=(*warnings, "no HTML")
        )
    analysis = analyse_page(tree)
    found = main_text(tree, page.url or None, options, analysis)
    warnings.extend(found.warnings)
    wants_title = options.metadata or "title" in options.boilerplate_rules
    title = find_title(tree) if wants_title else None
    text = found.text
    if options.boilerplate_rules and text:
        text = clean_lines(text, title=title, rules=options.boilerplate_rules)
    text = _cut(text, options, warnings)
    if not options.metadata:
        return Extraction(
            text=text, encoding=decoded.encoding, method=found.method, warnings=tuple(warnings)
        )
    lines = analysis.lines
    date = find_date(tree, page.url or None, page.hints, now=_now(page), lines=lines)
    return Extraction(
        text=text,
        title=title or page.hints.title,
        author=find_author(tree, _byline_lines(found.text, analysis)) or page.hints.author,
        published=date.published,
        date_source=date.source,
        language=_language(text, page, tree.get("lang")),
        encoding=decoded.encoding,
        method=found.method,
        warnings=tuple(warnings),
    )


def _from_text(page: Page, body: bytes, options: ExtractOptions, warnings: list[str]) -> Extraction:
    plain = read_text(body, page.content_type)
    text = _cut(plain.text, options, warnings)
    if not text:
        warnings.append("no text")
    date = (
        find_date(text, page.url or None, page.hints, now=_now(page))
        if options.metadata
        else FoundDate(None)
    )
    head = text[:2000].splitlines()
    return Extraction(
        text=text,
        title=(plain.title or page.hints.title) if options.metadata else None,
        author=(author_in_text(head) or page.hints.author) if options.metadata else None,
        published=date.published,
        date_source=date.source,
        language=_language(text, page, None) if options.metadata else None,
        encoding=plain.encoding,
        method="text",
        warnings=tuple(warnings),
    )


def _from_pdf(page: Page, body: bytes, options: ExtractOptions, warnings: list[str]) -> Extraction:
    pdf = read_pdf(body)
    warnings.extend(pdf.warnings)
    text = _cut(tidy(pdf.text), options, warnings)
    if not options.metadata:
        return Extraction(text=text, method="pdf", warnings=tuple(warnings))
    if pdf.created is not None and is_plausible(pdf.created, _now(page)):
        date = FoundDate(pdf.created, "meta")
    else:
        date = find_date(text, page.url or None, page.hints, now=_now(page))
    return Extraction(
        text=text,
        title=pdf.title or page.hints.title,
        author=pdf.author or author_in_text(text[:2000].splitlines()) or page.hints.author,
        published=date.published,
        date_source=date.source,
        language=_language(text, page, None),
        method="pdf",
        warnings=tuple(warnings),
    )


def _byline_lines(text: str, analysis: PageAnalysis) -> list[str]:
    """Lines to search for a byline: the article's first and last ones, then the page's
    lines that are not mostly links (navigation is full of words like 记者 and 作者)."""
    body = text.split("\n")
    page_lines = [
        line.text
        for block in analysis.blocks
        for line in block.lines()
        if line.link_letters <= _MAX_BYLINE_LINK_SHARE * line.letters
    ]
    return [*body[:_BYLINE_EDGE], *body[-_BYLINE_EDGE:], *page_lines[:_MAX_BYLINE_LINES]]


def _cut(text: str, options: ExtractOptions, warnings: list[str]) -> str:
    if len(text) <= options.max_chars:
        return text
    warnings.append(f"text cut to {options.max_chars} characters")
    cut = text[: options.max_chars]
    newline = cut.rfind("\n")
    return cut[:newline] if newline > options.max_chars // 2 else cut


def _language(text: str, page: Page, html_lang: str | None) -> str | None:
    found = detect_language(text)
    if found:
        return found
    if page.hints.language:
        return page.hints.language
    if html_lang:
        return html_lang.split("-")[0].strip().lower() or None
    return None


def _now(page: Page) -> datetime:
    """Dates after the fetch are refused: a page cannot be published after we read it."""
    return page.fetched_at
