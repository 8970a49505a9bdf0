"""Which of the beat's metrics a quantity measures: aliases near it, and its unit.

A metric is found for a quantity when one of its aliases (name, Chinese name, `aliases`; en
case-insensitive on word boundaries, tolerant of "(AI)" inserts, quotes and hyphens; zh as
substrings) occurs in the same sentence and the quantity's kind fits the metric's unit:

    percent              -> a percentage          ("70 percent", "70%", "百分之七十")
    yuan, USD, currency  -> money                 ("600 billion yuan", "$53 billion", "6000亿元")
    EFLOPS (a unit name) -> that unit, or a bare number
    companies, people …  -> a count or bare number ("4,500 AI enterprises", "2.49亿人", "830万")

The nearest fitting alias wins (gap in characters, either side; an alias that overlaps the
quantity's own unit is nearest of all). A distinctive metric unit found on the quantity itself
("246 EFLOPS", "8.1 million standard racks") also names the metric when no alias fits. An alias
further than `max_gap` characters away (120 en, 40 zh) is ignored.

A metric's `excludes` are phrases that contain or adjoin an alias but name another measure
("intelligent computing power", 智能算力 for total computing power). `find` reports each
such phrase as an *excluded* hit of the metric, in place of the metric's alias hits inside or
touching it; a quantity whose governing mention of a metric (the nearest before it, else the
nearest after it) is excluded is not assigned to it, by alias or by unit. The hit still tells the
claims stage that the sentence names a measure of its own (so it does not borrow the
previous sentence's metric).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..records import Metric, Quantity

__all__ = ["AliasHit", "MetricMatcher"]

_GENERIC_UNITS = {
    "percent", "yuan", "usd", "currency", "people", "companies", "services", "models",
    "patents", "units", "",
}  # fmt: skip
_MONEY_UNITS = {"yuan", "usd", "currency", "cny", "eur", "dollars"}


@dataclass(frozen=True, slots=True)
class AliasHit:
    metric_id: str
    start: int
    end: int
    text: str
    excluded: bool = False  # inside or touching one of the metric's `excludes`


_CJK = re.compile(r"[\u3400-\u9fff]")


def _is_cjk(text: str) -> bool:
    return _CJK.search(text) is not None


def _alias_pattern(alias: str) -> str:
    """An English alias as a tolerant regex: words may be joined by spaces or hyphens, wrapped
    in quotes, and followed by a parenthesised acronym ("artificial intelligence (AI) firms")."""
    words = [re.escape(w) for w in re.split(r"[\s-]+", alias.strip()) if w]
    joiner = r"[\"“”'‘’]?(?:[\s-]+|\s*\([A-Za-z]{1,6}\)\s*)[\"“”'‘’]?"
    body = joiner.join(words)
    last = words[-1] if words else ""
    if re.fullmatch(r"[a-z]+", alias.split()[-1]) and not last.endswith("s"):
        body += r"(?:s|es)?"  # "AI company" also finds "AI companies"
    return body


def _en_matcher(alias: str) -> tuple[str, re.Pattern[str]]:
    """(the alias's first word, lower-cased: a text without it cannot match; its regex)."""
    first = re.split(r"[\s-]+", alias.lower())[0]
    return first, re.compile(r"(?<![A-Za-z0-9])" + _alias_pattern(alias) + r"(?![A-Za-z0-9])", re.I)


def _gap(hit: AliasHit, q: Quantity) -> int:
    """Characters between an alias and a quantity; -1 when the alias is part of the quantity
    ("1,400 AI companies")."""
    if hit.end <= q.start:
        return q.start - hit.end
    if hit.start >= q.end:
        return hit.start - q.end
    return -1


def _blocked(metric_id: str, q: Quantity, hits: list[AliasHit], limit: int) -> bool:
    """Whether the mention of `metric_id` that governs `q` is an excluded phrase: the nearest
    of its hits before `q` (names precede their figures: "intelligent computing power reached
    70 EFLOPS"), or the nearest after it when none precede."""
    mine = [(gap, h) for h in hits if h.metric_id == metric_id and (gap := _gap(h, q)) <= limit]
    if not any(h.excluded for _, h in mine):
        return False
    before = [(gap, h) for gap, h in mine if gap == -1 or h.end <= q.start]
    return min(before or mine, key=lambda x: x[0])[1].excluded


class MetricMatcher:
    """Finds metric aliases in sentences and assigns quantities to metrics. Build once."""

    def __init__(self, metrics: tuple[Metric, ...] | list[Metric]) -> None:
        self.metrics = {m.id: m for m in metrics}
        en: list[tuple[str, str]] = []
        self._zh: dict[str, str] = {}
        for metric in metrics:
            for alias in (metric.name, metric.name_zh or "", *metric.aliases):
                alias = alias.strip()
                if len(alias) < 2:
                    continue
                if _is_cjk(alias):
                    self._zh.setdefault(alias, metric.id)
                else:
                    en.append((alias, metric.id))
        en.sort(key=lambda a: -len(a[0]))
        # one regex per alias, tried only when the alias's first word occurs in the text
        # (a single alternation of every alias is several times slower on each sentence)
        self._en: list[tuple[str, re.Pattern[str], str]] = [
            (*_en_matcher(alias), metric_id) for alias, metric_id in en
        ]
        # per metric: (a word the text must hold, pattern) of each excluded phrase
        self._excludes: dict[str, list[tuple[str, re.Pattern[str]]]] = {}
        for metric in metrics:
            patterns = [
                (x, re.compile(re.escape(x))) if _is_cjk(x) else _en_matcher(x)
                for x in (x.strip() for x in metric.excludes)
                if x
            ]
            if patterns:
                self._excludes[metric.id] = patterns
        zh_aliases = sorted(self._zh, key=len, reverse=True)
        self._zh_re = re.compile("|".join(re.escape(a) for a in zh_aliases)) if zh_aliases else None
        self._by_unit = {
            m.unit.lower(): m.id for m in metrics if m.unit.lower() not in _GENERIC_UNITS
        }

    def find(self, text: str, offset: int = 0) -> list[AliasHit]:
        """Alias hits in `text` (offsets + `offset`), longest first where they overlap."""
        hits: list[AliasHit] = []
        if self._en and re.search(r"[A-Za-z]", text):
            low = text.lower()
            taken: list[tuple[int, int]] = []
            for first, pattern, metric_id in self._en:  # longest aliases first
                if first not in low:
                    continue
                for m in pattern.finditer(text):
                    s, e = m.start(), m.end()
                    if any(a < e and s < b for a, b in taken):
                        continue
                    taken.append((s, e))
                    hits.append(AliasHit(metric_id, s + offset, e + offset, m.group()))
        if self._zh_re is not None and _is_cjk(text):
            for m in self._zh_re.finditer(text):
                hits.append(
                    AliasHit(self._zh[m.group()], m.start() + offset, m.end() + offset, m.group())
                )
        if self._excludes:
            hits = self._mark_excluded(text, offset, hits)
        hits.sort(key=lambda h: h.start)
        return hits

    def _mark_excluded(self, text: str, offset: int, hits: list[AliasHit]) -> list[AliasHit]:
        """Each excluded phrase in `text` as an excluded hit of its metric, in place of the
        metric's alias hits inside or touching it ("智能算力规模" holds 智能算力 and 算力规模)."""
        low = text.lower()
        found: list[AliasHit] = []
        for metric_id, patterns in self._excludes.items():
            for first, pattern in patterns:
                if first in low:
                    found.extend(
                        AliasHit(metric_id, m.start() + offset, m.end() + offset, m.group(), True)
                        for m in pattern.finditer(text)
                    )
        if not found:
            return hits
        kept = [
            h
            for h in hits
            if not any(
                x.metric_id == h.metric_id and x.start <= h.end and h.start <= x.end for x in found
            )
        ]
        return kept + found

    def fits(self, metric: Metric, q: Quantity) -> bool:
        """Can `q` be a value of `metric`, judging by kinds and units?"""
        unit = metric.unit.lower()
        if q.kind in ("multiplier", "rank", "duration"):
            return False
        if unit == "percent":
            return q.kind == "percent"
        if unit in _MONEY_UNITS:
            return q.kind == "money"
        if q.kind in ("percent", "money"):
            return False
        if q.kind == "measure":
            return bool(q.unit) and unit in q.unit.lower()
        if metric.unit.isalpha() and metric.unit.islower():  # companies, racks, people
            return True
        return q.kind == "number" and not q.unit  # a measure unit (EFLOPS) takes a bare number

    def assign(
        self, q: Quantity, hits: list[AliasHit], language: str = "en", max_gap: int | None = None
    ) -> tuple[Metric | None, AliasHit | None]:
        """The metric `q` measures (and the alias that says so), or (None, None)."""
        limit = max_gap if max_gap is not None else (40 if language == "zh" else 120)
        best: tuple[int, AliasHit] | None = None
        for hit in hits:
            gap = _gap(hit, q)
            if hit.excluded or gap > limit or not self.fits(self.metrics[hit.metric_id], q):
                continue
            if (best is None or gap < best[0]) and not _blocked(hit.metric_id, q, hits, limit):
                best = (gap, hit)
        if best is not None:
            return self.metrics[best[1].metric_id], best[1]
        qunit = q.unit.lower()
        for unit, metric_id in self._by_unit.items():
            if qunit and (unit == qunit or qunit.endswith(" " + unit) or unit in qunit):
                if _blocked(metric_id, q, hits, limit):
                    return None, None  # "智能算力规模达到70EFLOPS": not total computing power
                return self.metrics[metric_id], None
        return None, None
