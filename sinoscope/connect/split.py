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

from .features import BLOCKS, HASH_BITS, DocFeatures
from .state import EVIDENCE, idf_of, population, similarity
from .state import sum_features as _sum
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


def _language(features: list[DocFeatures]) -> str:
    counts: dict[str, int] = {}
    for f in features:
        counts[f.language] = counts.get(f.language, 0) + 1
    return max(sorted(counts), key=lambda lang: counts[lang])


class _Members:
    """The members' blocks as one sparse matrix each (entries: member, column, weight), so
    that how close every member is to a part is a few array operations over all entries,
    not one comparison per member. Columns are local: a block's distinct feature ids, and
    for ``lex`` (language, id) pairs, since words are compared within a language."""

    def __init__(self, features: list[DocFeatures], freq: FrequencyTable) -> None:
        self.n = len(features)
        languages = sorted({f.language for f in features})
        self.blocks: dict[str, _Block] = {}
        for block in BLOCKS:
            vectors = [f.block(block) for f in features]
            rows = np.repeat(np.arange(self.n), [v[0].size for v in vectors])
            ids = np.concatenate([v[0] for v in vectors]) if self.n else np.empty(0, np.int64)
            raw = np.concatenate([v[1] for v in vectors]) if self.n else np.empty(0)
            group_of_row = np.zeros(self.n, dtype=np.int64)
            if block == "lex":
                group_of_row = np.array([languages.index(f.language) for f in features])
            keys = group_of_row[rows] * (1 << HASH_BITS) + ids
            columns, cols = np.unique(keys, return_inverse=True)
            col_group = columns >> HASH_BITS
            col_ids = columns & ((1 << HASH_BITS) - 1)
            idf = np.empty(columns.size)
            for g in np.unique(col_group):
                at = col_group == g
                idf[at] = freq.idf(population(block, languages[int(g)]), col_ids[at])
            weighted = raw * idf[cols]
            self.blocks[block] = _Block(
                rows, cols, raw, idf, weighted,
                np.sqrt(np.bincount(rows, weights=weighted * weighted, minlength=self.n)),
                np.bincount(rows, minlength=self.n), col_group, group_of_row,
                len(languages) if block == "lex" else 1,
            )  # fmt: skip

    def closeness(self, part: npt.NDArray[np.bool_], weights: dict[str, float]) -> Closeness:
        """Each member's `state.similarity` to the sum of the members in `part`."""
        total = np.zeros(self.n)
        weight = np.zeros(self.n)
        for name, b in self.blocks.items():
            if weights[name] <= 0 or b.rows.size == 0:
                continue
            chosen = part[b.rows]
            summed = np.bincount(b.cols[chosen], weights=b.raw[chosen], minlength=b.idf.size)
            vector = summed * b.idf
            norm = np.sqrt(np.bincount(b.col_group, weights=vector * vector, minlength=b.groups))
            size = np.bincount(b.col_group, weights=summed > 0, minlength=b.groups)
            dot = np.bincount(b.rows, weights=b.weighted * vector[b.cols], minlength=self.n)
            part_norm, part_size = norm[b.row_group], size[b.row_group]
            shared = np.minimum(b.size, part_size)
            w = weights[name] * shared / (shared + EVIDENCE)  # 0 where either side has none
            denominator = b.norm * part_norm
            cosine = np.divide(dot, denominator, out=np.zeros(self.n), where=denominator > 0)
            total += w * cosine
            weight += w
        return np.divide(total, weight, out=np.zeros(self.n), where=weight > 0)


Closeness = npt.NDArray[np.float64]


@dataclass(frozen=True, slots=True)
class _Block:
    rows: npt.NDArray[np.int64]  # member of each entry
    cols: npt.NDArray[np.int64]  # local column of each entry
    raw: npt.NDArray[np.float64]  # the feature's weight in the member's vector
    idf: npt.NDArray[np.float64]  # per column
    weighted: npt.NDArray[np.float64]  # raw × idf
    norm: npt.NDArray[np.float64]  # per member, of its weighted vector
    size: npt.NDArray[np.int64]  # per member, features it has in the block
    col_group: npt.NDArray[np.int64]  # per column: its language (lex) or 0
    row_group: npt.NDArray[np.int64]  # per member: its language (lex) or 0
    groups: int


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
    members = _Members(features, freq)
    whole = members.closeness(np.ones(n, dtype=bool), weights)
    a = int(np.argmin(whole))
    seed = np.zeros(n, dtype=bool)
    seed[a] = True
    to_a = members.closeness(seed, weights)
    to_a[a] = np.inf
    b = int(np.argmin(to_a))
    in_first = seed
    second_seed = np.zeros(n, dtype=bool)
    second_seed[b] = True
    first, second = seed, second_seed
    for _ in range(_ROUNDS):
        moved = members.closeness(first, weights) >= members.closeness(second, weights)
        if moved.all() or not moved.any():
            return None
        if np.array_equal(moved, in_first):
            break
        in_first = moved
        first, second = in_first, ~in_first
    size = int(in_first.sum())
    if min(size, n - size) < min_size:
        return None
    language = _language(features)
    one = _sum([f for f, x in zip(features, in_first, strict=True) if x])
    other = _sum([f for f, x in zip(features, in_first, strict=True) if not x])
    query = one.profile(language)
    sim = similarity(query, idf_of(freq, query), other.profile(language), freq, weights)
    return Bisection(
        tuple(int(i) for i in np.flatnonzero(in_first)),
        tuple(int(i) for i in np.flatnonzero(~in_first)),
        sim,
    )
