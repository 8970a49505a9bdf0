"""The briefing writer: inputs from the store -> a cited `Briefing` an analyst can read.

    result = write_briefing(BriefInputs(window=(start, end), documents=docs, claims=claims,
                                        stories=stories, agreements=agreements, topics=topics,
                                        document_topics=doc_topics, metrics=beat.metrics,
                                        previous=last_briefing),
                            BriefOptions(language="en"))
    result.briefing          # records.Briefing: headline, dek, sections, numbered sources
    result.notes             # what was selected, what was left out and why
    result.llm_report        # sentences an LLM wrote that the verifier rejected (with llm=)

Sections, in order: "What changed since the last briefing" (with `previous`); one section per
topic of the beat holding the chosen facts (select.py); "Contradictions & disputed figures"
(every disagreement, both sides quoted with who said them); "Targets and latest figures"
(figures.py); "Single-source reports" (stories below the threshold, one line each, none
already quoted in a section above).

The default writer needs no model: every sentence is a source's own sentence, framed with
who reported it and checked by the verifier before it is kept (extractive.py), so the
briefing is fully cited and states no number its cited spans do not hold. With an
`LLMWriter`, each topic section is rewritten as a paragraph by the model; the writer keeps
only sentences the verifier passes and states the rest extractively (llm_writer.py). The
other sections stay extractive. The headline and dek are taken from the top stories'
titles (or their sentences). The output depends only on the inputs (no clock, no set
order), so the same inputs give the same briefing.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from ..records import (
    Attribution,
    Briefing,
    BriefingSection,
    BriefingSentence,
    BriefingSource,
    Citation,
    Claim,
)
from ..understand.entities import EntityLinker
from ..understand.quantities import detect_language
from .extractive import Checker, Prose, citation
from .figures import changes, disputes, indicators
from .inputs import BriefDocument, BriefInputs, BriefOptions
from .labels import LABELS
from .llm_writer import LLMWriter, Rejection, SourcedClaim
from .scope import Scope
from .select import Fact, Picked, build_facts, choose, gather_passages

log = logging.getLogger(__name__)

__all__ = ["BriefDocument", "BriefInputs", "BriefOptions", "BriefResult", "write_briefing"]

_SYNTHETIC = "sentence:"  # claim ids made for plain sentences handed to the LLM writer
_HEADLINE_CHARS = 110


@dataclass(frozen=True, slots=True)
class BriefResult:
    """A briefing, what went into it and why, and (with an LLM) what the verifier rejected."""

    briefing: Briefing
    notes: tuple[str, ...] = ()
    llm_report: tuple[Rejection, ...] = ()
    llm_errors: tuple[str, ...] = ()
    stats: Mapping[str, int] = field(default_factory=dict)

    def to_json(self) -> dict[str, object]:
        return {
            "notes": list(self.notes),
            "stats": dict(self.stats),
            "llm_report": [r.to_json() for r in self.llm_report],
            "llm_errors": list(self.llm_errors),
        }


def write_briefing(
    inputs: BriefInputs,
    options: BriefOptions | None = None,
    *,
    llm: LLMWriter | None = None,
    linker: EntityLinker | None = None,
) -> BriefResult:
    """Write the briefing for `inputs` (see the module doc). `linker` (the beat's
    `EntityLinker`) makes the self-check of every sentence match the verifier's entity check
    exactly; without it capitalised names are checked as words."""
    options = options or BriefOptions()
    if llm is not None and llm.options.language != options.language:
        raise ValueError(
            f"the LLM writer writes {llm.options.language!r} but the briefing is "
            f"{options.language!r}; build it with LLMWriterOptions(language={options.language!r})"
        )
    scope = Scope(inputs, options)
    checker = Checker(scope, linker)
    prose = Prose(scope, checker)
    labels = LABELS[options.language]

    passages = gather_passages(scope)
    facts = build_facts(passages, scope)
    picked = choose(facts, scope)
    stats: dict[str, int] = {
        "documents_in_window": len(scope.window_documents),
        "documents_context": len(inputs.documents) - len(scope.window_documents),
        "passages": len(passages),
        "claim_passages": sum(1 for p in passages if p.claims),
        "facts": len(facts),
    }
    sections: list[BriefingSection] = []
    rejections: list[Rejection] = []
    errors: list[str] = []
    dropped = 0

    found = changes(scope, picked)
    if found is not None:
        lines = [prose.changed_figure(c) for c in found.figures]
        lines += prose.new_facts(found.new)
        lines += [prose.quiet(s) for s in found.quiet]
        kept = _kept(lines)
        dropped += len(lines) - len(kept)
        if kept:
            sections.append(BriefingSection(labels["changes"], kept))

    for topic, chosen in picked.sections:
        title = _section_title(scope, topic, len(picked.sections))
        written = [prose.fact(f, i) for i, f in enumerate(chosen)]
        kept = _kept(written)
        dropped += len(written) - len(kept)
        if llm is not None and chosen:
            rewritten, rejected, error = _rewrite(llm, scope, chosen, title)
            rejections.extend(rejected)
            if error:
                errors.append(error)
            kept = rewritten or kept
        if kept:
            sections.append(BriefingSection(title, kept, topic))

    found_disputes = disputes(scope)
    groups: list[tuple[str, list[BriefingSentence | None]]] = [
        ("disputes", [prose.dispute(d) for d in found_disputes]),
        ("indicators", [s for i in indicators(scope) for s in prose.indicator(i)]),
        ("single", [prose.single(f) for f in picked.single_source]),
    ]
    for key, lines in groups:
        if key == "single":  # a sentence the briefing already quoted is not listed again
            quoted = {_span(c) for sec in sections for x in sec.sentences for c in x.citations}
            lines = [x for x in lines if x is None or _span(x.citations[0]) not in quoted]
        kept = _kept(lines)
        dropped += len(lines) - len(kept)
        stats[key] = len(kept)
        if kept:
            sections.append(BriefingSection(labels[key], kept))

    briefing = Briefing(
        title=_headline(scope, picked.sections, picked.single_source),
        dek=_dek(scope, picked.sections, found_disputes),
        window=inputs.window,
        sections=tuple(sections),
        sources=_sources(scope, sections),
        writer="extractive" if llm is None else "llm",
        language=options.language,
        beat=inputs.beat,
        topic=inputs.topic,
        entity=inputs.entity,
    )
    stats["sentences"] = sum(len(s.sentences) for s in sections)
    stats["sentences_dropped"] = dropped
    stats["frames_rejected"] = checker.rejected
    notes = _notes(scope, picked, facts, stats, found.notes if found else ())
    log.debug("briefing written: %s", stats)
    return BriefResult(briefing, notes, tuple(rejections), tuple(errors), stats)


def _span(c: Citation) -> tuple[str, int, int]:
    return (c.document_id, c.start, c.end)


def _kept(lines: Sequence[BriefingSentence | None]) -> tuple[BriefingSentence, ...]:
    out: list[BriefingSentence] = []
    for line in lines:
        if line is not None and line not in out:
            out.append(line)
    return tuple(out)


def _section_title(scope: Scope, topic: str | None, count: int) -> str:
    labels = LABELS[scope.options.language]
    known = scope.topics.get(topic) if topic else None
    if known is not None:
        return known.name_zh if scope.options.language == "zh" and known.name_zh else known.name
    if topic:
        return topic
    return labels["key"] if count == 1 else labels["other"]


# ------------------------------------------------------------------------------- LLM
def _claim_of(fact: Fact, scope: Scope) -> Claim:
    lead = fact.lead
    if lead.claim is not None:
        return lead.claim
    return Claim(
        id=f"{_SYNTHETIC}{lead.document_id}:{lead.start}",
        document_id=lead.document_id,
        kind="event",
        sentence=lead.text,
        start=lead.start,
        end=lead.end,
        language=lead.language,
        attribution=Attribution(name=scope.publisher_name(lead.document_id), kind="publisher"),
    )


def _rewrite(
    llm: LLMWriter, scope: Scope, facts: Sequence[Fact], title: str
) -> tuple[tuple[BriefingSentence, ...], tuple[Rejection, ...], str | None]:
    items: list[SourcedClaim] = []
    more: dict[str, tuple[Citation, ...]] = {}
    limit = scope.options.max_citations
    for fact in facts:
        claim = _claim_of(fact, scope)
        doc: BriefDocument = scope.documents[fact.lead.document_id]
        items.append(SourcedClaim(claim, scope.publisher_name(doc.id), doc.title, doc.published))
        more[claim.id] = tuple(citation(p) for p in fact.sources[1:limit])
    result = llm.rewrite(items, topic=title)
    out: list[BriefingSentence] = []
    for sentence in result.sentences:
        cites: list[Citation] = []
        for c in sentence.citations:
            own = (
                c
                if not (c.claim_id or "").startswith(_SYNTHETIC)
                else Citation(c.document_id, c.start, c.end)
            )
            for extra in (own, *more.get(c.claim_id or "", ())):
                if extra not in cites:
                    cites.append(extra)
        out.append(BriefingSentence(sentence.text, tuple(cites), sentence.original))
    return tuple(out), result.rejected, result.error


# ------------------------------------------------------------------- headline, sources
def _shorten(text: str, limit: int = _HEADLINE_CHARS) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0] if " " in text[:limit] else text[:limit]
    return cut.rstrip(",;:，；：") + "…"


def _title_of(scope: Scope, fact: Fact) -> str:
    """The title of the fact's first source written in the briefing's language (else of its
    lead's original), or its lead sentence."""
    titles: list[str] = []
    for p in (fact.lead, *fact.sources):
        for doc_id in (p.root, p.document_id):
            doc = scope.documents.get(doc_id)
            if doc is not None and doc.title:
                titles.append(doc.title)
    for title in titles:
        if detect_language(title) == scope.options.language:
            return _shorten(title)
    if titles:
        return _shorten(titles[0])
    return _shorten(fact.lead.text.rstrip("。."))


def _scope_name(scope: Scope) -> str | None:
    inputs = scope.inputs
    if inputs.topic and inputs.topic in scope.topics:
        t = scope.topics[inputs.topic]
        return t.name_zh if scope.options.language == "zh" and t.name_zh else t.name
    if inputs.entity:
        for e in inputs.entities:
            if e.id == inputs.entity:
                return e.name_zh if scope.options.language == "zh" and e.name_zh else e.name
        return inputs.entity
    return inputs.query


def _top_facts(sections: Sequence[tuple[str | None, Sequence[Fact]]]) -> list[Fact]:
    return sorted((f for _, fs in sections for f in fs), key=lambda f: (-f.score, f.lead.key))


def _headline(
    scope: Scope, sections: Sequence[tuple[str | None, Sequence[Fact]]], singles: Sequence[Fact]
) -> str:
    top = _top_facts(sections) or list(singles)
    language = scope.options.language
    top.sort(key=lambda f: detect_language(_title_of(scope, f)) != language)  # stable
    name = _scope_name(scope)
    if not top:
        start, end = scope.inputs.window
        label = LABELS[scope.options.language]["empty"]
        text = f"{label}, {start.date().isoformat()} – {end.date().isoformat()}"
    else:
        text = _title_of(scope, top[0])
    if name:
        return f"{name}：{text}" if scope.options.language == "zh" else f"{name}: {text}"
    return text


def _dek(
    scope: Scope, sections: Sequence[tuple[str | None, Sequence[Fact]]], found: Sequence[object]
) -> str:
    top = _top_facts(sections)
    zh = scope.options.language == "zh"
    titles = list(dict.fromkeys(_title_of(scope, f) for f in top))[1:3]
    parts: list[str] = []
    if titles:
        also = LABELS[scope.options.language]["also"]
        parts.append(f"{also}：{'；'.join(titles)}。" if zh else f"{also}: {'; '.join(titles)}.")
    if found:
        parts.append(
            "各方数字存在分歧，详见下文。"
            if zh
            else "Sources disagree on some figures; both sides are quoted below."
        )
    return ("" if zh else " ").join(parts)


def _sources(scope: Scope, sections: Sequence[BriefingSection]) -> tuple[BriefingSource, ...]:
    order: dict[str, int] = {}
    for section in sections:
        for sentence in section.sentences:
            for c in sentence.citations:
                if c.document_id in scope.documents:
                    order.setdefault(c.document_id, len(order) + 1)
    out = []
    for doc_id, number in order.items():
        doc = scope.documents[doc_id]
        out.append(
            BriefingSource(
                number=number,
                document_id=doc_id,
                title=doc.title,
                url=doc.url,
                source_id=doc.source_id,
                source_name=scope.publisher_name(doc_id),
                published=doc.published,
            )
        )
    return tuple(out)


def _notes(
    scope: Scope,
    picked: Picked,
    facts: Sequence[Fact],
    stats: Mapping[str, int],
    extra: Sequence[str],
) -> tuple[str, ...]:
    options = scope.options
    notes = [
        f"{stats['documents_in_window']} documents in the window, "
        f"{stats['documents_context']} outside it used as context only",
        f"{stats['passages']} passages ({stats['claim_passages']} claims) merged into "
        f"{stats['facts']} facts",
    ]
    rule = f"{options.min_documents} documents from {options.min_publishers} publishers"
    if scope.has_stories:
        good = sum(1 for s in scope.story_stats if scope.story_qualifies(s))
        notes.append(
            f"{good} of {len(scope.story_stats)} stories meet the threshold ({rule}); "
            "the others are listed as single-source"
        )
    else:
        notes.append(f"no story information: the threshold ({rule}) was applied to each fact")
    copies = sum(len(f.copies) for _, fs in picked.sections for f in fs)
    if copies:
        notes.append(f"{copies} syndicated copies not counted as independent confirmation")
    for reason, count in sorted(picked.left_out.items()):
        if count:
            notes.append(f"left out: {count} facts ({reason})")
    if stats["frames_rejected"]:
        notes.append(
            f"{stats['frames_rejected']} framings failed the verifier; plainer ones were used"
        )
    if stats["sentences_dropped"]:
        notes.append(f"{stats['sentences_dropped']} sentences failed the verifier and were dropped")
    notes.extend(extra)
    return tuple(notes)
