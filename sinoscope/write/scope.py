"""The briefing's scope: lookups over its inputs that selection and prose share.

    scope = Scope(inputs, options)
    scope.in_window(doc_id), scope.root(doc_id), scope.publisher(doc_id), scope.story(doc_id)
    scope.passes_filters(doc_id, sentence, claims), scope.story_qualifies(story_id)

- root: the original a syndicated copy repeats (following `original_id`, copies of copies
  too); a copy and its original are one report. `publisher` is the independence key of the
  root's outlet (its source id), so two outlets are two publishers and a copy adds none.
- stories: a document's story comes from `inputs.stories` (their document ids), else from
  `BriefDocument.story_id`. Story figures count the originals in the window, their
  publishers, outlet kinds and languages.
- filters: `topic` (a document's topics or a claim's), `entity` (a claim naming it, or one of
  its names in the sentence), `query` (relevance, select.py).
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from ..records import Claim
from ..understand.quantities import detect_language
from .inputs import BriefDocument, BriefInputs, BriefOptions
from .relevance import relevance

if TYPE_CHECKING:
    from .select import Fact

__all__ = ["Scope", "StoryStats"]

_MAX_HOPS = 10


@dataclass(frozen=True, slots=True)
class StoryStats:
    """A story within the window: original documents, publishers, outlet kinds, languages."""

    id: str
    documents: int
    publishers: int
    kinds: int
    languages: int


def _utc(when: datetime) -> datetime:
    return when.replace(tzinfo=UTC) if when.utcoffset() is None else when


def _language(value: str | None) -> str | None:
    if not value:
        return None
    value = value.lower()
    return "zh" if value.startswith("zh") else value[:2]


class Scope:
    """Lookups over `inputs` for one briefing (built once per `write_briefing` call)."""

    def __init__(self, inputs: BriefInputs, options: BriefOptions) -> None:
        self.inputs = inputs
        self.options = options
        self.documents = inputs.documents
        self.start, self.end = (_utc(w) for w in inputs.window)
        self.metric_ids = frozenset(m.id for m in inputs.metrics)
        self.metrics = {m.id: m for m in inputs.metrics}
        self.topic_ids = frozenset(t.id for t in inputs.topics)
        self.topics = {t.id: t for t in inputs.topics}
        self._window = {d: self._inside(doc) for d, doc in inputs.documents.items()}
        self.window_documents = sorted(d for d, inside in self._window.items() if inside)
        self.claims = [c for c in inputs.claims if c.document_id in inputs.documents]
        self.claims_by_id = {c.id: c for c in self.claims}
        self.claims_by_document: dict[str, list[Claim]] = defaultdict(list)
        for c in self.claims:
            self.claims_by_document[c.document_id].append(c)
        self.claims_in_window = [c for c in self.claims if self._window[c.document_id]]
        self._roots: dict[str, str] = {}
        self._stories = self._story_map()
        self.has_stories = any(self._stories.get(d) for d in self.window_documents)
        self.story_stats = self._story_stats()
        self.corroboration = self._corroboration()
        self._entity_names = self._names_of_entity()
        self.own_definition: dict[str, bool] = {}  # claim id -> counts its metric's own way
        home = inputs.place
        self.elsewhere = frozenset(
            e.id for e in inputs.entities if e.type == "place" and home and e.id != home
        )  # places whose figures are not the beat's

    # ------------------------------------------------------------------------- documents
    def _inside(self, doc: BriefDocument) -> bool:
        if doc.published is None:
            return True
        return self.start <= _utc(doc.published) < self.end

    def in_window(self, doc_id: str) -> bool:
        return self._window.get(doc_id, False)

    def _published(self, doc_id: str) -> datetime:
        published = self.documents[doc_id].published
        return _utc(published) if published is not None else self.end

    def recency(self, doc_id: str) -> float:
        """Where in the window the document was published: 0 at the start, 1 at the end."""
        doc = self.documents.get(doc_id)
        if doc is None or doc.published is None:
            return 0.5
        span = (self.end - self.start).total_seconds() or 1.0
        return min(1.0, max(0.0, (_utc(doc.published) - self.start).total_seconds() / span))

    def root(self, doc_id: str) -> str:
        if doc_id in self._roots:
            return self._roots[doc_id]
        current = doc_id
        for _ in range(_MAX_HOPS):
            doc = self.documents.get(current)
            if doc is None or not doc.original_id or doc.original_id == current:
                break
            current = doc.original_id
        self._roots[doc_id] = current
        return current

    def publisher(self, doc_id: str) -> str:
        """The independence key of the outlet that first published the document."""
        root = self.root(doc_id)
        doc = self.documents.get(root)
        if doc is None:
            return f"original:{root}"
        key = doc.source_id or doc.source_name or ""
        return re.sub(r"[\W_]+", "", key.casefold()) or f"document:{root}"

    def publisher_name(self, doc_id: str, language: str | None = None) -> str:
        """How the briefing names the outlet that published `doc_id`."""
        doc = self.documents[doc_id]
        if (language or self.options.language) == "zh" and doc.source_name_zh:
            return doc.source_name_zh
        if doc.source_name:
            return doc.source_name
        if doc.source_id:
            return doc.source_id
        return urlsplit(doc.url).hostname or doc.url

    def language_of(self, doc_id: str, text: str, claims: Sequence[Claim] = ()) -> str:
        for c in claims:
            lang = _language(c.language)
            if lang:
                return lang
        return detect_language(text)

    def top_topic(self, doc_id: str) -> str | None:
        scored = self.inputs.document_topics.get(doc_id, ())
        known = [(t, s) for t, s in scored if not self.topic_ids or t in self.topic_ids]
        if not known:
            return None
        return min(known, key=lambda ts: (-ts[1], ts[0]))[0]

    # ---------------------------------------------------------------------------- filters
    def _names_of_entity(self) -> tuple[str, ...]:
        wanted = self.inputs.entity
        if not wanted:
            return ()
        for entity in self.inputs.entities:
            if entity.id == wanted:
                return entity.names
        return tuple(dict.fromkeys((wanted, wanted.replace("-", " "))))

    def names_entity(self, text: str) -> bool:
        for name in self._entity_names:
            if re.search(r"[\u3400-\u9fff]", name):
                if name in text:
                    return True
            elif re.search(r"(?<![A-Za-z])" + re.escape(name) + r"(?![A-Za-z])", text, re.I):
                return True
        return False

    def _claim_names_entity(self, claim: Claim) -> bool:
        wanted = self.inputs.entity
        return wanted in claim.entities or wanted in (claim.subject, claim.attribution.entity_id)

    def _claim_has_topic(self, claim: Claim) -> bool:
        return self.inputs.topic in claim.topics

    def _document_has_topic(self, doc_id: str) -> bool:
        if any(t == self.inputs.topic for t, _ in self.inputs.document_topics.get(doc_id, ())):
            return True
        return any(self._claim_has_topic(c) for c in self.claims_by_document.get(doc_id, ()))

    def document_passes(self, doc_id: str) -> bool:
        """Whether a document may hold passages for the briefing's topic and entity."""
        if self.inputs.topic and not self._document_has_topic(doc_id):
            return False
        if self.inputs.entity:
            claims = self.claims_by_document.get(doc_id, ())
            doc = self.documents[doc_id]
            if not any(self._claim_names_entity(c) for c in claims):
                return self.names_entity(doc.text) or self.names_entity(doc.title or "")
        return True

    def passes_filters(self, doc_id: str, text: str, claims: Sequence[Claim]) -> bool:
        """Whether a passage (a sentence and its claims) fits the topic and entity filters."""
        if self.inputs.topic:
            tagged = [c for c in claims if c.topics]
            if tagged:
                if not any(self._claim_has_topic(c) for c in tagged):
                    return False
            elif not self._document_has_topic(doc_id):
                return False
        return not self.inputs.entity or (
            any(self._claim_names_entity(c) for c in claims) or self.names_entity(text)
        )

    def most_relevant(self, doc_ids: Sequence[str], query: str, limit: int) -> list[str]:
        """The `limit` documents most relevant to `query` (title and opening), in order."""
        if len(doc_ids) <= limit:
            return list(doc_ids)
        texts = [
            f"{self.documents[d].title or ''}\n{self.documents[d].text[:2000]}" for d in doc_ids
        ]
        scores = relevance(query, texts, [detect_language(t) for t in texts])
        ranked = sorted(range(len(doc_ids)), key=lambda i: (-scores[i], doc_ids[i]))[:limit]
        return [doc_ids[i] for i in sorted(ranked)]

    def first_reports(self, doc_ids: Sequence[str], per_story: int) -> list[str]:
        """`doc_ids` less all but the first `per_story` originals of each story (documents
        without a story are all kept): a story's key facts are in its first reports' leads."""
        ranked = sorted(
            doc_ids,
            key=lambda d: (
                self.root(d) != d,
                self._published(d),
                d,
            ),
        )
        count: dict[str, int] = defaultdict(int)
        keep: set[str] = set()
        for doc_id in ranked:
            story = self.story(doc_id)
            if story is None or count[story] < per_story:
                keep.add(doc_id)
                if story is not None:
                    count[story] += 1
        return [d for d in doc_ids if d in keep]

    # ---------------------------------------------------------------------------- stories
    def _story_map(self) -> dict[str, str]:
        out: dict[str, str] = {}
        for doc_id, doc in self.documents.items():
            if doc.story_id:
                out[doc_id] = doc.story_id
        for story in sorted(self.inputs.stories, key=lambda s: s.id):
            for doc_id in story.document_ids:
                out[doc_id] = story.id
        return out

    def story(self, doc_id: str) -> str | None:
        return self._stories.get(doc_id) or self._stories.get(self.root(doc_id))

    def _story_stats(self) -> dict[str, StoryStats]:
        roots: dict[str, set[str]] = defaultdict(set)
        publishers: dict[str, set[str]] = defaultdict(set)
        kinds: dict[str, set[str]] = defaultdict(set)
        languages: dict[str, set[str]] = defaultdict(set)
        for doc_id in self.window_documents:
            story = self.story(doc_id)
            if story is None:
                continue
            doc = self.documents[doc_id]
            roots[story].add(self.root(doc_id))
            publishers[story].add(self.publisher(doc_id))
            if doc.source_kind:
                kinds[story].add(doc.source_kind)
            languages[story].add(_language(doc.language) or detect_language(doc.text[:400]))
        return {
            s: StoryStats(s, len(roots[s]), len(publishers[s]), len(kinds[s]), len(languages[s]))
            for s in roots
        }

    def _included(self, story: str | None, doc_ids: Sequence[str] = ()) -> bool:
        wanted = self.options.include_single_source
        if not wanted:
            return False
        if story is not None and story in wanted:
            return True
        return any(d in wanted for d in doc_ids)

    def story_qualifies(self, story: str) -> bool:
        stats = self.story_stats.get(story)
        if stats is None:
            return self._included(story)
        return (
            stats.documents >= self.options.min_documents
            and stats.publishers >= self.options.min_publishers
        ) or self._included(story)

    def fact_qualifies(self, fact: Fact) -> bool:
        """Whether a fact may be summarised: its story meets the threshold, or the fact
        itself does (the same statement in enough originals from enough publishers, whatever
        story they were clustered into), or an editor included it."""
        doc_ids = [p.document_id for p in fact.sources]
        if self._included(fact.story, doc_ids):
            return True
        if self.has_stories and fact.story is not None and self.story_qualifies(fact.story):
            return True
        return (
            fact.documents >= self.options.min_documents
            and fact.publishers >= self.options.min_publishers
        )

    def story_factor(self, story: str | None) -> float:
        stats = self.story_stats.get(story) if story else None
        if stats is None:
            return 1.0
        return (
            1.0
            + 0.1 * math.log2(max(stats.documents, 1))
            + 0.1 * min(stats.kinds - 1, 3)
            + 0.1 * max(stats.languages - 1, 0)
        )

    # ------------------------------------------------------------------------ agreements
    def _corroboration(self) -> dict[str, int]:
        """Claim id -> a label shared by claims that state one figure: those an agreement
        says corroborate each other, and claims of one metric and kind with the same values
        (however written: 3440亿元 = 344 billion yuan), so a figure meets itself across
        languages."""
        out: dict[str, int] = {}
        ordered = sorted(
            (a for a in self.inputs.agreements if a.kind == "corroborates"), key=lambda a: a.id
        )
        for label, agreement in enumerate(ordered):
            for claim_id in agreement.claim_ids:
                out.setdefault(claim_id, label)
        same: dict[tuple[object, ...], int] = {}
        for claim in sorted(self.claims, key=lambda c: c.id):
            if not claim.metric or not claim.quantities:
                continue
            values = tuple(sorted({round(q.value, 6) for q in claim.quantities}))
            key = (claim.metric, claim.kind, claim.time.deadline, values)
            label = same.setdefault(key, out.get(claim.id, len(ordered) + len(same)))
            out.setdefault(claim.id, label)
        return out

    def window_datetime(self, when: datetime | None) -> datetime | None:
        return _utc(when) if when is not None else None
