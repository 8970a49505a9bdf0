"""Sparse vectors over hashed features, document frequencies, and IDF-weighted cosines.

Vectors are (sorted bucket ids, weights) pairs of numpy arrays. A story's vector is the sum
of its documents' unit vectors (a centroid, up to scale). IDF is applied only when two
vectors are compared, from the frequency table as it stands then, so a story's state is a
plain sum that can be rebuilt from its documents in any order.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import numpy.typing as npt

from .features import HASH_BITS, SparseVector

__all__ = [
    "EMPTY",
    "FrequencyTable",
    "add_vectors",
    "subtract_vectors",
    "sum_vectors",
    "weighted_cosine",
]

EMPTY: SparseVector = (np.empty(0, dtype=np.int64), np.empty(0, dtype=np.float64))


def add_vectors(a: SparseVector, b: SparseVector) -> SparseVector:
    """a + b, with ids sorted and unique."""
    if b[0].size == 0:
        return a
    return sum_vectors((a, b))


def subtract_vectors(a: SparseVector, b: SparseVector) -> SparseVector:
    """a - b where b is part of the sum a (a story without one of its documents); weights
    left at about zero are dropped, so the ids are those of the other documents."""
    if b[0].size == 0 or a[0].size == 0:
        return a
    at = np.searchsorted(a[0], b[0])
    at[at == a[0].size] = 0
    found = a[0][at] == b[0]
    values = a[1].copy()
    values[at[found]] -= b[1][found]
    keep = values > 1e-9
    return a[0][keep], values[keep]


def sum_vectors(vectors: Iterable[SparseVector]) -> SparseVector:
    """The sum of many vectors in one pass (adding them one by one to a growing sum costs
    the sum's size each time)."""
    items = [v for v in vectors if v[0].size]
    if not items:
        return EMPTY
    if len(items) == 1:
        return items[0][0].copy(), items[0][1].copy()
    ids = np.concatenate([v[0] for v in items])
    values = np.concatenate([v[1] for v in items])
    order = np.argsort(ids, kind="stable")
    ids, values = ids[order], values[order]
    unique, starts = np.unique(ids, return_index=True)
    return unique, np.add.reduceat(values, starts)


class FrequencyTable:
    """Document frequencies of hashed features, per block population (`count` by key)."""

    def __init__(self) -> None:
        self.df = np.zeros(1 << HASH_BITS, dtype=np.int32)
        self.counts: dict[str, int] = {}
        self._documents = 0  # blocks counted, an upper bound of any frequency
        self._logs = np.zeros(1, dtype=np.float64)

    def add(self, population: str, ids: npt.NDArray[np.int64]) -> None:
        """Count one document of `population` ("lex:en", "names", "bridge") with `ids`."""
        self.counts[population] = self.counts.get(population, 0) + 1
        if ids.size:
            self.df[ids] += 1
        self._documents += 1
        if self._logs.size <= self._documents:  # ln(k + 1) for every frequency k possible
            self._logs = np.log(np.arange(1, 2 * self._documents + 64, dtype=np.float64))

    def idf(self, population: str, ids: npt.NDArray[np.int64]) -> npt.NDArray[np.float64]:
        """Smoothed IDF, ln((n + 1) / (df + 1)) + 1, of `ids` in `population`."""
        n = self.counts.get(population, 0)
        idf = (np.log(n + 1.0) + 1.0) - self._logs[self.df[ids]]
        return np.maximum(idf, 0.0, out=idf)  # a bucket shared with a commoner feature

    def frequency(self, ids: npt.NDArray[np.int64]) -> npt.NDArray[np.int32]:
        return self.df[ids]


def weighted_cosine(
    doc: SparseVector,
    doc_idf: npt.NDArray[np.float64],
    story: SparseVector,
    story_idf: npt.NDArray[np.float64],
) -> float:
    """Cosine of the IDF-weighted vectors (0 when either is empty)."""
    ids, story_ids = doc[0], story[0]
    if ids.size == 0 or story_ids.size == 0:
        return 0.0
    at = np.searchsorted(story_ids, ids)  # both sorted and unique
    at[at == story_ids.size] = 0
    shared = story_ids[at] == ids
    if not shared.any():
        return 0.0
    d = doc[1] * doc_idf
    s = story[1] * story_idf
    dot = float(np.dot(d[shared], s[at[shared]]))
    norm = float(np.sqrt(np.dot(d, d) * np.dot(s, s)))
    return dot / norm if norm > 0 else 0.0
