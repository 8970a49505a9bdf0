"""A story's state inside `StoryClusterer`, and how two profiles are compared.

A profile is what is compared: a language and three sparse vectors (``lex`` in that
language, ``names``, ``bridge``). A document is a profile; a story holds one summed ``lex``
vector per language plus summed ``names`` and ``bridge``, and shows the profile of any of
its languages. Similarity is the weighted mean, over the blocks both sides have, of the
IDF-weighted cosines (see `vectors.weighted_cosine`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import numpy as np
import numpy.typing as npt

from ..records import Story
from .features import BLOCKS, DocFeatures, SparseVector
from .vectors import EMPTY, FrequencyTable, add_vectors, weighted_cosine

__all__ = [
    "Member",
    "Profile",
    "StoryState",
    "idf_of",
    "in_time_order",
    "similarity",
    "story_record",
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
    merged_into: int | None = None

    def profile(self, language: str) -> Profile:
        return Profile(language, self.lex.get(language, EMPTY), self.names, self.bridge)

    def add_member(self, member: Member) -> None:
        self.members.append(member)
        self.widen(member.published, member.published)

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
        other.lex, other.names, other.bridge, other.members = {}, EMPTY, EMPTY, []
        other.merged_into = self.number

    def rebuild(self, members: list[Member]) -> None:
        """Replace the members and recompute the sums and the span from them."""
        self.lex, self.names, self.bridge, self.members = {}, EMPTY, EMPTY, []
        self.first = self.last = None
        for member in members:
            self.add_member(member)
            if member.features is not None:
                self.add_features(member.features)

    def gap(self, first: datetime | None, last: datetime | None) -> timedelta | None:
        """Time between this story's span and [first, last]; None when either is undated."""
        if first is None or last is None or self.first is None or self.last is None:
            return None
        return max(first - self.last, self.first - last, timedelta(0))


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
    """Weighted mean of block cosines over the blocks both profiles have (0 if none)."""
    total = 0.0
    weight = 0.0
    for block in BLOCKS:
        q = query.block(block)
        s = story.block(block)
        if not q[0].size or not s[0].size or weights[block] <= 0:
            continue
        s_idf = freq.idf(population(block, query.language), s[0])
        total += weights[block] * weighted_cosine(q, query_idf[block], s, s_idf)
        weight += weights[block]
    return total / weight if weight > 0 else 0.0


def in_time_order(members: list[Member]) -> list[Member]:
    """Dated members by time, then undated ones in the order they came."""
    return sorted(
        members,
        key=lambda m: (m.published is None, m.published.timestamp() if m.published else 0.0),
    )


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
