"""The working record of a quantity being extracted, range merging, and conversion.

Extractors build `Candidate`s (mutable, private), `merge_ranges` joins "5 to 7 per cent",
"between $62 and $68", "从1400家增至5000家" into one, and `finish` settles the change
("more than", "about", "rose") and turns them into frozen `Quantity` records.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...records import Quantity
from .changes import change_word_before, detect_change
from .units import Currency

__all__ = ["Candidate", "finish", "merge_ranges"]


@dataclass(slots=True)
class Candidate:
    start: int
    end: int
    value: float
    num_start: int
    num_end: int = 0
    currency: Currency | None = None
    currency_prefix: bool = False
    plain_int: bool = False
    sign: str = ""
    fraction: bool = False
    is_word: bool = False
    scaled: bool = False
    scale_factor: float = 1.0  # the million/billion/万/亿 the written number was multiplied by
    vague: bool = False
    low: float | None = None
    high: float | None = None
    approximate: bool = False
    unit: str = ""
    unit_canonical: str = ""
    kind: str = "number"
    unit_fixed: bool = False
    change: str = "="
    skip: str | None = None
    movement: bool = False  # "from X to Y": value is the level reached
    in_paren: bool = False
    tail_start: int = -1  # a movement's second number: its modifiers set the change

    @property
    def is_range(self) -> bool:
        return self.low is not None and self.high is not None and not self.vague


_RANGE_VERBS = re.compile(
    r"\b(?:rang(?:e|es|ed|ing)|var(?:y|ies|ied|ying)|anywhere|spanning|prices?|costs?|fees?|"
    r"homes?|between)\b[^.;]{0,40}$",
    re.IGNORECASE,
)
_EN_DASH = re.compile(r"[ \t]*(?:-|–|—|to-)[ \t]*")
_EN_MODS = (
    r"(?:(?:just\s+|well\s+)?(?:over|more\s+than|about|around|nearly|almost|some|roughly|"
    r"approximately|at\s+least|under|less\s+than|fewer\s+than|up\s+to)[ \t]+)?"
)
_EN_WORD = re.compile(rf"[ \t]+(?P<w>to|and|or|through)[ \t]+{_EN_MODS}")
_EN_FROM_GAP = re.compile(rf"(?:[ \t,]+[\w.:]+){{1,5}}?[ \t]+to[ \t]+{_EN_MODS}")
_ZH_RANGE = re.compile(r"[ \t]*(?:-|–|—|~|～|至|到|或)[ \t]*")


def _compatible(a: Candidate, b: Candidate) -> bool:
    if a.vague or b.vague or a.kind == "multiplier" or b.is_range:
        return False
    if a.currency and b.currency:
        return a.currency.name == b.currency.name and _same_unit(a, b)
    if a.currency and not b.currency:
        return not b.unit
    if not a.unit:
        return True
    if not b.unit:
        return True
    return _same_unit(a, b)


def _same_unit(a: Candidate, b: Candidate) -> bool:
    ua = (a.unit_canonical or a.unit.lower()).split(" per ")[0]
    ub = (b.unit_canonical or b.unit.lower()).split(" per ")[0]
    return ua == ub or ua.rstrip("s") == ub.rstrip("s")


def _join(text: str, a: Candidate, b: Candidate, start: int, movement: bool) -> Candidate:
    """One range from two candidates; units, currency and scale flow from b to a."""
    av, bv = a.value, b.value
    if not a.unit and not a.currency:
        a_raw_le = abs(av) <= abs(bv / (_scale_of(b) or 1.0))
        if b.scaled and not a.scaled and a_raw_le:
            av *= _scale_of(b)
    elif a.currency and b.currency and b.scaled and not a.scaled and av <= bv / _scale_of(b):
        av *= _scale_of(b)
    out = Candidate(start=start, end=b.end, value=av, num_start=a.num_start, num_end=b.num_end)
    out.low, out.high = min(av, bv), max(av, bv)
    out.value = bv if movement else out.low
    out.movement = movement
    out.currency = b.currency or a.currency
    out.currency_prefix = b.currency_prefix or a.currency_prefix
    out.unit = b.unit if len(b.unit) >= len(a.unit) else a.unit
    out.unit_canonical = b.unit_canonical or a.unit_canonical
    out.kind = b.kind if b.unit or b.currency else a.kind
    out.change = b.change if movement else a.change if a.change != "=" else b.change
    out.tail_start = b.start if movement else -1
    out.approximate = a.approximate or b.approximate
    out.is_word = a.is_word and b.is_word
    out.scaled = a.scaled or b.scaled
    out.scale_factor = b.scale_factor if b.scaled else a.scale_factor
    return out


def _scale_of(c: Candidate) -> float:
    return c.scale_factor if c.scaled else 1.0


def merge_ranges(text: str, cands: list[Candidate], language: str) -> list[Candidate]:
    cands = _merge_pass(text, cands, language, dashes=True)
    return _merge_pass(text, cands, language, dashes=False)


def _merge_pass(text: str, cands: list[Candidate], language: str, dashes: bool) -> list[Candidate]:
    out: list[Candidate] = []
    i = 0
    while i < len(cands):
        a = cands[i]
        b = cands[i + 1] if i + 1 < len(cands) else None
        joined = _try_join(text, a, b, language, dashes) if b else None
        if joined is not None:
            out.append(joined)
            i += 2
        else:
            out.append(a)
            i += 1
    return out


def _try_join(
    text: str, a: Candidate, b: Candidate | None, language: str, dashes: bool
) -> Candidate | None:
    if b is None or not _compatible(a, b):
        return None
    gap = text[a.end : b.start]
    if a.is_range and not (not dashes and language == "en"):
        return None
    before = text[max(0, a.start - 60) : a.start]
    if language == "zh":
        return _try_join_zh(text, a, b, gap, before, dashes)
    if dashes:
        if not _EN_DASH.fullmatch(gap):
            return None
        if a.value == b.value and not a.unit and not b.unit:
            a.skip = b.skip = "score"
            return None
        return _join(text, a, b, a.start, movement=False)
    from_m = re.search(rf"\b(?:from|From)[ \t]+{_EN_MODS}$", before)
    between_m = re.search(r"\b(?:between|Between)[ \t]+$", before)
    m = _EN_WORD.fullmatch(gap)
    if m:
        word = m.group("w")
        if word == "and" and not between_m:
            return None
        if word == "or" and (a.unit or not (a.is_word or a.value < b.value)):
            return None
        if word in ("to", "through") and a.unit and not b.unit and not from_m:
            return None
        if word == "to" and a.unit and b.unit and not from_m and change_word_before(before):
            return None  # "increased by $43.6 billion to $419.2 billion": a change, then a level
    elif not (from_m and _EN_FROM_GAP.fullmatch(gap) and not re.search(r";|\.\s+[A-Z]", gap)):
        return None
    if from_m and word_is(m, "to") and a.is_range and not b.unit:
        b.unit, b.unit_canonical, b.kind = a.unit, a.unit_canonical, a.kind
        return None  # "from about 14-18 mpg to 24": the 24 is in mpg too
    if a.is_range:
        return None
    movement = from_m is not None and not _RANGE_VERBS.search(before[: from_m.start()])
    return _join(text, a, b, a.start, movement)


def word_is(m: re.Match[str] | None, word: str) -> bool:
    return m is not None and m.group("w") == word


def _try_join_zh(
    text: str, a: Candidate, b: Candidate, gap: str, before: str, dashes: bool
) -> Candidate | None:
    if dashes:
        if not _ZH_RANGE.fullmatch(gap):
            return None
        from_m = re.search(r"(?:从|由)\s*$", before)
        return _join(text, a, b, a.start, movement=bool(from_m))
    m = re.fullmatch(
        r"\s*(?:(?:增长|增加|上升|提高|提升|扩大|攀升|跃升|下降|减少|降低|下滑|回落|缩减|增|升|降|减|涨|跌)"
        r"(?:了)?(?:至|到|为)|(?:增至|升至|降至|减至|跌至|涨至|达到?))\s*",
        gap,
    )
    from_m = re.search(r"(?:从|由)\s*$", before)
    if not (m and from_m):
        return None
    return _join(text, a, b, a.start, movement=True)


def finish(text: str, cands: list[Candidate], language: str) -> list[Candidate]:
    """Settle changes (with parenthetical conversions inheriting them)."""
    prev: Candidate | None = None
    for c in cands:
        detect_change(text, c, language)
        if prev is not None:
            gap = text[prev.end : c.start]
            if re.fullmatch(r"\s*[(（]\s*", gap):
                c.in_paren = True  # a conversion: "7.5 million crowns (US $1.1 million)"
            elif prev.in_paren and re.fullmatch(r"\s*/\s*", gap):
                c.in_paren = True
            if c.in_paren and c.change == "=" and not c.approximate:
                c.change, c.approximate = prev.change, prev.approximate
            elif (
                c.change == "="
                and prev.change in ("up", "down")
                and (
                    _ELLIPSIS_BY.search(text[max(0, c.start - 60) : c.start])
                    or re.fullmatch(r",?[ \t]+or[ \t]+", gap)
                )
            ):
                c.change = prev.change  # "down 2.3%, Burlington by 2.6%"; "rose $12, or 0.6%"
        prev = c
    return cands


_ELLIPSIS_BY = re.compile(r"[,;]\s+(?:and\s+)?[A-Z][\w&.'’ -]{0,40}?\s+by\s+$")


def to_quantity(text: str, c: Candidate, offset: int) -> Quantity:
    low = c.low if c.low is not None else None
    high = c.high if c.high is not None else None
    return Quantity(
        text=text[c.start : c.end],
        start=c.start + offset,
        end=c.end + offset,
        value=_tidy(c.value),
        unit=c.unit,
        change=c.change,
        low=_tidy(low) if low is not None and high is not None else None,
        high=_tidy(high) if low is not None and high is not None else None,
        kind=c.kind,
        currency=c.currency.iso if c.currency else None,
        scale=_scale_of(c),
        approximate=c.approximate or c.change == "~",
    )


def _tidy(v: float) -> float:
    """Drop float noise from scaling: 2.49 * 1e8 -> 249000000.0."""
    return float(f"{v:.12g}")
