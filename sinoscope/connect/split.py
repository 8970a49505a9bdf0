"""Splitting a story that has grown into two: two-means over its documents' features.

An online clusterer decides each document once. When the first report of a second event
on the same subject (a second export-control rule, a second earthquake in one county) is
closer to the first event's story than the threshold, it joins it, and later reports of
the second event follow it there. Such a story holds two groups whose centroids are far
less alike than its documents are to either group. `bisect` finds the best two-way
split of a story and `StoryClusterer` keeps it when both parts have at least `min_size`
documents and the parts' similarity is below `split_below`.

Deterministic: the seeds are the member least similar to the story's centroid and the
member least similar to that one; then at most `_ROUNDS` rounds of moving each member to
the nearer part (ties stay in the first).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from .features import DocFeatures
from .state import Profile, StoryState, idf_of, similarity
from .vectors import FrequencyTable

__all__ = ["Bisection", "bisect", "checkpoint_crossed"]

_ROUNDS = 8
_GROWTH = 1.3  # a story is re-examined each time it grows by this factor


@dataclass(frozen=True, slots=True)
class Bisection:
    """Two parts (indices into the members given to `bisect`) and their similarity."""

    first: tuple[int, ...]
    second: tuple[int, ...]
    similarity: float


def checkpoint_crossed(before: int, after: int, min_size: int) -> bool:
    """Whether a story growing from `before` to `after` documents reached a size at which it
    is examined: 2·min_size, then each time it grew by a factor of about 1.3."""
    size = 2 * min_size
    while size <= after:
        if size > before:
            return True
        size = max(size + 1, int(size * _GROWTH))
    return False


def _sum(features: list[DocFeatures]) -> StoryState:
    state = StoryState("", -1)
    for f in features:
        state.add_features(f)
    return state


def _language(features: list[DocFeatures]) -> str:
    counts: dict[str, int] = {}
    for f in features:
        counts[f.language] = counts.get(f.language, 0) + 1
    return max(sorted(counts), key=lambda lang: counts[lang])


def bisect(
    features: list[DocFeatures],
    freq: FrequencyTable,
    weights: dict[str, float],
    min_size: int,
) -> Bisection | None:
    """The best two-way split of a story's documents, or None when no split leaves
    `min_size` documents on each side."""
    n = len(features)
    if n < 2 * min_size:
        return None
    profiles = [Profile.of(f) for f in features]
    idfs = [idf_of(freq, p) for p in profiles]

    def closeness(part: StoryState) -> npt.NDArray[np.float64]:
        return np.array(
            [
                similarity(p, i, part.profile(p.language), freq, weights)
                for p, i in zip(profiles, idfs, strict=True)
            ]
        )

    whole = closeness(_sum(features))
    a = int(np.argmin(whole))
    to_a = np.array(
        [similarity(p, i, profiles[a], freq, weights) for p, i in zip(profiles, idfs, strict=True)]
    )
    to_a[a] = np.inf
    b = int(np.argmin(to_a))
    in_first = np.zeros(n, dtype=bool)
    in_first[a] = True
    seeds_first, seeds_second = [features[a]], [features[b]]
    first, second = _sum(seeds_first), _sum(seeds_second)
    for _ in range(_ROUNDS):
        moved = closeness(first) >= closeness(second)
        if moved.all() or not moved.any():
            return None
        if np.array_equal(moved, in_first):
            break
        in_first = moved
        first = _sum([f for f, x in zip(features, in_first, strict=True) if x])
        second = _sum([f for f, x in zip(features, in_first, strict=True) if not x])
    size = int(in_first.sum())
    if min(size, n - size) < min_size:
        return None
    language = _language(features)
    query = first.profile(language)
    sim = similarity(query, idf_of(freq, query), second.profile(language), freq, weights)
    return Bisection(
        tuple(int(i) for i in np.flatnonzero(in_first)),
        tuple(int(i) for i in np.flatnonzero(~in_first)),
        sim,
    )
