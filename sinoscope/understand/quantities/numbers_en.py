"""English numbers: digits with separators and scales, number words, fractions.

`parse_number_en("5,000")`, `("1.2 million")`, `("$3bn")` is not a number (currencies are
the extractor's job), `("twenty-five")`, `("a dozen")`, `("two-thirds")`, `("1/16")`,
`("4 hundred million")`, `("half a million")`, `("12,34,567.89")` (Indian grouping).
"""

from __future__ import annotations

import re
import unicodedata

__all__ = [
    "ABBR_SCALES",
    "FRACTION_DENOMINATORS",
    "NUMBER_WORDS",
    "SCALE_WORDS",
    "WORD_NUMBER_RE",
    "parse_arabic",
    "parse_number_en",
    "parse_words",
]

ONES: dict[str, int] = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
TENS: dict[str, int] = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fourty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
SCALE_WORDS: dict[str, float] = {
    "hundred": 1e2,
    "thousand": 1e3,
    "lakh": 1e5,
    "million": 1e6,
    "crore": 1e7,
    "billion": 1e9,
    "trillion": 1e12,
}
# glued or spaced abbreviations after a digit string ("$3bn", "4.3M", "10k", "1.3 mln")
ABBR_SCALES: dict[str, float] = {
    "k": 1e3,
    "K": 1e3,
    "m": 1e6,
    "M": 1e6,
    "mn": 1e6,
    "mln": 1e6,
    "mil": 1e6,
    "b": 1e9,
    "B": 1e9,
    "bn": 1e9,
    "bln": 1e9,
    "tn": 1e12,
    "trn": 1e12,
    "T": 1e12,
}
FRACTION_DENOMINATORS: dict[str, int] = {
    "half": 2,
    "halves": 2,
    "third": 3,
    "thirds": 3,
    "quarter": 4,
    "quarters": 4,
    "fourth": 4,
    "fourths": 4,
    "fifth": 5,
    "fifths": 5,
    "sixth": 6,
    "sixths": 6,
    "seventh": 7,
    "sevenths": 7,
    "eighth": 8,
    "eighths": 8,
    "ninth": 9,
    "ninths": 9,
    "tenth": 10,
    "tenths": 10,
}
NUMBER_WORDS = {**ONES, **TENS, "dozen": 12}

_WORD_ALT = "|".join(sorted([*ONES, *TENS, *SCALE_WORDS, "dozen"], key=len, reverse=True))
# a run of number words: "twenty-five", "three thousand", "one hundred and twenty", "a dozen"
WORD_NUMBER_RE = re.compile(
    r"\b(?:(?:a|an)\s+(?=(?:hundred|thousand|million|billion|trillion|dozen)\b))?"
    rf"(?:{_WORD_ALT})"
    rf"(?:(?:\s+and\s+|\s+|-)(?:{_WORD_ALT}))*\b",
    re.IGNORECASE,
)

_VULGAR = {"½": 0.5, "⅓": 1 / 3, "⅔": 2 / 3, "¼": 0.25, "¾": 0.75, "⅕": 0.2, "⅛": 0.125}
_ARABIC_RE = re.compile(
    r"""
    (?P<sign>[-+])?\s*
    (?:(?P<whole>\d+)\s+(?=\d+\s*/))?             # mixed number: 1 3/5
    (?P<num>\d{1,2}(?:,\d{2})+,\d{3}(?:\.\d+)?      # Indian grouping 12,34,567.89
       |\d{1,3}(?:,\d{3})+(?:\.\d+)?
       |\d+(?:\.\d+)?|\.\d+)
    (?:\s*/\s*(?P<den>\d+))?
    (?:[eE](?P<exp>[-+]?\d+))?
    (?:\^(?P<pow>-{0,2}\+?-?\d+))?
    \s*(?P<scale>[kKmMbBT]|mn|mln|bn|bln|tn|trn)?
    """,
    re.VERBOSE,
)


def _clean(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    return text.replace("−", "-").replace("–", "-").replace("⁄", "/").strip()


def parse_arabic(text: str) -> float | None:
    """A digit string: "1,234.5", ".5", "2e5", "2^5", "3/5", "1 3/5", "40k"; else None."""
    s = _clean(text)
    if s in _VULGAR:
        return _VULGAR[s]
    m = _ARABIC_RE.fullmatch(s)
    if not m:
        return None
    value = float(m.group("num").replace(",", ""))
    if m.group("den"):
        den = float(m.group("den"))
        if den == 0:
            return None
        value /= den
        if m.group("whole"):
            value += float(m.group("whole"))
    elif m.group("whole"):
        return None
    try:
        if m.group("exp"):
            value *= 10.0 ** int(m.group("exp"))
        if m.group("pow"):
            p = m.group("pow")
            negative_power = p.count("-") % 2 == 1
            power = int(p.replace("-", "").replace("+", ""))
            value = value ** (-power if negative_power else power)
    except (OverflowError, ZeroDivisionError):
        return None
    if m.group("scale"):
        value *= ABBR_SCALES[m.group("scale")]
    if m.group("sign") == "-":
        value = -value
    return value


def parse_words(text: str) -> float | None:
    """Number words: "twenty-five", "three thousand", "a dozen", "4 hundred million"."""
    words = re.split(r"[\s-]+", _clean(text).lower())
    words = [w for w in words if w and w != "and"]
    if not words:
        return None
    if words[0] in ("a", "an"):
        words = ["one", *words[1:]]
        if len(words) == 1:
            return None
    elif words[0] in SCALE_WORDS or words == ["dozen"]:
        return None  # "million" or "dozen" alone is not a number
    total = 0.0
    current = 0.0
    last = ""  # kind of the previous word: ones, tens, hundred, scale, num
    for w in words:
        if w in ONES:
            if last in ("ones", "num") or (last == "tens" and ONES[w] >= 10):
                return None
            current += ONES[w]
            last = "ones"
        elif w in TENS:
            if last in ("ones", "tens", "num"):
                return None
            current += TENS[w]
            last = "tens"
        elif w == "hundred":
            if last == "hundred":
                return None
            current = (current or 1.0) * 100
            last = "hundred"
        elif w == "dozen":
            current = (current or 1.0) * 12
            last = "hundred"
        elif w in SCALE_WORDS:
            if current == 0 and total > 0:
                total *= SCALE_WORDS[w]  # "thousand million"
            else:
                total += (current or 1.0) * SCALE_WORDS[w]
            current = 0.0
            last = "scale"
        else:
            num = parse_arabic(w)
            if num is None or last:
                return None
            current = num
            last = "num"
    return total + current


def parse_number_en(text: str) -> float | None:
    """The value of an English number expression, or None."""
    s = _clean(text)
    if not s:
        return None
    low = s.lower()
    sign = 1.0
    if low.startswith("minus "):
        sign, s, low = -1.0, s[6:], low[6:]
    v = parse_arabic(s)
    if v is not None:
        return sign * v
    frac = _parse_fraction_words(low)
    if frac is not None:
        return sign * frac
    m = re.fullmatch(r"half\s+(?:a|an)\s+(\w+)", low)
    if m and m.group(1) in SCALE_WORDS:
        return sign * 0.5 * SCALE_WORDS[m.group(1)]
    m = re.fullmatch(
        r"([-+]?[\d.,]+)\s*-?\s*((?:hundred|thousand|million|billion|trillion)s?"
        r"(?:\s+(?:hundred|thousand|million|billion|trillion))*)",
        low,
    )
    if m:
        head = parse_arabic(m.group(1))
        if head is None:
            return None
        mult = 1.0
        for w in m.group(2).split():
            mult *= SCALE_WORDS.get(w.rstrip("s"), 1.0)
        return sign * head * mult
    v = parse_words(low)
    return None if v is None else sign * v


def _parse_fraction_words(low: str) -> float | None:
    m = re.fullmatch(r"(a|an|one|two|three|four|five|six|seven|eight|nine)[\s-]+(\w+)", low)
    if not m or m.group(2) not in FRACTION_DENOMINATORS:
        return None
    num = 1 if m.group(1) in ("a", "an") else ONES[m.group(1)]
    return num / FRACTION_DENOMINATORS[m.group(2)]
