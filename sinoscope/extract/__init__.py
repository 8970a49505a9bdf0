"""extract: a Page's bytes → text, title, author, publication date and language.

    extract(page, options) -> Extraction        dispatch: HTML, plain text, PDF; never raises
    decode_html(body, content_type) -> (text, encoding)
    detect_language(text) -> "zh" | "en" | … | None
    find_date(tree_or_text, url, hints) -> FoundDate(published, source)

Modules: page (dispatch), html (trafilatura + fallbacks), density (our own extractor),
boilerplate (line rules), encoding, dates, metadata (title, author), language, text, pdf.
"""

from __future__ import annotations

from .dates import FoundDate, find_date
from .encoding import decode_html
from .html import parse_html
from .language import detect_language
from .options import ExtractOptions
from .page import extract

__all__ = [
    "ExtractOptions",
    "FoundDate",
    "decode_html",
    "detect_language",
    "extract",
    "find_date",
    "parse_html",
]
