"""What the connect stage makes of the store: indicators and agreements among claims.

Stages do not read the store; this module does it for them and hands the records over:
claims → observations (`connect.indicators`) → indicators and agreements
(`connect.corroboration`). Agreements are stored after each ingest so every surface shows
the same corroborations and contradictions.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta

from .connect import ClusterOptions, StoryClusterer, StoryInput, ordered
from .connect.corroboration import AssessOptions, aliases_from_entities, assess, labels_for
from .connect.indicators import (
    DocumentInfo,
    Indicator,
    PlaceScope,
    build_free_observations,
    build_indicator,
    build_observations,
)
from .errors import NotFound
from .records import Agreement, Beat, Document, Metric, Observation
from .store import ClaimQuery, Store, StoredClaim

STORY_CONTEXT_DAYS = 60  # stories older than this before the new documents are not reopened


def refresh_stories(
    store: Store,
    beat: Beat,
    document_ids: Sequence[str],
    options: ClusterOptions | None = None,
) -> int:
    """Place new documents in stories, incrementally.

    The clusterer is loaded with the documents published from STORY_CONTEXT_DAYS before the
    earliest new one (with the stories they were given), then the new documents are added in
    publication order; assignments that changed (joins, merges, splits) and the summaries of
    the stories touched are saved. Returns how many documents were placed.
    """
    new = store.documents(list(document_ids))
    if not new:
        return 0
    dated = [d.published for d in new.values() if d.published is not None]
    since = min(dated) - timedelta(days=STORY_CONTEXT_DAYS) if dated else None
    known = store.story_assignments(since=since)
    kinds = {s.id: s.kind for s in beat.sources}
    context = [d for d in store.iter_documents(since=since) if d.id in known and d.id not in new]
    ids = [d.id for d in context] + list(new)
    mentions = store.mention_ids(ids)
    quantities = store.claim_quantities(ids)  # found at ingest: not extracted again

    def item(doc: Document) -> StoryInput:
        return StoryInput.from_document(
            doc,
            source_kind=kinds.get(doc.source_id or ""),
            mentions=mentions.get(doc.id, ()),
            quantities=quantities.get(doc.id, ()),
        )

    clusterer = StoryClusterer(options or ClusterOptions())
    clusterer.load((item(d), known[d.id]) for d in context)
    before = clusterer.assignments()
    for story_input in ordered(item(d) for d in new.values()):
        clusterer.add(story_input)
    after = clusterer.assignments()
    changed = {doc: sid for doc, sid in after.items() if before.get(doc) != sid}
    touched = set(changed.values()) | {before[d] for d in changed if d in before}
    stories = [s for s in clusterer.stories() if s.id in touched]
    store.save_stories(changed, stories)
    return len(new)


@dataclass(frozen=True, slots=True)
class IndicatorReport:
    indicator: Indicator
    agreements: tuple[Agreement, ...]
    claims: dict[str, StoredClaim]  # claim id → claim with its document's details
    infos: dict[str, DocumentInfo]


def document_infos(claims: Sequence[StoredClaim], beat: Beat) -> dict[str, DocumentInfo]:
    """DocumentInfo for the documents of `claims` (copies point at their originals)."""
    names = {s.id: s.name for s in beat.sources}
    infos = {}
    for sc in claims:
        doc_id = sc.claim.document_id
        if doc_id in infos:
            continue
        original = sc.syndicated_from or sc.duplicate_of or sc.near_duplicate_of
        infos[doc_id] = DocumentInfo(
            document_id=doc_id,
            source_id=sc.source_id,
            published=sc.published,
            syndicated_from=original,
            publisher=names.get(sc.source_id or "", sc.source_id),
        )
    return infos


def assess_options(beat: Beat) -> AssessOptions:
    return AssessOptions(
        aliases=aliases_from_entities(beat.entities),
        labels=labels_for(beat.metrics, beat.entities),
    )


def observations_of(claims: Sequence[StoredClaim], beat: Beat) -> list[Observation]:
    infos = document_infos(claims, beat)
    plain = [sc.claim for sc in claims]
    scoped = build_observations(plain, infos, beat.metrics, scope=PlaceScope.of(beat))
    return scoped + build_free_observations(plain, infos)


def refresh_agreements(store: Store, beat: Beat) -> list[Agreement]:
    """Recompute every corroboration and contradiction from the stored claims, and store them."""
    claims = [sc for sc in store.claims() if sc.claim.quantities]
    infos = document_infos(claims, beat)
    agreements = assess(observations_of(claims, beat), infos, assess_options(beat))
    store.replace_agreements(agreements)
    return agreements


def metric_of(beat: Beat, metric_id: str) -> Metric:
    for metric in beat.metrics:
        if metric.id == metric_id:
            return metric
    known = ", ".join(m.id for m in beat.metrics)
    raise NotFound(f"no metric {metric_id!r} in the beat {beat.id}; known metrics: {known}")


def indicator_report(store: Store, beat: Beat, metric_id: str) -> IndicatorReport:
    """The indicator of one metric: observations, targets and the agreements among them."""
    metric = metric_of(beat, metric_id)
    claims = store.claims(ClaimQuery(metric=metric_id))
    infos = document_infos(claims, beat)
    observations = build_observations(
        [sc.claim for sc in claims], infos, [metric], scope=PlaceScope.of(beat)
    )
    indicator = build_indicator(metric, observations, infos)
    return IndicatorReport(
        indicator=indicator,
        agreements=tuple(store.agreements(metric=metric_id)),
        claims={sc.claim.id: sc for sc in claims},
        infos=infos,
    )
