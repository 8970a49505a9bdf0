"""Selection: which passages of which documents a briefing states, merged into facts.

    scope = Scope(inputs, options)
    passages = gather_passages(scope)          # claims + usable plain sentences, scored
    facts = build_facts(passages, scope)       # the same statement across documents, merged
    picked = choose(facts, scope)              # topic sections + single-source list

Passages are the claims of the documents in the window and plain sentences (without a query:
the first `lead_sentences` usable sentences of each story's first three original reports,
or of every document without a story; with a query: every sentence of the
`max_query_documents` most relevant documents), each scored by

- kind: a figure tied to a beat metric or a target first, then other numbers, events,
  attributed assessments, plain sentences; a named (cited) source counts a little more, a
  sentence with a figure or a date a little more (specific);
- relevance to the query: BM25 over the passages, the words a question is phrased with
  left out, then one round of feedback from the best passages, so "fuel types" also finds
  "E85" and "ethanol"; passages below `relevance_floor` of the best are dropped, the others
  weighted by the square root of their relevance (so how widely a fact is reported still
  counts among relevant ones);
- recency in the window; sentences that lean on the one before ("It", "This", "They" …)
  or talk about the article ("This article", "In conclusion") count less; boilerplate,
  questions and fragments are not used.

A Chinese clause after a semicolon ("…总规模为197EFLOPS；截至2024年6月底为246EFLOPS。") is a
sentence to the splitter and to claims, but quoted alone it may have lost its subject: a
figure line (`claim_passage`) quotes the whole sentence, up to `_WHOLE_MAX` characters. Facts
keep the clause, so two figures of one sentence stay two facts.

A fact is a group of passages that state the same thing (facts.py; claims that corroborate one
figure, `Agreement.kind == "corroborates"`, or give one metric the same values, are one fact
across languages). Its score grows with the number of original documents and independent
publishers behind it (a syndicated copy counts as its original: it is neither cited nor
counted) and with its story's size and spread across outlet kinds and languages. A fact is
summarised when its story meets the threshold (`min_documents` originals from
`min_publishers` publishers) or the fact itself does; the others make the single-source
list, one line per story, none repeating a chosen fact.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from ..records import Claim, Sentence
from ..understand.quantities import detect_language
from ..understand.sentences import split_sentences
from .facts import (
    TermWeights,
    merge_passages,
    passage_terms,
    similarity,
)
from .inputs import BriefOptions
from .relevance import relevance
from .scope import Scope

__all__ = [
    "Fact",
    "Passage",
    "Picked",
    "build_facts",
    "choose",
    "claim_passage",
    "gather_passages",
    "is_boilerplate",
    "leans_on_previous",
    "quoted_span",
]

_KIND_WEIGHT = {"quantity": 0.9, "target": 0.9, "event": 0.75, "assessment": 0.7}
_PLAIN_WEIGHT = 0.6
_LEAD_DOCUMENTS = 3  # without a query, plain sentences come from a story's first reports
_METRIC_BONUS = 0.2
_CITED_BONUS = 0.1
_LEANING = re.compile(
    r"^(?:it|this|that|these|those|they|he|she|such|but|yet|and|the move|the decision|the company|"
    r"the firm|the plan|his|her|their|its|"
    r"the announcement(?!\s+(?:of|by|on)\b)|"
    r"the (?:figures?|numbers?)(?!\s+(?:of|for|on|from|in|released|published|issued)\b)|"
    r"the (?:first|second|third|fourth|fifth|former|latter)(?:\s+[a-z]+)?(?=,))\b",
    re.IGNORECASE,
)  # "The figures have risen quickly", "The second, in 2019, …", "The first phase, set up in
#    2014, …" (of what?) but not "The number of AI firms …", "The first phase of the fund …",
#    "The first domestic 7nm chip was …"
_WHOLE_MAX = 220  # characters of a Chinese sentence a clause may widen to (see `_usable`)
_ZH_SENTENCE_END = re.compile(r"[。！？]+[”’」』）)]*|\.(?=\s)|\n")
_ZH_LEANING = re.compile(
    r"^(?:这|此|该|其|他|她|它|他们|对此|上述|然而|但(?!凡)|而(?!今)|不过(?![度分问于]))"
)


def leans_on_previous(text: str, language: str) -> bool:
    """Whether a sentence opens by pointing back at the one before ("This", "They", "The
    figures …"), so that quoted alone it leaves the reader asking what it means."""
    return bool((_ZH_LEANING if language == "zh" else _LEANING).match(text.strip()))


_BOILERPLATE = (
    "click here", "sign up", "subscribe", "newsletter", "all rights reserved", "©", "(c)",
    "read more", "photo:", "file photo", "http://", "https://", "www.", "follow us",
    "editor's note", "责任编辑", "版权", "原标题", "点击", "关注我们", "分享到", "【打印】",
    "发布时间：", "字体：",
)  # fmt: skip
_META = (
    "this article", "this analysis", "this report", "this piece", "in conclusion",
    "in summary", "to sum up", "delve", "cannot be overstated", "cannot be understated",
)  # fmt: skip
_CLAIM_ORDER = {"quantity": 0, "target": 1, "event": 2, "assessment": 3}


@dataclass(frozen=True, slots=True)
class Passage:
    """A sentence of a document that a briefing may state: a claim's sentence (`claims`
    non-empty) or a plain sentence. `publisher` is the independence key of its original."""

    key: str
    document_id: str
    start: int
    end: int
    text: str
    language: str
    claims: tuple[Claim, ...]
    root: str
    publisher: str
    story: str | None
    topic: str | None
    in_window: bool
    score: float
    terms: frozenset[str]

    @property
    def claim(self) -> Claim | None:
        return self.claims[0] if self.claims else None


@dataclass(frozen=True, slots=True)
class Fact:
    """Passages stating the same thing; `lead` is the one the briefing quotes, `sources` one
    passage per original document (lead first), `copies` the syndicated copies left out."""

    lead: Passage
    sources: tuple[Passage, ...]
    copies: tuple[Passage, ...]
    score: float
    documents: int
    publishers: int
    story: str | None
    topic: str | None


@dataclass(frozen=True, slots=True)
class Picked:
    """What `choose` kept: sections as (topic id or None, facts), the single-source list, and
    counts of what was left out and why."""

    sections: tuple[tuple[str | None, tuple[Fact, ...]], ...]
    single_source: tuple[Fact, ...]
    left_out: dict[str, int] = field(default_factory=dict)


# ------------------------------------------------------------------------------ passages
def gather_passages(scope: Scope) -> list[Passage]:
    """Claims and usable plain sentences of the documents in the window that pass the
    briefing's filters, scored (relevance to the query included), best first."""
    inputs, options = scope.inputs, scope.options
    by_span: dict[tuple[str, int, int], list[Claim]] = defaultdict(list)
    for claim in scope.claims_in_window:
        by_span[(claim.document_id, claim.start, claim.end)].append(claim)
    drafts: list[tuple[str, int, int, str, tuple[Claim, ...], str]] = []
    claimed: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for (doc_id, start, end), found in sorted(by_span.items()):
        found.sort(key=lambda c: (_CLAIM_ORDER.get(c.kind, 9), c.metric is None, c.id))
        language = scope.language_of(doc_id, found[0].sentence, found)
        drafts.append((doc_id, start, end, found[0].sentence, tuple(found), language))
        claimed[doc_id].append((start, end))
    for doc_id, sentences in _plain_sentences(scope).items():
        for s, language in sentences:
            if not any(a < s.end and s.start < b for a, b in claimed[doc_id]):
                drafts.append((doc_id, s.start, s.end, s.text, (), language))
    passages: list[Passage] = []
    for doc_id, start, end, text, claims, language in drafts:
        if claims and is_boilerplate(text):
            continue
        if not scope.passes_filters(doc_id, text, claims):
            continue
        passages.append(_passage(scope, doc_id, start, end, text, language, claims))
    if inputs.query:
        scores = relevance(inputs.query, [p.text for p in passages], [p.language for p in passages])
        floor = options.relevance_floor * max(scores, default=0.0)
        passages = [
            _rescored(p, p.score * math.sqrt(r))
            for p, r in zip(passages, scores, strict=True)
            if r > floor
        ]
    passages.sort(key=lambda p: (-p.score, p.document_id, p.start))
    return passages


def _plain_sentences(scope: Scope) -> dict[str, list[tuple[Sentence, str]]]:
    """Usable sentences (with their language) of the documents that may hold passages."""
    inputs, options = scope.inputs, scope.options
    docs = [d for d in scope.window_documents if scope.document_passes(d)]
    if inputs.query:
        docs = scope.most_relevant(docs, inputs.query, options.max_query_documents)
    else:
        docs = scope.first_reports(docs, _LEAD_DOCUMENTS)
    out: dict[str, list[tuple[Sentence, str]]] = {}
    for doc_id in docs:
        given = inputs.sentences.get(doc_id) if inputs.sentences is not None else None
        text = inputs.documents[doc_id].text
        language = inputs.documents[doc_id].language
        wanted = None if inputs.query else options.lead_sentences
        if given is not None:
            out[doc_id] = _usable_sentences(given, wanted)
        elif wanted is None:
            out[doc_id] = _usable_sentences(split_sentences(text, language), None)
        else:
            out[doc_id] = _lead(text, language, wanted)
    return out


def _usable_sentences(
    sentences: Iterable[Sentence], wanted: int | None
) -> list[tuple[Sentence, str]]:
    out: list[tuple[Sentence, str]] = []
    for s in sentences:
        language = detect_language(s.text)
        if _usable(s.text, language):
            out.append((s, language))
            if wanted is not None and len(out) >= wanted:
                break
    return out


def _lead(text: str, language: str | None, wanted: int) -> list[tuple[Sentence, str]]:
    """The first `wanted` usable sentences of `text`, splitting only as much as needed."""
    size = 1200
    while True:
        sentences = split_sentences(text[:size], language)
        if size < len(text) and sentences:
            sentences = sentences[:-1]  # the last may be cut off
        usable = _usable_sentences(sentences, wanted)
        if len(usable) >= wanted or size >= len(text):
            return usable
        size *= 3


def is_boilerplate(text: str) -> bool:
    """Page furniture caught in a sentence ("分享到", "Click here", a URL)."""
    low = text.lower()
    return any(marker in low for marker in _BOILERPLATE)


def _usable(text: str, language: str) -> bool:
    """A sentence that reads on its own: not boilerplate, a question, a heading or a stub."""
    t = text.strip()
    if language == "zh":
        if not 12 <= len(t) <= 220 or not re.search(r"[。！；]$|[。！][”」]$", t):
            return False
    else:
        if not 40 <= len(t) <= 400 or t[-1] not in ".!\"”'’)":
            return False
        if not t[0].isupper() and not t[0].isdigit() and t[0] not in "\"“‘'(":
            return False
    if t.endswith(("?", "？", ":", "：")) or is_boilerplate(t):
        return False
    return t.count("“") == t.count("”") and t.count('"') % 2 == 0


def _passage(
    scope: Scope,
    doc_id: str,
    start: int,
    end: int,
    text: str,
    language: str,
    claims: tuple[Claim, ...],
) -> Passage:
    claim = claims[0] if claims else None
    if claim is None:
        weight = _PLAIN_WEIGHT
    else:
        weight = _KIND_WEIGHT.get(claim.kind, _PLAIN_WEIGHT)
        if any(c.metric and c.metric in scope.metric_ids for c in claims):
            weight += _METRIC_BONUS
        if claim.attribution.kind == "cited" and claim.attribution.name:
            weight += _CITED_BONUS
    if leans_on_previous(text, language):
        weight *= 0.6
    low = text.lower()
    if any(marker in low for marker in _META):
        weight *= 0.5  # a sentence about the article, not a fact
    if re.search(r"\d", text):
        weight *= 1.15  # a figure, a date: specific
    if len(text) > (180 if language == "zh" else 320):
        weight *= 0.85
    weight *= 0.9 + 0.2 * scope.recency(doc_id)
    topic = next((t for c in claims for t in c.topics if t in scope.topic_ids), None)
    key = claim.id if claim is not None else f"s:{doc_id}:{start}"
    return Passage(
        key=key,
        document_id=doc_id,
        start=start,
        end=end,
        text=text,
        language=language,
        claims=claims,
        root=scope.root(doc_id),
        publisher=scope.publisher(doc_id),
        story=scope.story(doc_id),
        topic=topic or scope.top_topic(doc_id),
        in_window=scope.in_window(doc_id),
        score=weight,
        terms=passage_terms(text, language),
    )


def _whole_sentence(document: str, start: int, end: int, text: str) -> tuple[int, int, str]:
    """The span and text of the Chinese sentence a clause after "；" belongs to (from the last
    。！？ or line break before the clause to the first after it), or the clause itself when
    it does not follow a semicolon or the sentence is longer than `_WHOLE_MAX`."""
    before = document[max(0, start - 8) : start].rstrip()
    if document[start:end] != text or not before.endswith(("；", ";")):
        return start, end, text
    opening = max(0, start - _WHOLE_MAX)  # a sentence starting earlier is too long anyway
    ends = [m.end() for m in _ZH_SENTENCE_END.finditer(document, opening, start)]
    if not ends and opening > 0:
        return start, end, text
    first = ends[-1] if ends else 0
    found = _ZH_SENTENCE_END.search(document, start)
    stop = (
        len(document) if found is None else found.start() if found.group() == "\n" else found.end()
    )
    whole = document[first:stop].strip()
    if not whole or len(whole) > _WHOLE_MAX:
        return start, end, text
    first = document.index(whole, first)
    if not first <= start < end <= first + len(whole):  # a break inside the clause itself
        return start, end, text
    return first, first + len(whole), whole


def quoted_span(scope: Scope, claim: Claim) -> tuple[int, int, str, str]:
    """(start, end, text, language) of what a figure line quotes for a claim: its sentence,
    or for a Chinese clause after "；" the whole sentence (`_whole_sentence`)."""
    language = scope.language_of(claim.document_id, claim.sentence, (claim,))
    start, end, text = claim.start, claim.end, claim.sentence
    if language == "zh":
        start, end, text = _whole_sentence(
            scope.documents[claim.document_id].text, start, end, text
        )
    return start, end, text, language


def claim_passage(scope: Scope, claim: Claim) -> Passage:
    """The passage of one claim (any claim whose document is among the inputs), as a figure
    line quotes it (`quoted_span`)."""
    start, end, text, language = quoted_span(scope, claim)
    return _passage(scope, claim.document_id, start, end, text, language, (claim,))


def _rescored(p: Passage, score: float) -> Passage:
    return Passage(
        p.key, p.document_id, p.start, p.end, p.text, p.language, p.claims, p.root,
        p.publisher, p.story, p.topic, p.in_window, score, p.terms,
    )  # fmt: skip


# --------------------------------------------------------------------------------- facts
def build_facts(passages: Sequence[Passage], scope: Scope) -> list[Fact]:
    """Passages merged into facts, best first (see the module doc)."""
    if not passages:
        return []
    terms = [p.terms for p in passages]
    weights = TermWeights.of(terms)
    labels: list[int | None] = []
    for p in passages:
        labelled = [c for c in p.claims if c.id in scope.corroboration]
        labels.append(
            scope.corroboration[max(labelled, key=_headline_figure).id] if labelled else None
        )
    groups = merge_passages(
        terms,
        range(len(passages)),
        weights,
        threshold=scope.options.merge_threshold,
        groups=labels,
    )
    facts = [_fact([passages[i] for i in group], scope) for group in groups]
    facts.sort(key=lambda f: (-f.score, f.lead.document_id, f.lead.start))
    return facts


def _headline_figure(claim: Claim) -> tuple[str, str, str, tuple[float, ...]]:
    """Which of a sentence's figures it is grouped by: the one of the latest date ("515m by
    June 2025, up from 249m at the end of 2024" meets other reports of the June figure), then
    by content, never by id (ids depend on URLs, and the grouping must not)."""
    values = tuple(sorted(q.value for q in claim.quantities))
    return (claim.time.as_of or "", claim.kind, claim.metric or "", values)


def _factor(documents: int, publishers: int) -> float:
    return 1 + 0.5 * math.log2(max(documents, 1)) + 0.5 * math.log2(max(publishers, 1))


def _fact(members: list[Passage], scope: Scope) -> Fact:
    best: dict[str, Passage] = {}  # original document -> the passage that stands for it
    for p in members:  # best first
        current = best.get(p.root)
        if current is None or (current.document_id != p.root and p.document_id == p.root):
            best[p.root] = p  # an original's own sentence beats a copy's
    lead = best[members[0].root]
    language = scope.options.language
    if lead.language != language:  # quote a source in the briefing's language when close
        alike = [p for p in best.values() if p.language == language and p.score >= 0.6 * lead.score]
        if alike:
            lead = max(alike, key=lambda p: (p.score, p.document_id == p.root, -p.start))
    sources = [
        lead,
        *sorted(
            (p for r, p in best.items() if r != lead.root),
            key=lambda p: (-p.score, p.document_id, p.start),
        ),
    ]
    kept = {id(p) for p in sources}
    copies = [p for p in members if id(p) not in kept and p.document_id != p.root]
    publishers = len({p.publisher for p in sources})
    documents = len({p.root for p in sources})
    story = next(
        (p.story for p in sources if p.story and scope.story_qualifies(p.story)), lead.story
    )
    factor = _factor(documents, publishers)
    return Fact(
        lead=lead,
        sources=tuple(sources),
        copies=tuple(copies),
        score=lead.score * factor * scope.story_factor(story),
        documents=documents,
        publishers=publishers,
        story=story,
        topic=lead.topic or next((p.topic for p in sources if p.topic), None),
    )


# -------------------------------------------------------------------------------- choose
def choose(facts: Sequence[Fact], scope: Scope) -> Picked:
    """Topic sections of the best facts of qualifying stories, and one entry per story below
    the threshold (see the module doc); near-repeats of a chosen fact are skipped."""
    options = scope.options
    left: dict[str, int] = defaultdict(int)
    chosen: list[Fact] = []
    per_story: dict[str, int] = defaultdict(int)
    per_section: dict[str | None, list[Fact]] = {}
    single: dict[str, Fact] = {}
    weights = TermWeights.of(f.lead.terms for f in facts)
    focused = scope.inputs.topic is not None or not any(f.topic for f in facts)
    limit = options.max_sentences_per_section * (2 if focused else 1)
    below: list[Fact] = []
    for fact in facts:
        if not scope.fact_qualifies(fact):
            below.append(fact)
            continue
        section = scope.inputs.topic or fact.topic
        if len(chosen) >= options.max_sentences:
            left["briefing full"] += 1
        elif len(per_section.get(section, ())) >= limit:
            left["section full"] += 1
        elif section not in per_section and len(per_section) >= options.max_sections:
            left["too many sections"] += 1
        elif fact.story is not None and per_story[fact.story] >= options.max_facts_per_story:
            left["story already has enough facts"] += 1
        elif _repeats(fact, chosen, weights, options):
            left["repeats a chosen fact"] += 1
        else:
            chosen.append(fact)
            per_section.setdefault(section, []).append(fact)
            if fact.story is not None:
                per_story[fact.story] += 1
    for n, fact in enumerate(below):  # one line per thin story, none repeating another
        key = fact.story or f"fact:{fact.lead.key}"
        if len(single) >= options.max_single_source:
            left["single-source beyond the list"] += len(below) - n
            break
        if (
            key in single
            or _repeats(fact, single.values(), weights, options)
            or _repeats(fact, chosen, weights, options)
        ):
            left["single-source repeats"] += 1
        else:
            single[key] = fact
    ranked = sorted(per_section.items(), key=lambda kv: (-kv[1][0].score, kv[0] or "~"))
    sections = tuple((topic, tuple(_in_reading_order(fs))) for topic, fs in ranked)
    return Picked(sections, tuple(single.values()), dict(left))


def _repeats(
    fact: Fact, chosen: Iterable[Fact], weights: TermWeights, options: BriefOptions
) -> bool:
    return any(
        fact.lead.key == other.lead.key
        or similarity(fact.lead.terms, other.lead.terms, weights) >= options.redundancy_threshold
        for other in chosen
    )


def _in_reading_order(facts: Sequence[Fact]) -> list[Fact]:
    """Facts of one story together (in the order of the story's best fact), best first."""
    first: dict[str, int] = {}
    for i, f in enumerate(facts):
        first.setdefault(f.story or f"#{i}", i)
    return sorted(facts, key=lambda f: (first[f.story] if f.story else facts.index(f), -f.score))
