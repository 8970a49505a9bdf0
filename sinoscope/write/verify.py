"""The verifier: does every briefing sentence say only what the spans it cites say?

    report = verify_briefing(briefing, store_text, linker=EntityLinker(beat.entities))
    report.ok, report.cited_share, report.unsupported_numbers, report.to_json()

It runs on every briefing, whichever writer made it, and checks each sentence for:
  - citations: at least one; each points at an existing document and a valid span
    (0 <= start < end <= len(text)), else it is dangling;
  - numbers: each number the sentence states is written in at least one cited span, in any
    notation or language (evidence.py: 5,000 = 五千 = 5千; 344 billion yuan = 3440亿元);
  - entities: every entity of the beat the sentence names (EntityLinker, so Huawei = 华为) is
    named in a cited span, by the publisher, or by whom the claim is attributed to; without a
    linker, and for names it does not know, capitalised English names must appear in an
    English cited span (they cannot be checked against a Chinese one);
  - lexical support: the share of its content words (Chinese: character bigrams) found in
    the cited spans of its language is at least `min_support` (default 0.4: a paraphrase
    keeps well over half its words, a sentence about something else keeps few). There is no
    semantic model offline, so a paraphrase of a span in another language gets no score;
  - a quoted original (`BriefingSentence.original`) must be text of a cited span.
`verify_sentence` does the same for one sentence whose citations are already resolved
(the LLM writer checks its drafts with it before they reach a briefing).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from ..records import Briefing, BriefingSentence, Citation, Claim, Metric
from ..understand.entities import EntityLinker
from .evidence import (
    NumberPool,
    capitalised_names,
    is_latin_text,
    lexical_support,
    name_in,
    sentence_numbers,
    strip_markers,
)

__all__ = [
    "DEFAULT_MIN_SUPPORT",
    "CitedSpan",
    "DanglingCitation",
    "SentenceCheck",
    "VerificationReport",
    "VerifyOptions",
    "resolve_citations",
    "verify_briefing",
    "verify_sentence",
]

DEFAULT_MIN_SUPPORT = 0.4
SEMANTIC_NOTE = "lexical overlap only: no semantic model is available offline"


@dataclass(frozen=True, slots=True)
class VerifyOptions:
    """`min_support`: lowest lexical support accepted; `ignore_entities`: entity ids a sentence
    may name without a span naming them (the beat's home country, which Chinese sources call
    我国 or leave implicit); `check_entities` off skips the entity check."""

    min_support: float = DEFAULT_MIN_SUPPORT
    check_entities: bool = True
    ignore_entities: frozenset[str] = frozenset({"china"})


@dataclass(frozen=True, slots=True)
class CitedSpan:
    """A citation resolved to its text; `text` is None when it points nowhere (`problem` says
    why). `names` and `entity_ids` are who the sentence may name on this citation's strength
    besides the span itself: the publisher and the claim's attribution and entities."""

    citation: Citation
    text: str | None
    problem: str | None = None
    names: tuple[str, ...] = ()
    entity_ids: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class DanglingCitation:
    document_id: str
    start: int
    end: int
    reason: str


@dataclass(frozen=True, slots=True)
class SentenceCheck:
    """What the verifier found for one sentence (`section`, `index`: where it is)."""

    text: str
    section: int
    index: int
    citations: int
    dangling: tuple[DanglingCitation, ...] = ()
    unsupported_numbers: tuple[str, ...] = ()
    unsupported_entities: tuple[str, ...] = ()
    support: float | None = None
    low_support: bool = False
    original_found: bool | None = None  # None when the sentence quotes no original

    @property
    def cited(self) -> bool:
        return self.citations > 0

    @property
    def ok(self) -> bool:
        return not self.reasons

    @property
    def reasons(self) -> tuple[str, ...]:
        """Why the sentence fails, in words; empty when it passes."""
        out: list[str] = []
        if not self.cited:
            out.append("no citation")
        out.extend(
            f"citation {d.document_id}[{d.start}:{d.end}]: {d.reason}" for d in self.dangling
        )
        out.extend(f"number not in the cited text: {n}" for n in self.unsupported_numbers)
        out.extend(f"name not in the cited text: {e}" for e in self.unsupported_entities)
        if self.low_support and self.support is not None:
            out.append(f"few of its words are in the cited text (support {self.support:.2f})")
        if self.original_found is False:
            out.append("the quoted original is not in the cited text")
        return tuple(out)

    def to_json(self) -> dict[str, object]:
        return {
            "section": self.section,
            "index": self.index,
            "text": self.text,
            "citations": self.citations,
            "ok": self.ok,
            "support": None if self.support is None else round(self.support, 3),
            "dangling_citations": [_dangling_json(d) for d in self.dangling],
            "unsupported_numbers": list(self.unsupported_numbers),
            "unsupported_entities": list(self.unsupported_entities),
            "original_found": self.original_found,
            "reasons": list(self.reasons),
        }


def _dangling_json(d: DanglingCitation) -> dict[str, object]:
    return {"document_id": d.document_id, "start": d.start, "end": d.end, "reason": d.reason}


@dataclass(frozen=True, slots=True)
class VerificationReport:
    """Per-sentence results of a briefing and the summary `sinoscope brief --check` prints."""

    results: tuple[SentenceCheck, ...]
    min_support: float = DEFAULT_MIN_SUPPORT
    notes: tuple[str, ...] = field(default=(SEMANTIC_NOTE,))

    @property
    def sentences(self) -> int:
        return len(self.results)

    @property
    def cited_share(self) -> float:
        """Share of sentences with at least one citation (1.0 for an empty briefing)."""
        if not self.results:
            return 1.0
        return sum(r.cited for r in self.results) / len(self.results)

    @property
    def uncited(self) -> list[str]:
        return [r.text for r in self.results if not r.cited]

    @property
    def unsupported_numbers(self) -> list[tuple[str, str]]:
        """(sentence, number as written) for every number no cited span holds."""
        return [(r.text, n) for r in self.results for n in r.unsupported_numbers]

    @property
    def unsupported_entities(self) -> list[tuple[str, str]]:
        return [(r.text, e) for r in self.results for e in r.unsupported_entities]

    @property
    def dangling_citations(self) -> list[tuple[str, DanglingCitation]]:
        return [(r.text, d) for r in self.results for d in r.dangling]

    @property
    def low_support(self) -> list[tuple[str, float]]:
        return [
            (r.text, r.support) for r in self.results if r.low_support and r.support is not None
        ]

    @property
    def misquoted_originals(self) -> list[str]:
        return [r.text for r in self.results if r.original_found is False]

    @property
    def ok(self) -> bool:
        return all(r.ok for r in self.results)

    def to_json(self) -> dict[str, object]:
        return {
            "ok": self.ok,
            "sentences": self.sentences,
            "cited_sentences": sum(r.cited for r in self.results),
            "cited_share": round(self.cited_share, 4),
            "uncited_sentences": self.uncited,
            "unsupported_numbers": [
                {"sentence": s, "number": n} for s, n in self.unsupported_numbers
            ],
            "unsupported_entities": [
                {"sentence": s, "entity": e} for s, e in self.unsupported_entities
            ],
            "dangling_citations": [
                {"sentence": s, **_dangling_json(d)} for s, d in self.dangling_citations
            ],
            "low_support": [{"sentence": s, "support": round(v, 3)} for s, v in self.low_support],
            "misquoted_originals": self.misquoted_originals,
            "min_support": self.min_support,
            "notes": list(self.notes),
            "results": [r.to_json() for r in self.results],
        }


# ---------------------------------------------------------------------------------- checks
def verify_sentence(
    sentence: BriefingSentence,
    spans: Sequence[CitedSpan],
    *,
    linker: EntityLinker | None = None,
    options: VerifyOptions | None = None,
    section: int = 0,
    index: int = 0,
) -> SentenceCheck:
    """Check one sentence against its resolved citations (see `resolve_citations`)."""
    options = options or VerifyOptions()
    text = strip_markers(sentence.text)
    good = [s for s in spans if s.text is not None]
    texts = [s.text for s in good if s.text is not None]
    names = [n for s in good for n in s.names if n]
    dangling = tuple(
        DanglingCitation(
            s.citation.document_id, s.citation.start, s.citation.end, s.problem or "no text"
        )
        for s in spans
        if s.text is None
    )
    pool = NumberPool.of(texts)
    numbers = tuple(n.text for n in sentence_numbers(_without(text, names)) if not pool.supports(n))
    entities: tuple[str, ...] = ()
    if options.check_entities and good:
        entities = _unsupported_entities(text, good, texts, names, linker, options)
    support = lexical_support(text, texts, names) if texts else None
    return SentenceCheck(
        text=sentence.text,
        section=section,
        index=index,
        citations=len(sentence.citations),
        dangling=dangling,
        unsupported_numbers=numbers,
        unsupported_entities=entities,
        support=support,
        low_support=support is not None and support < options.min_support,
        original_found=None if sentence.original is None else _quoted(sentence.original, texts),
    )


def _without(text: str, names: Sequence[str]) -> str:
    """`text` with the allowed names that hold digits blanked out: "21st Century Business
    Herald reported …" names an outlet, it does not state the figure 21."""
    for name in sorted({n for n in names if any(ch.isdigit() for ch in n)}, key=len, reverse=True):
        text = text.replace(name, " " * len(name))
    return text


def _unsupported_entities(
    text: str,
    spans: Sequence[CitedSpan],
    texts: Sequence[str],
    names: Sequence[str],
    linker: EntityLinker | None,
    options: VerifyOptions,
) -> tuple[str, ...]:
    missing: list[str] = []
    skip: list[tuple[int, int]] = []
    if linker is not None:
        allowed = set(options.ignore_entities)
        for span in spans:
            allowed |= span.entity_ids
        for t in [*texts, *names]:
            allowed.update(m.entity_id for m in linker.find(t))
        for mention in linker.find(text):
            skip.append((mention.start, mention.end))
            if mention.entity_id not in allowed and mention.text not in missing:
                missing.append(mention.text)
    if any(is_latin_text(t) for t in texts):
        for name in capitalised_names(text, skip):
            if not name_in(name, [*texts, *names]) and name not in missing:
                missing.append(name)
    return tuple(missing)


_PIECES = re.compile(r"(?<=[。！？!?；;])|(?<=[.])\s+")


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _quoted(original: str, texts: Sequence[str]) -> bool:
    """Is every sentence of `original` text of one of the cited spans?"""
    haystacks = [_squash(t) for t in texts]
    pieces = [_squash(p).strip('“”"「」') for p in _PIECES.split(original)]
    pieces = [p for p in pieces if p]
    return bool(pieces) and all(any(p in h for h in haystacks) for p in pieces)


# ------------------------------------------------------------------------------- briefings
def metric_names_of(metrics: Sequence[Metric]) -> Callable[[str], Sequence[str]]:
    """metric id -> the names a briefing calls it by (English and Chinese)."""
    names = {m.id: tuple(n for n in (m.name, m.name_zh) if n) for m in metrics}
    return lambda metric_id: names.get(metric_id, ())


def resolve_citations(
    sentence: BriefingSentence,
    documents: Callable[[str], str | None],
    *,
    names: Callable[[str], Sequence[str]] = lambda _doc: (),
    claims: Callable[[str], Claim | None] | None = None,
    metric_names: Callable[[str], Sequence[str]] = lambda _metric: (),
) -> list[CitedSpan]:
    """The text each citation of `sentence` points at, or why it points nowhere. A cited
    claim vouches for its attribution, its entities and the name of its metric (the claims
    stage matched the metric in that sentence: "On the Big Fund size, …" may cite a span
    that says "the national chip fund")."""
    out: list[CitedSpan] = []
    for c in sentence.citations:
        doc = documents(c.document_id)
        extra = tuple(names(c.document_id))
        ids: frozenset[str] = frozenset()
        claim = claims(c.claim_id) if claims is not None and c.claim_id else None
        if claim is not None:
            extra += (claim.attribution.name,)
            if claim.metric:
                extra += tuple(metric_names(claim.metric))
            ids = frozenset(
                i for i in (*claim.entities, claim.subject, claim.attribution.entity_id) if i
            )
        if doc is None:
            out.append(CitedSpan(c, None, "document not found"))
        elif not 0 <= c.start < c.end <= len(doc):
            out.append(
                CitedSpan(c, None, f"span outside the document (its text has {len(doc)} chars)")
            )
        else:
            out.append(CitedSpan(c, doc[c.start : c.end], None, extra, ids))
    return out


def verify_briefing(
    briefing: Briefing,
    documents: Callable[[str], str | None],
    *,
    linker: EntityLinker | None = None,
    options: VerifyOptions | None = None,
    claims: Callable[[str], Claim | None] | None = None,
    metrics: Sequence[Metric] = (),
) -> VerificationReport:
    """Check every sentence of `briefing`. `documents` maps a document id to its text (None
    when there is no such document); `claims` (optional) maps a claim id to its Claim, so a
    sentence may name whom a cited claim is attributed to, and `metrics` the names of the
    cited claims' metrics."""
    options = options or VerifyOptions()
    cache: dict[str, str | None] = {}

    def text_of(document_id: str) -> str | None:
        if document_id not in cache:
            cache[document_id] = documents(document_id)
        return cache[document_id]

    publishers: dict[str, list[str]] = {}
    for source in briefing.sources:
        publishers.setdefault(source.document_id, []).extend(
            n for n in (source.source_name, source.source_id) if n
        )

    def names_of(document_id: str) -> Sequence[str]:
        return publishers.get(document_id, ())

    results: list[SentenceCheck] = []
    for s_index, section in enumerate(briefing.sections):
        for index, sentence in enumerate(section.sentences):
            spans = resolve_citations(
                sentence, text_of, names=names_of, claims=claims,
                metric_names=metric_names_of(metrics),
            )  # fmt: skip
            results.append(
                verify_sentence(
                    sentence, spans, linker=linker, options=options, section=s_index, index=index
                )
            )
    return VerificationReport(tuple(results), min_support=options.min_support)
