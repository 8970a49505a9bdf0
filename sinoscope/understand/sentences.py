"""Sentences with exact offsets, in English, Chinese and mixed documents.

    split_sentences("Nvidia Corp. lost $589 billion. Shares fell 17%.")   # two sentences
    split_sentences("我国人工智能企业超过4500家。核心产业规模接近6000亿元。")

Rules, in order:
- a newline always ends a sentence (paragraphs are the unit of language detection: a
  paragraph is Chinese when CJK characters carry it, so mixed documents work);
- a wire dateline opening a paragraph ("BEIJING, July 5 (Xinhua) --", "新华社北京7月5日电（记者
  周明远）") is a sentence of its own, so claims do not start with the credit;
- English paragraphs go through nupunkt (its bundled model knows abbreviations such as U.S.,
  Corp., No. 1, e.g., a.m.; decimals and quotes stay inside), plus one repair: a sentence that
  ends before a title abbreviation ("… said so. Dr. Li …") is split there;
- Chinese paragraphs end a sentence after 。！？；!?; or an ellipsis (…), keeping closing quotes
  and brackets (”」』）》) with the sentence; a full stop between digits (3.5) never splits.

`Sentence.text` is `text[start:end]`, stripped of surrounding whitespace; empty pieces are
dropped. The splitter is pure and cheap (about 0.3 ms per 1,000 English words).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

import nupunkt

from ..records import Sentence
from .quantities import detect_language, normalize_language

__all__ = ["Segment", "segment", "split_sentences"]


@dataclass(frozen=True, slots=True)
class Segment:
    """A sentence with the language it was split as and the index of its paragraph."""

    sentence: Sentence
    language: str
    paragraph: int


_LINE = re.compile(r"[^\n]*\S[^\n]*")  # a non-blank line
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_ZH_END = re.compile(r"(?:[。！？!?；;]+|…+|\.{3,})[”’\"'」』）)\]】》〉]*")
_EN_DATELINE = re.compile(
    r"[A-Z][A-Z.'’ -]{1,30}(?:,\s+[A-Z][A-Za-z.'’ ]{1,30})?(?:,\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2})?"
    r"\s+\((?:[A-Z][A-Za-z .&'’-]{1,40})\)\s*(?:--|—|–|-)\s*"
)
_ZH_DATELINE = re.compile(
    r"[\u4e00-\u9fffA-Za-z]{1,12}?\d{1,2}月\d{1,2}日(?:电|讯)(?:（[^）]{1,30}）|\([^)]{1,30}\))?\s*"
)
# "“……！”他说。" is one sentence: a quote closed by 。！？ and followed by its speech verb
_ZH_SAID_AFTER_QUOTE = re.compile(
    r"[^。！？；\n“”]{1,16}?(?:说|表示|称|指出|介绍|认为|透露|强调|坦言|问道|笑言)[。，,：:]"
)
_TITLE_SPLIT = re.compile(
    r"(?<=[a-z]{2}[.!?])\s+(?=(?:Mr|Mrs|Ms|Dr|Prof|Gen|Sen|Rep|Gov|Lt|Col|Sgt|Capt)\.\s+[A-Z])"
)


def split_sentences(text: str, language: str | None = None) -> list[Sentence]:
    """The sentences of `text` with offsets into it; `language` "en"/"zh" or None to detect
    per paragraph."""
    return [s.sentence for s in segment(text, language)]


def segment(text: str, language: str | None = None) -> list[Segment]:
    """Like `split_sentences`, also telling each sentence's language and paragraph."""
    if not text:
        return []
    forced = normalize_language(language)
    lines = [(m.start(), m.end()) for m in _LINE.finditer(text)]
    if forced == "en" or (forced is None and not _CJK.search(text)):
        return _segment_english(text, lines)
    out: list[Segment] = []
    for paragraph, (start, end) in enumerate(lines):
        line = text[start:end]
        lang = forced or _paragraph_language(line)
        for s, e in _split_paragraph(line, lang):
            _add(out, text, start + s, start + e, lang, paragraph)
    return out


def _segment_english(text: str, lines: list[tuple[int, int]]) -> list[Segment]:
    """An English document in one nupunkt pass (much cheaper than one call per paragraph),
    its sentences then cut at newlines and after datelines."""
    starts = [s for s, _ in lines]
    out: list[Segment] = []
    for s, e in nupunkt.sent_spans(text):
        for m in _LINE.finditer(text, s, e):
            piece_start, piece_end = m.start(), m.end()
            paragraph = bisect.bisect_right(starts, piece_start) - 1
            line_start = starts[paragraph] if paragraph >= 0 else 0
            if not text[line_start:piece_start].strip():  # the piece opens a paragraph
                dateline = _EN_DATELINE.match(text, piece_start, piece_end)
                if dateline and dateline.end() < piece_end:
                    _add(out, text, piece_start, dateline.end(), "en", paragraph)
                    piece_start = dateline.end()
            cut = piece_start
            for t in _TITLE_SPLIT.finditer(text, piece_start, piece_end):
                _add(out, text, cut, t.start(), "en", paragraph)
                cut = t.end()
            _add(out, text, cut, piece_end, "en", paragraph)
    return out


def _paragraph_language(line: str) -> str:
    if not _CJK.search(line):
        return "en"
    return detect_language(line)


def _add(out: list[Segment], text: str, start: int, end: int, lang: str, paragraph: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        out.append(Segment(Sentence(start, end, text[start:end]), lang, paragraph))


def _split_paragraph(line: str, lang: str) -> list[tuple[int, int]]:
    """(start, end) offsets within `line`; whitespace is trimmed later."""
    head = 0
    spans: list[tuple[int, int]] = []
    lead = len(line) - len(line.lstrip())
    dateline = (_ZH_DATELINE if lang == "zh" else _EN_DATELINE).match(line, lead)
    if dateline and dateline.end() < len(line):
        spans.append((lead, dateline.end()))
        head = dateline.end()
    body = line[head:]
    pieces = _split_zh(body) if lang == "zh" else _split_en(body)
    spans.extend((head + s, head + e) for s, e in pieces)
    return spans


def _split_en(text: str) -> list[tuple[int, int]]:
    if not text.strip():
        return []
    out: list[tuple[int, int]] = []
    for s, e in nupunkt.sent_spans(text):
        cut = s
        for m in _TITLE_SPLIT.finditer(text, s, e):
            out.append((cut, m.start()))
            cut = m.end()
        out.append((cut, e))
    return out


def _split_zh(text: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    start = 0
    for m in _ZH_END.finditer(text):
        if m.group().startswith("."):  # an ASCII ellipsis "..." — keep "3...5" whole
            before = text[m.start() - 1 : m.start()]
            after = text[m.end() : m.end() + 1]
            if before.isdigit() and after.isdigit():
                continue
        if m.group()[-1] in '”’"」』' and _ZH_SAID_AFTER_QUOTE.match(text, m.end()):
            continue
        out.append((start, m.end()))
        start = m.end()
    if start < len(text):
        out.append((start, len(text)))
    return out
