"""Years, dates, deadlines, periods and durations ("by 2030", "in five years"), English
here and Chinese in `times_zh` ("到2027年", "2014年至2023年", "五年前").

These are kept apart from quantities: `extract_quantities` never returns a year or a date,
and the claims builder reads them from `extract_times`. Durations counted back from the
time of writing ("about five years ago", "two years earlier", "五年前") are durations with
`relative` set; their span stops before "ago"/"earlier"/"前", which follow it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .clues import MONTH_WORDS, CluesEn, clues_en, finditer_near_digits
from .numbers_en import parse_number_en

__all__ = ["TimeExpression", "blocked_spans_en", "extract_times_en", "looks_like_year"]


@dataclass(frozen=True, slots=True)
class TimeExpression:
    """A point or stretch of time. `deadline` is True for "by 2030", "到2027年", "2030年前".

    `kind` is "year", "date", "deadline", "period" or "duration"; durations carry `amount`
    and `unit` ("year", "month", "week", "day", "hour") instead of a calendar position.
    `relative` marks a duration counted back from the publication date (or from the time
    the story is about): "about five years ago", "two years earlier", "五年前"; the span
    ends before "ago"/"earlier"/"前", which follow it.
    """

    text: str
    start: int
    end: int
    kind: str
    year: int | None = None
    month: int | None = None
    day: int | None = None
    deadline: bool = False
    amount: float | None = None
    unit: str | None = None
    relative: bool = False

    def to_json(self) -> dict[str, object]:
        out: dict[str, object] = {"text": self.text, "start": self.start, "end": self.end}
        out["kind"] = self.kind
        for key in ("year", "month", "day", "amount", "unit"):
            value = getattr(self, key)
            if value is not None:
                out[key] = value
        out["deadline"] = self.deadline
        if self.relative:
            out["relative"] = True
        return out


_MONTHS = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_MONTH = (
    r"(?:[Jj]an(?:uary)?|[Ff]eb(?:ruary)?|[Mm]ar(?:ch)?|[Aa]pr(?:il)?|May|[Jj]une?|[Jj]uly?|"
    r"[Aa]ug(?:ust)?|[Ss]ep(?:t(?:ember)?)?|[Oo]ct(?:ober)?|[Nn]ov(?:ember)?|[Dd]ec(?:ember)?)"
)
_YEAR = r"(?:1[5-9]\d\d|2[01]\d\d)"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_DUR_NUM = (
    r"(?:\d+(?:\.\d+)?|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"fifteen|twenty|thirty|forty|fifty|several|a few|few)"
)
_DUR_UNIT = r"(?:years?|months?|weeks?|days?|decades?|hours?)"

# (kind, what the text must hold for the pattern to match, pattern)
_EN_PATTERNS: list[tuple[str, str, re.Pattern[str]]] = [
    (
        "deadline",
        "year",
        re.compile(
            rf"\b(?:[Bb]y|[Bb]efore|[Nn]o later than|[Uu]ntil|[Tt]ill)\s+(?:the\s+)?"
            rf"(?:(?:end|middle|start|beginning|close)\s+of\s+(?:the\s+)?|(?:early|mid|late|end)-?\s*)?"
            rf"(?:(?P<m>{_MONTH})\.?\s+(?:(?P<d>{_DAY}),?\s+)?)?(?P<y>{_YEAR})\b(?!,\d|\d|\s?%)"
        ),
    ),
    (
        "period",
        "year",
        re.compile(
            rf"\b(?:(?:[Bb]etween|[Ff]rom)\s+)?(?P<y>{_YEAR})\s*(?:-|–|—|/|to|and|through)\s*"
            rf"(?P<y2>{_YEAR}|\d\d)\b(?!,\d|\d|\s?%)"
        ),
    ),
    (
        "period",
        "year",
        re.compile(
            rf"\b(?:(?:the\s+)?(?:first|second|third|fourth|1st|2nd|3rd|4th)\s+(?:quarter|half)"
            rf"\s+of\s+|Q[1-4]\s+|H[12]\s+|FY\s?|fiscal\s+(?:year\s+)?)(?P<y>{_YEAR})\b"
        ),
    ),
    (
        "date",
        "month-day",
        re.compile(
            rf"\b(?P<m>{_MONTH})\s?\.?\s+(?P<d>{_DAY})(?![\d:])(?:\s?,?\s+(?P<y>{_YEAR})\b)?"
        ),
    ),
    (
        "date",
        "month-day",
        re.compile(
            rf"\b(?P<d>{_DAY})\s+(?:of\s+)?(?P<m>{_MONTH})\b\.?(?:\s?,?\s*(?P<y>{_YEAR})\b)?"
        ),
    ),
    ("date", "month-year", re.compile(rf"\b(?P<m>{_MONTH})\.?\s+(?:of\s+)?(?P<y>{_YEAR})\b")),
    ("date", "year", re.compile(rf"\b(?P<y>{_YEAR})([-/.])(?P<mn>[01]?\d)\2(?P<d>[0-3]?\d)\b")),
    (
        "relative",
        "duration",
        re.compile(
            rf"\b(?:(?:about|around|roughly|nearly|almost|some|approximately|only|just|"
            rf"(?:just\s+)?(?:over|under|more\s+than|less\s+than))\s+)?"
            rf"(?P<n>{_DUR_NUM})\s+(?P<u>{_DUR_UNIT})"
            r"(?=\s+(?:ago|earlier|before(?=\s*(?:[,.;:!?)]|$))))",
            re.IGNORECASE,
        ),
    ),
    (
        "duration",
        "duration",
        re.compile(
            rf"\b(?:(?:in|within|over|for|during|after)\s+(?:the\s+)?"
            rf"(?:(?:past|last|next|coming|following|about|around|nearly|almost)\s+)*)"
            rf"(?P<n>{_DUR_NUM})\s+(?P<u>{_DUR_UNIT})\b",
            re.IGNORECASE,
        ),
    ),
    (
        "duration",
        "duration",
        re.compile(rf"\b(?P<n>{_DUR_NUM})-(?P<u>year|month|week|day|decade)\b(?!-old)", re.I),
    ),
    (
        "year",
        "year",
        re.compile(
            rf"\b(?:(?:in|since|from|during|of|for|after|through|circa|year|early|mid|late)"
            rf"[\s-]+)?(?P<y>{_YEAR})(?:[′'’]s)?\b(?![\d,.%]\d|\s?%|,\d)"
        ),
    ),
]


def _month(text: str | None) -> int | None:
    if not text:
        return None
    return _MONTHS.get(text.lower().rstrip("."))


def _day(text: str | None) -> int | None:
    return int(re.sub(r"\D", "", text)) if text else None


def _possible(needs: str, clues: CluesEn) -> bool:
    """Can a pattern that needs `needs` match a text with these clues?"""
    if needs == "year":
        return clues.year
    if needs == "duration":
        return clues.duration
    if clues.words.isdisjoint(MONTH_WORDS):
        return False
    return clues.year if needs == "month-year" else clues.digit


def extract_times_en(text: str, offset: int = 0) -> list[TimeExpression]:
    taken: list[tuple[int, int]] = []
    out: list[TimeExpression] = []
    clues = clues_en(text)
    if not (clues.digit or clues.duration):
        return out
    for kind, needs, pattern in _EN_PATTERNS:
        if not _possible(needs, clues):
            continue
        for m in pattern.finditer(text):
            s, e = m.span()
            if any(s < te and ts < e for ts, te in taken):
                continue
            gd = m.groupdict()
            if kind == "year" and not looks_like_year(text, m.start("y"), m.end("y")):
                continue
            expr = _make_en(kind, m, gd, offset)
            if expr is None:
                continue
            taken.append((s, e))
            out.append(expr)
    return sorted(out, key=lambda t: t.start)


def _make_en(
    kind: str, m: re.Match[str], gd: dict[str, str | None], offset: int
) -> TimeExpression | None:
    s, e = m.span()
    y = gd.get("y")
    year = int(y) if y else None
    if kind in ("duration", "relative"):
        n = gd["n"] or ""
        low = n.lower()
        amount = 1.0 if low in ("a", "an") else None if "few" in low else parse_number_en(n)
        amount = None if low == "several" else amount
        unit = (gd["u"] or "").lower().rstrip("s")
        relative = kind == "relative"
        return TimeExpression(
            m.group(), s + offset, e + offset, "duration", amount=amount, unit=unit,
            relative=relative,
        )  # fmt: skip
    mn = gd.get("mn")
    month = int(mn) if mn else _month(gd.get("m"))
    return TimeExpression(
        m.group(),
        s + offset,
        e + offset,
        kind,
        year=year,
        month=month,
        day=_day(gd.get("d")),
        deadline=kind == "deadline",
    )


_YEAR_PREV = re.compile(
    r"(?:\b(?:in|since|from|until|till|to|by|of|between|and|or|during|before|after|through|"
    r"the|its|his|her|their|our|a|an|for|early|mid|late|fiscal|FY|circa|c\.|year|season|"
    r"class|vintage|model|spring|summer|autumn|fall|winter|[A-Z][a-z]+(?:’s|'s))|[’']s|"
    + _MONTH
    + r"\.?)[\s-]*$"
)
_YEAR_NEXT_UNITish = re.compile(r"\s?(?:%|per\s?cent|percent)", re.IGNORECASE)


def looks_like_year(text: str, start: int, end: int) -> bool:
    """Is the 4-digit integer at text[start:end] a year (rather than a count or amount)?"""
    digits = text[start:end]
    if not re.fullmatch(r"\d{4}", digits) or not 1000 <= int(digits) < 2200:
        return False
    before = text[max(0, start - 30) : start]
    if re.search(r"[$€£¥#]\s?$|\d[,.]?$|[A-Za-z]$", before):
        return False
    after = text[end : end + 40]
    if _YEAR_NEXT_UNITish.match(after) or re.match(r"[,.]\d|[A-Za-z]", after):
        return False
    if _COUNT_MODIFIER.search(before) and not _approximate_year(text, start, end):
        return False
    noun = re.match(r"\s+([a-z][a-z-]+)", after)
    capitalized_prev = re.search(r"[a-z,;]\s+[A-Z][a-z]+\s$", before) is not None
    if noun and not _YEAR_PREV.search(before) and not capitalized_prev:
        word = noun.group(1)
        if (word.endswith("s") and not word.endswith("ss")) or word in _COUNT_HEADS:
            return False  # "employs 1500 people", "hired 1200 workers"
    return True


_COUNT_HEADS = {"people", "staff", "personnel", "police", "men", "women", "children"}
_COUNT_MODIFIER = re.compile(
    r"\b(?:more than|less than|fewer than|over|under|about|around|nearly|almost|some|"
    r"approximately|roughly|up to|at least|exactly|just|only|total of|all)\s+$",
    re.IGNORECASE,
)
_ROUGHLY = r"(?:around|about|roughly|approximately)[ \t]+$"
# "1,400 around 2020", "900 staff about 2019": a count, then roughly when it held
_COUNT_THEN_ROUGHLY = re.compile(
    rf"\d[\d,.]*%?(?:[ \t]+[A-Za-z][\w-]*){{0,3}}[ \t]+{_ROUGHLY}", re.IGNORECASE
)
_AT_ROUGHLY = re.compile(
    rf"\b(?:in|since|until|till|by|before|after|during)[ \t]+{_ROUGHLY}", re.IGNORECASE
)
_CLAUSE_GOES_ON = re.compile(
    r"\s*(?:[,.;:!?)\]–—-]|$)|\s+(?:to|and|until|till|through|when|while|as|but|with|then|"
    r"onwards?)\b",
    re.IGNORECASE,
)


def _approximate_year(text: str, start: int, end: int) -> bool:
    """ "1,400 around 2020 to 4,500", "since about 2015,": a rough year, not a rough count.
    Needs a count or a preposition before the approximation and no noun after the number."""
    before = text[max(0, start - 60) : start]
    if not (_COUNT_THEN_ROUGHLY.search(before) or _AT_ROUGHLY.search(before)):
        return False
    return _CLAUSE_GOES_ON.match(text, end) is not None


_BLOCK_DIGITS = r"""
    \b\d{1,2}:\d{2}(?::\d{2})?(?:\s*(?:[ap]\.?m\.?|AM|PM))?
    | \b\d{1,2}(?:[.:]\d{2})?\s*(?:[ap]m|[AP]M|[ap]\.m\.)(?![A-Za-z])
    | (?<![\d.])\d{1,2}/\d{1,2}/\d{2,4}\b | \b\d{1,2}\.\d{1,2}\.\d{4}\b
    | \b\d{4}s\b | [’']\d0s\b | \b(?:FY|Q|H)\d{1,4}\b
    | \b[vV]?\d+\.\d+\.\d+(?:\.\d+)*\b
    | (?:\bNo\.|\bno\.|\#)\s?\d+
    | (?:\+\d{1,3}[ -]?)?(?:\(?\d{1,4}\)?[ .-]){1,3}\d{3,4}[ .-]\d{4}\b
    | \+\d{1,3}[ -]\d
    | \b\d{12,}\b
    """
_BLOCK_EN = re.compile(
    r"https?://\S+ | www\.\S+ | \b[\w.+-]+@[\w-]+\.[\w.]+ |" + _BLOCK_DIGITS, re.VERBOSE
)
# without "://", "www." or "@" only the digit part can match, each match within 8 characters
# of a digit ("No. 5")
_BLOCK_DIGITS_RE = re.compile(_BLOCK_DIGITS, re.VERBOSE)
_BLOCK_STARTS = frozenset("’'FQHvVNn#+(")  # what a match begins with when not a digit


def blocked_spans_en(text: str) -> list[tuple[int, int]]:
    """Spans that hold numbers which are never quantities: dates, clock times, URLs, IDs."""
    clues = clues_en(text)
    if not clues.digit:  # only URLs and e-mail addresses need no digit
        return [m.span() for m in _BLOCK_EN.finditer(text)] if clues.url else []
    if clues.url:
        spans = [m.span() for m in _BLOCK_EN.finditer(text)]
    else:
        spans = [m.span() for m in finditer_near_digits(_BLOCK_DIGITS_RE, text, 8, _BLOCK_STARTS)]
    for kind, needs, pattern in _EN_PATTERNS:
        if kind in ("date", "period") and _possible(needs, clues):
            spans.extend(m.span() for m in pattern.finditer(text))
    return spans
