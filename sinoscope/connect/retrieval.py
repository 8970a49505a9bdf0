"""Candidate stories for a new document: an inverted index from features to stories.

Each feature a story holds points at the story (a posting). A new document looks up its
`query_features` features with the highest IDF-weighted weight among those held by at most
`max_posting` stories (common words and the year everybody mentions find everything and
decide nothing), and the stories sharing the most of them are compared in full. The cost of
an `add` thus grows with the size of the postings looked up, not with the number of stories.
"""

from __future__ import annotations

from collections import Counter

import numpy as np
import numpy.typing as npt

__all__ = ["PostingIndex"]


class PostingIndex:
    """feature id -> story numbers holding it (each story once, in the order it got it)."""

    def __init__(self) -> None:
        self._postings: dict[int, list[int]] = {}

    def add(self, story: int, new_ids: npt.NDArray[np.int64]) -> None:
        """Record that `story` now holds the features `new_ids`, which it did not hold before
        (the caller knows: they are not in the story's vectors yet)."""
        postings = self._postings
        for feature in new_ids.tolist():
            posting = postings.get(feature)
            if posting is None:
                postings[feature] = [story]
            else:
                posting.append(story)

    def size(self, feature: int) -> int:
        posting = self._postings.get(feature)
        return len(posting) if posting else 0

    def candidates(
        self,
        ids: npt.NDArray[np.int64],
        scores: npt.NDArray[np.float64],
        *,
        query_features: int,
        max_posting: int,
        max_candidates: int,
    ) -> list[int]:
        """Story numbers sharing the most of the best `query_features` usable features of a
        document (`ids` with their `scores`), best first; ties go to the older story."""
        postings = self._postings
        usable: list[tuple[float, int]] = []
        for feature, score in zip(ids.tolist(), scores.tolist(), strict=True):
            posting = postings.get(feature)
            if posting and len(posting) <= max_posting:
                usable.append((score, feature))
        usable.sort(key=lambda x: (-x[0], x[1]))
        hits: Counter[int] = Counter()
        weight: dict[int, float] = {}
        for score, feature in usable[:query_features]:
            for story in dict.fromkeys(postings[feature]):  # a split can post a story twice
                hits[story] += 1
                weight[story] = weight.get(story, 0.0) + score
        ranked = sorted(hits, key=lambda s: (-weight[s], s))
        return ranked[:max_candidates]
