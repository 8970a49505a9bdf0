"""Finding English numbers in text: digits with currency and scale ("US$1.2bn", "4.3M"),
number words ("three thousand", "a dozen"), fractions ("two-thirds", "one in five"), vague
amounts ("dozens of", "tens of thousands of"), multiplier verbs ("doubled") and heights.

`find_numbers_en` returns raw candidates; `en.py` decides which are quantities.
"""

from __future__ import annotations

import re

from .model import Candidate
from .numbers_en import (
    ABBR_SCALES,
    FRACTION_DENOMINATORS,
    SCALE_WORDS,
    WORD_NUMBER_RE,
    parse_arabic,
    parse_number_en,
)
from .units import CURRENCY_PREFIX_RE, MILLION_CODES, currency_for_prefix, is_plural

__all__ = ["ANY_NUMBER_EN", "find_numbers_en"]

_NUM = r"\d{1,2}(?:,\d{2})+,\d{3}(?:\.\d+)?|\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+"
_DIGIT_RE = re.compile(
    rf"""
    (?P<cur>{CURRENCY_PREFIX_RE.pattern})?
    (?P<sign>(?<![\w.,])[-−–](?=\.?\d)|\bminus[\s-](?=\.?\d)|(?<![\w.])\+(?=\.?\d))?
    (?P<cur2>\$\s?)?
    (?P<num>{_NUM})(?![\d])
    (?P<sci>[ \t]?[×x*][ \t]?10[ \t]?(?:\^|\*\*)?[ \t]?(?P<sexp>[-−+]?\d{{1,3}}))?
    (?P<frac>(?<![,.\d]\d{{3}})\s?[/⁄]\s?\d{{1,3}}(?![\d/]))?
    """,
    re.VERBOSE,
)
_SCALE_ABBR_RE = re.compile(r"(?P<a>bn|mn|mln|bln|tn|trn|k|K|m|M|B)(?![A-Za-z0-9])")
_SCALE_WORD_RE = re.compile(
    r"[\s-]?(?P<w>hundred|thousand|million|billion|trillion|lakh|crore|mn|bn|mln|bln)s?(?![A-Za-z])",
    re.IGNORECASE,
)
_FRACTION_NUM = r"(?:a|an|one|two|three|four|five|six|seven|eight|nine)"
_FRACTION_DEN = "|".join(FRACTION_DENOMINATORS)
_FRACTION_RE = re.compile(
    rf"\b(?P<n>{_FRACTION_NUM})-(?P<d>{_FRACTION_DEN})(?![-\w])"
    rf"|\b(?P<n3>{_FRACTION_NUM})\s+(?P<d3>{_FRACTION_DEN})(?=\s+of\b)"
    r"|\b(?P<h>half)\b(?=\s+(?:of|the|a|an)\b)"
    r"|\b(?:a\s+)?(?P<qs>half|quarter|three\s+quarters)\s+(?:a\s+)?(?P<sc>thousand|million|billion)\b"
    r"|(?<![\d,.])\b(?P<n2>one|\d{1,3})\s+(?:in|out\s+of)\s+(?:every\s+)?(?P<d2>\d+|two|three|four|"
    r"five|six|seven|eight|nine|ten|twenty|hundred)\b(?![.,]\d)"
    r"(?!\s+(?:years?|months?|weeks?|days?|hours?|decades?|minutes?|seconds?)\b)"
    r"|(?<=\bby\s)(?P<n4>a|one)\s+(?P<d4>third|quarter|fifth|half)\b",
    re.IGNORECASE,
)
_VAGUE_RE = re.compile(
    r"\b(?:(?P<mult>tens|hundreds|dozens)\s+of\s+)?"
    r"(?P<base>dozens|hundreds|thousands|millions|billions|trillions)(?=\s+of\b)",
    re.IGNORECASE,
)
_VAGUE_BASE = {"dozens": 12.0, "hundreds": 1e2, "thousands": 1e3, "millions": 1e6}
_VAGUE_BASE.update({"billions": 1e9, "trillions": 1e12})
_VAGUE_MULT = {"tens": 10.0, "hundreds": 100.0, "dozens": 12.0}
_MULTIPLIER_VERB_RE = re.compile(
    r"\b(?P<w>doubled|doubling|tripled|trebled|tripling|quadrupled|halved)\b", re.IGNORECASE
)
_MULTIPLIER_VALUE = {"doubl": 2.0, "tripl": 3.0, "trebl": 3.0, "quadr": 4.0, "halve": 0.5}

_FEET_INCHES = re.compile(r"\b(?P<f>[4-8])-(?:foot|feet)-(?P<i>\d{1,2})\b")
ANY_NUMBER_EN = re.compile(
    r"\d|½|⅓|⅔|¼|¾|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\w+teen|"
    r"twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundreds?|thousands?|millions?|"
    r"billions?|trillions?|dozens?|half|thirds?|quarters?|doubl\w*|tripl\w*|trebl\w*|"
    r"quadrupl\w*|halved)\b",
    re.IGNORECASE,
)


def _attach_scale(text: str, c: Candidate, glued_ok: bool) -> None:
    pos = c.num_end
    m = _SCALE_ABBR_RE.match(text, pos) if glued_ok else None
    if m:
        abbr = m.group("a")
        if abbr == "m" and c.currency is None:
            nxt = re.match(r"\s+([A-Za-z]+)", text[m.end() :])
            if not (nxt and is_plural(nxt.group(1))):
                return  # "37m" is metres unless people/users follow
        if abbr == "B" and c.currency is None:
            return
        c.value *= ABBR_SCALES[abbr]
        c.scale_factor *= ABBR_SCALES[abbr]
        c.scaled = True
        c.num_end = c.end = m.end()
        return
    while True:
        m = _SCALE_WORD_RE.match(text, pos)
        if not m:
            return
        w = m.group("w").lower()
        factor = SCALE_WORDS.get(w, ABBR_SCALES.get(w, 1.0))
        c.value *= factor
        c.scale_factor *= factor
        c.scaled = True
        c.num_end = c.end = pos = m.end()


def _digit_candidates(text: str) -> list[Candidate]:
    out: list[Candidate] = []
    for m in _DIGIT_RE.finditer(text):
        num = m.group("num")
        frac = m.group("frac")
        value = parse_arabic(num + (frac or "").replace(" ", ""))
        if value is None:
            continue
        if m.group("sci"):
            exponent = int(m.group("sexp").replace("−", "-"))
            if abs(exponent) > 300:
                continue
            value *= 10.0**exponent
        sign = m.group("sign") or ""
        if sign and sign != "+":
            value = -value  # "-5", "−1.4", "minus 387", "minus-5"
        cur_text = m.group("cur") or m.group("cur2")
        currency = currency_for_prefix(cur_text.strip()) if cur_text else None
        if cur_text and m.group("cur") and m.group("cur").strip().upper() in MILLION_CODES:
            value *= 1e6
        start = m.start("cur") if m.group("cur") else m.start("sign") if sign else m.start("num")
        c = Candidate(start=start, end=m.end(), value=value, num_start=m.start("num"))
        c.num_end = m.end()
        c.currency = currency
        c.currency_prefix = currency is not None
        c.plain_int = re.fullmatch(r"\d+", num) is not None and not frac and not sign
        c.sign = "+" if sign == "+" else ""
        c.fraction = bool(frac)
        if currency and currency.iso is None:
            c.currency = None
        _attach_scale(text, c, glued_ok=True)
        out.append(c)
    return out


def _word_candidates(text: str) -> list[Candidate]:
    out: list[Candidate] = []
    for m in WORD_NUMBER_RE.finditer(text):
        value = parse_number_en(m.group())
        if value is None:
            continue
        c = Candidate(start=m.start(), end=m.end(), value=value, num_start=m.start())
        c.num_end = m.end()
        c.is_word = True
        scales = [v for w, v in SCALE_WORDS.items() if w != "hundred" and w in m.group().lower()]
        c.scaled = bool(scales)
        c.scale_factor = max(scales, default=1.0)
        out.append(c)
    for m in _FRACTION_RE.finditer(text):
        if m.group("qs"):
            frac = {"half": 0.5, "quarter": 0.25}.get(m.group("qs").lower(), 0.75)
            value = frac * SCALE_WORDS[m.group("sc").lower()]
        elif m.group("h"):
            value = 0.5
        elif m.group("d") or m.group("d3") or m.group("d4"):
            n = (m.group("n") or m.group("n3") or m.group("n4")).lower()
            d = (m.group("d") or m.group("d3") or m.group("d4")).lower()
            value = (1.0 if n in ("a", "an") else parse_number_en(n) or 0) / FRACTION_DENOMINATORS[
                d
            ]
        else:
            den = parse_number_en(m.group("d2"))
            num = parse_number_en(m.group("n2"))
            if not den or num is None or num >= den:
                continue
            value = num / den
        c = Candidate(start=m.start(), end=m.end(), value=value, num_start=m.start())
        c.num_end = m.end()
        c.is_word = True
        c.fraction = not m.group("qs")
        c.scaled = bool(m.group("qs"))
        if m.group("qs"):
            c.scale_factor = SCALE_WORDS[m.group("sc").lower()]
        out.append(c)
    for m in _VAGUE_RE.finditer(text):
        base = _VAGUE_BASE[m.group("base").lower()]
        if m.group("mult"):
            base *= _VAGUE_MULT[m.group("mult").lower()]
        hi = base * 10.0
        c = Candidate(start=m.start(), end=m.end(), value=base, num_start=m.start())
        c.num_end = m.end()
        c.low, c.high, c.approximate, c.is_word, c.vague = base, hi, True, True, True
        out.append(c)
    for m in _FEET_INCHES.finditer(text):  # "the 6-foot-4 centre"
        c = Candidate(start=m.start(), end=m.end(), value=0.0, num_start=m.start())
        c.value = round(int(m.group("f")) + int(m.group("i")) / 12, 4)
        c.num_end, c.unit, c.unit_canonical = m.end(), "feet", "foot"
        c.kind, c.unit_fixed = "measure", True
        out.append(c)
    for m in _MULTIPLIER_VERB_RE.finditer(text):
        w = m.group("w").lower()
        value = next(v for k, v in _MULTIPLIER_VALUE.items() if w.startswith(k))
        c = Candidate(start=m.start(), end=m.end(), value=value, num_start=m.start())
        c.num_end = m.end()
        c.unit, c.kind, c.is_word, c.unit_fixed = "times", "multiplier", True, True
        c.change = "down" if value < 1 else "up"
        out.append(c)
    return out


def _resolve_overlaps(cands: list[Candidate]) -> list[Candidate]:
    cands.sort(key=lambda c: (c.start, -(c.end - c.start)))
    out: list[Candidate] = []
    for c in cands:
        if out and c.start < out[-1].end:
            prev = out[-1]
            if (c.end - c.start) > (prev.end - prev.start) and not prev.currency:
                out[-1] = c
            continue
        out.append(c)
    return out


def find_numbers_en(text: str) -> list[Candidate]:
    """Every number mention, longest first where they overlap, in text order."""
    return _resolve_overlaps(_digit_candidates(text) + _word_candidates(text))
