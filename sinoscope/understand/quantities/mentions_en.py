"""Finding English numbers in text: digits with currency and scale ("US$1.2bn", "4.3M"),
number words ("three thousand", "a dozen"), fractions ("two-thirds", "one in five"), vague
amounts ("dozens of", "tens of thousands of"), multiplier verbs ("doubled") and heights.

`find_numbers_en` returns raw candidates; `en.py` decides which are quantities.
"""

from __future__ import annotations

import re

from .clues import (
    FRACTION_WORDS,
    MULTIPLIER_WORDS,
    NUMBER_WORDS,
    VAGUE_WORDS,
    CluesEn,
    clues_en,
    finditer_near_digits,
)
from .model import Candidate
from .numbers_en import (
    ABBR_SCALES,
    FRACTION_DENOMINATORS,
    SCALE_WORDS,
    WORD_NUMBER_RE,
    parse_arabic,
    parse_number_en,
)
from .units import CURRENCY_PREFIX_RE, MILLION_CODES, currency_for_prefix

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
_WORD_NUMBER_LOW = re.compile(WORD_NUMBER_RE.pattern)
# a match of _DIGIT_RE starts at most this far before its first digit ("U.S. $ minus $ .5")
_DIGIT_REACH = 20
# what else a match of _DIGIT_RE can begin with: a currency prefix (US$, HK$, A$, €, USD,
# Rs, RM, Y=, PS ...), a sign (-, +, "minus") or a decimal point
_DIGIT_STARTS = frozenset("UuHhNnCcAaSRMmTEGJIKBDZYP$€£¥￥₹₩₽₺₪₿₡₾₭-−–+.")
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
# any number-like word or digit, as one pattern; the extractor asks the quicker
# `clues_en(text).number`, which is never narrower (a test holds it to that)
ANY_NUMBER_EN = re.compile(
    r"\d|½|⅓|⅔|¼|¾|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\w+teen|"
    r"twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundreds?|thousands?|millions?|"
    r"billions?|trillions?|dozens?|half|thirds?|quarters?|doubl\w*|tripl\w*|trebl\w*|"
    r"quadrupl\w*|halved)\b",
    re.IGNORECASE,
)


_DIMENSION = (
    r"tall|high|long|wide|deep|thick|across|in\s+diameter|in\s+length|in\s+height|"
    r"above|below|underground|underwater|away|apart"
)
_METRES_AFTER = re.compile(
    rf"-(?:{_DIMENSION})\b"  # "a 12m-tall statue"
    rf"|[ \t]+(?:{_DIMENSION})(?![-\w])"  # "300m high", not "5m long-term investors"
    r"|[ \t]*\([ \t]*[\d.,]+[ \t]*(?:ft|feet|foot|yd|yards?|in|inches|mi|miles?)\b"  # (148ft)
    r"|[ \t]+(?:sprint|dash|hurdles|relay|freestyle|backstroke|breaststroke|butterfly|medley|"
    r"race|final|heats?|world\s+record)\b",  # "the 200m sprint"
    re.IGNORECASE,
)
_METRES_BEFORE = re.compile(
    r"\b(?:height|length|width|depth|altitude|elevation|diameter|radius|span|wingspan|"
    r"distance|range|runway|swim|sprint|race)s?\s+of\s+(?:(?:about|around|some|nearly|"
    r"almost|over|under|up\s+to|at\s+least|more\s+than|less\s+than)\s+)?$"
    r"|\b(?:measur(?:es|ed|ing)|stands?|standing|stood|tower(?:s|ed|ing)?|"
    r"stretch(?:es|ed|ing)?|spann?(?:s|ed|ing)?|dives?|dived)\s+"
    r"(?:(?:about|around|some|nearly|almost|over|more\s+than)\s+)?$",
    re.IGNORECASE,
)


def is_metres(text: str, num_start: int, end: int) -> bool:
    """Is a glued "m" after a number (at text[end-1]) metres rather than million?

    In news "249m users", "reached 515m by June", "64m of them" are millions: "m" is
    million unless a length is plainly meant — a dimension word follows ("12m-tall",
    "300m high", "5m deep", "10m above sea level"), a conversion into feet or miles follows
    in brackets ("45m (148ft)"), a race follows ("the 200m sprint", "100m hurdles"), or a
    measuring phrase comes just before ("a height of 30m", "the tower stands 300m").
    Metric prefixes ("7nm", "5km", "3mm") are other units and never reach this test; a
    currency ("$5m", "€300m") always makes it million.
    """
    if _METRES_AFTER.match(text, end):
        return True
    return _METRES_BEFORE.search(text[max(0, num_start - 40) : num_start]) is not None


def _attach_scale(text: str, c: Candidate, glued_ok: bool) -> None:
    pos = c.num_end
    m = _SCALE_ABBR_RE.match(text, pos) if glued_ok else None
    if m:
        abbr = m.group("a")
        if abbr == "m" and c.currency is None and is_metres(text, c.num_start, m.end()):
            return
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


def _digit_candidates(text: str, clues: CluesEn) -> list[Candidate]:
    out: list[Candidate] = []
    if not clues.digit:
        return out
    for m in finditer_near_digits(_DIGIT_RE, text, _DIGIT_REACH, _DIGIT_STARTS):
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


def _word_candidates(text: str, clues: CluesEn) -> list[Candidate]:
    """Number words, fractions, vague amounts, heights and multiplier verbs; each scan runs
    only when the words it needs are in the text (see `clues`)."""
    out: list[Candidate] = []
    words = clues.words
    if not words.isdisjoint(NUMBER_WORDS):
        _number_words(text, clues, out)
    if clues.one_in or not words.isdisjoint(FRACTION_WORDS):
        _fractions(text, out)
    if not words.isdisjoint(VAGUE_WORDS):
        _vague(text, out)
    if clues.digit and ("foot" in words or "feet" in words):
        _feet_inches(text, out)
    if not words.isdisjoint(MULTIPLIER_WORDS):
        _multipliers(text, out)
    return out


def _number_words(text: str, clues: CluesEn, out: list[Candidate]) -> None:
    # the case-blind pattern is slow; on the lower-cased copy a case-sensitive one finds
    # the same spans (when lower-casing keeps offsets and folds like the regex engine)
    found = (
        _WORD_NUMBER_LOW.finditer(clues.low) if clues.fold_safe else WORD_NUMBER_RE.finditer(text)
    )
    for m in found:
        value = parse_number_en(text[m.start() : m.end()])
        if value is None:
            continue
        c = Candidate(start=m.start(), end=m.end(), value=value, num_start=m.start())
        c.num_end = m.end()
        c.is_word = True
        written = m.group().lower()
        scales = [v for w, v in SCALE_WORDS.items() if w != "hundred" and w in written]
        c.scaled = bool(scales)
        c.scale_factor = max(scales, default=1.0)
        out.append(c)


def _fractions(text: str, out: list[Candidate]) -> None:
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


def _vague(text: str, out: list[Candidate]) -> None:
    for m in _VAGUE_RE.finditer(text):
        base = _VAGUE_BASE[m.group("base").lower()]
        if m.group("mult"):
            base *= _VAGUE_MULT[m.group("mult").lower()]
        hi = base * 10.0
        c = Candidate(start=m.start(), end=m.end(), value=base, num_start=m.start())
        c.num_end = m.end()
        c.low, c.high, c.approximate, c.is_word, c.vague = base, hi, True, True, True
        out.append(c)


def _feet_inches(text: str, out: list[Candidate]) -> None:
    for m in _FEET_INCHES.finditer(text):  # "the 6-foot-4 centre"
        c = Candidate(start=m.start(), end=m.end(), value=0.0, num_start=m.start())
        c.value = round(int(m.group("f")) + int(m.group("i")) / 12, 4)
        c.num_end, c.unit, c.unit_canonical = m.end(), "feet", "foot"
        c.kind, c.unit_fixed = "measure", True
        out.append(c)


def _multipliers(text: str, out: list[Candidate]) -> None:
    for m in _MULTIPLIER_VERB_RE.finditer(text):
        w = m.group("w").lower()
        value = next(v for k, v in _MULTIPLIER_VALUE.items() if w.startswith(k))
        c = Candidate(start=m.start(), end=m.end(), value=value, num_start=m.start())
        c.num_end = m.end()
        c.unit, c.kind, c.is_word, c.unit_fixed = "times", "multiplier", True, True
        c.change = "down" if value < 1 else "up"
        out.append(c)


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
    clues = clues_en(text)
    return _resolve_overlaps(_digit_candidates(text, clues) + _word_candidates(text, clues))
