"""Briefings from the store: assemble the writer's inputs, write, verify, keep.

`brief(store, beat, request)` is what `sinoscope brief` (and later the web app and the
newsletter) call: it gathers the window's documents, claims, stories and agreements (plus
the context the writer needs: earlier figures of the beat's metrics, the documents the last
briefing cited), runs the writer (extractive, or an LLM writer behind the seam), verifies
every sentence against the cited spans, and stores the briefing so the next one can say
what changed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import datetime

from .errors import InputError
from .records import Beat, Briefing, Claim, Document
from .store import ClaimQuery, Store
from .understand.entities import EntityLinker
from .write import (
    BriefDocument,
    BriefInputs,
    BriefOptions,
    BriefResult,
    LLMWriter,
    VerificationReport,
    briefing_from_json,
    render_json,
    verify_briefing,
    write_briefing,
)


@dataclass(frozen=True, slots=True)
class BriefRequest:
    window: tuple[datetime, datetime]
    topic: str | None = None
    entity: str | None = None
    query: str | None = None
    options: BriefOptions = field(default_factory=BriefOptions)

    @property
    def scope(self) -> str:
        """Briefings of the same scope are compared for "what changed"."""
        parts = [f"topic={self.topic or ''}", f"entity={self.entity or ''}"]
        parts.append(f"query={self.query or ''}")
        parts.append(f"lang={self.options.language}")
        return ";".join(parts)


@dataclass(frozen=True, slots=True)
class Brief:
    result: BriefResult
    report: VerificationReport
    briefing_id: int | None


def gather(store: Store, beat: Beat, request: BriefRequest) -> BriefInputs:
    """Everything the writer may use for this request, from the store."""
    start, end = request.window
    in_window = [sc for sc in store.claims(ClaimQuery(since=start, until=end))]
    metric_ids = {m.id for m in beat.metrics}
    # earlier figures of the beat's metrics: targets and moves need their history
    history = [sc for sc in store.claims(ClaimQuery(until=start)) if sc.claim.metric in metric_ids]
    previous_json = store.latest_briefing(f"{beat.id};{request.scope}", before=end)
    previous = briefing_from_json(previous_json) if previous_json else None
    cited_before = (
        {c.document_id for s in previous.sections for x in s.sentences for c in x.citations}
        if previous
        else set()
    )
    doc_ids = {sc.claim.document_id for sc in in_window + history} | cited_before
    window_docs = list(store.iter_documents(since=start))
    doc_ids |= {d.id for d in window_docs if d.published is None or d.published < end}
    documents = store.documents(sorted(doc_ids))
    # copies point at their originals; the originals must be there to be cited instead
    originals = {
        o
        for d in documents.values()
        for o in (d.syndicated_from, d.duplicate_of, d.near_duplicate_of)
        if o
    }
    documents.update(store.documents(sorted(originals - set(documents))))
    assigned = store.story_assignments(document_ids=sorted(documents))
    stories = store.stories(story_ids=sorted(set(assigned.values())))
    claims: list[Claim] = [sc.claim for sc in in_window + history]
    if cited_before:
        claims += [
            sc.claim
            for doc_id in sorted(cited_before - {c.document_id for c in claims})
            for sc in store.claims(ClaimQuery(document_id=doc_id))
        ]
    return BriefInputs(
        window=request.window,
        documents={d.id: brief_document(d, beat, assigned.get(d.id)) for d in documents.values()},
        claims=claims,
        stories=stories,
        agreements=store.agreements(),
        topics=beat.topics,
        document_topics=store.document_topics(sorted(documents)),
        metrics=beat.metrics,
        previous=previous,
        query=request.query,
        topic=request.topic,
        entity=request.entity,
        beat=beat.id,
        entities=beat.entities,
        place=beat.scope,
    )


def brief_document(doc: Document, beat: Beat, story_id: str | None) -> BriefDocument:
    source = beat.source(doc.source_id) if doc.source_id else None
    return BriefDocument(
        id=doc.id,
        title=doc.title,
        url=doc.url,
        source_id=doc.source_id,
        source_name=source.name if source else doc.source_id,
        source_kind=source.kind if source else None,
        published=doc.published,
        language=doc.language,
        text=doc.text,
        original_id=doc.syndicated_from or doc.duplicate_of or doc.near_duplicate_of,
        story_id=story_id,
        source_name_zh=source.name_zh if source else None,
    )


def brief(
    store: Store,
    beat: Beat,
    request: BriefRequest,
    *,
    llm: LLMWriter | None = None,
    keep: bool = True,
) -> Brief:
    """Write, verify and (with `keep`) store a briefing for the request (its topic and
    entity resolved against the beat first: see `resolve`)."""
    request = resolve(beat, request)
    inputs = gather(store, beat, request)
    linker = EntityLinker(beat.entities)
    result = write_briefing(inputs, request.options, llm=llm, linker=linker)
    claims = {c.id: c for c in inputs.claims}
    report = check(result.briefing, inputs, linker, claims)
    briefing_id = None
    if keep:
        briefing_id = store.save_briefing(
            scope=f"{beat.id};{request.scope}",
            window=request.window,
            writer=result.briefing.writer,
            body=render_json(result.briefing),
        )
    return Brief(result, report, briefing_id)


def resolve(beat: Beat, request: BriefRequest) -> BriefRequest:
    """The request with its topic and entity as the beat's ids: a topic by id, name, a word
    of either or the start of its Chinese name ("semiconductors", "半导体" →
    semiconductors-compute), an entity by id or any of its names ("华为", "Huawei" →
    huawei). Anything else is an `InputError` that says what the beat has, not an empty
    briefing."""
    topic, entity = request.topic, request.entity
    if topic is not None:
        topic = _resolve_topic(beat, topic)
    if entity is not None:
        entity = _resolve_entity(beat, entity)
    return replace(request, topic=topic, entity=entity)


def _resolve_topic(beat: Beat, asked: str) -> str:
    wanted = asked.strip().casefold()
    known = ", ".join(t.id for t in beat.topics)
    if not wanted:
        raise InputError(f"an empty topic; the beat's topics: {known}")
    exact = [t.id for t in beat.topics if wanted in (t.id, t.name.casefold(), t.name_zh)]
    partial = [
        t.id
        for t in beat.topics
        if t.id.startswith(wanted)
        or wanted in t.id.split("-")
        or wanted in re.findall(r"\w+", t.name.casefold())
        or (len(wanted) >= 2 and t.name_zh.startswith(wanted))
    ]
    found = exact or partial
    if len(found) == 1:
        return found[0]
    if found:
        raise InputError(f"topic {asked!r} could be any of {', '.join(found)}; pick one")
    raise InputError(f"beat {beat.id} has no topic {asked!r}; its topics: {known}")


def _resolve_entity(beat: Beat, asked: str) -> str:
    wanted = asked.strip().casefold()
    if any(e.id == wanted for e in beat.entities):
        return wanted
    found = sorted({e.id for e in beat.entities if wanted in (n.casefold() for n in e.names)})
    if len(found) == 1:
        return found[0]
    if found:
        raise InputError(f"entity {asked!r} names several entities: {', '.join(found)}; pick one")
    raise InputError(
        f"beat {beat.id} has no entity {asked!r}; find its id with "
        f"`sinoscope entities search {asked}`"
    )


def check(
    briefing: Briefing,
    inputs: BriefInputs,
    linker: EntityLinker,
    claims: dict[str, Claim],
) -> VerificationReport:
    texts = {doc_id: d.text for doc_id, d in inputs.documents.items()}
    return verify_briefing(
        briefing, texts.get, linker=linker, claims=claims.get, metrics=inputs.metrics
    )


def with_language(request: BriefRequest, language: str) -> BriefRequest:
    return replace(request, options=replace(request.options, language=language))
