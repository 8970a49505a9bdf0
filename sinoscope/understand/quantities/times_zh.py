"""Chinese years, dates, deadlines, periods and durations: 2024年6月, 到2027年, 2030年前,
2014年至2023年, 1-6月, 2024年上半年, 三年内, 五年前, 2024-07-04.

Chinese "到/至 + 年[月[日]]" is read by one rule:
- "截至/截止(到) …" is an as-of time (the state of things at that date), never a deadline;
- "到/至 …" closing a span of years or months ("2014年至2023年", "从2019年到2024年",
  "2024年12月至2025年6月") makes one period with what opens it;
- "到/至 …" right after a verb of change ("增至2025年6月的5.1亿人", "提高到2025年的水平")
  is the as-of time of the level reached;
- any other "到/至 …" ("到2027年，…", "至2028年底") and "…年前/以前/之前" are deadlines.
As-of times are "date" when they name a month or a year's end (年底/年末), else "year".
"五年前" is a duration of five years with `relative` set (its span stops before 前).
Results are cached per text: the quantity extractor asks for the times of a sentence to
leave them out, and the claims stage then asks for them again.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from .clues import CACHE_MAX_CHARS
from .numbers_zh import parse_number_zh
from .times import TimeExpression

__all__ = ["extract_times_zh"]

_ZH_NUM = r"[0-9０-９零〇一二两三四五六七八九十]+"
_ZH_M = r"[0-9０-９一二三四五六七八九十]{1,3}"


_TO_A_NUMERAL = re.compile(r"[-—–~～至到]\s*[0-9０-９零〇一二两三四五六七八九十]")
# (kind, a quick pattern that matches wherever the full one can, the pattern)
_ZH_PATTERNS: list[tuple[str, re.Pattern[str], re.Pattern[str]]] = [
    (
        "date",  # 2024-07-04, 2024/7/4, 2024.07.04
        re.compile(r"[12][0-9]{3}[-/.]"),
        re.compile(
            r"(?<![0-9０-９.])(?P<y>[12][0-9]{3})(?P<sep>[-/.])(?P<m>[01]?[0-9])(?P=sep)"
            r"(?P<d>[0-3]?[0-9])(?![0-9０-９]|[.][0-9])"
        ),
    ),
    (
        "span",  # 2014年至2023年, 2023年底-2025年
        re.compile(rf"[-—–~～至到]\s*{_ZH_NUM}年"),
        re.compile(rf"(?P<y>{_ZH_NUM})(?:年(?:底|末|初)?)?\s*[-—–~～至到]\s*(?P<y2>{_ZH_NUM})年"),
    ),
    (
        "span",  # 2024年12月至2025年6月, 2024年1月至6月
        _TO_A_NUMERAL,
        re.compile(
            rf"(?P<y>{_ZH_NUM})年(?P<m>{_ZH_M})月\s*[-—–~～至到]\s*(?:(?P<y2>{_ZH_NUM})年)?"
            rf"(?P<m2>{_ZH_M})月"
        ),
    ),
    (
        "span",  # 1-6月, 1至9月 (months of the current year)
        _TO_A_NUMERAL,
        re.compile(
            rf"(?<![0-9０-９.月日号])(?:(?P<y>{_ZH_NUM})年)?(?P<m>{_ZH_M})\s*[-—–~～至到]\s*"
            rf"(?P<m2>{_ZH_M})月(?![0-9０-９])"
        ),
    ),
    (
        "deadline",
        re.compile(rf"{_ZH_NUM}年"),
        re.compile(
            rf"(?:(?:到|至|截至|截止到?)\s*(?P<y>{_ZH_NUM})年(?:(?P<m>{_ZH_M})月"
            rf"(?:(?P<d>{_ZH_M})[日号])?)?(?:底|末|年底)?(?:前|以前|之前)?"
            rf"|(?P<y2>{_ZH_NUM})年(?:底|末)?(?:前|以前|之前))"
        ),
    ),
    (
        "period",
        re.compile(r"季度|半年"),
        re.compile(
            rf"(?P<y3>{_ZH_NUM})年(?:第?[一二三四1-4]季度|[上下]半年|前[三两二]季度|[一二三四]季度)"
            r"|第[一二三四1-4]季度|(?<![个\d一二三四五六七八九十])[一二三四]季度|[上下]半年|前三季度"
        ),
    ),
    (
        "date",
        re.compile(rf"{_ZH_M}月"),
        re.compile(rf"(?:(?P<y>{_ZH_NUM})年)?(?P<m>{_ZH_M})月(?:(?P<d>{_ZH_M})[日号])?"),
    ),
    ("year", re.compile(rf"{_ZH_NUM}年"), re.compile(rf"(?P<y>{_ZH_NUM})年(?:底|末|初|中|以来)?")),
    (
        "duration",
        re.compile(rf"(?:{_ZH_NUM}|半)(?:多|余)?个?(?:年|月|周|星期|天|日|小时|季度)"),
        re.compile(
            rf"(?:近|过去|未来|今后|此后|最近|前)?(?P<n>{_ZH_NUM}|半)(?:多|余)?个?"
            rf"(?P<u>年|月|周|星期|天|日|小时|季度)(?:内|来|间|以来|之内|后|里)?"
        ),
    ),
]
# a verb of change right before 到/至: "增至2025年6月" is the level reached by then
_ZH_CHANGE_TO = re.compile(
    r"(?:增长|增加|上升|提高|提升|扩大|攀升|跃升|下降|减少|降低|下滑|回落|缩减|缩小|增|升|降|减|涨|跌|达)"
    r"了?\s*$"
)
_ZH_AGO = re.compile(r"(?:以|之)?前")
_ZH_UNIT_NAMES = {"年": "year", "月": "month", "周": "week", "星期": "week", "天": "day"}
_ZH_UNIT_NAMES.update({"日": "day", "小时": "hour", "季度": "quarter"})


def _zh_int(text: str | None) -> int | None:
    if not text:
        return None
    if re.fullmatch(r"[0-9０-９零〇一二三四五六七八九]{4}", text):  # 二〇二四
        digits = "零一二三四五六七八九"
        return int(
            "".join(str(digits.index(c)) if c in digits else c for c in text.replace("〇", "零"))
        )
    v = parse_number_zh(text)
    return int(v) if v is not None and v == int(v) else None


def _zh_amount(text: str) -> float | None:
    """三 -> 3, 三五 (three to five) -> 3, 十 -> 10."""
    if re.fullmatch(r"[一二三四五六七八九][二三四五六七八九]", text):
        return float("一二三四五六七八九".index(text[0]) + 1)
    return parse_number_zh(text)


def extract_times_zh(text: str, offset: int = 0) -> list[TimeExpression]:
    """Chinese times; see the module docstring for how "到/至/截至 + 年月" is read."""
    found = _times_zh(text) if len(text) <= CACHE_MAX_CHARS else _find_times_zh(text)
    if not offset:
        return list(found)
    return [replace(t, start=t.start + offset, end=t.end + offset) for t in found]


_ZH_ANY_TIME = frozenset("年月周期天日时季半-/.")  # every pattern needs one of these


@lru_cache(maxsize=512)
def _times_zh(text: str) -> tuple[TimeExpression, ...]:
    """Cached: the quantity extractor asks for the times of a sentence to leave them out,
    and the claims stage then asks for them again."""
    return _find_times_zh(text)


def _find_times_zh(text: str) -> tuple[TimeExpression, ...]:
    if _ZH_ANY_TIME.isdisjoint(text):
        return ()
    taken: list[tuple[int, int]] = []
    out: list[TimeExpression] = []
    for kind, needs, pattern in _ZH_PATTERNS:
        if not needs.search(text):
            continue
        for m in pattern.finditer(text):
            s, e = m.span()
            if any(s < te and ts < e for ts, te in taken):
                continue
            expr = _make_zh(kind, m, text, 0)
            if expr is not None:
                out.append(expr)
                taken.append((s, e))
    return tuple(sorted(out, key=lambda t: t.start))


def _make_zh(kind: str, m: re.Match[str], text: str, offset: int) -> TimeExpression | None:
    s, e = m.span()
    gd = m.groupdict()
    if kind == "duration":
        amount = 0.5 if gd["n"] == "半" else _zh_amount(gd["n"] or "")
        needs_ge = gd["u"] in ("月", "日", "季度")
        if amount is None or amount >= 1000 or (needs_ge and "个" not in m.group()):
            return None
        unit = _ZH_UNIT_NAMES[gd["u"]]
        ago = m.group()[-1] in "年月周期天日时度" and _ZH_AGO.match(text, e) is not None
        return TimeExpression(
            m.group(), s + offset, e + offset, "duration", amount=amount, unit=unit, relative=ago
        )
    year = _zh_int(gd.get("y") or gd.get("y2") or gd.get("y3"))
    month, day = _zh_int(gd.get("m")), _zh_int(gd.get("d"))
    if kind == "span":
        if gd.get("y") is not None and (year is None or not 1000 <= year <= 2100):
            return None
        year2, month2 = _zh_int(gd.get("y2")), _zh_int(gd.get("m2"))
        if gd.get("m2") is None:
            ok = year is not None and year2 is not None and year <= year2 <= 2100
        else:  # months: 1-6月 runs forward within its year
            ok = _is_month(month) and _is_month(month2)
            ok = ok and (gd.get("y2") is not None or (month2 or 0) > (month or 0))
        if not ok:
            return None  # "3到5年" is a duration, not a period
        return TimeExpression(m.group(), s + offset, e + offset, "period", year, month)
    if kind in ("year", "deadline") and (year is None or not 1000 <= year <= 2100):
        return None
    if kind == "date" and not _is_month(month):
        return None
    if kind == "date" and day is not None and not 1 <= day <= 31:
        return None
    deadline = kind == "deadline"
    if deadline and (
        m.group().startswith("截")
        or (m.group()[0] in "到至" and _ZH_CHANGE_TO.search(text[max(0, s - 4) : s]))
    ):
        deadline = False  # an as-of time: "截至2024年6月", "增至2025年6月"
        year_end = re.search(r"年?(?:底|末)", m.group()) is not None
        kind = "date" if month is not None or year_end else "year"
    return TimeExpression(m.group(), s + offset, e + offset, kind, year, month, day, deadline)


def _is_month(month: int | None) -> bool:
    return month is not None and 1 <= month <= 12
