"""Indicators: the observations of each beat metric, built from claims.

    infos = {d.id: DocumentInfo.of(d, beat.source(d.source_id)) for d in documents}
    observations = build_observations(claims, infos, beat.metrics)
    indicator = build_indicator(metric, observations, infos)   # or build_indicators(...)

Rules:

- One observation per claim with a beat metric id and a quantity that fits the metric's unit
  (`units.normalize`): quantities with an explicit unit win over bare numbers, increments
  ("rose by 500", change "up"/"down") are not levels and are skipped unless they state the
  level reached ("rose by 500 to 4,500"); a range is kept as its midpoint with change "~"
  when it is narrow (high/low <= `max_range_ratio`), else skipped (too vague to chart).
- A target sentence with several deadlines ("70% by 2027 and 90% by 2030", "到2027年超70%，
  到2030年超90%") gives one target per deadline, each quantity paired with its own year.
- Targets are kept apart from actuals: `is_target` when `claim.kind == "target"` or the claim
  (or the quantity's paired year) has a deadline. A target's `date` is its deadline year.
- An actual's `date` is `claim.time.as_of`, else the end year of `claim.time.period`
  ("2019-2024" -> "2024"), else the document's publication date (`date_basis` says which).
- `definition` is set when the wording signals a different definition from the metric's
  canonical name (`metric_definition`); `definition_key` says which definitions match.
  A figure for another place than the beat's `scope` (the claim's subject is Guangdong,
  Beijing or the US where the beat follows China; see `PlaceScope`) is a definition of its
  own, "place: Guangdong", as is an unnamed region ("全省", "the city": qualifier "regional").
- Claims without a beat metric: `build_free_observations` keys them by subject and what is
  measured (`free_metric_key`: "text:deepseek:cost"), for corroboration only.
- `build_indicator(metric, observations, documents)` marks values dated only by their
  publication (`Indicator.loose`): charts keep them off the line.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from typing import Literal

from ..records import (
    Beat,
    Claim,
    Document,
    Metric,
    MetricTarget,
    Observation,
    Quantity,
    Source,
)
from ..understand.quantities import extract_times
from .units import FixedRates, NormalizedValue, normalize, normalize_free

__all__ = [
    "DocumentInfo",
    "Indicator",
    "ObserveOptions",
    "PlaceScope",
    "build_free_observations",
    "build_indicator",
    "build_indicators",
    "build_observations",
    "date_basis",
    "definition_key",
    "free_metric_key",
    "metric_definition",
    "period_end",
    "publication_dated",
    "qualifiers",
]

log = logging.getLogger(__name__)

DateBasis = Literal["deadline", "as_of", "period", "published"]


@dataclass(frozen=True, slots=True)
class DocumentInfo:
    """What the connect stage needs to know about a claim's document."""

    document_id: str
    source_id: str | None = None
    published: datetime | None = None
    syndicated_from: str | None = None  # the original's document id, for a wire copy
    publisher: str | None = None  # the outlet's display name ("Xinhua", "China Daily")

    @classmethod
    def of(cls, document: Document, source: Source | None = None) -> DocumentInfo:
        """From a stored document; exact and near duplicates count as copies too."""
        original = document.syndicated_from or document.duplicate_of
        return cls(
            document_id=document.id,
            source_id=document.source_id,
            published=document.published,
            syndicated_from=original or document.near_duplicate_of,
            publisher=source.name if source else document.source_id,
        )


@dataclass(frozen=True, slots=True)
class PlaceScope:
    """The place a beat's metrics describe (`Beat.scope`) and the names of the places it
    knows: a claim about another place gives that place's figure, not the beat's."""

    home: str | None = None
    places: Mapping[str, str] = field(default_factory=dict)  # place entity id -> name

    @classmethod
    def of(cls, beat: Beat) -> PlaceScope:
        return cls(beat.scope, {e.id: e.name for e in beat.entities if e.type == "place"})

    def place_of(self, claim: Claim) -> str | None:
        """The name of the place the claim's figure is for, when it is not the home place."""
        if self.home is None or claim.subject is None or claim.subject == self.home:
            return None
        return self.places.get(claim.subject)


_PLACE = "place: "


def with_place(place: str | None, definition: str | None) -> str | None:
    """The definition of a figure for `place`: "place: Guangdong" (+ "; " + the wording)."""
    if place is None:
        return definition
    return _PLACE + place + (f"; {definition}" if definition else "")


@dataclass(frozen=True, slots=True)
class ObserveOptions:
    rates: FixedRates | None = None  # currency conversion; None: never convert
    max_range_ratio: float = 2.0  # wider ranges ("1,400 to 5,000") are not observations


@dataclass(frozen=True, slots=True)
class Indicator:
    """A metric series: actual observations oldest first, targets by deadline."""

    metric: Metric
    observations: tuple[Observation, ...]
    targets: tuple[Observation, ...]
    latest: Observation | None
    official_targets: tuple[MetricTarget, ...] = ()
    definitions: tuple[str, ...] = ()  # wordings other than the metric's own, as first seen
    definitions_differ: bool = False  # observations use more than one definition
    units: tuple[str, ...] = ()  # units of the observations (several only for "currency")
    loose: frozenset[str] = frozenset()  # claim ids dated only by their document's publication


# ----------------------------------------------------------------------------- observations
def build_observations(
    claims: Iterable[Claim],
    documents: Mapping[str, DocumentInfo],
    metrics: Sequence[Metric],
    options: ObserveOptions | None = None,
    scope: PlaceScope | None = None,
) -> list[Observation]:
    """Observations of beat metrics from `claims` (claims without a metric id are skipped:
    see `build_free_observations`). A claim whose document is not in `documents` still
    counts, without source or publication date. With `scope`, a figure for another place
    gets that place in its definition."""
    opts = options or ObserveOptions()
    by_id = {m.id: m for m in metrics}
    out: list[Observation] = []
    for claim in claims:
        if claim.metric is None:
            continue
        metric = by_id.get(claim.metric)
        if metric is None:
            log.debug("claim %s names unknown metric %s", claim.id, claim.metric)
            continue
        doc = documents.get(claim.document_id)
        values = [(q, normalize(q, metric.unit, opts.rates)) for q in claim.quantities]
        fitting = [(q, nv) for q, nv in values if nv is not None]
        if not fitting:
            continue
        definition = metric_definition(claim, metric, fitting[0][0])
        if scope is not None:
            definition = with_place(scope.place_of(claim), definition)
        for quantity, level, deadline in _levels(claim, fitting, opts):
            out.append(_observation(claim, doc, metric.id, quantity, level, deadline, definition))
    return out


def build_free_observations(
    claims: Iterable[Claim],
    documents: Mapping[str, DocumentInfo],
    options: ObserveOptions | None = None,
) -> list[Observation]:
    """Observations for claims with no beat metric, keyed by `free_metric_key` (the subject
    entity and what is measured), so corroboration can compare e.g. two outlets' figures for
    DeepSeek's training cost. Claims without a subject or without words for what is measured
    are skipped: "$5 billion" about a company alone would lump revenue and fines together."""
    opts = options or ObserveOptions()
    out: list[Observation] = []
    for claim in claims:
        if claim.metric is not None or not claim.subject:
            continue
        values = [(q, normalize_free(q, opts.rates)) for q in claim.quantities]
        fitting = [(q, nv) for q, nv in values if nv is not None]
        doc = documents.get(claim.document_id)
        for quantity, level, deadline in _levels(claim, fitting, opts):
            key = free_metric_key(claim, quantity)
            if key is not None:
                out.append(_observation(claim, doc, key, quantity, level, deadline, None))
    return out


# what a money figure measures, from the words of its clause (nearest to the number wins)
_MEASURES = {
    "cost": r"costs?|spent|spend(?:ing)?|expenditure|成本|花费|开支|投入|耗资",
    "revenue": r"revenues?|sales|营收|收入|销售额",
    "market value": r"market (?:value|cap\w*)|市值",
    "investment": r"invest\w*|capex|capital expenditure|投资|资本开支",
    "funding": r"raised|funding|financing|融资",
    "valuation": r"valuation|valued at|估值",
    "profit": r"profits?|net income|利润|净利",
    "loss": r"loss(?:es)?|lost|亏损",
    "charge": r"charges?|write-?downs?|计提|费用",
    "fine": r"fined?|罚款",
}
_MEASURE_RES = {name: re.compile(rf"(?<![a-z])(?:{rx})(?![a-z])") for name, rx in _MEASURES.items()}
_UNIT_ONLY = re.compile(r"^(?:us |hong kong |)?(?:dollars?|yuan|rmb|usd|cny|euros?|%|percent)$")


def free_metric_key(claim: Claim, quantity: Quantity | None = None) -> str | None:
    """`text:<subject id>:<what is measured>`, or None. What is measured is the claim's
    `metric_text` (lower-cased, articles dropped) unless that is only a unit ("dollar", "家"),
    else, for money, a measure word of the quantity's clause ("cost", "revenue", "market
    value" …)."""
    if not claim.subject:
        return None
    text = re.sub(r"[\s\W_]+", " ", (claim.metric_text or "").casefold()).strip()
    text = re.sub(r"^(?:the|its|their|a|an)\s+", "", text)
    units = {re.sub(r"[\s\W_]+", " ", q.unit.casefold()).strip() for q in claim.quantities}
    if text and text not in units and not _UNIT_ONLY.match(text) and len(text) > 1:
        return f"text:{claim.subject}:{text}"
    if quantity is None or quantity.kind != "money":
        return None
    measure = _measure(claim, quantity)
    return f"text:{claim.subject}:{measure}" if measure else None


def _measure(claim: Claim, quantity: Quantity) -> str | None:
    before, after = (w.casefold() for w in _windows(claim, quantity))
    hits: list[tuple[int, str]] = []
    for name, rx in _MEASURE_RES.items():
        hits += [(len(before) - m.end(), name) for m in rx.finditer(before)]
        hits += [(m.start(), name) for m in rx.finditer(after)]
    return min(hits)[1] if hits else None


def date_basis(claim: Claim, deadline: int | None = None) -> DateBasis:
    """Where an observation's date comes from (see the module doc); "published" also when
    the document's date is unknown (the date is then None)."""
    if deadline is not None or claim.time.deadline is not None:
        return "deadline"
    if claim.time.as_of:
        return "as_of"
    if _period_year(claim.time.period):
        return "period"
    return "published"


def _observation(
    claim: Claim,
    doc: DocumentInfo | None,
    metric_id: str,
    quantity: Quantity,
    level: NormalizedValue,
    deadline: int | None,
    definition: str | None,
) -> Observation:
    if deadline is None:
        deadline = claim.time.deadline
    is_target = claim.kind == "target" or deadline is not None
    basis = date_basis(claim, deadline)
    when: str | None
    if basis == "deadline":
        when = str(deadline)
    elif basis == "as_of":
        when = claim.time.as_of
    elif basis == "period":
        when = _period_year(claim.time.period)
    else:
        when = doc.published.date().isoformat() if doc and doc.published else None
    attributed = claim.attribution.name or ((doc.publisher or doc.source_id or "") if doc else "")
    return Observation(
        metric=metric_id,
        value=level.value,
        unit=level.unit,
        claim_id=claim.id,
        document_id=claim.document_id,
        source_id=doc.source_id if doc else None,
        attributed_to=attributed,
        date=when,
        is_target=is_target,
        deadline=deadline,
        change=level.change,
        definition=definition,
    )


def _levels(
    claim: Claim, fitting: list[tuple[Quantity, NormalizedValue]], opts: ObserveOptions
) -> list[tuple[Quantity, NormalizedValue, int | None]]:
    """The level values of a claim, each with its deadline (None for actuals)."""
    levels = [(q, lv) for q, nv in fitting if (lv := _as_level(nv, opts)) is not None]
    if any(q.unit for q, _ in levels):
        levels = [(q, lv) for q, lv in levels if q.unit]
    if not levels:
        return []
    if claim.kind == "target" or claim.time.deadline is not None:
        paired = _pair_deadlines(claim, [q for q, _ in levels])
        if paired:
            return [(q, lv, paired[i]) for i, (q, lv) in enumerate(levels)]
        quantity, level = levels[0]
        return [(quantity, level, claim.time.deadline)]
    quantity, level = levels[0]
    return [(quantity, level, None)]


def _as_level(nv: NormalizedValue, opts: ObserveOptions) -> NormalizedValue | None:
    """The level a quantity states, as a point with a change, or None."""
    ranged = nv.low is not None and nv.high is not None
    if nv.change in ("up", "down"):
        if ranged and nv.high is not None:  # "rose by 500 to 4,500": low 500, high 4,500
            return NormalizedValue(nv.high, nv.unit, nv.comparable_key)
        return None
    if not ranged or nv.low is None or nv.high is None:
        return nv
    if nv.value != nv.low:  # a movement ("from 1,400 to more than 5,000"): value is reached
        return NormalizedValue(nv.value, nv.unit, nv.comparable_key, nv.change)
    lo, hi = sorted((nv.low, nv.high))
    if lo <= 0 or hi / lo > opts.max_range_ratio:
        return None
    return NormalizedValue((lo + hi) / 2, nv.unit, nv.comparable_key, "~", lo, hi)


def _pair_deadlines(claim: Claim, quantities: list[Quantity]) -> list[int] | None:
    """Each quantity's own deadline year when the sentence states one per quantity."""
    if len(quantities) < 2:
        return None
    times = [t for t in extract_times(claim.sentence) if t.deadline and t.year]
    if len(times) < 2:
        return None
    spans = [(q.start - claim.start, q.end - claim.start) for q in quantities]
    deadline_first = times[0].start < spans[0][0]
    out: list[int] = []
    for start, end in spans:
        if deadline_first:
            before = [t for t in times if t.end <= start]
            pick = before[-1] if before else times[0]
        else:
            after = [t for t in times if t.start >= end]
            pick = after[0] if after else times[-1]
        out.append(pick.year or 0)
    return out


def _period_year(period: str | None) -> str | None:
    if not period:
        return None
    match = re.fullmatch(r"\s*(\d{4})(?:\s*[-–—~至到]\s*(\d{4}))?\s*年?\s*", period)
    if not match:
        return None
    return match.group(2) or match.group(1)


# ------------------------------------------------------------------------------- definitions
# qualifier concept -> (English pattern, Chinese substrings): words that narrow or widen what is
# counted. "intelligent" alone is not one (the adoption metric's own wording is "intelligent
# terminals"); "intelligent computing" is.
_QUALIFIERS: dict[str, tuple[str, tuple[str, ...]]] = {
    "core": (r"core", ("核心",)),
    "intelligent computing": (r"(?:intelligent|smart|ai) comput\w*", ("智能算力", "智算")),
    "listed": (r"listed", ("上市",)),
    "generative": (r"generative|genai", ("生成式",)),
    "related": (r"related", ("相关",)),
    "above designated size": (r"above designated size", ("规模以上",)),
    "leading": (r"leading|key", ("重点", "龙头")),
    "unicorn": (r"unicorns?", ("独角兽",)),
    "specialised": (r"speciali[sz]ed", ("专精特新",)),
    "high-tech": (r"high-tech|high tech", ("高新技术",)),
    "state-owned": (r"state-owned", ("国有",)),
    "private": (r"private", ("民营",)),
    "cumulative": (
        r"cumulative|in total since|taken together|combined|altogether|add(?:s|ed)? up to",
        ("累计", "合计", "总计", "加起来"),
    ),
    # scope: a world figure is not a Chinese one, a part (a shareholder's stake) not the whole
    "global": (r"global(?:ly)?|worldwide|world's|around the world", ("全球", "世界范围")),
    "share of": (r"contribut\w*|stake|subscribed", ("出资", "认缴", "持股")),
    "new": (r"newly|new(?= (?:ai )?(?:companies|firms|enterprises))", ("新增",)),
    "notable": (r"notable", ("知名", "重要")),
    # a share of people is not a share of firms or devices ("36.5% of the population")
    "of the population": (
        r"of (?:the|its|china's) population|of (?:all )?(?:internet|online) users|of netizens",
        ("网民", "人口"),
    ),
    # a region that is not named: its figure is not the country's
    "regional": (
        r"the (?:province|city|municipality|region)(?:'s)?|provincial|municipal",
        ("全省", "全市", "本省", "本市", "该省", "该市", "全区", "省内", "市内"),
    ),
}
_QUALIFIER_RES = {
    concept: re.compile(rf"(?<![a-z])(?:{pattern})(?![a-z])")
    for concept, (pattern, _) in _QUALIFIERS.items()
}
_ANY_QUALIFIER = re.compile(
    "|".join(rf"(?<![a-z])(?:{pattern})(?![a-z])" for pattern, _ in _QUALIFIERS.values())
)
_ZH_QUALIFIER_WORDS = tuple(w for _, words in _QUALIFIERS.values() for w in words)
_CJK = re.compile(r"[\u3400-\u9fff]")
_ZH_VERB_TAIL = re.compile(
    r"(?:已经|已|达到|达|为|超过|超|约|近|接近|突破|共有|共|有|是|增至|升至)+$"
)
_WINDOW_STOP = re.compile(r"[,.;:!?，。；：！？、()（）]")


def metric_definition(claim: Claim, metric: Metric, quantity: Quantity | None = None) -> str | None:
    """The claim's wording when it signals a definition other than the metric's own, else None.

    The wording is `claim.metric_text`, the longest metric alias found in the sentence, the
    quantity's unit phrase ("4,500 core AI enterprises") and the words of its clause right
    before and after it ("智能算力规模达到70EFLOPS", "4500家核心企业"). It differs when it
    holds a qualifier ("core"/"核心", "intelligent computing"/"智能算力", "listed"/"上市",
    "generative"/"生成式", "related"/"相关" …: `qualifiers`) that the metric's canonical name
    (in the same script) lacks, or when the canonical name has one that the whole sentence
    lacks ("人工智能产业规模" for "人工智能核心产业规模"). Aliases are not exempt: "core AI
    enterprises" is listed as a way articles name the AI company count, and it is a narrower
    count."""
    alias = _longest_alias(claim.sentence, metric)
    pieces = [p for p in (claim.metric_text, alias) if p]
    if quantity is not None:
        pieces.append(re.sub(r"^[\d.,\s]+", "", quantity.text))
        pieces.extend(_windows(claim, quantity))
    differing: list[str] = []
    seen: set[str] = set()
    for piece in pieces:  # every qualifier counts: "global" in one clause, "generative" in another
        extra = set(qualifiers(piece)) - set(qualifiers(_canonical_name(metric, piece)))
        if extra - seen:
            differing.append(piece.strip())
            seen |= extra
    if differing:
        return "; ".join(differing)
    canonical = _canonical_name(metric, claim.sentence)
    if set(qualifiers(canonical)) - set(qualifiers(claim.sentence)):
        return (claim.metric_text or alias or "").strip() or None
    return None


@lru_cache(maxsize=8192)
def qualifiers(text: str) -> tuple[str, ...]:
    """The qualifier concepts a wording holds, sorted: "人工智能核心企业" -> ("core",)."""
    zh = text.replace("人工智能", "")  # 人工智能 (AI) holds 智能 (intelligent)
    low = text.casefold()
    if not _ANY_QUALIFIER.search(low) and not any(w in zh for w in _ZH_QUALIFIER_WORDS):
        return ()
    found = {
        concept
        for concept, (_, words) in _QUALIFIERS.items()
        if any(w in zh for w in words) or _QUALIFIER_RES[concept].search(low)
    }
    return tuple(sorted(found))


def definition_key(definition: str | None) -> str:
    """What observations must share to be compared: "" for the metric's own definition, the
    qualifier concepts ("core"), or the wording itself when it has none (a missing qualifier:
    "人工智能产业规模"). So "core AI enterprises" and "人工智能核心企业" match."""
    if not definition:
        return ""
    if definition.startswith(_PLACE):
        place, _, wording = definition[len(_PLACE) :].partition("; ")
        rest = definition_key(wording) if wording else ""
        return f"place:{place.casefold()}" + (f"+{rest}" if rest else "")
    found = qualifiers(definition)
    if found:
        return "+".join(found)
    return "wording:" + re.sub(r"[\W_]+", " ", definition.casefold()).strip()


def _canonical_name(metric: Metric, text: str) -> str:
    return (metric.name_zh or "") if _CJK.search(text) else metric.name


def _longest_alias(sentence: str, metric: Metric) -> str | None:
    low = sentence.casefold()
    names = (metric.name, metric.name_zh or "", *metric.aliases)
    hits = [n for n in names if n and n.casefold() in low]
    return max(hits, key=len) if hits else None


def _windows(claim: Claim, quantity: Quantity) -> tuple[str, str]:
    """The words of the quantity's clause just before it and just after it."""
    start = max(0, quantity.start - claim.start)
    end = max(start, quantity.end - claim.start)
    before = _WINDOW_STOP.split(claim.sentence[:start])[-1]
    after = _WINDOW_STOP.split(claim.sentence[end:], maxsplit=1)[0]
    if _CJK.search(before + after):
        before = _ZH_VERB_TAIL.sub("", before.strip())
        return before[-16:], after.strip()[:8]
    return " ".join(before.split()[-6:]), " ".join(after.split()[:3])


# -------------------------------------------------------------------------------- indicators
def period_end(when: str | None) -> date:
    """The last day an ISO date, year-month or year describes ("2024" -> 2024-12-31);
    date.min for None or an unreadable value, so those sort first."""
    if not when:
        return date.min
    match = re.match(r"(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?", when)
    if not match:
        return date.min
    year = int(match.group(1))
    month = int(match.group(2) or 12)
    if match.group(3):
        return date(year, month, int(match.group(3)))
    following = date(year + (month == 12), month % 12 + 1, 1)
    return date.fromordinal(following.toordinal() - 1)


def publication_dated(observation: Observation, documents: Mapping[str, DocumentInfo]) -> bool:
    """Whether the observation's date is its document's publication day (no date in the text):
    such a date says when the figure was reported, not which period it describes."""
    doc = documents.get(observation.document_id)
    if doc is None or doc.published is None or observation.is_target:
        return False
    return observation.date == doc.published.date().isoformat()


def build_indicator(
    metric: Metric,
    observations: Iterable[Observation],
    documents: Mapping[str, DocumentInfo] | None = None,
) -> Indicator:
    """The series of `metric` from its observations (others are ignored). With `documents`,
    observations dated only by their publication are marked (`Indicator.loose`)."""
    mine = [o for o in observations if o.metric == metric.id]
    loose = frozenset(o.claim_id for o in mine if documents and publication_dated(o, documents))
    actuals = sorted((o for o in mine if not o.is_target), key=lambda o: period_end(o.date))
    targets = sorted(
        (o for o in mine if o.is_target), key=lambda o: (o.deadline or 0, period_end(o.date))
    )
    dated = [o for o in actuals if o.date]
    latest = None
    if dated:
        last = period_end(dated[-1].date)
        same = [o for o in dated if period_end(o.date) == last]
        latest = next((o for o in same if o.definition is None), same[0])
    definitions = tuple(dict.fromkeys(o.definition for o in mine if o.definition))
    kinds = {definition_key(o.definition) for o in mine}
    return Indicator(
        metric=metric,
        observations=tuple(actuals),
        targets=tuple(targets),
        latest=latest,
        official_targets=metric.targets,
        definitions=definitions,
        definitions_differ=len(kinds) > 1,
        units=tuple(dict.fromkeys(o.unit for o in mine)),
        loose=loose,
    )


def build_indicators(
    metrics: Sequence[Metric],
    observations: Sequence[Observation],
    documents: Mapping[str, DocumentInfo] | None = None,
    *,
    empty: bool = False,
) -> list[Indicator]:
    """One indicator per metric with observations (every metric when `empty`)."""
    out = [build_indicator(m, observations, documents) for m in metrics]
    return [i for i in out if empty or i.observations or i.targets]
