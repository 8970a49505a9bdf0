"""Main text of an HTML page: trafilatura first, our density extractor where it fails.

The page is parsed once (`parse_html`); trafilatura works on its own copies of the tree,
while `density.analyse_page` walks the original once for the fallback candidate, the link
statistics and the text lines that dates and bylines are read from. The cascade:

1. trafilatura in its quick mode (no readability/jusText comparison), precision-oriented by
   default, comments off;
2. when that text holds less than `DOUBT_SHARE` of the prose in the page's densest container,
   trafilatura's full cascade runs too, and the longer text is kept;
3. when the text still holds less than `FAILED_SHARE` of it (trafilatura lost the article: an
   empty result, a caption or a teaser), the density extractor's text is used instead;
4. lines that are almost all link text on the page (navigation rows of layout tables,
   "related" links) are dropped;
5. an article split into look-alike containers gets its other chunks back
   (`add_sibling_chunks`).

Pages with more than `ExtractOptions.max_trafilatura_lines` lines go to the density extractor
alone: trafilatura needs many seconds on them. Line-level boilerplate is `boilerplate`'s job.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

import trafilatura
from lxml.etree import ParserError
from lxml.html import HtmlElement, HTMLParser, document_fromstring

from .density import Block, PageAnalysis, analyse_page, line_key
from .language import text_length
from .options import ExtractOptions

log = logging.getLogger(__name__)

_PARSER = HTMLParser(
    remove_comments=True, remove_pis=True, collect_ids=False, default_doctype=False
)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
_INVALID_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
FAILED_SHARE = 0.25  # trafilatura text below this share of the densest prose: it failed
LINK_LINE_DENSITY = 0.8  # lines with more link text than this are navigation
CHUNK_COVER = 0.8  # the container of a text holds this share of its letters
CHUNK_REACH = 2  # levels above the container searched for look-alike chunks
CHUNK_LINK_DENSITY = 0.35
CHUNK_MIN_LENGTH = 30  # text_length of new prose a chunk must bring
DOUBT_SHARE = 0.5  # below this share of the densest prose, trafilatura's full cascade runs


@dataclass(frozen=True, slots=True)
class MainText:
    text: str
    method: str  # "trafilatura" or "density"
    warnings: tuple[str, ...] = ()


def parse_html(text: str) -> HtmlElement | None:
    """Parse an HTML document (or fragment) into an lxml tree rooted at <html>; None if empty."""
    text = _INVALID_XML.sub("", _XML_DECLARATION.sub("", text, count=1))
    if not text.strip():
        return None
    try:
        return document_fromstring(text, parser=_PARSER)
    except (ParserError, ValueError) as err:
        log.debug("unparsable HTML: %s", err)
        return None


def main_text(
    tree: HtmlElement,
    url: str | None,
    options: ExtractOptions,
    page: PageAnalysis | None = None,
) -> MainText:
    """The article text of a parsed page (see the module docstring)."""
    page = page if page is not None else analyse_page(tree)
    warnings: list[str] = []
    dense = page.dense
    if len(page.lines) > options.max_trafilatura_lines:
        # trafilatura takes many seconds on giant pages (long threads, listings)
        warnings.append(f"large page ({len(page.lines)} lines): density extractor only")
        text = dense.text
        method = "density"
        if not text:
            warnings.append("no main text found")
        return MainText(text, method, tuple(warnings))
    text = trafilatura_text(tree, url, options, fast=True)
    method = "trafilatura"
    if text_length(text) < DOUBT_SHARE * dense.content_length:
        # the quick pass looks incomplete: let trafilatura compare with its own fallbacks
        thorough = trafilatura_text(tree, url, options, fast=False)
        if text_length(thorough) > text_length(text):
            text = thorough
    if options.fallback and text_length(text) < FAILED_SHARE * dense.content_length:
        log.debug("trafilatura kept %d of %d: density fallback", len(text), dense.content_length)
        text, method = dense.text, "density"
    if not text:
        warnings.append("no main text found")
        return MainText("", method, tuple(warnings))
    text = drop_link_lines(text, page)
    if method == "trafilatura":
        text = add_sibling_chunks(text, page)
    return MainText(text, method, tuple(warnings))


def trafilatura_text(
    tree: HtmlElement, url: str | None, options: ExtractOptions, fast: bool = True
) -> str:
    """trafilatura's text of the page, '' when it finds none (it copies the tree itself).

    `fast` skips trafilatura's comparison with readability and jusText.
    """
    try:
        document = trafilatura.bare_extraction(
            tree,
            url=url,
            favor_precision=options.focus == "precision",
            favor_recall=options.focus == "recall",
            include_comments=False,
            include_tables=options.include_tables,
            with_metadata=False,
            fast=fast,
        )
    except Exception:  # third-party code on arbitrary web input: degrade, do not crash
        log.warning("trafilatura failed on %s", url, exc_info=True)
        return ""
    if document is None:
        return ""
    return str(getattr(document, "text", "") or "")


def drop_link_lines(text: str, page: PageAnalysis) -> str:
    """Drop lines (or table rows) whose text is almost all link text on the page."""
    kept: list[str] = []
    for line in text.split("\n"):
        cells = line.strip().strip("|").split("|") if line.startswith("|") else [line]
        link = chars = 0
        for cell in cells:
            stats = page.link_stats.get(line_key(cell))
            if stats is not None:
                link += stats[0]
                chars += stats[1]
            else:
                chars += len(cell.strip())
        if chars and link > LINK_LINE_DENSITY * chars:
            continue
        kept.append(line)
    return "\n".join(kept)


def add_sibling_chunks(text: str, page: PageAnalysis) -> str:
    """Add the other chunks of an article split into look-alike containers.

    Some sites cut the body into several elements of the same tag and class, with ads or
    widgets between them; trafilatura then often keeps the first chunk only. The container
    holding most of the text found is located on the page; elements with the same tag and
    (non-empty) class near it (within `CHUNK_REACH` levels up) whose blocks are prose and not
    yet in the text are appended (or prepended) in document order.
    """
    owner: dict[str, Block] = {}
    for block in page.blocks:
        for page_line in block.lines():
            owner.setdefault(line_key(page_line.text), block)
    found: dict[HtmlElement, int] = {}
    total = 0
    for line in text.split("\n"):
        key = line_key(line)
        source = owner.get(key)
        if source is None:
            continue
        total += len(key)
        el: HtmlElement | None = source.element
        while el is not None:
            found[el] = found.get(el, 0) + len(key)
            el = el.getparent()
    if not total:
        return text
    container = max(
        (el for el, n in found.items() if n >= CHUNK_COVER * total),
        key=lambda el: sum(1 for _ in el.iterancestors()),
        default=None,
    )
    for _ in range(CHUNK_REACH + 1):  # the text may be one paragraph: climb to a classed box
        if container is None or container.get("class", "").strip():
            break
        container = container.getparent()
    if container is None or not container.get("class", "").strip():
        return text
    scope = container
    for _ in range(CHUNK_REACH):
        parent = scope.getparent()
        if parent is None:
            break
        scope = parent
    signature = (container.tag, container.get("class"))
    chunks = [
        el
        for el in scope.iter(container.tag)
        if el is not container
        and (el.tag, el.get("class")) == signature
        and container not in el.iterancestors()
        and el not in container.iterancestors()
    ]
    if not chunks:
        return text
    known = {line_key(line) for line in text.split("\n")}
    order = {el: i for i, el in enumerate(scope.iter())}
    before: list[str] = []
    after: list[str] = []
    for chunk in chunks:
        inside = set(chunk.iter())
        new = [
            b.text
            for b in page.blocks
            if b.element in inside
            and b.link_density <= CHUNK_LINK_DENSITY
            and line_key(b.text) not in known
        ]
        if text_length(" ".join(new)) < CHUNK_MIN_LENGTH:
            continue
        (before if order[chunk] < order[container] else after).extend(new)
    if not before and not after:
        return text
    log.debug("added %d article chunks", len(before) + len(after))
    return "\n".join([*before, text, *after])
