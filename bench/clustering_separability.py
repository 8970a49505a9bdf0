"""Why ECB+ stops near 0.92: how well our similarity tells two events of one topic apart.

usage: clustering_separability.py DATA_DIR [--seed N]
  DATA_DIR  ../shared/data/clustering-ecbplus (or its ECB+ folder)

A diagnostic beside `eval_clustering.py`, not a score to optimise. Features and document
frequencies are those of the shipped clusterer, over the whole corpus at once.

1. Pairs within a topic: each document against a random group (1, 3 or 8 documents) of
   its own event and one of the topic's other event, scored with `state.similarity`
   against the group's sum, the way a document meets a story. AUC (how often the own
   group scores higher), overall and with one feature block at a time, and the share of
   each kind on the right side of the shipped threshold.
2. Ceilings of the same document-to-document similarities: average-link clustering of the
   whole corpus at its best cut (tuned on ECB+ itself, so a ceiling, not a result); and,
   told the true topics and that each holds two events, the normalized cut `bisect` uses
   (here with parts of any size, where `bisect` wants `min_split` documents a side).
3. The shipped split rule alone (`split_below`, `split_ratio`, `min_split`) applied
   recursively to each true topic: what splitting could do if joining were perfect at the
   topic level.

The last line is one JSON object with the figures.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import numpy.typing as npt

from sinoscope.connect import ClusterOptions, document_features
from sinoscope.connect.features import DocFeatures
from sinoscope.connect.split import (
    bisect,
    is_two_stories,
    member_similarities,
    normalized_cut,
)
from sinoscope.connect.state import Profile, idf_of, similarity, sum_features
from sinoscope.connect.vectors import FrequencyTable

sys.path.insert(0, str(Path(__file__).resolve().parent))
from eval_clustering import Score, average_link_merges, cut, read_corpus

SIZES = (1, 3, 8)
BLOCKS = ("lex", "names", "bridge")


def auc(positive: Sequence[float], negative: Sequence[float]) -> float:
    """Probability that a positive scores above a negative (ties count half)."""
    pos, neg = np.asarray(positive), np.asarray(negative)
    ranks = np.concatenate([pos, neg]).argsort(kind="stable").argsort() + 1.0
    values = np.concatenate([pos, neg])
    for v in np.unique(values):  # average ranks of ties
        at = values == v
        ranks[at] = ranks[at].mean()
    return float((ranks[: pos.size].sum() - pos.size * (pos.size + 1) / 2) / (pos.size * neg.size))


def pair_scores(
    features: list[DocFeatures],
    events: list[str],
    topics: list[str],
    freq: FrequencyTable,
    weights: dict[str, float],
    seed: int,
) -> dict[int, tuple[list[float], list[float]]]:
    """By group size: (scores against the own event, scores against the other event)."""
    members: dict[str, list[int]] = defaultdict(list)
    for i, e in enumerate(events):
        members[e].append(i)
    by_topic: dict[str, set[str]] = defaultdict(set)
    for e, t in zip(events, topics, strict=True):
        by_topic[t].add(e)
    rng = random.Random(seed)
    out: dict[int, tuple[list[float], list[float]]] = {k: ([], []) for k in SIZES}
    for i, f in enumerate(features):
        others = sorted(by_topic[topics[i]] - {events[i]})
        own = [j for j in members[events[i]] if j != i]
        if not own or not others:
            continue
        other = members[others[0]]
        profile = Profile.of(f)
        idf = idf_of(freq, profile)
        for size in SIZES:
            for group, scores in ((own, out[size][0]), (other, out[size][1])):
                chosen = rng.sample(group, min(size, len(group)))
                summed = sum_features([features[j] for j in chosen]).profile(f.language)
                scores.append(similarity(profile, idf, summed, freq, weights))
    return out


def split_recursively(
    features: list[DocFeatures],
    indices: list[int],
    freq: FrequencyTable,
    weights: dict[str, float],
    options: ClusterOptions,
) -> list[list[int]]:
    found = bisect(
        [features[i] for i in indices], freq, weights, options.min_split, options.split_neighbours
    )
    if found is None or not is_two_stories(found, options.split_below, options.split_ratio):
        return [indices]
    first = [indices[k] for k in found.first]
    second = [indices[k] for k in found.second]
    return split_recursively(features, first, freq, weights, options) + split_recursively(
        features, second, freq, weights, options
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)

    docs = read_corpus(args.data_dir)
    events = [d.event for d in docs]
    topics = [d.topic for d in docs]
    options = ClusterOptions()
    weights = {"lex": options.weight_lex, "names": options.weight_names,
               "bridge": options.weight_bridge}  # fmt: skip
    features = [document_features(d.text, "en") for d in docs]
    freq = FrequencyTable()
    for f in features:
        freq.add("lex:en", f.lex[0])
        freq.add("names", f.names[0])
        freq.add("bridge", f.bridge[0])
    print(f"ECB+: {len(docs)} documents, {len(set(topics))} topics, {len(set(events))} events")

    figures: dict[str, object] = {}
    print("\n1. a document against a group of its own event / the topic's other event")
    print(f"   {'scored with':<22} {'AUC':>6}   by group size {SIZES}")
    for label, chosen in [("our similarity", weights)] + [
        (f"{b} block only", {k: float(k == b) for k in BLOCKS}) for b in BLOCKS
    ]:
        scores = pair_scores(features, events, topics, freq, chosen, args.seed)
        pos = [s for k in SIZES for s in scores[k][0]]
        neg = [s for k in SIZES for s in scores[k][1]]
        per_size = [auc(*scores[k]) for k in SIZES]
        print(f"   {label:<22} {auc(pos, neg):6.3f}   " + " ".join(f"{a:.3f}" for a in per_size))
        key = "ours" if chosen is weights else label.split()[0]
        figures[f"auc_{key}"] = round(auc(pos, neg), 4)
        if chosen is weights:
            threshold = options.threshold
            right = (np.mean(np.asarray(pos) >= threshold), np.mean(np.asarray(neg) < threshold))
            print(f"   at the threshold {threshold}: {right[0]:.1%} of own-event groups would be "
                  f"joined, {right[1]:.1%} of other-event groups refused")  # fmt: skip
            figures["own_joined_at_threshold"] = round(float(right[0]), 4)
            figures["other_refused_at_threshold"] = round(float(right[1]), 4)

    pairs: npt.NDArray[np.float64] = member_similarities(features, freq, weights)
    merges = average_link_merges(pairs + np.eye(len(docs)))
    sweep = {
        round(t, 2): Score.of(cut(len(docs), merges, t), events) for t in np.arange(0.5, 0.96, 0.05)
    }
    best = max(sweep, key=lambda t: sweep[t].f1)
    by_topic: dict[str, list[int]] = defaultdict(list)
    for i, name in enumerate(topics):
        by_topic[name].append(i)
    halves = [""] * len(docs)
    ruled = [""] * len(docs)
    for topic, indices in by_topic.items():
        first = normalized_cut(pairs[np.ix_(indices, indices)], 1)
        for k, i in enumerate(indices):
            halves[i] = f"{topic}:{int(first[k]) if first is not None else 0}"
        for n, part in enumerate(split_recursively(features, indices, freq, weights, options)):
            for i in part:
                ruled[i] = f"{topic}:{n}"
    print("\n2. ceilings of these similarities (B3 at the event level)")
    print(f"   average link, whole corpus, best cut (distance {best}): {sweep[best].f1:.3f}")
    told = Score.of(halves, events)
    print(f"   true topics, told two events each, normalized cut:    {told.f1:.3f}")
    rule = Score.of(ruled, events)
    print("\n3. the shipped split rule on each true topic, recursively")
    print(f"   B3 F1 {rule.f1:.3f} (P {rule.precision:.3f}, R {rule.recall:.3f}), "
          f"{len(set(ruled))} stories for {len(set(events))} events")  # fmt: skip
    figures.update(
        average_link_best_b3_f1=round(sweep[best].f1, 4),
        told_topics_and_two_events_b3_f1=round(told.f1, 4),
        split_rule_on_true_topics_b3_f1=round(rule.f1, 4),
    )
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
