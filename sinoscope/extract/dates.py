"""Publication date of a page, with where it was found.

Evidence, strongest first (the first plausible date wins):

    jsonld   datePublished / dateCreated of a JSON-LD object
    meta     article:published_time, og:release_date, publishdate, PubDate, dc.date …,
             itemprop="datePublished", <time pubdate>
    url      /2024/04/19/, /2024-04/19/, /20240419/ in the address
    text     a labelled date (发布时间：…, 发表于 …, 来源：新华社 2024-04-19, Published …)
             anywhere, else the date nearest after the headline (2024年4月19日, 2024-04-19
             10:30, 2024/4/19, 二〇二四年四月十九日, April 19, 2024, 19 April 2024)
    feed     the date the feed gave for the entry (`Hints.published`), when the page has none

Dates before 1990 or later than tomorrow (relative to `now`) are refused. A date keeps its
time zone when the page states one; otherwise it is naive, in the publisher's wall time.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from typing import NamedTuple

from dateutil import parser as dateutil_parser
from lxml.html import HtmlElement

from ..records import Hints
from .density import collect_blocks, line_key
from .language import HAN
from .metadata import find_title, jsonld_objects, meta_content

log = logging.getLogger(__name__)

MIN_YEAR = 1990
_META_NAMES = (
    "article:published_time",
    "og:article:published_time",
    "og:published_time",
    "published_time",
    "og:release_date",
    "datepublished",
    "publishdate",
    "publish_date",
    "publish-date",
    "pubdate",
    "pubtime",
    "parsely-pub-date",
    "sailthru.date",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date",
    "dcterms.date",
    "dc.date.created",
    "dcterms.created",
    "date",
    "firstpublishedtime",
    "releasedate",
    "citation_publication_date",
    "citation_date",
    "citation_online_date",
)
_JSONLD_KEYS = ("datePublished", "dateCreated", "uploadDate")
_TIME = (
    r"(?:\s*T?\s*(?P<H>[01]?\d|2[0-3])\s*[:：时]\s*(?P<M>[0-5]\d)(?:\s*[:：分]\s*(?P<S>[0-5]\d))?)?"
)
_NUMERIC = re.compile(
    r"(?<!\d)(?P<y>(?:19|20)\d\d)\s*(?P<sep>[-/.])\s*(?P<m>1[0-2]|0?[1-9])\s*(?P=sep)\s*"
    r"(?P<d>3[01]|[12]\d|0?[1-9])(?!\d)" + _TIME
)
_CJK = re.compile(
    r"(?P<y>(?:19|20)\d\d)\s*年\s*(?P<m>1[0-2]|0?[1-9])\s*月\s*(?P<d>3[01]|[12]\d|0?[1-9])\s*日?"
    + _TIME
)
_CJK_NUMERALS = re.compile(
    r"(?P<y>[〇零一二三四五六七八九]{4})\s*年\s*(?P<m>[一二三四五六七八九十]{1,2})\s*月\s*"
    r"(?P<d>[一二三四五六七八九十]{1,3})\s*日"
)
_US_NUMERIC = re.compile(
    r"(?<![\d/])(?P<m>1[0-2]|0?[1-9])/(?P<d>3[01]|[12]\d|0?[1-9])/(?P<y>(?:19|20)\d\d)(?![\d/])"
    r"(?:\s+(?P<H>[01]?\d|2[0-3]):(?P<M>[0-5]\d)(?::(?P<S>[0-5]\d))?\s*(?P<ampm>[AaPp][Mm])?)?"
)
_MONTHS = {
    m: i + 1
    for i, names in enumerate(
        (
            "jan january",
            "feb february",
            "mar march",
            "apr april",
            "may",
            "jun june",
            "jul july",
            "aug august",
            "sep sept september",
            "oct october",
            "nov november",
            "dec december",
        )
    )
    for m in names.split()
}
_MONTH = r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"  # noqa: E501
_CLOCK = (
    r"(?:,?\s*(?:at\s+)?(?P<H>[01]?\d|2[0-3])[:.](?P<M>[0-5]\d)(?::(?P<S>[0-5]\d))?"
    r"\s*(?P<ampm>[ap]\.?m\.?)?(?![\d]))?"
)
_ENGLISH = re.compile(
    rf"\b{_MONTH}\.?\s+(?P<d>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?,?\s+(?P<y>(?:19|20)\d\d)\b"
    rf"|\b(?P<d2>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?\s+{_MONTH.replace('mon', 'mon2')}\.?,?\s+"
    rf"(?P<y2>(?:19|20)\d\d)\b{_CLOCK}",
    re.I,
)
_ENGLISH_CLOCK = re.compile(_CLOCK.removesuffix("?"), re.I)
# two-digit hours may follow other digits: page headers glue spans ("202407/0510:21:36")
_BARE_CLOCK = re.compile(
    r"(?P<H>[01]\d|2[0-3]|(?<![\d:])\d):(?P<M>[0-5]\d)(?::(?P<S>[0-5]\d))?(?![\d:])"
)
_LABEL = re.compile(
    r"(?:发布时间|发表时间|发布日期|发表日期|发稿时间|发文日期|成文日期|发表于|发布于|首发于|更新时间|"
    r"时间|日期|来源|published|posted|date|updated)\s*[:：]?",
    re.I,
)
_URL_DATE = re.compile(
    r"(?<!\d)(?P<y>(?:19|20)\d\d)(?P<sep>[-/_]?)(?P<m>0[1-9]|1[0-2])(?:(?P=sep)|/)"
    r"(?P<d>0[1-9]|[12]\d|3[01])(?!\d)"
)
_CJK_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0}
_LABEL_REACH = 30  # characters between a label and its date
_NEAR_TITLE = 15  # lines after the headline searched first
_BEFORE_TITLE = 3  # lines before the headline searched for a labelled date
_TEXT_CHARS = 3000  # how much of a plain text is searched
_MAX_LINES = 3000  # lines of a page searched (the date is near the top of long pages)


class FoundDate(NamedTuple):
    """A publication date and where it came from (`source`: see the module docstring)."""

    published: datetime | None
    source: str = "none"


def find_date(
    doc: HtmlElement | str,
    url: str | None = None,
    hints: Hints | None = None,
    *,
    now: datetime | None = None,
    lines: list[str] | None = None,
) -> FoundDate:
    """Publication date of a parsed page or of a plain text (see the module docstring).

    `lines` are the page's text lines when the caller already has them (saves a walk).
    """
    limit = (now or datetime.now(UTC)) + timedelta(days=1)
    if lines is not None:
        lines = lines[:_MAX_LINES]
    if isinstance(doc, HtmlElement):
        page_lines = lines

        def refine(date: datetime) -> datetime:
            nonlocal page_lines
            if date.hour or date.minute or date.second:
                return date
            if page_lines is None:
                page_lines = [line.text for block in collect_blocks(doc) for line in block.lines()]
                page_lines = page_lines[:_MAX_LINES]
            return _refine_time(date, page_lines, find_title(doc))

        for source, found in (("jsonld", _jsonld_dates(doc)), ("meta", _meta_dates(doc))):
            if (date := _first_plausible(found, limit)) is not None:
                return FoundDate(refine(date), source)
        if url and (date := _first_plausible(_url_dates(url), limit)) is not None:
            return FoundDate(refine(date), "url")
        lines = page_lines
        if lines is None:
            lines = [line.text for block in collect_blocks(doc) for line in block.lines()]
            lines = lines[:_MAX_LINES]
        title = find_title(doc)
    else:
        if url and (date := _first_plausible(_url_dates(url), limit)) is not None:
            return FoundDate(date, "url")
        lines = doc[:_TEXT_CHARS].splitlines()
        title = None
    if (date := _first_plausible(_text_dates(lines, title), limit)) is not None:
        return FoundDate(date, "text")
    feed = hints.published if hints is not None else None
    if feed is not None and _plausible(feed, limit):
        return FoundDate(feed, (hints.date_source if hints else None) or "feed")
    return FoundDate(None, "none")


def is_plausible(date: datetime, now: datetime | None = None) -> bool:
    """A publication date not before 1990 and not after tomorrow (relative to `now`)."""
    return _plausible(date, (now or datetime.now(UTC)) + timedelta(days=1))


def _plausible(date: datetime, limit: datetime) -> bool:
    if date.year < MIN_YEAR:
        return False
    # wall-clock comparison: a naive date has no zone to convert, and a day of slack covers it
    return date.replace(tzinfo=None) <= limit.replace(tzinfo=None)


def _first_plausible(dates: Iterable[datetime], limit: datetime) -> datetime | None:
    for date in dates:
        if _plausible(date, limit):
            return date
        log.debug("implausible date %s refused", date)
    return None


def _jsonld_dates(tree: HtmlElement) -> Iterable[datetime]:
    for obj in jsonld_objects(tree):
        for key in _JSONLD_KEYS:
            value = obj.get(key)
            if isinstance(value, str) and (date := parse_date(value)):
                yield date


def _meta_dates(tree: HtmlElement) -> Iterable[datetime]:
    for value in meta_content(tree, _META_NAMES):
        if date := parse_date(value):
            yield date
    for el in tree.iterfind(".//*[@itemprop]"):
        if el.get("itemprop", "").lower() in ("datepublished", "datecreated"):
            value = el.get("content") or el.get("datetime") or el.text_content()
            if value and (date := parse_date(value)):
                yield date
    for el in tree.iterfind(".//time[@pubdate]"):
        if (value := el.get("datetime") or el.text_content()) and (date := parse_date(value)):
            yield date
    # a <time datetime> inside the article or its header (not in lists of other stories)
    for el in tree.iterfind(".//time[@datetime]"):
        if any(a.tag in ("li", "nav", "aside", "footer") for a in el.iterancestors()):
            continue
        if date := parse_date(el.get("datetime", "")):
            yield date
            break


def _url_dates(url: str) -> Iterable[datetime]:
    for m in _URL_DATE.finditer(url):
        if date := _make(m.group("y"), m.group("m"), m.group("d")):
            yield date


def _text_dates(lines: list[str], title: str | None) -> Iterable[datetime]:
    """Dates of the text, most telling first: near the headline (labelled, then any), then
    labelled anywhere, then dates with a time of day, then any date, in page order."""
    key = line_key(title) if title else ""
    starts = [i for i, line in enumerate(lines) if key and line_key(line) == key][:5] or [0]
    for start in starts:
        window = lines[max(0, start - _BEFORE_TITLE) : start + _NEAR_TITLE]
        yield from _labelled(window)
        for line in lines[start : start + _NEAR_TITLE]:
            if date := _date_in(line):
                yield date
    yield from _labelled(lines)
    for line in lines:
        if (date := _date_in(line)) and (date.hour or date.minute):
            yield date
    for line in lines:
        if date := _date_in(line):
            yield date


def _labelled(lines: list[str]) -> Iterable[datetime]:
    for line in lines:
        for label in _LABEL.finditer(line):
            window = line[label.end() : label.end() + _LABEL_REACH]
            if date := _date_in(window):
                yield date


def _date_in(text: str) -> datetime | None:
    """The first date written in `text` (any supported format), or None."""
    best: tuple[int, datetime] | None = None
    for pattern in (_NUMERIC, _CJK):
        m = pattern.search(text)
        if m and (best is None or m.start() < best[0]) and (date := _from_match(m)):
            best = (m.start(), date)
    if best is None and (m := _CJK_NUMERALS.search(text)):
        y = "".join(str(_CJK_DIGITS[c]) for c in m.group("y"))
        if date := _make(y, _cjk_number(m.group("m")), _cjk_number(m.group("d"))):
            best = (m.start(), date)
    if best is None and (m := _US_NUMERIC.search(text)):
        # month first, as in the US (the only common order with the year last and "/")
        hour = int(m.group("H") or 0) % 12 if m.group("ampm") else int(m.group("H") or 0)
        if (m.group("ampm") or "").lower() == "pm":
            hour += 12
        if date := _make(m.group("y"), m.group("m"), m.group("d"), str(hour), m.group("M")):
            best = (m.start(), date)
    if best is None and (m := _ENGLISH.search(text)):
        mon = (m.group("mon") or m.group("mon2") or "").lower().rstrip(".")
        day = m.group("d") or m.group("d2")
        year = m.group("y") or m.group("y2")
        hh, mm = _clock_after(text[m.end() : m.end() + 20]) if m.group("y") else (None, None)
        if m.group("H") is not None:
            hh, mm = _hour(m.group("H"), m.group("ampm")), m.group("M")
        month = str(_MONTHS.get(mon, _MONTHS.get(mon[:3], 0)))
        if date := _make(year, month, day, hh, mm):
            best = (m.start(), date)
    return best[1] if best else None


def _hour(hour: str, ampm: str | None) -> str:
    h = int(hour)
    marker = (ampm or "").lower().replace(".", "")
    if marker == "pm" and h < 12:
        h += 12
    elif marker == "am" and h == 12:
        h = 0
    return str(h)


def _clock_after(text: str) -> tuple[str | None, str | None]:
    """A time of day right after an English date ("May 27, 2024 9:58 PM")."""
    m = _ENGLISH_CLOCK.match(text)
    if m and m.group("H") is not None:
        return _hour(m.group("H"), m.group("ampm")), m.group("M")
    return None, None


def _refine_time(date: datetime, lines: list[str], title: str | None) -> datetime:
    """A date without a time of day, given its time when a line near the headline shows that
    day with a clock time (e.g. a URL date, and "2024 07/05 10:21:36" in the page header)."""
    if date.hour or date.minute or date.second:
        return date
    key = line_key(title) if title else ""
    starts = [i for i, line in enumerate(lines) if key and line_key(line) == key][:1] or [0]
    start = starts[0]
    day_forms = (
        f"{date.month:02d}/{date.day:02d}",
        f"{date.month:02d}-{date.day:02d}",
        f"{date.month}月{date.day}日",
        f"{date.month:02d}月{date.day:02d}日",
        f"{date.year}-{date.month:02d}-{date.day:02d}",
        f"{date.year}/{date.month:02d}/{date.day:02d}",
    )
    for line in lines[max(0, start - _BEFORE_TITLE) : start + _NEAR_TITLE]:
        compact = line.replace(" ", "")
        if not any(form in compact for form in day_forms):
            continue
        found = _date_in(line)
        if found is not None and found.date() == date.date() and (found.hour or found.minute):
            return found
        if m := _BARE_CLOCK.search(line):
            refined = _make(
                str(date.year),
                str(date.month),
                str(date.day),
                m.group("H"),
                m.group("M"),
                m.group("S"),
            )
            if refined is not None:
                return refined.replace(tzinfo=date.tzinfo)
    return date


def _cjk_number(text: str) -> str:
    if text == "十":
        return "10"
    if "十" in text:
        tens, _, ones = text.partition("十")
        return str(10 * (_CJK_DIGITS.get(tens, 1) if tens else 1) + _CJK_DIGITS.get(ones, 0))
    return str(_CJK_DIGITS.get(text, 0))


def _from_match(m: re.Match[str]) -> datetime | None:
    return _make(m.group("y"), m.group("m"), m.group("d"), m.group("H"), m.group("M"), m.group("S"))


def _make(
    y: str, m: str, d: str, hh: str | None = None, mm: str | None = None, ss: str | None = None
) -> datetime | None:
    try:
        return datetime(int(y), int(m), int(d), int(hh or 0), int(mm or 0), int(ss or 0))
    except ValueError:
        return None


def _zone(name: str | None, offset: int | None) -> tzinfo | None:
    """Time zones for dateutil: stated offsets and UTC; other names are left naive (a callable
    keeps dateutil from warning about names it cannot place, without touching global state)."""
    if offset is not None:
        return timezone(timedelta(seconds=offset))
    if name and name.upper() in ("UTC", "GMT", "Z", "UT"):
        return UTC
    return None


def parse_date(value: str) -> datetime | None:
    """A date from a meta tag or JSON-LD value: ISO 8601, Chinese or numeric, or free text."""
    value = value.strip()
    if not value:
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        pass
    if re.search(r"(?<!\d)(?:19|20)\d\d(?!\d)", value) and not HAN.search(value):
        # RFC 2822 and other English forms; dateutil fills missing parts from today, so it
        # only sees strings that hold a year
        try:
            return dateutil_parser.parse(value, fuzzy=False, tzinfos=_zone)
        except (ValueError, OverflowError, TypeError):
            pass
    return _date_in(value)
