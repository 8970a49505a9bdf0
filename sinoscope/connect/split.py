"""Splitting a story that has grown into two: a normalized cut over its documents.

An online clusterer decides each document once. When the first report of a second event
on the same subject (a second export-control rule, a second earthquake in one county) is
closer to the first event's story than the threshold, it joins it, and later reports of
the second event follow it there. Such a story holds two groups whose documents are far
more alike within each group than across. `bisect` finds the best two-way split of a story
and `StoryClusterer` keeps it when both parts have at least `min_size` documents and
either the parts' centroids are less alike than `split_below`, or the documents are less
alike across the parts than `split_ratio` times their likeness within a part
(`Bisection.separation`).

How the split is found. Stories of up to `SPECTRAL_MAX` documents: every member is
compared with every other (`state.similarity`, one sparse product per block); the members
are ordered by the Fiedler vector of that graph's normalized Laplacian, and the cut along
that order with the smallest normalized cut wins (Shi and Malik's spectral bisection).
Centroids blur two events that share a subject into one cloud; the graph keeps who is
close to whom, so the cut follows the events. Bigger stories, where comparing every pair
costs too much: two-means over the members' similarity to the parts' sums, seeded by the
member least similar to the story and the member least similar to that one (ties stay in
the first), at most `_ROUNDS` rounds; those have no separation figure.

Before the cut, each pair's similarity is weighted by the share of nearest members the two
have in common (`shared_neighbours`, k = `ClusterOptions.split_neighbours`): reports of two
events on one subject are alike but keep different company, so the cut and the separation
see the two events more clearly than raw similarities show them.

The separation compares like with like: documents in two languages are compared on
fewer blocks (no words in common), so their similarity does not read on the same scale as
that of two documents in one language; only pairs in one language count, and only a
language with `min_size` documents on both sides. A cut along a story's languages has no
such language and is never a reason to split; when the graph's cut falls that way, the
largest language is cut on its own instead (`best_cut`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from scipy import linalg, sparse

from .features import BLOCKS, HASH_BITS, DocFeatures
from .state import EVIDENCE, idf_of, population, similarity
from .state import sum_features as _sum
from .vectors import FrequencyTable

__all__ = [
    "SPECTRAL_MAX",
    "Bisection",
    "best_cut",
    "bisect",
    "checkpoint_crossed",
    "is_two_stories",
    "member_similarities",
    "normalized_cut",
    "separation_of",
    "shared_neighbours",
]

_ROUNDS = 8
SPECTRAL_MAX = 600  #: stories up to this size are cut spectrally (an n x n comparison)
_GROWTH = 1.3  # a story is re-examined each time it grows by this factor


@dataclass(frozen=True, slots=True)
class Bisection:
    """Two parts (indices into the members given to `bisect`), the similarity of their
    sums, and `separation`: the mean similarity of documents across the parts over that
    within a part (pairs in one language; 1.0 when it cannot be told)."""

    first: tuple[int, ...]
    second: tuple[int, ...]
    similarity: float
    separation: float = 1.0


def is_two_stories(found: Bisection | None, split_below: float, split_ratio: float) -> bool:
    """Whether a bisection makes two stories: its parts' sums are less alike than
    `split_below`, or its documents are less than `split_ratio` as alike across the parts
    as within (see the module docstring)."""
    return found is not None and (found.similarity < split_below or found.separation < split_ratio)


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

    def pairwise(self, weights: dict[str, float]) -> npt.NDArray[np.float64]:
        """Every member's `state.similarity` to every other member (n x n, diagonal 0)."""
        total = np.zeros((self.n, self.n))
        weight = np.zeros((self.n, self.n))
        for name, b in self.blocks.items():
            if weights[name] <= 0 or b.rows.size == 0:
                continue
            unit = b.weighted / np.where(b.norm > 0, b.norm, 1.0)[b.rows]
            matrix = sparse.csr_array((unit, (b.rows, b.cols)), shape=(self.n, b.idf.size))
            cosine = (matrix @ matrix.T).toarray()
            shared = np.minimum.outer(b.size, b.size).astype(np.float64)
            w = weights[name] * shared / (shared + EVIDENCE)  # 0 where either side has none
            w[np.not_equal.outer(b.row_group, b.row_group)] = 0.0  # words: within a language
            total += w * cosine
            weight += w
        out = np.divide(total, weight, out=np.zeros_like(total), where=weight > 0)
        np.fill_diagonal(out, 0.0)
        return out


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
    neighbours: int = 0,
) -> Bisection | None:
    """The best two-way split of a story's documents, or None when no split leaves
    `min_size` documents on each side. `neighbours` > 0 weights the member graph by shared
    nearest neighbours (`shared_neighbours`) before it is cut and its separation measured."""
    n = len(features)
    if n < 2 * min_size:
        return None
    members = _Members(features, freq)
    separation = 1.0
    if n <= SPECTRAL_MAX:
        pairs = members.pairwise(weights)  # what member_similarities gives
        if neighbours > 0:
            pairs = shared_neighbours(pairs, neighbours)
        found = best_cut(pairs, [f.language for f in features], min_size)
        if found is None:
            return None
        in_first, separation = found
    else:
        means = _two_means(members, weights, min_size)
        if means is None:
            return None
        in_first = means
    language = _language(features)
    one = _sum([f for f, x in zip(features, in_first, strict=True) if x])
    other = _sum([f for f, x in zip(features, in_first, strict=True) if not x])
    query = one.profile(language)
    sim = similarity(query, idf_of(freq, query), other.profile(language), freq, weights)
    return Bisection(
        tuple(int(i) for i in np.flatnonzero(in_first)),
        tuple(int(i) for i in np.flatnonzero(~in_first)),
        sim,
        separation,
    )


def member_similarities(
    features: list[DocFeatures], freq: FrequencyTable, weights: dict[str, float]
) -> npt.NDArray[np.float64]:
    """`state.similarity` of every document to every other (n x n, diagonal 0), as `bisect`
    compares a story's members; O(n²) memory."""
    return _Members(features, freq).pairwise(weights)


def shared_neighbours(pairs: npt.NDArray[np.float64], k: int) -> npt.NDArray[np.float64]:
    """Each pair's similarity times the share of their `k` nearest members they have in
    common (Jarvis and Patrick's shared-nearest-neighbour weighting): two documents alike in
    a shared subject but about different events have different neighbours, so the graph
    between two events thins out while a loose single event keeps its links. Unchanged
    when the story has no more than `k` + 1 members."""
    n = pairs.shape[0]
    if n <= k + 1:
        return pairs
    scores = pairs.copy()
    np.fill_diagonal(scores, -np.inf)  # a member is not its own neighbour
    nearest = np.argsort(-scores, axis=1, kind="stable")[:, :k]  # ties: member order
    near = np.zeros((n, n))
    near[np.arange(n)[:, None], nearest] = 1.0
    out = pairs * (near @ near.T) / k
    np.fill_diagonal(out, 0.0)
    return out


def normalized_cut(pairs: npt.NDArray[np.float64], min_size: int) -> npt.NDArray[np.bool_] | None:
    """The members on one side of the smallest normalized cut along the Fiedler order of
    the similarity graph `pairs`, or None when no cut leaves `min_size` on each side."""
    n = pairs.shape[0]
    if n < 2 * min_size:
        return None
    degree = pairs.sum(axis=1)
    scale = 1.0 / np.sqrt(np.maximum(degree, 1e-12))  # an isolated member: degree 0
    laplacian = np.eye(n) - scale[:, None] * pairs * scale[None, :]
    _, vectors = linalg.eigh(laplacian, subset_by_index=[0, 1])  # the two smallest
    fiedler = scale * vectors[:, 1]
    order = np.lexsort((np.arange(n), np.round(fiedler, 12)))  # ties: member order
    ordered = pairs[np.ix_(order, order)]
    volume = np.cumsum(degree[order])  # volume[k - 1]: of the first k
    inside = 2.0 * np.cumsum(np.tril(ordered, -1).sum(axis=1))  # twice the pairs within
    sizes = np.arange(min_size, n - min_size + 1)
    first_volume = volume[sizes - 1]
    rest_volume = volume[-1] - first_volume
    cut = first_volume - inside[sizes - 1]
    with np.errstate(divide="ignore", invalid="ignore"):
        score = np.where(
            (first_volume > 0) & (rest_volume > 0), cut / first_volume + cut / rest_volume, np.inf
        )
    if not np.isfinite(score).any():
        return None
    k = int(sizes[int(np.argmin(score))])
    in_first = np.zeros(n, dtype=bool)
    in_first[order[:k]] = True
    return in_first


def best_cut(
    pairs: npt.NDArray[np.float64], languages: list[str], min_size: int
) -> tuple[npt.NDArray[np.bool_], float] | None:
    """The normalized cut of `pairs` and its separation. When that cut leaves no language
    with `min_size` members on both sides (in a bilingual story it may simply follow the
    languages), the largest language is cut on its own, the other members join the side
    they are closer to on average, and that cut is kept if it is better separated."""
    first = normalized_cut(pairs, min_size)
    if first is None:
        return None
    separation = separation_of(pairs, first, languages, min_size)
    if separation < 1.0 or len(set(languages)) == 1:
        return first, separation
    chosen = np.array(languages)
    largest = max(sorted(set(languages)), key=lambda lang: int((chosen == lang).sum()))
    mine = np.flatnonzero(chosen == largest)
    inner = normalized_cut(pairs[np.ix_(mine, mine)], min_size)
    if inner is None:
        return first, separation
    other = np.zeros(len(languages), dtype=bool)
    other[mine[inner]] = True
    rest = np.flatnonzero(chosen != largest)
    if rest.size:
        closer = pairs[np.ix_(rest, mine[inner])].mean(axis=1)
        farther = pairs[np.ix_(rest, mine[~inner])].mean(axis=1)
        other[rest] = closer >= farther
    alternative = separation_of(pairs, other, languages, min_size)
    return (other, alternative) if alternative < separation else (first, separation)


def separation_of(
    pairs: npt.NDArray[np.float64],
    in_first: npt.NDArray[np.bool_],
    languages: list[str],
    min_size: int,
) -> float:
    """Mean similarity of pairs across the parts over that of pairs within a part, in the
    language with the most members among those having `min_size` on each side (1.0 when
    none has)."""
    chosen = np.array(languages)
    best: str | None = None
    best_count = 0
    for language in sorted(set(languages)):
        mine = chosen == language
        first, second = int((mine & in_first).sum()), int((mine & ~in_first).sum())
        if min(first, second) >= min_size and first + second > best_count:
            best, best_count = language, first + second
    if best is None:
        return 1.0
    mine = chosen == best
    same_side = np.equal.outer(in_first, in_first)
    both = np.outer(mine, mine)
    inside = pairs[both & same_side & ~np.eye(len(languages), dtype=bool)]
    across = pairs[both & ~same_side]
    if inside.size == 0 or across.size == 0 or inside.mean() <= 0:
        return 1.0  # parts of one document each: nothing within to compare with
    return float(across.mean() / inside.mean())


def _two_means(
    members: _Members, weights: dict[str, float], min_size: int
) -> npt.NDArray[np.bool_] | None:
    n = members.n
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
    return in_first
