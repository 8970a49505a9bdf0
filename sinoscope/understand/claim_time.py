"""When a claim holds: tie each quantity to a time expression and build the claim's TimeRef.

Each quantity's time is the nearest time expression with no other quantity in between (in
Chinese only those before it, where time phrases stand); nearness counts characters without
the words that introduce a time ("at the end of"), a comma weighing 5. A time opening the
sentence ("截至2023年底，", "As of June 2024,") holds for every clause after it.

TimeRef: a target's `deadline` year; an as-of date as "2024", "2024-06" or "2024-06-30"
("at the end of 2023", "2023年底" give month 12); periods "2014-2023"; durations as written
("five years"), and "five years ago"/"五年前" also as an as-of year when the publication date
is known. "last year", "June this year", "去年", "今年6月" are dated against publication.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime

from ..records import Quantity, TimeRef
from .facts import SentenceFacts
from .quantities import TimeExpression

__all__ = [
    "first_time",
    "is_target_time",
    "relative_times",
    "scope_time",
    "time_compatible",
    "time_for",
    "time_ref",
]

_END_OF = re.compile(
    r"(?:end|close)\s+of\s+(?:the\s+year\s+)?(?:of\s+)?(?:1[5-9]|2[01])\d\d\W{0,2}$|年(?:底|末)\W?$|"
    r"(?:end|close)\s+of\s+(?:last|this|the)\s+year\W{0,2}$",
    re.I,
)


def time_compatible(
    a: TimeExpression | None, b: TimeExpression | None, goal: bool, published: datetime | None
) -> bool:
    """Can quantities with these times share a claim? A quantity without a time does not join
    a target's deadline (an actual beside a goal stays apart)."""
    if a is None or b is None:
        other = a or b
        return other is None or not is_target_time(other, goal, published)
    return _time_key(a) == _time_key(b)


def is_target_time(t: TimeExpression, goal: bool, published: datetime | None) -> bool:
    if t.year is None:
        return False
    future = published is not None and t.year > published.year
    return (t.deadline or future) and (goal or future)


def _time_key(t: TimeExpression) -> tuple[object, ...]:
    return (t.deadline, t.kind == "duration", t.year, t.month, t.amount)


def time_for(q: Quantity, facts: SentenceFacts, lang: str) -> TimeExpression | None:
    best: tuple[int, int, TimeExpression] | None = None
    for t in facts.times:
        if t.end <= q.start:
            lo, hi, after = t.end, q.start, 0
        elif t.start >= q.end:
            if lang == "zh":
                continue
            lo, hi, after = q.end, t.start, 1
        else:
            continue
        if t.kind == "duration" and (
            t.text.strip() in q.text or re.fullmatch(r"\w+-(?:day|week|month|year)", t.text.strip())
        ):
            continue  # "the largest one-day wipeout" says nothing about when
        if any(o is not q and lo <= o.start < hi for o in facts.quantities):
            continue
        between = facts.sentence.text[lo - facts.sentence.start : hi - facts.sentence.start]
        rank = (_gap(between), -after)
        if best is None or rank < (best[0], best[1]):
            best = (rank[0], rank[1], t)
    return best[2] if best else None


_GAP_WORDS = re.compile(
    r"\b(?:at|the|end|of|as|in|by|on|start|beginning|close|middle|late|early|mid)\b|\s"
)


def _gap(between: str) -> int:
    """How far apart a quantity and a time are: characters, not counting the words that
    introduce a time ("at the end of"), with a comma weighing 5."""
    return len(_GAP_WORDS.sub("", between)) + 4 * between.count(",") + 4 * between.count("，")


def scope_time(facts: SentenceFacts) -> TimeExpression | None:
    """A time opening the sentence ("截至2023年底，…", "As of June 2024, …", "到2027年，…")
    holds for every clause after it."""
    for t in facts.times:
        lead = facts.text_before(t.start)
        if len(lead) <= 12 and t.kind != "duration":
            after = facts.sentence.text[t.end - facts.sentence.start :][:2]
            if after.startswith(("，", ",", "、")) or after.startswith(" "):
                return t
        break
    return None


def first_time(times: Sequence[TimeExpression]) -> TimeExpression | None:
    for t in times:
        if t.kind != "duration" or t.text.rstrip().endswith(("ago", "前")):
            return t
    return times[0] if times else None


def time_ref(
    t: TimeExpression | None, kind: str, document: str, published: datetime | None
) -> TimeRef:
    """The TimeRef of a claim whose time is `t` (offsets into `document`)."""
    if t is None:
        return TimeRef()
    text = t.text.strip()
    if kind == "target" and t.year is not None:
        return TimeRef(deadline=t.year, text=text)
    if t.kind == "duration":
        ago = _AGO.match(document, t.end) is not None or text.endswith("前")
        if not ago:
            return TimeRef(period=_strip_preposition(text), text=text)
        tail = _AGO.match(document, t.end)
        written = document[t.start : tail.end() if tail else t.end]
        as_of = None
        if published is not None and t.unit == "year" and t.amount is not None:
            as_of = str(published.year - int(t.amount))
        return TimeRef(as_of=as_of, period=_strip_preposition(written.strip()), text=text)
    if t.kind == "period":
        years = re.findall(r"(?:1[5-9]|2[01])\d\d", text)
        if len(years) >= 2:
            return TimeRef(period=f"{years[0]}-{years[-1]}", text=text)
        return TimeRef(period=text, text=text)
    if t.year is None:
        return TimeRef(text=text)
    month = t.month
    if month is None and _END_OF.search(document[max(0, t.start - 24) : t.end]):
        month = 12  # "at the end of 2023", "2023年底"
    if month is None:
        as_of = str(t.year)
    elif t.day is not None:
        as_of = f"{t.year:04d}-{month:02d}-{t.day:02d}"
    else:
        as_of = f"{t.year:04d}-{month:02d}"
    return TimeRef(as_of=as_of, text=text)


_AGO = re.compile(r"\s+(?:ago|earlier|before)\b|前")


def _strip_preposition(text: str) -> str:
    return re.sub(
        r"^(?:in|within|over|for|during|after|about|around)\s+(?:the\s+)?(?:(?:past|last|next|"
        r"coming|following)\s+)?",
        "",
        text,
        flags=re.I,
    )


_RELATIVE_EN = re.compile(
    r"\b(?:(?P<month>January|February|March|April|May|June|July|August|September|October|"
    r"November|December)\s+(?:of\s+)?)?(?P<rel>last|this|next)\s+year\b",
    re.I,
)
_RELATIVE_ZH = re.compile(
    r"(?P<rel>去年|今年|明年)(?:(?P<month>\d{1,2}|[一二三四五六七八九十]{1,2})月)?(?P<end>底|末)?"
)
_MONTHS = {
    m: i + 1
    for i, m in enumerate(
        ("january february march april may june july august september october november "
         "december").split()
    )
}  # fmt: skip
_ZH_MONTHS = {c: i + 1 for i, c in enumerate("一二三四五六七八九十")} | {"十一": 11, "十二": 12}


def relative_times(
    text: str, offset: int, language: str, published: datetime | None
) -> list[TimeExpression]:
    """ "last year", "June this year", "去年", "今年6月" as dated expressions (needs a date)."""
    if published is None or ("year" not in text and "年" not in text):
        return []
    out: list[TimeExpression] = []
    if language == "zh":
        for m in _RELATIVE_ZH.finditer(text):
            year = published.year + {"去年": -1, "今年": 0, "明年": 1}[m.group("rel")]
            mon = m.group("month")
            month = int(mon) if mon and mon.isdigit() else _ZH_MONTHS.get(mon or "")
            if m.group("end") and month is None:
                month = 12
            out.append(TimeExpression(m.group(), m.start() + offset, m.end() + offset, "year"
                                      if month is None else "date", year, month))  # fmt: skip
    else:
        for m in _RELATIVE_EN.finditer(text):
            year = published.year + {"last": -1, "this": 0, "next": 1}[m.group("rel").lower()]
            month = _MONTHS.get((m.group("month") or "").lower())
            out.append(TimeExpression(m.group(), m.start() + offset, m.end() + offset, "year"
                                      if month is None else "date", year, month))  # fmt: skip
    return out
