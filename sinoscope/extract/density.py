"""Our own main-text extractor: text and link density per block, best net-content subtree.

Used where trafilatura returns nothing or clearly too little, and as the page model that
cleans trafilatura's output. One walk over the parsed tree:

1. Every text node is credited to its *block* (the nearest block-level ancestor: p, div, td …),
   with `<br>` kept as a line break; text inside `<a>` also counts as link text. Invisible
   subtrees (script, style, nav, aside, footer, hidden elements, and elements whose class or
   id names them comments, sidebar, share, related, breadcrumb, copyright) are skipped.
2. A block is *content* when its link density is low and it reads like prose (long enough, or
   ends in sentence punctuation); otherwise it is *noise* (menus, link lists, buttons).
3. The chosen container is the element maximising ``content − NOISE_WEIGHT × noise`` over its
   subtree: the smallest element that holds most of the prose and little of the rest.
   Articles split into several chunks (ads between them) are kept whole, as the container
   then is their common ancestor.
4. The text is the content blocks of that container, plus its short low-link blocks
   (subheadings, datelines), in document order.

Lengths are CJK-aware (`language.text_length`), so Chinese and English pages score alike;
link density counts letters and digits only, so separators ("|", " - ") do not dilute it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree
from lxml.html import HtmlElement

from .language import text_length

BLOCK_TAGS = frozenset(
    "address article aside blockquote body center dd details dialog div dl dt fieldset "
    "figcaption figure footer form h1 h2 h3 h4 h5 h6 header hr html li main menu nav ol p "
    "pre section summary table tbody td tfoot th thead tr ul".split()
)
SKIP_TAGS = frozenset(
    "script style noscript template svg iframe head title select option button textarea "
    "input object embed canvas map video audio nav aside footer menu".split()
)
_NOISE_TOKEN = re.compile(
    r"(?:comments?|commentlist|footer|sidebar|share|sharing|social|related|breadcrumbs?|"
    r"copyright|recommend\w*)(?:[-_]\w*)?",
    re.I,
)
_SENTENCE_END = re.compile(r"[.!?。！？；;:：…”\"')）]\s*$")
_NON_WORD = re.compile(r"[\W_]+")
_PUNCT = re.compile(r"[,.;:!?，。、；：！？]")
_MAX_LINK_DENSITY = 0.35
_MIN_PROSE = 12  # text_length of a block that counts as prose without sentence punctuation
NOISE_WEIGHT = 1.5


def line_key(text: str) -> str:
    """Lookup key of a line: its letters and digits, lower-cased."""
    return _NON_WORD.sub("", text).lower()


@dataclass(frozen=True, slots=True)
class Line:
    text: str  # whitespace-normalized
    key: str  # line_key(text)
    link_letters: int

    @property
    def letters(self) -> int:
        return len(self.key)


@dataclass(slots=True)
class Block:
    """Visible text owned by one block element, as (text, inside a link) pieces."""

    element: HtmlElement
    parts: list[tuple[str, bool]] = field(default_factory=list)
    _lines: list[Line] | None = None
    letters: int = 0  # set with the lines
    link_letters: int = 0

    def lines(self) -> list[Line]:
        """The block's lines (split at <br> and newlines), with their link letters."""
        if self._lines is None:
            self._lines = _split_lines(self.parts)
            self.letters = sum(len(line.key) for line in self._lines)
            self.link_letters = sum(line.link_letters for line in self._lines)
        return self._lines

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines())

    @property
    def link_density(self) -> float:
        self.lines()
        return self.link_letters / max(1, self.letters)


def _split_lines(parts: list[tuple[str, bool]]) -> list[Line]:
    out: list[Line] = []
    pieces: list[str] = []
    link = 0
    for part, linked in [*parts, ("\n", False)]:
        if "\n" not in part:  # the common case: no line break in this piece
            pieces.append(part)
            if linked:
                link += len(line_key(part))
            continue
        for i, piece in enumerate(part.split("\n")):
            if i:
                text = " ".join("".join(pieces).split())
                if text:
                    key = line_key(text)
                    out.append(Line(text, key, min(link, len(key))))
                pieces, link = [], 0
            pieces.append(piece)
            if linked and piece:
                link += len(line_key(piece))
    return out


def collect_blocks(root: HtmlElement) -> list[Block]:
    """Blocks of visible text in document order (one walk, no tree changes)."""
    blocks: list[Block] = []
    stack: list[tuple[Block, bool]] = []  # (owning block, inside a link) per open element
    walker = etree.iterwalk(root, events=("start", "end"))
    for event, el in walker:
        if event == "end":
            if stack:
                stack.pop()
            if stack and el.tail:
                owner, linked = stack[-1]
                owner.parts.append((el.tail, linked))
            continue
        tag = el.tag
        if not isinstance(tag, str) or _skipped(el):
            walker.skip_subtree()
            stack.append(stack[-1] if stack else (Block(el), False))
            continue
        linked = tag == "a" or (bool(stack) and stack[-1][1])
        if tag in BLOCK_TAGS or not stack:
            block = Block(el)
            blocks.append(block)
        else:
            block = stack[-1][0]
        stack.append((block, linked))
        if tag == "br":
            block.parts.append(("\n", False))
        if el.text:
            block.parts.append((el.text, linked))
    return [b for b in blocks if any(not p.isspace() for p, _ in b.parts)]


def _skipped(el: HtmlElement) -> bool:
    tag = el.tag
    if tag in SKIP_TAGS:
        return True
    cls, ident, style = el.get("class"), el.get("id"), el.get("style")
    if not (cls or ident or style):
        return el.get("hidden") is not None
    if tag in ("html", "body"):
        return False
    if el.get("hidden") is not None or (style and "display:none" in style.replace(" ", "")):
        return True
    tokens = f"{cls or ''} {ident or ''}".split()
    return any(_NOISE_TOKEN.fullmatch(t) for t in tokens)


@dataclass(frozen=True, slots=True)
class DensityResult:
    """The chosen container's text and how much prose the page holds overall."""

    text: str
    content_length: int  # text_length of the content blocks in the container
    page_content_length: int  # text_length of all content blocks of the page


@dataclass(frozen=True, slots=True)
class PageAnalysis:
    """What one walk over a page tells: its blocks, the densest container, link statistics."""

    dense: DensityResult
    link_stats: dict[str, tuple[int, int]]  # line key → (link letters, letters)
    lines: list[str]  # every visible text line of the page, in document order
    blocks: list[Block]

    def link_density(self, line: str) -> float | None:
        """Share of link text of a line of the page (None when the line is not found as is)."""
        stats = self.link_stats.get(line_key(line))
        if stats is None or not stats[1]:
            return None
        return stats[0] / stats[1]


def analyse_page(root: HtmlElement) -> PageAnalysis:
    """Blocks, densest container and per-line link statistics, in one walk over the tree."""
    blocks = collect_blocks(root)
    stats: dict[str, tuple[int, int]] = {}
    all_lines: list[str] = []
    for block in blocks:
        lines = block.lines()
        for line in lines:
            all_lines.append(line.text)
            key = line.key
            if key:
                old = stats.get(key, (0, 0))
                stats[key] = (old[0] + line.link_letters, old[1] + line.letters)
        if len(lines) > 1 and (key := "".join(line.key for line in lines)) not in stats:
            stats[key] = (block.link_letters, block.letters)
    return PageAnalysis(_densest(blocks), stats, all_lines, blocks)


def extract_dense(root: HtmlElement) -> DensityResult:
    """Main text of a page by net content density (see the module docstring)."""
    return _densest(collect_blocks(root))


def is_content(block: Block, text: str, length: int) -> bool:
    if block.link_density > _MAX_LINK_DENSITY:
        return False
    return length >= _MIN_PROSE or (length >= 4 and _SENTENCE_END.search(text) is not None)


def _densest(blocks: list[Block]) -> DensityResult:
    scores: dict[HtmlElement, float] = {}
    texts: list[tuple[Block, str, bool, int]] = []
    page_content = 0
    for block in blocks:
        text = block.text
        if not text:
            continue
        length = text_length(text)
        content = is_content(block, text, length)
        texts.append((block, text, content, length))
        if content:
            page_content += length
            delta = float(length + len(_PUNCT.findall(text)))
        else:
            delta = -NOISE_WEIGHT * length
        el: HtmlElement | None = block.element
        while el is not None:
            scores[el] = scores.get(el, 0.0) + delta
            el = el.getparent()
    if not scores or page_content == 0:
        return DensityResult("", 0, page_content)
    best = max(scores, key=lambda e: scores[e])
    inside = set(best.iter())
    kept: list[str] = []
    content_length = 0
    for block, text, content, length in texts:
        if block.element not in inside:
            continue
        if content:
            content_length += length
            kept.append(text)
        elif block.link_density <= _MAX_LINK_DENSITY and length <= _MIN_PROSE:
            kept.append(text)  # subheadings, datelines, short lines inside the article
    return DensityResult("\n".join(kept), content_length, page_content)
