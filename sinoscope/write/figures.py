"""Figures a briefing says out loud: disagreements, targets vs latest figures, and what
changed since the last briefing.

    disputes(scope)              # every contradiction with a citable claim on both sides
    indicators(scope)            # per beat metric: latest figure, an earlier one, the target
    changes(scope, picked)       # new stories, changed figures, stories that went quiet

- Disputes come from `Agreement(kind="contradicts")`: each side is represented by one claim
  per original document (a syndicated copy never stands beside its original), the
  representative preferring a document in the window, an original, a named source and the
  briefing's language. A dispute is stated when both sides can be cited and at least one
  side was published in the window; both sides are quoted with who said them, never
  averaged. All of them are kept (up to `max_disputes`), whatever their score.
- Indicators: for each metric of the beat with a figure (a `quantity` claim) in the window,
  the latest one (by the date it describes, else its publication), the most recent earlier
  figure that differs from it (a report giving the metric a value the latest quoted sentence
  gives it is the same figure told earlier, perhaps beside others, not an earlier figure; a
  sentence that reads on its own before one that leans on the sentence before it), and the
  target (a `target` claim) with the nearest deadline not before the window's end (else the
  latest deadline). A line is written only when there is something to compare the latest
  figure with: an earlier figure, a target, or a second figure in its own sentence.
- Changes: facts of stories (or, without stories, documents) the last briefing did not cite;
  metrics whose latest figure differs from the one the last briefing cited; stories the last
  briefing covered that have no document in this window (its own sentence, re-cited),
  unless this briefing states their figure again from another story.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..connect.indicators import metric_definition
from ..connect.units import normalize
from ..records import BriefingSentence, Citation, Claim, Metric
from .facts import number_terms, word_terms
from .labels import SPECIAL_SECTIONS
from .scope import Scope
from .select import (
    Fact,
    Passage,
    Picked,
    claim_passage,
    is_boilerplate,
    leans_on_previous,
    quoted_span,
)

__all__ = [
    "Changes",
    "Dispute",
    "FigureChange",
    "IndicatorLine",
    "changes",
    "disputes",
    "indicators",
]


@dataclass(frozen=True, slots=True)
class Dispute:
    """Figures that disagree on one metric: two or more sides, each its representative
    passage first (one passage per original document); `agreements` the contradictions."""

    metric: str
    agreements: tuple[str, ...]
    sides: tuple[tuple[Passage, ...], ...]


@dataclass(frozen=True, slots=True)
class IndicatorLine:
    metric: str
    latest: Passage
    earlier: Passage | None
    target: Passage | None


@dataclass(frozen=True, slots=True)
class FigureChange:
    metric: str
    now: Passage
    before: Passage  # the figure the last briefing cited


@dataclass(frozen=True, slots=True)
class Changes:
    new: tuple[Fact, ...]
    figures: tuple[FigureChange, ...]
    quiet: tuple[BriefingSentence, ...]  # the last briefing's sentences on quiet stories
    notes: tuple[str, ...] = ()


def _matches_query(scope: Scope, text: str, language: str) -> bool:
    query = scope.inputs.query
    if not query:
        return True
    wanted = set(word_terms(query, "en")) | set(word_terms(query, "zh"))
    return bool(wanted & set(word_terms(text, language)))


def _fits(scope: Scope, passage: Passage) -> bool:
    return scope.passes_filters(
        passage.document_id, passage.text, passage.claims
    ) and _matches_query(scope, passage.text, passage.language)


# ------------------------------------------------------------------------------ disputes
def disputes(scope: Scope) -> list[Dispute]:
    """Contradictions in the inputs, one `Dispute` per metric (targets apart from actuals)
    holding every distinct side, most independent sources first."""
    groups: dict[tuple[str, bool], tuple[list[str], list[tuple[Passage, ...]]]] = {}
    contradictions = sorted(
        (a for a in scope.inputs.agreements if a.kind == "contradicts"),
        key=lambda a: (-a.independent_sources, a.id),
    )
    for agreement in contradictions:
        if len(agreement.sides) < 2:
            continue
        sides = [_side(scope, ids) for ids in agreement.sides]
        if not all(sides):
            continue
        everything = [p for side in sides for p in side]
        if not any(p.in_window for p in everything) or not any(_fits(scope, p) for p in everything):
            continue
        ids, known = groups.setdefault((agreement.metric, agreement.is_target), ([], []))
        ids.append(agreement.id)
        for side in sides:
            if all(side[0].key != other[0].key for other in known):
                known.append(side)
    out = [
        Dispute(metric, tuple(ids), tuple(sides))
        for (metric, _), (ids, sides) in groups.items()
        if len(sides) >= 2
    ]
    return out[: scope.options.max_disputes]


def _side(scope: Scope, claim_ids: Sequence[str]) -> tuple[Passage, ...]:
    passages = [
        claim_passage(scope, scope.claims_by_id[c]) for c in claim_ids if c in scope.claims_by_id
    ]
    language = scope.options.language
    passages.sort(
        key=lambda p: (
            not p.in_window,
            p.document_id != p.root,
            not (p.claim and p.claim.attribution.kind == "cited"),
            p.language != language,
            -p.score,
            p.key,
        )
    )
    per_root: dict[str, Passage] = {}
    for p in passages:
        per_root.setdefault(p.root, p)
    return tuple(per_root.values())[: scope.options.max_citations]


# ---------------------------------------------------------------------------- indicators
def _period(scope: Scope, claim: Claim) -> str:
    """The date a figure describes as "YYYY-MM" (a bare year means its end)."""
    as_of = claim.time.as_of
    if as_of and len(as_of) >= 4 and as_of[:4].isdigit():
        return as_of[:7] if len(as_of) >= 7 else f"{as_of[:4]}-12"
    doc = scope.documents[claim.document_id]
    return doc.published.strftime("%Y-%m") if doc.published else ""


def _figures(scope: Scope, metric: str, kind: str) -> list[Claim]:
    """The metric's claims of `kind` that give its own figure: not another place's
    (Guangdong's count is not China's), not under another definition ("36.5% of the
    population" is not the adoption rate of firms), not boilerplate."""
    return sorted(
        (
            c
            for c in scope.claims
            if c.metric == metric
            and c.kind == kind
            and c.subject not in scope.elsewhere
            and _own_definition(scope, c)
            and not is_boilerplate(c.sentence)
        ),
        key=lambda c: c.id,
    )


def _own_definition(scope: Scope, claim: Claim) -> bool:
    """Whether the claim counts its metric as the metric itself does (computed once per
    claim and briefing: the wording check costs more than everything else here)."""
    known = scope.own_definition
    if claim.id not in known:
        metric = scope.metrics.get(claim.metric or "")
        first = claim.quantities[0] if claim.quantities else None
        known[claim.id] = metric is None or metric_definition(claim, metric, first) is None
    return known[claim.id]


def latest_figure(scope: Scope, metric: str) -> Passage | None:
    """The latest figure of `metric` published in the window that fits the filters: an
    unhedged one from an original first, then the latest period it describes (the date the
    text gives, else its publication's)."""
    best: tuple[tuple[bool, bool, str, bool, float, str], Passage] | None = None
    for claim in _figures(scope, metric, "quantity"):
        if not scope.in_window(claim.document_id):
            continue
        passage = claim_passage(scope, claim)
        if not _fits(scope, passage):
            continue
        key = (
            claim.hedge is None,
            passage.document_id == passage.root,
            _period(scope, claim),
            bool(claim.time.as_of),
            passage.score,
            claim.id,
        )
        if best is None or key > best[0]:
            best = (key, passage)
    return best[1] if best else None


def _rounded(value: float) -> float:
    return float(f"{value:.3g}")  # three significant digits: 515m and 5.15亿 meet


def _values(claim: Claim) -> frozenset[float]:
    """The values a claim states (`_rounded`)."""
    return frozenset(_rounded(q.value) for q in claim.quantities)


def _metric_values(claim: Claim, metric: Metric) -> frozenset[float]:
    """The values a claim gives `metric` (quantities in its unit, `_rounded`): "31
    provinces" beside "5,000 AI companies" is not a company count."""
    normalized = (normalize(q, metric.unit) for q in claim.quantities)
    return frozenset(_rounded(v.value) for v in normalized if v is not None)


def _passage_values(scope: Scope, passage: Passage, metric: Metric) -> frozenset[float]:
    """The values of `metric` a passage quotes (a Chinese sentence quoted whole for one of
    its clauses holds the other clauses' figures too)."""
    inside = (
        c
        for c in scope.claims
        if c.document_id == passage.document_id
        and c.metric == metric.id
        and passage.start <= c.start < c.end <= passage.end
    )
    return frozenset().union(*(_metric_values(c, metric) for c in (*passage.claims, *inside)))


def indicators(scope: Scope) -> list[IndicatorLine]:
    out: list[IndicatorLine] = []
    year = scope.end.year
    for metric in scope.inputs.metrics:
        latest = latest_figure(scope, metric.id)
        if latest is None or latest.claim is None:
            continue
        period = _period(scope, latest.claim)
        numbers = number_terms(latest.text)
        values = _passage_values(scope, latest, metric)
        earlier: tuple[tuple[bool, str, str], Claim] | None = None
        for claim in _figures(scope, metric.id, "quantity"):
            when = _period(scope, claim)
            if not when or when >= period or number_terms(claim.sentence) == numbers:
                continue
            if _metric_values(claim, metric) & values:  # the same figure, told earlier
                continue
            # a sentence that reads on its own ("the second, in 2019, …" does not), then the
            # most recent
            _, _, text, language = quoted_span(scope, claim)
            key = (not leans_on_previous(text, language), when, claim.id)
            if earlier is None or key > earlier[0]:
                earlier = (key, claim)
        target = _target(scope, metric.id, year)
        if earlier is None and target is None and len(values) < 2:
            continue  # nothing to compare with (a sentence of two figures compares itself)
        before = claim_passage(scope, earlier[1]) if earlier else None
        out.append(IndicatorLine(metric.id, latest, before, target))
        if len(out) >= scope.options.max_indicators:
            break
    return out


def _target(scope: Scope, metric: str, year: int) -> Passage | None:
    targets = [c for c in _figures(scope, metric, "target") if c.time.deadline is not None]
    if not targets:
        return None

    def key(c: Claim) -> tuple[int, int, bool, str]:
        deadline = c.time.deadline or 0
        ahead = deadline >= year
        return (
            0 if ahead else 1,
            deadline if ahead else -deadline,
            not scope.in_window(c.document_id),
            c.id,
        )

    return claim_passage(scope, min(targets, key=key))


# ------------------------------------------------------------------------------- changes
def _figures_stated(claims: Iterable[Claim | None]) -> set[tuple[str, float]]:
    """The figures `claims` state, as (metric, value) (`_values`), so "515m" in one outlet
    and "5.15亿" in another are one figure and a bare "30" shared by unrelated sentences
    is none."""
    return {
        (claim.metric, value)
        for claim in claims
        if claim is not None and claim.metric and claim.kind == "quantity"
        for value in _values(claim)
    }


def changes(scope: Scope, picked: Picked) -> Changes | None:
    previous = scope.inputs.previous
    if previous is None:
        return None
    cited = [(s, c) for sec in previous.sections for s in sec.sentences for c in s.citations]
    topical = [
        (s, c)
        for sec in previous.sections
        if sec.title not in SPECIAL_SECTIONS
        for s in sec.sentences
        for c in s.citations
    ]
    docs = {c.document_id for _, c in cited}
    roots = {scope.root(d) for d in docs}
    claim_ids = {c.claim_id for _, c in cited if c.claim_id}
    stories = {scope.story(d) for d in docs} - {None}
    limit = scope.options.max_changes
    notes: list[str] = []

    new = [
        fact
        for _, facts in picked.sections
        for fact in facts
        if (fact.story is None or fact.story not in stories)
        and not any(p.root in roots for p in fact.sources)
    ]
    new.sort(key=lambda f: (-f.score, f.lead.key))

    figures: list[FigureChange] = []
    for metric in scope.inputs.metrics:
        before_claims = [
            scope.claims_by_id[i]
            for i in sorted(claim_ids)
            if i in scope.claims_by_id
            and scope.claims_by_id[i].metric == metric.id
            and scope.claims_by_id[i].kind == "quantity"
        ]
        now = latest_figure(scope, metric.id)
        if now is None or now.claim is None or not before_claims or now.claim.id in claim_ids:
            continue
        numbers = number_terms(now.text)
        before = next((c for c in before_claims if not number_terms(c.sentence) & numbers), None)
        if before is None:
            continue
        figures.append(FigureChange(metric.id, now, claim_passage(scope, before)))

    restated = {c.now.key for c in figures[:limit]}
    new = [f for f in new if not any(p.key in restated for p in f.sources)]  # said just above

    quiet: list[BriefingSentence] = []
    if not scope.has_stories and previous.sections:
        notes.append("no story information: stories that went quiet are not listed")
    everything = [f for _, facts in picked.sections for f in facts] + list(picked.single_source)
    stated = _figures_stated(c for f in everything for p in f.sources for c in p.claims)
    for story in sorted(s for s in stories if s is not None):
        if story in scope.story_stats:
            continue
        for sentence, _ in topical:
            kept = tuple(c for c in sentence.citations if _citable(scope, c))
            if kept and any(scope.story(c.document_id) == story for c in kept):
                then = _figures_stated(scope.claims_by_id.get(c.claim_id or "") for c in kept)
                if then & stated:
                    notes.append(f"not called quiet, its figure is reported again: {story}")
                elif sentence not in quiet:
                    quiet.append(BriefingSentence(sentence.text, kept, sentence.original))
                break
    return Changes(tuple(new[:limit]), tuple(figures[:limit]), tuple(quiet[:limit]), tuple(notes))


def _citable(scope: Scope, citation: Citation) -> bool:
    doc = scope.documents.get(citation.document_id)
    return doc is not None and 0 <= citation.start < citation.end <= len(doc.text)
