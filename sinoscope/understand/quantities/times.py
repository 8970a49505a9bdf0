"""Years, dates, deadlines, periods and durations ("by 2030", "到2027年", "in five years").

These are kept apart from quantities: `extract_quantities` never returns a year or a date,
and the claims builder reads them from `extract_times`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .numbers_en import parse_number_en
from .numbers_zh import parse_number_zh

__all__ = ["TimeExpression", "blocked_spans_en", "extract_times_en", "extract_times_zh"]


@dataclass(frozen=True, slots=True)
class TimeExpression:
    """A point or stretch of time. `deadline` is True for "by 2030", "到2027年", "2030年前".

    `kind` is "year", "date", "deadline", "period" or "duration"; durations carry `amount`
    and `unit` ("year", "month", "week", "day", "hour") instead of a calendar position.
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

    def to_json(self) -> dict[str, object]:
        out: dict[str, object] = {"text": self.text, "start": self.start, "end": self.end}
        out["kind"] = self.kind
        for key in ("year", "month", "day", "amount", "unit"):
            value = getattr(self, key)
            if value is not None:
                out[key] = value
        out["deadline"] = self.deadline
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

_EN_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (
        "deadline",
        re.compile(
            rf"\b(?:[Bb]y|[Bb]efore|[Nn]o later than|[Uu]ntil|[Tt]ill)\s+(?:the\s+)?"
            rf"(?:(?:end|middle|start|beginning|close)\s+of\s+(?:the\s+)?|(?:early|mid|late|end)-?\s*)?"
            rf"(?:(?P<m>{_MONTH})\.?\s+(?:(?P<d>{_DAY}),?\s+)?)?(?P<y>{_YEAR})\b(?!,\d|\d|\s?%)"
        ),
    ),
    (
        "period",
        re.compile(
            rf"\b(?:(?:[Bb]etween|[Ff]rom)\s+)?(?P<y>{_YEAR})\s*(?:-|–|—|/|to|and|through)\s*"
            rf"(?P<y2>{_YEAR}|\d\d)\b(?!,\d|\d|\s?%)"
        ),
    ),
    (
        "period",
        re.compile(
            rf"\b(?:(?:the\s+)?(?:first|second|third|fourth|1st|2nd|3rd|4th)\s+(?:quarter|half)"
            rf"\s+of\s+|Q[1-4]\s+|H[12]\s+|FY\s?|fiscal\s+(?:year\s+)?)(?P<y>{_YEAR})\b"
        ),
    ),
    (
        "date",
        re.compile(
            rf"\b(?P<m>{_MONTH})\s?\.?\s+(?P<d>{_DAY})(?![\d:])(?:\s?,?\s+(?P<y>{_YEAR})\b)?"
        ),
    ),
    (
        "date",
        re.compile(
            rf"\b(?P<d>{_DAY})\s+(?:of\s+)?(?P<m>{_MONTH})\b\.?(?:\s?,?\s*(?P<y>{_YEAR})\b)?"
        ),
    ),
    ("date", re.compile(rf"\b(?P<m>{_MONTH})\.?\s+(?:of\s+)?(?P<y>{_YEAR})\b")),
    ("date", re.compile(rf"\b(?P<y>{_YEAR})-(?P<mn>[01]?\d)-(?P<d>[0-3]?\d)\b")),
    (
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
        re.compile(rf"\b(?P<n>{_DUR_NUM})-(?P<u>year|month|week|day|decade)\b(?!-old)", re.I),
    ),
    (
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


def extract_times_en(text: str, offset: int = 0) -> list[TimeExpression]:
    taken: list[tuple[int, int]] = []
    out: list[TimeExpression] = []
    for kind, pattern in _EN_PATTERNS:
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
    if kind == "duration":
        n = gd["n"] or ""
        amount = parse_number_en(n) if n.lower() not in ("several", "a few", "few") else None
        unit = (gd["u"] or "").lower().rstrip("s")
        return TimeExpression(
            m.group(), s + offset, e + offset, "duration", amount=amount, unit=unit
        )
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
    if re.search(
        r"\b(?:more than|less than|fewer than|over|under|about|around|nearly|almost|some|"
        r"approximately|roughly|up to|at least|exactly|just|only|total of|all)\s+$",
        before,
        re.IGNORECASE,
    ):
        return False
    noun = re.match(r"\s+([a-z][a-z-]+)", after)
    capitalized_prev = re.search(r"[a-z,;]\s+[A-Z][a-z]+\s$", before) is not None
    if noun and not _YEAR_PREV.search(before) and not capitalized_prev:
        word = noun.group(1)
        if (word.endswith("s") and not word.endswith("ss")) or word in _COUNT_HEADS:
            return False  # "employs 1500 people", "hired 1200 workers"
    return True


_COUNT_HEADS = {"people", "staff", "personnel", "police", "men", "women", "children"}

_BLOCK_EN = re.compile(
    r"""
    https?://\S+ | www\.\S+ | \b[\w.+-]+@[\w-]+\.[\w.]+
    | \b\d{1,2}:\d{2}(?::\d{2})?(?:\s*(?:[ap]\.?m\.?|AM|PM))?
    | \b\d{1,2}(?:[.:]\d{2})?\s*(?:[ap]m|[AP]M|[ap]\.m\.)(?![A-Za-z])
    | (?<![\d.])\d{1,2}/\d{1,2}/\d{2,4}\b | \b\d{1,2}\.\d{1,2}\.\d{4}\b
    | \b\d{4}s\b | [’']\d0s\b | \b(?:FY|Q|H)\d{1,4}\b
    | \b[vV]?\d+\.\d+\.\d+(?:\.\d+)*\b
    | (?:\bNo\.|\bno\.|\#)\s?\d+
    | (?:\+\d{1,3}[ -]?)?(?:\(?\d{1,4}\)?[ .-]){1,3}\d{3,4}[ .-]\d{4}\b
    | \+\d{1,3}[ -]\d
    | \b\d{12,}\b
    """,
    re.VERBOSE,
)


def blocked_spans_en(text: str) -> list[tuple[int, int]]:
    """Spans that hold numbers which are never quantities: dates, clock times, URLs, IDs."""
    spans = [m.span() for m in _BLOCK_EN.finditer(text)]
    for kind, pattern in _EN_PATTERNS:
        if kind in ("date", "period"):
            spans.extend(m.span() for m in pattern.finditer(text))
    return spans


# ------------------------------------------------------------------------------- Chinese
_ZH_NUM = r"[0-9０-９零〇一二两三四五六七八九十]+"
_ZH_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (
        "deadline",
        re.compile(
            rf"(?:(?:到|至|截至|截止到?)\s*(?P<y>{_ZH_NUM})年(?:(?P<m>[0-9０-９一二三四五六七八九十]{{1,3}})月"
            rf"(?:(?P<d>[0-9０-９一二三四五六七八九十]{{1,3}})[日号])?)?(?:底|末|年底)?(?:前|以前|之前)?"
            rf"|(?P<y2>{_ZH_NUM})年(?:底|末)?(?:前|以前|之前))"
        ),
    ),
    (
        "period",
        re.compile(
            rf"(?P<y>{_ZH_NUM})年?\s*[-—–~～至到]\s*(?P<y2>{_ZH_NUM})年"
            rf"|(?P<y3>{_ZH_NUM})年(?:第?[一二三四1-4]季度|[上下]半年|前[三两二]季度|[一二三四]季度)"
            r"|第[一二三四1-4]季度|(?<![个\d一二三四五六七八九十])[一二三四]季度|[上下]半年|前三季度"
        ),
    ),
    (
        "date",
        re.compile(
            rf"(?:(?P<y>{_ZH_NUM})年)?(?P<m>[0-9０-９一二三四五六七八九十]{{1,3}})月"
            rf"(?:(?P<d>[0-9０-９一二三四五六七八九十]{{1,3}})[日号])?"
        ),
    ),
    ("year", re.compile(rf"(?P<y>{_ZH_NUM})年(?:底|末|初|中|以来)?")),
    (
        "duration",
        re.compile(
            rf"(?:近|过去|未来|今后|此后|最近|前)?(?P<n>{_ZH_NUM}|半)(?:多|余)?个?"
            rf"(?P<u>年|月|周|星期|天|日|小时|季度)(?:内|来|间|以来|之内|后|里)?"
        ),
    ),
]
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
    taken: list[tuple[int, int]] = []
    out: list[TimeExpression] = []
    for kind, pattern in _ZH_PATTERNS:
        for m in pattern.finditer(text):
            s, e = m.span()
            if any(s < te and ts < e for ts, te in taken):
                continue
            gd = m.groupdict()
            year = _zh_int(gd.get("y") or gd.get("y2") or gd.get("y3"))
            if kind == "duration":
                amount = 0.5 if gd["n"] == "半" else _zh_amount(gd["n"] or "")
                needs_ge = gd["u"] in ("月", "日", "季度")
                if amount is None or amount >= 1000 or (needs_ge and "个" not in m.group()):
                    continue
                unit = _ZH_UNIT_NAMES[gd["u"]]
                out.append(
                    TimeExpression(
                        m.group(), s + offset, e + offset, "duration", amount=amount, unit=unit
                    )
                )
            else:
                if kind in ("year", "deadline") and (year is None or not 1000 <= year <= 2100):
                    continue
                month, day = _zh_int(gd.get("m")), _zh_int(gd.get("d"))
                if kind == "date" and (month is None or not 1 <= month <= 12):
                    continue
                deadline = kind == "deadline" and not m.group().startswith("截")
                kind_out = "date" if kind == "deadline" and not deadline else kind
                out.append(
                    TimeExpression(
                        m.group(), s + offset, e + offset, kind_out, year, month, day, deadline
                    )
                )
            taken.append((s, e))
    return sorted(out, key=lambda t: t.start)
