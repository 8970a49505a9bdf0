"""What a briefing sentence asserts, compared with the spans it cites: numbers, names, words.

    numbers = sentence_numbers("AI firms grew from 1,400 to 5,000 by 2024")
    pool = NumberPool.of(["人工智能企业由1400家增至5000家"])
    [n.text for n in numbers if not pool.supports(n)]        # numbers the spans do not hold
    lexical_support("China has 5,000 AI firms", ["China now has more than 5,000 AI companies"])

Numbers are compared by value, so every way of writing one matches every other: 5,000 = 5000
= 5 000 = 五千 = 5千; 4,500 = 4500家; 344 billion yuan = 3440亿元; 90% = 百分之九十 = 九成.
A percentage must match a percentage. Years count as numbers; a date's month and day must match
a date in the spans (so "Oct 10" is not supported by "Oct 17" and some other 10). Every bare
digit run ("14th", "910B") counts too. Words meaning one ("one of", "一批") are not
checked: they are almost never a figure. Citation markers ("[c:3]", "[2]") are removed first.

Lexical support is the share of the sentence's content words (English: lower-cased, stop words
dropped, cut to 6 letters so company/companies meet) or Chinese character bigrams that occur in
the cited spans of the same language. It catches a sentence about something else, not a subtle
distortion; no semantic model is available offline, and a paraphrase of a span in another
language cannot be scored (the result is None; numbers and entities are still checked).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..understand.quantities import (
    detect_language,
    extract_numbers,
    extract_quantities,
    extract_times,
)

__all__ = [
    "NumberItem",
    "NumberPool",
    "capitalised_names",
    "is_latin_text",
    "lexical_support",
    "name_in",
    "sentence_numbers",
    "strip_markers",
]

_MARKERS = re.compile(r"\s*\[(?:c:[^\]]*|\d+(?:\s*[,;–-]\s*\d+)*)\]")
_FULLWIDTH = str.maketrans("０１２３４５６７８９％，．", "0123456789%,.")
_SPACED_THOUSANDS = re.compile(r"(?<![\d.,])(\d{1,3})((?:[ \u00a0\u202f\u2009]\d{3})+)(?![\d])")
_DIGITS = re.compile(r"\d+(?:[.,]\d+)*")
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_LATIN_WORD = re.compile(r"[A-Za-z]+")
_REL_TOL = 1e-6


def strip_markers(text: str) -> str:
    """`text` without citation markers ("[c:abc]", "[c:1, c:2]", "[3]", "[1-2]")."""
    return _MARKERS.sub("", text)


def _prepare(text: str) -> str:
    text = strip_markers(text).translate(_FULLWIDTH)
    return _SPACED_THOUSANDS.sub(lambda m: m.group(1) + re.sub(r"\D", "", m.group(2)), text)


def _digit_values(run: str) -> list[float]:
    """ "1,400" -> [1400]; "1.5" -> [1.5]; "3,4" (a list) -> [3, 4]."""
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", run):
        return [float(run.replace(",", ""))]
    out: list[float] = []
    for part in run.split(","):
        try:
            out.append(float(part))
        except ValueError:
            out.extend(float(p) for p in part.split(".") if p)
    return out


@dataclass(frozen=True, slots=True)
class NumberItem:
    """A number a sentence states, as written, with the value(s) a cited span must hold."""

    text: str
    values: tuple[float, ...]
    percent: bool = False
    date: tuple[int | None, int | None] | None = None  # (month, day) of a date


def sentence_numbers(text: str, language: str | None = None) -> list[NumberItem]:
    """Every number `text` states: quantities (both ends of a range), dates, bare digits."""
    text = _prepare(text)
    items: list[NumberItem] = []
    covered: list[tuple[int, int]] = []
    for q in extract_quantities(text, language):
        covered.append((q.start, q.end))
        if q.value == 1 and not any(ch.isdigit() for ch in q.text):
            continue  # "one of the", "一批": a word, not a figure
        if q.low is not None and q.high is not None:
            values: tuple[float, ...] = (q.low, q.high)
        else:
            values = (q.value,)
        items.append(NumberItem(q.text, values, q.kind == "percent" or q.unit == "%"))
    for t in extract_times(text, language):
        parts: tuple[float, ...] = (float(t.year),) if t.year is not None else ()
        if t.amount is not None and any(ch.isdigit() for ch in t.text):
            parts += (float(t.amount),)
        if t.month is not None or t.day is not None:
            covered.append((t.start, t.end))  # "Oct 10" is a date, not the numbers 10
            items.append(NumberItem(t.text, parts, date=(t.month, t.day)))
        elif parts:
            items.append(NumberItem(t.text, parts))
    for m in _DIGITS.finditer(text):
        if any(s <= m.start() < e for s, e in covered):
            continue
        values = tuple(_digit_values(m.group()))
        if values:
            items.append(NumberItem(m.group(), values))
    seen: set[tuple[tuple[float, ...], bool, tuple[int | None, int | None] | None]] = set()
    unique: list[NumberItem] = []
    for item in items:
        key = (item.values, item.percent, item.date)
        if key not in seen:
            seen.add(key)
            unique.append(item)
    return unique


class NumberPool:
    """Every value written in some texts (the cited spans), and which of them are percentages."""

    def __init__(
        self,
        values: Iterable[float],
        percents: Iterable[float],
        dates: Iterable[tuple[int | None, int | None]] = (),
    ) -> None:
        self.values = sorted(set(values))
        self.percents = sorted(set(percents))
        self.dates = set(dates)

    @classmethod
    def of(cls, texts: Iterable[str]) -> NumberPool:
        values: list[float] = []
        percents: list[float] = []
        dates: list[tuple[int | None, int | None]] = []
        for raw in texts:
            text = _prepare(raw)
            for q in extract_quantities(text):
                ends = [v for v in (q.value, q.low, q.high) if v is not None]
                values.extend(ends)
                if q.kind == "percent" or q.unit == "%":
                    percents.extend(ends)
            values.extend(n.value for n in extract_numbers(text))
            for t in extract_times(text):
                values.extend(float(v) for v in (t.year, t.amount) if v is not None)
                if t.month is not None or t.day is not None:
                    dates.append((t.month, t.day))
            for m in _DIGITS.finditer(text):
                values.extend(_digit_values(m.group()))
        return cls((v for v in values if math.isfinite(v)), percents, dates)

    def has(self, value: float, *, percent: bool = False) -> bool:
        pool = self.percents if percent else self.values
        return any(math.isclose(value, v, rel_tol=_REL_TOL, abs_tol=1e-9) for v in pool)

    def has_date(self, month: int | None, day: int | None) -> bool:
        """A span date with this month and day (either may be unstated in the sentence)."""
        return any(
            (month is None or m == month) and (day is None or d == day) for m, d in self.dates
        )

    def supports(self, item: NumberItem) -> bool:
        if item.date is not None and not self.has_date(*item.date):
            return False
        return all(self.has(v, percent=item.percent) for v in item.values)


# ------------------------------------------------------------------------------- names
_NAME_WORD = re.compile(r"[A-Z][A-Za-z0-9&.\-]*[A-Za-z0-9]|[A-Z]")
_COMMON_CAPITALS = frozenset(
    """
    A An The This That These Those It Its In On At By For From Of To As With After Before
    And But Or If While When Where Why How What Who Which Since Under Over Between Among
    According Meanwhile However Also Still Yet Some Many Most More Several Such Other Both
    Overall Separately Additionally Furthermore Moreover Notably Together Further Elsewhere
    Officials Analysts Experts Authorities Observers Industry Government Data Figures
    He She They We I You Our Their His Her Mr Ms Mrs Dr Prof
    AI US U.S. U.S UK EU GDP CEO CTO IPO R&D GPU GPUs CPU LLM LLMs
    China Chinese America American Americans Western West East Asian Asia Beijing-based
    January February March April May June July August September October November December
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday
    Q1 Q2 Q3 Q4 H1 H2 No
    """.split()
)


def capitalised_names(text: str, skip: Sequence[tuple[int, int]] = ()) -> list[str]:
    """Capitalised words of an English sentence that look like names, outside `skip` spans.

    Common capitalised words (articles, discourse openers, months, "China", "AI") are left
    out; so is a first word that is a stop word. "Baidu's" gives "Baidu"; "Shenzhen-based"
    gives "Shenzhen". Matching is case-blind (`name_in`), so a sentence-initial ordinary word
    ("Officials") passes when the cited text has it in lower case.
    """
    text = strip_markers(text)
    out: list[str] = []
    first = re.search(r"[A-Za-z]", text)
    first_at = first.start() if first else -1
    for m in _NAME_WORD.finditer(text):
        if any(s <= m.start() < e for s, e in skip):
            continue
        if m.start() == first_at and m.group().lower() in _STOP:
            continue
        if m.start() > 0 and (text[m.start() - 1].isalnum() or text[m.start() - 1] in "'’"):
            continue
        word = m.group().rstrip(".")
        head, _, rest = word.partition("-")
        if rest and rest.islower():
            word = head  # "Shenzhen-based" -> "Shenzhen"
        if len(word) < 2 or word in _COMMON_CAPITALS or word.rstrip("s") in _COMMON_CAPITALS:
            continue
        if word not in out:
            out.append(word)
    return out


def name_in(name: str, texts: Iterable[str]) -> bool:
    pattern = re.compile(r"(?<![A-Za-z])" + re.escape(name) + r"(?![a-z])", re.IGNORECASE)
    return any(pattern.search(t) for t in texts)


def is_latin_text(text: str) -> bool:
    return detect_language(text) == "en" and bool(_LATIN_WORD.search(text))


# ------------------------------------------------------------------------------- words
_STOP = frozenset(
    """
    a an the this that these those it its is are was were be been being has have had do does
    did will would shall should can could may might must of in on at by for from to as with
    into onto about over under after before between among than then so such and or but nor
    not no yes if while when where which who whom whose what why how all any both each few
    more most other some own same very just also only still yet now new up down out off
    again further once here there their they them he she his her him we our us you your i
    me my said says say saying according reported reports report told tells noted added
    stated announced statement per cent percent year years yuan dollar dollars billion
    million trillion thousand hundred around about nearly almost roughly approximately
    over more less than least at last s t
    """.split()
)


def _english_tokens(text: str) -> set[str]:
    words = re.findall(r"[a-z]+", strip_markers(text).lower())
    return {w[:6] for w in words if w not in _STOP and len(w) > 1}


def _chinese_grams(text: str) -> set[str]:
    grams: set[str] = set()
    for run in _CJK.findall(strip_markers(text)):
        if len(run) == 1:
            grams.add(run)
        grams.update(run[i : i + 2] for i in range(len(run) - 1))
    return grams


def lexical_support(sentence: str, spans: Sequence[str], extra: Sequence[str] = ()) -> float | None:
    """Share of the sentence's content words (bigrams in Chinese) found in the spans.

    Only spans in the sentence's language count (plus `extra`: names of the source and
    of whoever the claim is attributed to). None when no span is in that language, or the
    sentence has no content words.
    """
    lang = detect_language(strip_markers(sentence))
    same = [s for s in spans if detect_language(s) == lang]
    if not same:
        return None
    tokens = _chinese_grams if lang == "zh" else _english_tokens
    wanted = tokens(sentence)
    if not wanted:
        return None
    have: set[str] = set()
    for text in [*same, *extra]:
        have |= tokens(text)
    return len(wanted & have) / len(wanted)
