"""Corroboration and contradiction between observations of the same metric and period.

    infos = {d.id: DocumentInfo.of(d, beat.source(d.source_id)) for d in documents}
    agreements = assess(observations, infos, AssessOptions(aliases=aliases_from_entities(
        beat.entities), labels=labels_for(beat.metrics, beat.entities)))

Rules:

- **Comparable**: same metric (a beat metric id, or the `text:<subject>:<wording>` key of
  `indicators.build_free_observations` for claims without one), same unit, same definition
  (`indicators.definition_key`: "core AI enterprises" is compared with "人工智能核心企业", never
  with plain "AI companies"; the indicator flags that definitions differ), and the same
  period. Actuals: the same year and month, a date naming only a year meaning its end ("2023"
  is compared with "2023-12", not with "2023-06": stocks such as company counts are reported
  as of year-end, and mid-year figures of growing series differ by design). A date taken from
  the publication date (the observation's date equals its document's publication day) is
  loose: it may corroborate anything in its year, but contradicts only another loose value
  published in the same month (articles often report last year's figure, so a loose value
  against a dated one, or against one published months later, proves nothing; two outlets
  giving different figures for DeepSeek's training cost in the same week do disagree).
  Targets are compared only with targets of the same deadline, never with actuals.
- **Compatible values**: each observation asserts an interval (`units.NormalizedValue`):
  a point for "=", a lower bound for ">" closed at +25% (`open_margin`), an upper bound for
  "<", a range. Two observations are compatible when the intervals overlap after widening
  by a tolerance: 5% relative for "=", 10% for "~" ("about", "近"); for percent metrics
  1 percentage point ("=") or 3 ("~") instead. So "more than 4,500" and "4,500+" corroborate,
  "more than 4,500" and "5,000" corroborate, "more than 5,000" and "4,500" contradict.
- **Clusters**: within a period, observations are grouped greedily (by ascending value) into
  clusters whose members are pairwise compatible. A cluster backed by two or more original
  publishers or two or more voices "corroborates"; two clusters with an incompatible pair
  "contradict" (unless every observation on both sides comes from one original document).
- **Independence**: a syndicated copy (`DocumentInfo.syndicated_from`, followed to the
  original) counts as its original: same publisher, same voice. A **voice** is who the
  number comes from: the cited source (`attributed_to`: "MIIT") when the text cites one other
  than the outlet itself, else the original publisher. Two outlets citing MIIT are two
  publishers but one voice. `Agreement.independent_sources` counts voices; `publishers`
  lists distinct original publishers. Names are compared case- and punctuation-blind, and
  through `AssessOptions.aliases` (e.g. `aliases_from_entities`: "工信部", "MIIT" and
  "Ministry of Industry and Information Technology" are one voice; an outlet entity maps to
  its source id, so "as Xinhua reported" in a copy is Xinhua's own voice).
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from ..records import Agreement, AgreementKind, Entity, Metric, Observation
from .indicators import DocumentInfo, definition_key, publication_dated
from .units import Interval, NormalizedValue, describe_value

__all__ = [
    "Agreement",
    "AssessOptions",
    "aliases_from_entities",
    "assess",
    "labels_for",
    "voice_key",
]

_MAX_HOPS = 10
_MIN_NAME = 4
_MAX_NAMES = 4  # outlets named in a summary before "and N other outlets"


@dataclass(frozen=True, slots=True)
class AssessOptions:
    tolerance: float = 0.05  # relative, for stated values ("=", ">", "<", ranges)
    approximate_tolerance: float = 0.10  # relative, for "~" ("about", "nearly")
    percent_points: float = 1.0  # absolute, for percent metrics
    approximate_percent_points: float = 3.0
    open_margin: float = 0.25  # "more than X" means [X, X * 1.25]
    aliases: Mapping[str, str] = field(default_factory=dict)  # voice_key(name) -> one key
    labels: Mapping[str, str] = field(default_factory=dict)  # metric/entity id -> display


@dataclass(slots=True)
class _Item:
    obs: Observation
    interval: Interval
    relative: float
    absolute: float
    year: int
    month: int  # 12 when only the year is known
    loose: bool  # dated by the document's publication, not by the text
    root: str
    copy: bool  # a syndicated copy of `root`
    publisher_key: str
    publisher: str
    voice_key: str
    voice: str
    cited: bool


def assess(
    observations: Iterable[Observation],
    documents: Mapping[str, DocumentInfo],
    options: AssessOptions | None = None,
) -> list[Agreement]:
    """Corroborations and contradictions among `observations` (see the module doc)."""
    opts = options or AssessOptions()
    buckets: dict[tuple[str, str, str, bool, int], list[_Item]] = defaultdict(list)
    for obs in observations:
        item = _item(obs, documents, opts)
        if item is not None:
            key = (obs.metric, obs.unit, definition_key(obs.definition), obs.is_target, item.year)
            buckets[key].append(item)
    out: list[Agreement] = []
    for (metric, _unit, _definition, is_target, year), items in sorted(buckets.items()):
        clusters = _clusters(items)
        for cluster in clusters:
            publishers = {i.publisher_key for i in cluster}
            voices = {i.voice_key for i in cluster}
            if len(publishers) >= 2 or len(voices) >= 2:
                out.append(_agreement("corroborates", [cluster], metric, is_target, year, opts))
        for a in range(len(clusters)):
            for b in range(a + 1, len(clusters)):
                left, right = clusters[a], clusters[b]
                if len({i.root for i in left + right}) < 2:
                    continue
                if _conflicting(left, right):
                    sides = [right, left]  # higher values first
                    out.append(_agreement("contradicts", sides, metric, is_target, year, opts))
    return out


def voice_key(name: str) -> str:
    """A name compared case- and punctuation-blind ("M.I.I.T." == "miit")."""
    return re.sub(r"[\W_]+", "", name.casefold())


def aliases_from_entities(entities: Iterable[Entity]) -> dict[str, str]:
    """Every name of every entity -> one key: the outlet's source id when the entity is an
    outlet with one (so "Xinhua" the cited name and xinhua the publisher are one voice), else
    the entity id."""
    out: dict[str, str] = {}
    for entity in entities:
        key = entity.source_id or entity.id
        for name in (*entity.names, entity.id):
            out.setdefault(voice_key(name), key)
    return out


def labels_for(metrics: Sequence[Metric], entities: Iterable[Entity] = ()) -> dict[str, str]:
    """Display words for summaries: metric id -> "number of AI companies", entity id ->
    "DeepSeek" (used for the subject of `text:` keys)."""
    out = {e.id: e.name for e in entities}
    for metric in metrics:
        words = metric.name.split() or [metric.id]
        first_is_acronym = len(words[0]) > 1 and words[0][1].isupper()
        proper = len(words) > 1 and words[1][0].isupper() and not words[1].isupper()
        if not first_is_acronym and not proper:  # "Big Fund size" stays
            words[0] = words[0].lower()
        out[metric.id] = " ".join(words)
    return out


# ------------------------------------------------------------------------------------ items
def _item(
    obs: Observation, documents: Mapping[str, DocumentInfo], opts: AssessOptions
) -> _Item | None:
    if obs.is_target:
        if obs.deadline is None:
            return None
        year, month, loose = obs.deadline, 12, False
    else:
        parsed = _year_month(obs.date)
        if parsed is None:
            return None
        year, month = parsed[0], parsed[1] or 12
        loose = publication_dated(obs, documents)
    root = _root(obs.document_id, documents)
    original = documents.get(root)
    copy_doc = documents.get(obs.document_id)
    if original is not None:
        publisher = original.publisher or original.source_id or root
        publisher_key = _canonical(original.source_id or original.publisher or "", opts)
    elif copy_doc is not None:  # the original is not among the documents given
        publisher = f"the original of a {copy_doc.publisher or copy_doc.source_id} copy"
        publisher_key = ""
    else:
        publisher = obs.source_id or obs.document_id
        publisher_key = _canonical(obs.source_id or "", opts)
    publisher_key = publisher_key or f"doc:{root}"
    own = {publisher_key}
    for info in (original, copy_doc):
        if info is not None:
            own.update(_canonical(n, opts) for n in (info.source_id, info.publisher) if n)
    cited_key = _canonical(obs.attributed_to, opts) if obs.attributed_to else ""
    cited = bool(cited_key) and not _is_own(cited_key, own)
    percent = obs.unit == "percent"
    approx = obs.change == "~"
    level = NormalizedValue(obs.value, obs.unit, "", obs.change)
    return _Item(
        obs=obs,
        interval=level.interval(opts.open_margin),
        relative=0.0 if percent else (opts.approximate_tolerance if approx else opts.tolerance),
        absolute=(opts.approximate_percent_points if approx else opts.percent_points)
        if percent
        else 0.0,
        year=year,
        month=month,
        loose=loose,
        root=root,
        copy=root != obs.document_id,
        publisher_key=publisher_key,
        publisher=publisher,
        voice_key=cited_key if cited else publisher_key,
        voice=opts.labels.get(cited_key, obs.attributed_to) if cited else publisher,
        cited=cited,
    )


def _is_own(key: str, own: set[str]) -> bool:
    """The outlet itself: "Xinhua News Agency" for Xinhua (a name holding the other, when the
    shorter has at least 4 characters)."""
    for name in own:
        short, long = sorted((key, name), key=len)
        if key == name or (len(short) >= _MIN_NAME and short in long):
            return True
    return False


def _canonical(name: str, opts: AssessOptions) -> str:
    key = voice_key(name)
    return opts.aliases.get(key, key)


def _root(document_id: str, documents: Mapping[str, DocumentInfo]) -> str:
    """The original of a syndicated copy (following copies of copies), else the document."""
    current = document_id
    for _ in range(_MAX_HOPS):
        info = documents.get(current)
        if info is None or not info.syndicated_from or info.syndicated_from == current:
            break
        current = info.syndicated_from
    return current


def _year_month(when: str | None) -> tuple[int, int | None] | None:
    match = re.match(r"(\d{4})(?:-(\d{1,2}))?", when or "")
    if not match:
        return None
    return int(match.group(1)), int(match.group(2)) if match.group(2) else None


# --------------------------------------------------------------------------------- matching
def _same_period(a: _Item, b: _Item) -> bool:
    return a.year == b.year and (a.loose or b.loose or a.month == b.month)


def _conflict(a: _Item, b: _Item) -> bool:
    """Values that cannot both hold (see the module doc on loose dates)."""
    if a.loose != b.loose:
        return False
    same = a.year == b.year and a.month == b.month
    return same and not _compatible(a, b)


def _compatible(a: _Item, b: _Item) -> bool:
    relative = max(a.relative, b.relative)
    absolute = max(a.absolute, b.absolute)
    return a.interval.widened(relative, absolute).overlaps(b.interval)


@dataclass(slots=True)
class _Cluster:
    groups: list[list[_Item]]  # items sharing a signature
    min_hi: float  # the lowest upper end among members
    months: set[int]  # months of the members dated by their text (at most one)

    def admits(self, head: _Item) -> bool:
        """Whether `head` (sorted after every member) is compatible with all members."""
        if not head.loose and self.months - {head.month}:
            return False
        pad = max(abs(head.interval.lo) * head.relative, head.absolute)
        if head.interval.lo - pad <= self.min_hi:  # fits the lowest member, so fits them all
            return True
        return all(_same_period(head, g[0]) and _compatible(head, g[0]) for g in self.groups)

    def add(self, group: list[_Item]) -> None:
        self.groups.append(group)
        self.min_hi = min(self.min_hi, group[0].interval.hi)
        if not group[0].loose:
            self.months.add(group[0].month)


def _clusters(items: list[_Item]) -> list[list[_Item]]:
    """Greedy clusters of pairwise compatible items, in ascending order of value. Items are
    grouped by signature first (many outlets repeat one figure), and a cluster remembers its
    lowest upper end, so thousands of observations cluster in milliseconds."""
    groups: dict[tuple[float, float, float, float, int, bool], list[_Item]] = defaultdict(list)
    for item in sorted(items, key=lambda i: i.obs.claim_id):
        groups[_signature(item)].append(item)
    clusters: list[_Cluster] = []
    for signature in sorted(groups):
        group = groups[signature]
        for cluster in clusters:
            if cluster.admits(group[0]):
                cluster.add(group)
                break
        else:
            cluster = _Cluster([], group[0].interval.hi, set())
            cluster.add(group)
            clusters.append(cluster)
    return [[i for g in c.groups for i in g] for c in clusters]


def _signature(item: _Item) -> tuple[float, float, float, float, int, bool]:
    interval = item.interval
    return (interval.lo, interval.hi, item.relative, item.absolute, item.month, item.loose)


def _conflicting(left: list[_Item], right: list[_Item]) -> bool:
    heads = {_signature(x): x for x in left}.values()
    others = {_signature(y): y for y in right}.values()
    return any(_conflict(x, y) for x in heads for y in others)


# ---------------------------------------------------------------------------------- records
def _agreement(
    kind: AgreementKind,
    sides: list[list[_Item]],
    metric: str,
    is_target: bool,
    year: int,
    opts: AssessOptions,
) -> Agreement:
    sides = [sorted(side, key=lambda i: (i.copy, i.obs.claim_id)) for side in sides]
    items = [i for side in sides for i in side]
    months = {i.month for i in items if not i.loose}
    dated = {i.obs.date for i in items if not i.loose}
    month = next(iter(months)) if len(months) == 1 else 12
    named = month != 12 or any(d and len(d) > 4 for d in dated)  # a month the text gave
    period = f"by {year}" if is_target else (f"{year}-{month:02d}" if named else str(year))
    side_ids = tuple(tuple(dict.fromkeys(i.obs.claim_id for i in side)) for side in sides)
    claim_ids = tuple(dict.fromkeys(c for side in side_ids for c in side))
    digest = hashlib.sha1(
        "|".join((kind, metric, period, *sorted(claim_ids))).encode("utf-8")
    ).hexdigest()
    voices = _distinct((i.voice_key, i.voice) for i in items)
    label = _label(metric, opts)
    when = _when(period, items)
    if kind == "corroborates":
        summary = f"{_who(items)} agree on {label} {when}: {_values(items)}"
    else:
        upper, lower = sides
        summary = (
            f"{_who(upper)} ({_values(upper)}) contradicts {_who(lower)} ({_values(lower)}) "
            f"on {label} {when}"
        )
    definition = next((i.obs.definition for i in items if i.obs.definition), None)
    if definition:
        summary += f' (counted as "{definition}")'
    return Agreement(
        id="agr-" + digest[:16],
        kind=kind,
        metric=metric,
        period=period,
        is_target=is_target,
        sides=side_ids,
        claim_ids=claim_ids,
        document_ids=tuple(dict.fromkeys(i.obs.document_id for i in items)),
        voices=voices,
        publishers=_distinct((i.publisher_key, i.publisher) for i in items),
        independent_sources=len(voices),
        definition=definition,
        summary=summary,
    )


def _distinct(pairs: Iterable[tuple[str, str]]) -> tuple[str, ...]:
    seen: dict[str, str] = {}
    for key, name in pairs:
        seen.setdefault(key, name)
    return tuple(seen.values())


def _join(names: Sequence[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def _who(items: Sequence[_Item]) -> str:
    """ "Xinhua and Caixin (citing MIIT)", "Xinhua (citing MIIT; and 1 syndicated copy)"."""
    publishers = _distinct((i.publisher_key, i.publisher) for i in items)
    copies = sum(1 for i in items if i.copy)
    cited = list(_distinct((i.voice_key, i.voice) for i in items if i.cited))
    if len(cited) > _MAX_NAMES:
        cited = [*cited[: _MAX_NAMES - 1], f"{len(cited) - _MAX_NAMES + 1} others"]
    notes = [f"citing {_join(cited)}"] if cited else []
    if copies:
        notes.append(f"and {copies} syndicated {'copy' if copies == 1 else 'copies'}")
    names = list(publishers)
    if len(names) > _MAX_NAMES:
        names = [*names[: _MAX_NAMES - 1], f"{len(names) - _MAX_NAMES + 1} other outlets"]
    return _join(names) + (f" ({'; '.join(notes)})" if notes else "")


def _values(items: Sequence[_Item]) -> str:
    phrases = _distinct(
        (p, p) for p in (describe_value(i.obs.value, i.obs.unit, i.obs.change) for i in items)
    )
    return " / ".join(phrases)


def _when(period: str, items: Sequence[_Item]) -> str:
    if period.startswith("by "):
        return period
    if all(i.loose for i in items):  # no date in any text: say when it was reported
        return f"(reported in {period})"
    return f"in {period}"


def _label(metric: str, opts: AssessOptions) -> str:
    if metric in opts.labels:
        return opts.labels[metric]
    if metric.startswith("text:"):
        _, subject, wording = metric.split(":", 2)
        return f"{opts.labels.get(subject, subject)} {wording}".strip()
    return metric.replace("-", " ")
