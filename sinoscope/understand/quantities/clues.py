"""Cheap facts about an English sentence that say which scans can possibly find something.

The extractors run a dozen regular expressions over every sentence; most sentences hold
no digit and no number word, and a sentence without a month name cannot hold "March 5".
`clues_en` looks once (one lower-casing, one word split, two digit searches) and the
scanners skip what cannot match. Every gate is a necessary condition of the pattern it
guards, so skipping never changes a result. Results are cached per sentence-sized text,
since the claims stage asks for quantities and then for times of the same sentence.

`finditer_near_digits` runs a costly pattern whose matches all sit next to a digit only
where digits are (currency amounts, clock times, phone numbers), with the same matches as
a full scan.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

__all__ = [
    "CACHE_MAX_CHARS",
    "DURATION_WORDS",
    "FRACTION_WORDS",
    "MONTH_WORDS",
    "MULTIPLIER_WORDS",
    "NUMBER_WORDS",
    "VAGUE_WORDS",
    "CluesEn",
    "clues_en",
    "finditer_near_digits",
]

_WORD = re.compile(r"[a-z]+")
_DIGIT = re.compile(r"\d")
_YEARISH = re.compile(r"(?:1[5-9]|2[01])\d\d")

# every word of `numbers_en.WORD_NUMBER_RE`, `mentions_en.ANY_NUMBER_EN` and friends
NUMBER_WORDS = frozenset(
    """zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen
    fifteen sixteen seventeen eighteen nineteen twenty thirty forty fourty fifty sixty seventy
    eighty ninety hundred thousand lakh million crore billion trillion dozen""".split()
)
FRACTION_WORDS = frozenset(
    """half halves third thirds quarter quarters fourth fourths fifth fifths sixth sixths
    seventh sevenths eighth eighths ninth ninths tenth tenths""".split()
)
VAGUE_WORDS = frozenset("dozens hundreds thousands millions billions trillions".split())
MULTIPLIER_WORDS = frozenset("doubled doubling tripled trebled tripling quadrupled halved".split())
_EXTRA = FRACTION_WORDS | VAGUE_WORDS | MULTIPLIER_WORDS
_ANY_NUMBER_PREFIXES = ("doubl", "tripl", "trebl", "quadrupl")
MONTH_WORDS = frozenset(
    """january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec""".split()
)
DURATION_WORDS = frozenset(
    "year years month months week weeks day days decade decades hour hours".split()
)


_ALL_GATE_WORDS = (
    NUMBER_WORDS | _EXTRA | MONTH_WORDS | DURATION_WORDS | {"in", "out", "one", "foot", "feet"}
)
_DURATION_NUMBER = re.compile(  # how a duration's amount ends: "5", "five", "a few"
    r"(?:\d|\b(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"fifteen|twenty|thirty|forty|fifty|several|few))\Z"
)
_DURATION_UNIT = re.compile(r"(?:year|month|week|day|decade|hour)")
_ONE_IN = re.compile(r"(?:one|\d)\s+(?:in|out\s+of)\s")  # "one in five", "3 out of 10"
# characters that IGNORECASE matches to an ASCII letter but str.lower() leaves alone
_FOLD_TRAPS = ("\u0131", "\u017f")  # dotless i, long s


@dataclass(frozen=True, slots=True)
class CluesEn:
    """What an English text holds: its lower-case form and words, a digit, a possible
    year, a number-like word, a duration ("five years", "3-month"), "one in five"."""

    low: str
    fold_safe: bool  # `low` has the offsets of the text, and case-blind matching agrees
    words: frozenset[str]
    digit: bool
    year: bool
    url: bool  # "://", "www." or "@": the never-a-quantity spans need a look
    number: bool  # a digit or a number word: `find_numbers_en` may find something
    duration: bool  # a duration unit right after a number or number word
    one_in: bool  # "one in five", "3 out of 10"


CACHE_MAX_CHARS = 4000  # longer texts (whole documents) are not cached


def clues_en(text: str) -> CluesEn:
    """The clues of `text`; cached for sentence-sized texts."""
    return _clues_cached(text) if len(text) <= CACHE_MAX_CHARS else _clues(text)


@lru_cache(maxsize=512)
def _clues_cached(text: str) -> CluesEn:
    return _clues(text)


def _clues(text: str) -> CluesEn:
    low = text.lower()
    fold_safe = len(low) == len(text) and not any(t in text for t in _FOLD_TRAPS)
    words = frozenset(_WORD.findall(low))
    digit = _DIGIT.search(text) is not None
    year = digit and _YEARISH.search(text) is not None
    url = "://" in text or "www." in text or "@" in text
    number = (
        digit
        or not words.isdisjoint(NUMBER_WORDS)
        or not words.isdisjoint(_EXTRA)
        or "teen" in low  # "sixteen", "nineteen"
        or any(p in low for p in _ANY_NUMBER_PREFIXES)  # "doubling", "tripled"
    )
    duration = not words.isdisjoint(DURATION_WORDS) and _has_duration(low)
    one_in = ("in" in words or "out" in words) and _ONE_IN.search(low) is not None
    if not fold_safe:  # rare: open every gate rather than reason about case folding
        words, number, duration, one_in = words | _ALL_GATE_WORDS, True, True, True
    return CluesEn(low, fold_safe, words, digit, year, url, number, duration, one_in)


def _has_duration(low: str) -> bool:
    """A duration unit after a number, whitespace or a hyphen between ("5 years",
    "two-month", "a few days"): what every duration pattern in `times` needs."""
    for m in _DURATION_UNIT.finditer(low):
        head = low[: m.start()].rstrip().rstrip("-").rstrip()
        if head != low[: m.start()] and _DURATION_NUMBER.search(head[-12:]):
            return True
    return False


def finditer_near_digits(
    pattern: re.Pattern[str], text: str, reach: int, starts: frozenset[str] | None = None
) -> Iterator[re.Match[str]]:
    """The matches of `pattern.finditer(text)`, found by trying only the positions at most
    `reach` characters before a digit (and before the digit, given `starts`, only where
    one of those characters stands). Exact for a pattern whose every match has a digit
    within `reach` characters of its start and begins with a digit or a character in
    `starts` (and never matches empty); much cheaper than a full scan when the pattern is
    costly to try and digits are few."""
    pos = 0
    while True:
        digit = _DIGIT.search(text, pos)
        if digit is None:
            return
        d = digit.start()
        hit = None
        for p in range(max(pos, d - reach), d + 1):
            if p < d and starts is not None and text[p] not in starts:
                continue  # (d itself, a digit, is always tried)
            hit = pattern.match(text, p)
            if hit is not None:
                break
        if hit is None:
            pos = d + 1
            continue
        yield hit
        pos = max(hit.end(), hit.start() + 1)
