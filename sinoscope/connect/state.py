"""A story's state inside `StoryClusterer`, and how two profiles are compared.

A profile is what is compared: a language and three sparse vectors (``lex`` in that
language, ``names``, ``bridge``). A document is a profile; a story holds one summed ``lex``
vector per language plus summed ``names`` and ``bridge``, and shows the profile of any of
its languages. Similarity is the weighted mean, over the blocks both sides have, of the
IDF-weighted cosines (see `vectors.weighted_cosine`).
"""

from __future__ import annotations

from bisect import insort
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

import numpy as np
import numpy.typing as npt

from ..records import Story
from .features import BLOCKS, DocFeatures, SparseVector, epoch_days
from .vectors import (
    EMPTY,
    FrequencyTable,
    add_vectors,
    subtract_vectors,
    sum_vectors,
    weighted_cosine,
)

EVIDENCE = 2.0  # features a block needs before its cosine counts half

__all__ = [
    "Member",
    "Profile",
    "StoryState",
    "TimelineEntry",
    "When",
    "idf_of",
    "in_time_order",
    "similarity",
    "story_record",
    "sum_features",
]


@dataclass(frozen=True, slots=True)
class Profile:
    """A language and its three blocks (empty vectors where there is nothing)."""

    language: str
    lex: SparseVector
    names: SparseVector
    bridge: SparseVector

    @classmethod
    def of(cls, features: DocFeatures) -> Profile:
        return cls(features.language, features.lex, features.names, features.bridge)

    def block(self, name: str) -> SparseVector:
        return self.lex if name == "lex" else self.names if name == "names" else self.bridge


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """One document of a story, in time order (`copy_of` set for syndicated copies)."""

    document_id: str
    published: datetime | None
    source_id: str | None
    source_kind: str | None
    language: str
    title: str
    copy_of: str | None = None


@dataclass(slots=True)
class Member:
    """A document of a story, as the story's metadata needs it."""

    document_id: str
    source_id: str | None
    source_kind: str | None
    language: str
    published: datetime | None
    title: str
    copy_of: str | None
    features: DocFeatures | None = None  # None for copies: they add nothing to the sums

    def timeline_entry(self) -> TimelineEntry:
        return TimelineEntry(
            self.document_id, self.published, self.source_id, self.source_kind,
            self.language, self.title, self.copy_of,
        )  # fmt: skip


@dataclass(slots=True)
class StoryState:
    """Sums and metadata of one story; `merged_into` is set once it joined an older one."""

    id: str
    number: int
    lex: dict[str, SparseVector] = field(default_factory=dict)
    names: SparseVector = EMPTY
    bridge: SparseVector = EMPTY
    members: list[Member] = field(default_factory=list)
    first: datetime | None = None
    last: datetime | None = None
    times: list[float] = field(default_factory=list)  # publication days, sorted
    named: list[float] = field(default_factory=list)  # days named by undated members, sorted
    merged_into: int | None = None

    def originals(self) -> int:
        """Documents that are not syndicated copies."""
        return sum(1 for m in self.members if m.features is not None)

    def profile(self, language: str) -> Profile:
        return Profile(language, self.lex.get(language, EMPTY), self.names, self.bridge)

    def profile_without(self, features: DocFeatures) -> Profile:
        """The profile, in `features`' language, of this story without that document."""
        return Profile(
            features.language,
            subtract_vectors(self.lex.get(features.language, EMPTY), features.lex),
            subtract_vectors(self.names, features.names),
            subtract_vectors(self.bridge, features.bridge),
        )

    def add_member(self, member: Member) -> None:
        self.members.append(member)
        self.widen(member.published, member.published)
        if member.published is not None:
            insort(self.times, epoch_days(member.published))
        elif member.features is not None:
            for day in member.features.dates:
                insort(self.named, day)

    def widen(self, first: datetime | None, last: datetime | None) -> None:
        if first is not None and (self.first is None or first < self.first):
            self.first = first
        if last is not None and (self.last is None or last > self.last):
            self.last = last

    def add_features(self, features: DocFeatures) -> None:
        self.lex[features.language] = add_vectors(
            self.lex.get(features.language, EMPTY), features.lex
        )
        self.names = add_vectors(self.names, features.names)
        self.bridge = add_vectors(self.bridge, features.bridge)

    def absorb(self, other: StoryState) -> None:
        """Take `other`'s documents and sums (`other` is then empty and points here)."""
        for language, vector in other.lex.items():
            self.lex[language] = add_vectors(self.lex.get(language, EMPTY), vector)
        self.names = add_vectors(self.names, other.names)
        self.bridge = add_vectors(self.bridge, other.bridge)
        self.members.extend(other.members)
        self.widen(other.first, other.last)
        self.times = sorted(self.times + other.times)
        self.named = sorted(self.named + other.named)
        other.lex, other.names, other.bridge, other.members = {}, EMPTY, EMPTY, []
        other.times, other.named = [], []
        other.merged_into = self.number

    def rebuild(self, members: list[Member]) -> None:
        """Replace the members and recompute the sums and the span from them."""
        self.members = []
        self.first = self.last = None
        self.times, self.named = [], []
        for member in members:
            self.add_member(member)
        summed = sum_features([m.features for m in members if m.features is not None])
        self.lex, self.names, self.bridge = summed.lex, summed.names, summed.bridge

    def when(self) -> When:
        return When(tuple(self.times), tuple(self.named))


def sum_features(features: list[DocFeatures]) -> StoryState:
    """A story state (no members) holding the sums of `features`, computed in one pass."""
    state = StoryState("", -1)
    for language in sorted({f.language for f in features}):
        state.lex[language] = sum_vectors(f.lex for f in features if f.language == language)
    state.names = sum_vectors(f.names for f in features)
    state.bridge = sum_vectors(f.bridge for f in features)
    return state


@dataclass(frozen=True, slots=True)
class When:
    """When something happened, in days since 1970: publication days (`published`), and
    the days its undated documents name in their text (`named`), a weaker stand-in."""

    published: tuple[float, ...] = ()
    named: tuple[float, ...] = ()

    def gap(self, other: When, window: float, text_window: float) -> bool:
        """Whether the two are apart: publication days more than `window` days apart when
        both have them; otherwise any days (named ones included) more than `text_window`
        apart. Nothing to compare is never apart."""
        if self.published and other.published:
            return _distance(self.published, other.published) > window
        mine = self.published or self.named
        theirs = tuple(sorted(other.published + other.named))
        if not mine or not theirs:
            return False
        return _distance(mine, theirs) > text_window


def _distance(days: tuple[float, ...], sorted_days: tuple[float, ...]) -> float:
    """The smallest gap between any of `days` and any of `sorted_days` (sorted)."""
    if len(days) == 1 and len(sorted_days) <= 8:  # the common case: one publication day
        day = days[0]
        return min(abs(d - day) for d in sorted_days) if sorted_days else float("inf")
    if not days or not sorted_days:
        return float("inf")
    theirs = np.asarray(sorted_days)
    mine = np.asarray(days)
    at = np.searchsorted(theirs, mine)
    after = theirs[np.minimum(at, theirs.size - 1)] - mine
    before = mine - theirs[np.maximum(at - 1, 0)]
    after[at == theirs.size] = np.inf
    before[at == 0] = np.inf
    return float(min(after.min(), before.min()))


def population(block: str, language: str) -> str:
    """The frequency-table population a block's IDF is computed over."""
    return f"lex:{language}" if block == "lex" else block


def idf_of(freq: FrequencyTable, profile: Profile) -> dict[str, npt.NDArray[np.float64]]:
    return {b: freq.idf(population(b, profile.language), profile.block(b)[0]) for b in BLOCKS}


def similarity(
    query: Profile,
    query_idf: dict[str, npt.NDArray[np.float64]],
    story: Profile,
    freq: FrequencyTable,
    weights: dict[str, float],
) -> float:
    """Weighted mean of block cosines over the blocks both profiles have (0 if none).

    A block's weight is scaled by n / (n + 2), n the smaller number of features on either
    side: a cosine over one shared date or one entity is 0 or 1 and says little, so a
    document with one bridge feature leans on its words and names instead. (`story` is
    compared in `query`'s language: pass `story.profile(query.language)`.)
    """
    total = 0.0
    weight = 0.0
    for block in BLOCKS:
        q = query.block(block)
        s = story.block(block)
        if not q[0].size or not s[0].size or weights[block] <= 0:
            continue
        n = min(q[0].size, s[0].size)
        w = weights[block] * n / (n + EVIDENCE)
        s_idf = freq.idf(population(block, query.language), s[0])
        total += w * weighted_cosine(q, query_idf[block], s, s_idf)
        weight += w
    return total / weight if weight > 0 else 0.0


def in_time_order(members: list[Member]) -> list[Member]:
    """Dated members by time, then undated ones; ties by document id."""
    return sorted(members, key=time_key)


def time_key(member: Member) -> tuple[bool, float, str]:
    """Dated before undated, then by time, then by document id."""
    moment = member.published.timestamp() if member.published else 0.0
    return (member.published is None, moment, member.document_id)


def story_record(state: StoryState) -> Story:
    """The `records.Story` of a story: its title is the first report's (originals first)."""
    members = in_time_order(state.members)
    originals = [m for m in members if m.copy_of is None] or members
    titled = [m for m in originals if m.title]
    return Story(
        id=state.id,
        title=titled[0].title if titled else "",
        document_ids=tuple(m.document_id for m in members),
        first_published=state.first,
        last_published=state.last,
        sources=_distinct(m.source_id for m in members),
        source_kinds=_distinct(m.source_kind for m in members),
        languages=_distinct(m.language for m in members),
        independent_publishers=len({m.source_id or f"doc:{m.document_id}" for m in originals}),
    )


def _distinct(values: Iterable[str | None]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(v for v in values if v))
