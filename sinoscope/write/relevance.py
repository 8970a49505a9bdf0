"""Relevance of passages to a briefing's query: BM25 with one round of feedback.

    scores = relevance("Impact of fuel types on performance?", texts, languages)  # 0..1

Terms are those of facts.py (English six-letter stems without stop words, Chinese character
bigrams), so a query in either language meets passages in that language.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence

from .facts import word_terms

__all__ = ["relevance"]

_FEEDBACK_TEXTS = 20  # best texts of the first round that expand the query
_FEEDBACK_TERMS = 15
_QUESTION_WORDS = frozenset(
    word_terms(
        "discuss discussed discussing discussion detail detailed details available mention "
        "mentioned described describe overview aspects regarding related information "
        "explain explained what which how",
        "en",
    )
)


def relevance(query: str, texts: Sequence[str], languages: Sequence[str]) -> list[float]:
    """Relevance of each text to `query` in [0, 1] (1 = the best): BM25 over the texts (the
    words a question is phrased with, "discussed", "available", are not searched for), then
    one round of feedback: the terms most typical of the best texts (weighted by how well
    those texts matched, and by rarity) join the query at lower weight, so passages that
    answer it in other words ("E85", "ethanol" for "fuel types") still score."""
    docs = [word_terms(t, lang) for t, lang in zip(texts, languages, strict=True)]
    wanted: dict[str, float] = {}
    for lang in ("en", "zh"):
        for term in word_terms(query, lang):
            if term not in _QUESTION_WORDS:
                wanted[term] = 1.0
    if not docs or not wanted:
        return [0.0] * len(docs)
    n = len(docs)
    df: dict[str, int] = defaultdict(int)
    for d in docs:
        for t in set(d):
            df[t] += 1
    idf = {t: math.log(1 + (n - c + 0.5) / (c + 0.5)) for t, c in df.items()}
    avg = sum(len(d) for d in docs) / n or 1.0
    counts = [_counts(d) for d in docs]

    def bm25(weights: dict[str, float]) -> list[float]:
        out = []
        for d, tf in zip(docs, counts, strict=True):
            norm = 1.2 * (0.25 + 0.75 * len(d) / avg)
            out.append(
                sum(
                    w * idf.get(t, 0.0) * tf[t] * 2.2 / (tf[t] + norm)
                    for t, w in weights.items()
                    if t in tf
                )
            )
        return out

    first = bm25(wanted)
    top_first = max(first, default=0.0)
    best = sorted((i for i in range(n) if first[i] > 0), key=lambda i: (-first[i], i))
    typical: dict[str, float] = defaultdict(float)
    for i in best[:_FEEDBACK_TEXTS]:
        for t, c in counts[i].items():
            if t not in wanted and not t.startswith("#") and df[t] > 1:
                typical[t] += first[i] / top_first * c / max(len(docs[i]), 1) * idf[t]
    expansion = sorted(typical.items(), key=lambda kv: (-kv[1], kv[0]))[:_FEEDBACK_TERMS]
    strongest = expansion[0][1] if expansion else 0.0
    for t, weight in expansion:
        wanted[t] = 0.7 * weight / strongest
    scores = bm25(wanted)
    top = max(scores, default=0.0)
    return [s / top if top else 0.0 for s in scores]


def _counts(terms: list[str]) -> dict[str, int]:
    out: dict[str, int] = defaultdict(int)
    for t in terms:
        out[t] += 1
    return out
