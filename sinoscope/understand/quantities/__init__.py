"""Quantities in English and Chinese news text: value, unit, change and span.

    extract_quantities("AI firms grew from over 1,400 to more than 5,000 in five years")
    extract_quantities("全国人工智能企业超过4500家，核心产业规模近6000亿元")
    extract_times("90% by 2030")            # years, dates, deadlines, durations
    extract_numbers("二百五, 1,050,000")     # every numeral, for number-parsing checks

Years and dates are never quantities (`extract_times` returns them). Without a language,
each sentence is routed by its share of CJK characters, so mixed documents work.
Everything is compiled at import; a call does no I/O and loads nothing. Cheap gates skip
the patterns a sentence cannot match (see `clues`), and small in-memory caches keep the
facts of recent sentences, so asking for quantities and then times of a sentence scans once.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from ...records import Quantity
from .en import candidates_en
from .model import to_quantity
from .numbers_en import parse_number_en
from .numbers_zh import parse_number_zh
from .times import TimeExpression, extract_times_en
from .times_zh import extract_times_zh
from .zh import candidates_zh, numbers_zh

__all__ = [
    "NumberMention",
    "TimeExpression",
    "detect_language",
    "extract_numbers",
    "extract_quantities",
    "extract_times",
    "parse_number_en",
    "parse_number_zh",
    "split_by_language",
]

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_LATIN = re.compile(r"[A-Za-z]")
_SENTENCE_END = re.compile(r"[。！？!?；\n]+|(?<=[a-z0-9)\]\"'”’])\.(?=\s*[A-Z\"“(\u4e00-\u9fff])")


@dataclass(frozen=True, slots=True)
class NumberMention:
    """A numeral as written ("二百五", "1,050,000", "三分之二"), whatever it counts."""

    text: str
    start: int
    end: int
    value: float


def normalize_language(language: str | None) -> str | None:
    """ "zh-CN", "zh_Hans", "chinese" -> "zh"; any other given language -> "en"."""
    if not language:
        return None
    low = language.strip().lower()
    if low.startswith(("zh", "cn", "chinese", "cmn", "yue")):
        return "zh"
    return "en"


def detect_language(text: str) -> str:
    """ "zh" when CJK characters carry the text (one ideograph ~ one word), else "en"."""
    cjk = len(_CJK.findall(text))
    latin = len(_LATIN.findall(text))
    return "zh" if cjk and cjk * 3 >= latin else "en"


def split_by_language(text: str, language: str | None = None) -> list[tuple[int, int, str]]:
    """(start, end, language) regions: sentences grouped by detected language."""
    lang = normalize_language(language)
    if lang is not None or not text:
        return [(0, len(text), lang or "en")]
    if not _CJK.search(text):
        return [(0, len(text), "en")]
    regions: list[tuple[int, int, str]] = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        _add_region(regions, text, start, m.end())
        start = m.end()
    _add_region(regions, text, start, len(text))
    return regions


def _add_region(regions: list[tuple[int, int, str]], text: str, start: int, end: int) -> None:
    if start >= end:
        return
    lang = detect_language(text[start:end])
    if regions and regions[-1][2] == lang and regions[-1][1] == start:
        regions[-1] = (regions[-1][0], end, lang)
    else:
        regions.append((start, end, lang))


def extract_quantities(text: str, language: str | None = None) -> list[Quantity]:
    """Quantities in `text` in order of appearance; `language` "en"/"zh" or None to detect."""
    out: list[Quantity] = []
    for start, end, lang in split_by_language(text, language):
        segment = text[start:end]
        cands = candidates_zh(segment) if lang == "zh" else candidates_en(segment)
        out.extend(to_quantity(segment, c, start) for c in cands if _finite(c.value, c.low, c.high))
    return out


def _finite(*values: float | None) -> bool:
    return all(v is None or math.isfinite(v) for v in values)


def extract_times(text: str, language: str | None = None) -> list[TimeExpression]:
    """Years, dates, deadlines ("by 2030", "到2027年"), periods and durations."""
    out: list[TimeExpression] = []
    for start, end, lang in split_by_language(text, language):
        segment = text[start:end]
        fn = extract_times_zh if lang == "zh" else extract_times_en
        out.extend(fn(segment, start))
    return out


def extract_numbers(text: str, language: str | None = None) -> list[NumberMention]:
    """Every numeral (years and ordinal numbers included), for number-recognition checks."""
    out: list[NumberMention] = []
    for start, end, lang in split_by_language(text, language):
        segment = text[start:end]
        if lang == "zh":
            for s, e, v in numbers_zh(segment):
                if _finite(v):
                    out.append(NumberMention(segment[s:e], s + start, e + start, v))
        else:
            for q in candidates_en(segment):
                if not _finite(q.value):
                    continue
                out.append(
                    NumberMention(segment[q.start : q.end], q.start + start, q.end + start, q.value)
                )
    return out
