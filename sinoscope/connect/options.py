"""Options of story clustering: when a document joins a story, and how candidates are found.

How the defaults were chosen (never on the ECB+ evaluation set):

- `threshold` 0.25, `split_neighbours` 5, `split_ratio` 0.5: by a search declared before
  its results were seen (docs/benchmarks.md): 12 settings (threshold 0.25/0.3/0.35, split
  graph raw or shared-neighbour-weighted, ratio 0.25/0.5), the best mean B³ F1 over the
  bundled demo corpus (89 English and Chinese articles, story labels written by hand in
  `bench/eval_clustering.py`) and the development set of our beat (bench/devset: 240
  reports of 23 events in both languages, scored with and without publication dates)
  winning. Alone, the demo corpus would take 0.3–0.35 (its stories are too small for a
  split to undo a wrong join: 0.908 at 0.25, 0.931 at 0.3); the development set, whose
  events pair up on one subject as ECB+'s do, gains far more (with dates 0.868 → 0.913,
  without 0.687 → 0.815). A low join threshold keeps the English–Chinese joins of one
  event (compared on entities, numbers and dates alone, at 0.31–0.38 on the demo corpus);
  the shared-neighbour split then takes apart the two events of one subject that it lets
  meet. k = 5 was the one value tried (so was raw: k = 0).
- `window_days` 14, `outside_window` 0.8: follow-ups of one event in the demo corpus come
  up to 13 days after the first report; explainers a year later reach similarity 0.5–0.7
  with the original story, a rewrite of the same report 0.8 and more.
- `text_window_days` 180: days named in a text are a weak stand-in for a missing
  publication date (a report names the day of an earlier step): only half a year apart do
  they count as different times.
- `split_below` = `threshold`: a story whose two halves are less alike than a document must
  be to join is two stories. `merge_above` 0.5: halfway between a join and a rewrite,
  since a merge moves many documents at once. `min_split` 3: a part is a group, not one
  outlier. `split_ratio` 0.5: two groups whose documents are, on average, more than twice
  as alike within a group as across (on the shared-neighbour graph) are two stories,
  however much subject they share; a round figure with that meaning, kept by the search
  above (its spread on ECB+ had been looked at when it was first chosen, and ECB+'s
  figures for other ratios were known before the search: docs/benchmarks.md says so).
- block weights 1: no block is known to be better in general.
- `reassign_below` 30: reassigning costs a comparison per member of each nearby story at
  every document; bigger stories are left to splitting. Reassignment itself has no
  threshold of its own: a document moves under the rules by which it would join.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["ClusterOptions"]


@dataclass(frozen=True, slots=True)
class ClusterOptions:
    """How `StoryClusterer` decides.

    - `threshold`: a document joins its most similar story when the similarity (0–1, see
      `stories`) is at least this; otherwise it opens a new story.
    - `window_days`: a document published more than this many days from every document of
      a story…
    - `outside_window`: …joins it only at this similarity or more ("very similar").
    - `text_window_days`: the same rule when a publication date is missing on either side,
      applied to the days the texts name instead ("on May 24, 2024"), a weaker clue (reports
      name the days of earlier steps), hence the wider window.
    - `weight_lex`, `weight_names`, `weight_bridge`: weights of the three feature blocks in
      the similarity (words in one language; proper names; entity ids, numbers and dates).
    - `merge_above`: two stories that one document brings close merge when their
      similarity is at least this (story centroids are smoother than documents, so this is
      higher than `threshold`); a story of one document merges at `threshold`, as the
      document would have joined.
    - `split_below`, `split_ratio`, `min_split`: a story is split in two when its best
      two-way split leaves `min_split` documents or more on each side and the two parts
      are less similar than `split_below`, or their documents are on average less alike
      across the parts than `split_ratio` times within a part (see `split`).
    - `split_neighbours`: the member graph a split is found on weights each pair by the
      share of their `split_neighbours` nearest members they have in common (0: raw
      similarities).
    - `reassign`, `reassign_below`: after each document, the documents of the stories it
      could have joined (at `threshold` or more; those with fewer than `reassign_below`
      originals) move to another of those stories when they are more similar to it than to
      the rest of their own and would join it (threshold, time window): a local k-means
      step that undoes early joins the order of arrival forced.
    - `query_features`: how many of a document's rarest features look up candidate stories;
      `max_posting`: features found in more stories than this are too common to look up;
      `max_candidates`: stories compared in full per document (those sharing most features).
    """

    threshold: float = 0.25
    window_days: float = 14.0
    outside_window: float = 0.8
    text_window_days: float = 180.0
    merge_above: float = 0.5
    split_below: float = 0.25
    split_ratio: float = 0.5
    split_neighbours: int = 5
    min_split: int = 3
    reassign: bool = True
    reassign_below: int = 30
    weight_lex: float = 1.0
    weight_names: float = 1.0
    weight_bridge: float = 1.0
    query_features: int = 40
    max_posting: int = 1000
    max_candidates: int = 40

    def __post_init__(self) -> None:
        for name in ("threshold", "outside_window", "merge_above", "split_below", "split_ratio"):
            value = getattr(self, name)
            if not 0.0 < value <= 1.0:
                raise ValueError(f"ClusterOptions.{name} must be in (0, 1], got {value}")
        if self.split_neighbours < 0:
            raise ValueError(
                f"ClusterOptions.split_neighbours must be ≥ 0 (0: raw), got {self.split_neighbours}"
            )
        for name in ("window_days", "text_window_days"):
            if getattr(self, name) < 0:
                raise ValueError(f"ClusterOptions.{name} must be ≥ 0, got {getattr(self, name)}")
        weights = (self.weight_lex, self.weight_names, self.weight_bridge)
        if min(weights) < 0 or max(weights) <= 0:
            raise ValueError(
                f"ClusterOptions block weights must be ≥ 0 with at least one > 0, got {weights}"
            )
        if self.split_below >= self.merge_above:
            raise ValueError(
                f"ClusterOptions.split_below ({self.split_below}) must be below merge_above "
                f"({self.merge_above}), or a split story could merge straight back"
            )
        for name in (
            "query_features", "max_posting", "max_candidates", "min_split", "reassign_below",
        ):  # fmt: skip
            if getattr(self, name) < 1:
                raise ValueError(f"ClusterOptions.{name} must be ≥ 1, got {getattr(self, name)}")
