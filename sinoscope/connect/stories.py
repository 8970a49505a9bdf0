"""Online story clustering: each new document joins the most similar story or opens one.

    clusterer = StoryClusterer(ClusterOptions())
    for item in ordered(inputs):                 # published time, then id
        a = clusterer.add(item)                  # StoryAssignment(story_id, joined, …)
        store a.story_id on a.document_id, and story id b on each (d, b) in a.moved
    clusterer.stories()                          # -> list[records.Story]
    clusterer.timeline(story_id)                 # -> the documents in time order

    # after a restart: rebuild the state from stored documents and their story ids
    clusterer = StoryClusterer(options)
    clusterer.load((StoryInput.from_document(doc, …), story_id) for doc, story_id in stored)

How a document is compared with a story (features in `features`, vectors in `vectors`):

- three blocks — words within the document's language (``lex``), proper names from the text
  (``names``), and language-free anchors (``bridge``: entity ids, normalised numbers,
  dates) — each an IDF-weighted cosine between the document and the sum of the story's
  documents; the similarity is their weighted mean over the blocks both sides have (a
  block with few features counts less, see `state.similarity`). A story with no document
  in the new one's language is compared on the bridge alone, which is how an English and
  a Chinese report of one event meet;
- time: a document published more than `window_days` from every document of a story joins
  it only when `outside_window` similar. Where a publication date is missing, the days
  the texts name stand in for it, with the wider `text_window_days`;
- candidates come from an inverted index of the document's rarest features (never a scan
  of all stories); the best candidate at or above `threshold` wins, ties to the older story;
- after a join, the story merges with a story the document also came close to if the two
  are now `merge_above` similar, and a story that reached a checkpoint size is split in
  two when its best two-way split is less alike than `split_below`, or its documents are
  less than `split_ratio` as alike across the parts as within (see `split`): single passes
  commit early, and these two repair the commonest early mistakes locally;
- then the documents of the stories the new one could have joined move, one by one, to
  another of those stories when they are now more like it than like the rest of their own
  and would join it (`reassign`): a local k-means step, so a report that joined the wrong
  story because it came before its own story existed finds its way back;
- a syndicated copy (`syndicated_from` naming a document already placed) joins its
  original's story at once, adds nothing to the story's vectors or the frequency table, and
  is not another independent publisher.

A story's state is sums (its vectors, the frequency table) of its documents' features, so
`load` rebuilds it from (document, story id) pairs in any order without comparing anything,
and the next `add` behaves as if the process had never stopped (a test checks this).

How the defaults were chosen: see `options`."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

import numpy as np
import numpy.typing as npt

from ..records import Document, Quantity, Story
from ..understand.quantities import detect_language
from .features import BLOCKS, DocFeatures, document_features, epoch_days
from .options import ClusterOptions
from .retrieval import PostingIndex
from .split import bisect, checkpoint_crossed, is_two_stories
from .state import (
    Member,
    Profile,
    StoryState,
    TimelineEntry,
    When,
    idf_of,
    in_time_order,
    similarity,
    story_record,
)
from .vectors import FrequencyTable

__all__ = [
    "StoryAssignment",
    "StoryClusterer",
    "StoryInput",
    "TimelineEntry",
    "ordered",
    "story_id_for",
]

log = logging.getLogger(__name__)

_SNIPPET = 120  # characters of text that title a story whose documents have no title


@dataclass(frozen=True, slots=True)
class StoryInput:
    """What clustering needs of one document.

    `language` None is detected from the text. `mentions` are entity ids of the beat (from
    `EntityLinker`); `quantities` None means "find them in the text", () means "there are
    none". `published` must be timezone-aware. `syndicated_from` names the document this one
    copies (a syndicated copy or a near duplicate: whatever dedupe linked it to).
    """

    id: str
    text: str
    language: str | None = None
    title: str | None = None
    source_id: str | None = None
    source_kind: str | None = None
    published: datetime | None = None
    mentions: tuple[str, ...] = ()
    quantities: tuple[Quantity, ...] | None = None
    syndicated_from: str | None = None

    @classmethod
    def from_document(
        cls,
        document: Document,
        *,
        source_kind: str | None = None,
        mentions: Iterable[str] = (),
        quantities: Iterable[Quantity] | None = None,
    ) -> StoryInput:
        """The input for a stored document: its copy link is whichever dedupe set
        (`syndicated_from`, else `near_duplicate_of`, else `duplicate_of`); a naive
        publication time is taken as UTC."""
        published = document.published
        if published is not None and published.utcoffset() is None:
            published = published.replace(tzinfo=UTC)
        return cls(
            id=document.id,
            text=document.text,
            language=document.language,
            title=document.title,
            source_id=document.source_id,
            source_kind=source_kind,
            published=published,
            mentions=tuple(mentions),
            quantities=None if quantities is None else tuple(quantities),
            syndicated_from=document.syndicated_from
            or document.near_duplicate_of
            or document.duplicate_of,
        )

    def __post_init__(self) -> None:
        if not self.id:
            raise ValueError("StoryInput.id must be a non-empty document id")
        if self.published is not None and self.published.utcoffset() is None:
            raise ValueError(
                f"StoryInput {self.id!r}: published must be timezone-aware; "
                "attach a zone, e.g. published.replace(tzinfo=timezone.utc)"
            )


@dataclass(frozen=True, slots=True)
class StoryAssignment:
    """Where `add` put a document: `joined` an existing story or opened `story_id`.

    `similarity` is the similarity to the story joined, or the best one seen when a story was
    opened (1.0 for a copy that followed its original); `copy_of` the original a syndicated
    copy followed; `candidates` how many stories came close. `merged` lists stories that
    this document brought together with `story_id`: their documents now belong to
    `story_id` (the store moves them), and those ids are not used again. `moved` lists
    every other document whose story changed, as (document id, new story id) pairs: those
    of merged stories, and those of a story split in two.
    """

    document_id: str
    story_id: str
    joined: bool
    similarity: float
    copy_of: str | None = None
    candidates: int = 0
    merged: tuple[str, ...] = ()
    moved: tuple[tuple[str, str], ...] = ()


def story_id_for(first_document_id: str) -> str:
    """The id of a story opened by `first_document_id` (stable across runs)."""
    return "story-" + hashlib.sha1(first_document_id.encode("utf-8")).hexdigest()[:16]


def ordered(items: Iterable[StoryInput]) -> list[StoryInput]:
    """The order clustering expects: dated documents by time, then undated ones; ties by id."""
    return sorted(
        items,
        key=lambda i: (i.published is None, i.published.timestamp() if i.published else 0.0, i.id),
    )


_CJK_LANGUAGES = ("zh", "yue", "cmn", "wuu", "lzh")


def _language(item: StoryInput) -> str:
    if item.language:
        primary = item.language.strip().lower().replace("_", "-").split("-")[0]
        return "zh" if primary in _CJK_LANGUAGES else primary or "en"
    return detect_language(item.text)


def _when(published: datetime | None, features: DocFeatures) -> When:
    """When a document happened: its publication day, else the days its text names."""
    if published is not None:
        return When(published=(epoch_days(published),))
    return When(named=features.dates)


def _snippet(item: StoryInput) -> str:
    if item.title and item.title.strip():
        return item.title.strip()
    first = item.text.strip().split("\n", 1)[0]
    return first[:_SNIPPET] + ("…" if len(first) > _SNIPPET else "")


class StoryClusterer:
    """Online story clustering (see the module docstring). Not thread-safe: one writer."""

    def __init__(self, options: ClusterOptions | None = None) -> None:
        self.options = options or ClusterOptions()
        self._freq = FrequencyTable()
        self._postings = PostingIndex()
        self._stories: list[StoryState] = []
        self._by_id: dict[str, int] = {}
        self._doc_story: dict[str, int] = {}
        opts = self.options
        self._weights = {"lex": opts.weight_lex, "names": opts.weight_names,
                         "bridge": opts.weight_bridge}  # fmt: skip

    def __len__(self) -> int:
        """Documents placed so far."""
        return len(self._doc_story)

    # ------------------------------------------------------------------------------ adding
    def add(self, item: StoryInput) -> StoryAssignment:
        """Place one document: follow its original, join the best story, or open one. A
        story it joins may then merge with another that it brought close, or split in two
        (see `StoryAssignment.moved`).

        Adding a document that is already placed changes nothing and says where it is.
        """
        placed = self._doc_story.get(item.id)
        if placed is not None:
            return StoryAssignment(item.id, self._stories[placed].id, True, 1.0)
        original = item.syndicated_from
        if original and original in self._doc_story:
            state = self._stories[self._doc_story[original]]
            self._attach(state, item, None, copy_of=original)
            return StoryAssignment(item.id, state.id, True, 1.0, original)
        features = self._features(item)
        self._count(features)
        profile = Profile.of(features)
        when = _when(item.published, features)
        best, best_similarity, near, contested = self._best(profile, when)
        if best is None:
            state = self._stories[self._open(self._fresh_id(item.id))]
            self._attach(state, item, features)
            return StoryAssignment(item.id, state.id, False, best_similarity, None, len(near))
        state = self._stories[best]
        before = len(state.members)
        self._attach(state, item, features)
        moves: dict[str, str] = {}
        merged = self._merge_around(state, profile.language, near, moves)
        state = self._stories[self._doc_story[item.id]]
        if checkpoint_crossed(before, len(state.members), self.options.min_split):
            self._split(state, moves)
        if self.options.reassign:
            self._reassign([*contested, self._doc_story[item.id]], moves)
        moves.pop(item.id, None)
        story_id = self._stories[self._doc_story[item.id]].id
        return StoryAssignment(
            item.id, story_id, True, best_similarity, None, len(near), tuple(merged),
            tuple(sorted(moves.items())),
        )  # fmt: skip

    def load(self, entries: Iterable[tuple[StoryInput, str]]) -> int:
        """Rebuild the state from stored documents and the story ids they were given.

        Order does not matter; documents already placed are skipped. Returns how many were
        loaded. No similarity is computed: this costs what computing the features costs.
        """
        todo = [(item, sid) for item, sid in entries if item.id not in self._doc_story]
        story_of = {item.id: sid for item, sid in todo}
        story_of.update(self.assignments())
        inputs = {item.id: item for item, _ in todo}
        for item in ordered(inputs.values()):
            sid = story_of[item.id]
            number = self._by_id.get(sid)
            state = self._stories[self._open(sid)] if number is None else self._live(number)
            original = item.syndicated_from
            if original and original != item.id and story_of.get(original) == sid:
                self._attach(state, item, None, copy_of=original)
                continue
            features = self._features(item)
            self._count(features)
            self._attach(state, item, features)
        return len(inputs)

    def assignments(self) -> dict[str, str]:
        """document id -> story id, for every document placed (what the store persists)."""
        return {doc: self._stories[n].id for doc, n in self._doc_story.items()}

    # ----------------------------------------------------------------------------- reading
    def stories(self) -> list[Story]:
        """Every story, in the order they were opened (stories merged away are left out)."""
        return [story_record(s) for s in self._stories if s.members]

    def story(self, story_id: str) -> Story | None:
        """The story with this id, or the one it was merged into; None if unknown."""
        number = self._by_id.get(story_id)
        return None if number is None else story_record(self._live(number))

    def timeline(self, story_id: str) -> list[TimelineEntry]:
        """The story's documents in time order (undated last), the first report first."""
        number = self._by_id.get(story_id)
        if number is None:
            return []
        return [m.timeline_entry() for m in in_time_order(self._live(number).members)]

    # ----------------------------------------------------------------------------- internals
    def _live(self, number: int) -> StoryState:
        state = self._stories[number]
        while state.merged_into is not None:
            state = self._stories[state.merged_into]
        return state

    def _features(self, item: StoryInput) -> DocFeatures:
        return document_features(
            item.text,
            _language(item),
            title=item.title,
            entity_ids=tuple(item.mentions),
            quantities=item.quantities,
        )

    def _count(self, features: DocFeatures) -> None:
        self._freq.add(f"lex:{features.language}", features.lex[0])
        if features.language != "zh":
            self._freq.add("names", features.names[0])
        self._freq.add("bridge", features.bridge[0])

    def _fresh_id(self, first_document_id: str) -> str:
        """`story_id_for` the story's first document, or, when a story it opened before was
        merged away or split off, the same with a counter (ids are never reused)."""
        story_id = story_id_for(first_document_id)
        again = 1
        while story_id in self._by_id:
            story_id = story_id_for(f"{first_document_id}#{again}")
            again += 1
        return story_id

    def _open(self, story_id: str) -> int:
        if story_id in self._by_id:
            raise ValueError(f"story id {story_id!r} is already in use")
        number = len(self._stories)
        self._stories.append(StoryState(story_id, number))
        self._by_id[story_id] = number
        return number

    def _attach(
        self,
        state: StoryState,
        item: StoryInput,
        features: DocFeatures | None,
        copy_of: str | None = None,
    ) -> None:
        language = features.language if features else _language(item)
        member = Member(
            item.id, item.source_id, item.source_kind, language, item.published,
            _snippet(item), copy_of, features,
        )  # fmt: skip
        state.add_member(member)
        self._doc_story[item.id] = state.number
        if features is not None:
            self._post(state, features)
            state.add_features(features)

    def _post(self, state: StoryState, features: DocFeatures) -> None:
        """Add to the postings the features `state` is about to get for the first time."""
        held = state.profile(features.language)
        for block in BLOCKS:
            added = features.block(block)[0]
            if added.size:
                self._postings.add(
                    state.number, np.setdiff1d(added, held.block(block)[0], assume_unique=True)
                )

    def _candidates(self, profile: Profile, idf: dict[str, npt.NDArray[np.float64]]) -> list[int]:
        opts = self.options
        ids = np.concatenate([profile.block(b)[0] for b in BLOCKS])
        scores = np.concatenate([profile.block(b)[1] * idf[b] * self._weights[b] for b in BLOCKS])
        found = self._postings.candidates(
            ids, scores, query_features=opts.query_features, max_posting=opts.max_posting,
            max_candidates=opts.max_candidates,
        )  # fmt: skip
        live = (self._live(n) for n in found)
        return list(dict.fromkeys(s.number for s in live if s.members))

    def _needed(self, state: StoryState, when: When, floor: float) -> float:
        opts = self.options
        if when.gap(state.when(), opts.window_days, opts.text_window_days):
            return max(floor, opts.outside_window)
        return floor

    def _best(self, profile: Profile, when: When) -> tuple[int | None, float, list[int], list[int]]:
        """(best story at or above its threshold or None, its similarity or the best seen,
        the stories compared that came within half the threshold, those at the threshold)."""
        threshold = self.options.threshold
        idf = idf_of(self._freq, profile)
        best: int | None = None
        best_similarity = 0.0
        seen = 0.0
        near: list[int] = []
        contested: list[int] = []
        for number in self._candidates(profile, idf):
            state = self._stories[number]
            sim = similarity(
                profile, idf, state.profile(profile.language), self._freq, self._weights
            )
            seen = max(seen, sim)
            if sim >= threshold / 2:
                near.append(number)
            if sim >= threshold:
                contested.append(number)
            if sim < self._needed(state, when, threshold):
                continue
            if best is None or (sim, -number) > (best_similarity, -best):
                best, best_similarity = number, sim
        return best, best_similarity if best is not None else seen, near, contested

    def _move(self, members: list[Member], target: StoryState, moves: dict[str, str]) -> None:
        for m in members:
            self._doc_story[m.document_id] = target.number
            moves[m.document_id] = target.id

    def _merge_around(
        self, state: StoryState, language: str, near: list[int], moves: dict[str, str]
    ) -> list[str]:
        """Merge `state` with the stories in `near` that are now `merge_above` similar, or
        `threshold` similar for a story of one document (the best first, again after each
        merge); the older story of a pair keeps its id."""
        merged: list[str] = []
        opts = self.options
        while True:
            profile = state.profile(language)
            idf = idf_of(self._freq, profile)
            best: StoryState | None = None
            best_similarity = 0.0
            for number in dict.fromkeys(self._live(n).number for n in near):
                other = self._stories[number]
                if other is state or not other.members:
                    continue
                sim = similarity(profile, idf, other.profile(language), self._freq, self._weights)
                # a story of one document is a document: it merges as a document joins
                single = min(state.originals(), other.originals()) == 1
                floor = opts.threshold if single else opts.merge_above
                if sim < self._needed(other, state.when(), floor):
                    continue
                if best is None or (sim, -other.number) > (best_similarity, -best.number):
                    best, best_similarity = other, sim
            if best is None:
                return merged
            survivor, absorbed = (state, best) if state.number < best.number else (best, state)
            self._move(absorbed.members, survivor, moves)
            survivor.absorb(absorbed)
            merged.append(absorbed.id)
            state = survivor

    def _reassign(self, numbers: list[int], moves: dict[str, str]) -> None:
        """One k-means step over the stories in `numbers` (see `ClusterOptions.reassign`):
        each document of a small one, in time order, moves to the other story it is most
        similar to when that beats the rest of its own story and meets the join rules."""
        live = dict.fromkeys(self._live(n).number for n in numbers)
        stories = [self._stories[n] for n in sorted(live) if self._stories[n].members]
        if len(stories) < 2:
            return
        threshold = self.options.threshold
        for story in stories:
            originals = [m for m in in_time_order(story.members) if m.features is not None]
            if not 2 <= len(originals) < self.options.reassign_below:
                continue
            for member in originals:
                features = member.features
                assert features is not None
                if len(story.members) < 2:
                    break
                profile = Profile.of(features)
                idf = idf_of(self._freq, profile)
                own = similarity(
                    profile, idf, story.profile_without(features), self._freq, self._weights
                )
                when = _when(member.published, features)
                best: StoryState | None = None
                best_similarity = own
                for other in stories:
                    if other is story or not other.members:
                        continue
                    sim = similarity(
                        profile, idf, other.profile(features.language), self._freq, self._weights
                    )
                    if sim > best_similarity and sim >= self._needed(other, when, threshold):
                        best, best_similarity = other, sim
                if best is None:
                    continue
                moving = [
                    m for m in story.members
                    if m is member or m.copy_of == member.document_id
                ]  # fmt: skip
                self._post(best, features)  # before: it posts what `best` does not hold yet
                story.rebuild([m for m in story.members if m not in moving])
                best.rebuild([*best.members, *moving])
                self._move(moving, best, moves)
                log.debug("reassigned %s: %s -> %s (%.3f > %.3f)", member.document_id,
                          story.id, best.id, best_similarity, own)  # fmt: skip

    def _split(self, state: StoryState, moves: dict[str, str]) -> None:
        """Split `state` in two when its best bisection is less alike than `split_below` or
        less separated than `split_ratio`; the part with the first report keeps the id, the
        other opens a story (and is tried again, as is the rest)."""
        opts = self.options
        originals = in_time_order([m for m in state.members if m.features is not None])
        found = bisect(
            [m.features for m in originals if m.features is not None],
            self._freq, self._weights, opts.min_split, opts.split_neighbours,
        )  # fmt: skip
        if found is None or not is_two_stories(found, opts.split_below, opts.split_ratio):
            return
        part = {originals[i].document_id for i in found.second}
        first_report = originals[0].document_id
        if first_report in part:
            part = {originals[i].document_id for i in found.first}
        copies_of = {m.document_id: m.copy_of for m in state.members}
        leaving = [
            m for m in state.members if m.document_id in part or copies_of[m.document_id] in part
        ]
        staying = [m for m in state.members if m not in leaving]
        opened = self._stories[self._open(self._fresh_id(in_time_order(leaving)[0].document_id))]
        state.rebuild(staying)
        opened.rebuild(leaving)
        for vector in (*opened.lex.values(), opened.names, opened.bridge):
            self._postings.add(opened.number, vector[0])  # a new story: all its features
        self._move(leaving, opened, moves)
        log.debug("split %s: %d documents to %s (%.3f, separation %.3f)", state.id,
                  len(leaving), opened.id, found.similarity, found.separation)  # fmt: skip
        self._split(state, moves)
        self._split(opened, moves)
