"""Options of story clustering: when a document joins a story, and how candidates are found."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["ClusterOptions"]


@dataclass(frozen=True, slots=True)
class ClusterOptions:
    """How `StoryClusterer` decides.

    - `threshold`: a document joins its most similar story when the similarity (0–1, see
      `stories`) is at least this; otherwise it opens a new story.
    - `window_days`: documents more than this many days from every document of a story…
    - `outside_window`: …join it only at this similarity or more ("very similar").
    - `weight_lex`, `weight_names`, `weight_bridge`: weights of the three feature blocks in
      the similarity (words in one language; proper names; entity ids, numbers and dates).
    - `merge_above`: two stories that one document brings close merge when their
      similarity is at least this (story centroids are smoother than documents, so this is
      higher than `threshold`).
    - `split_below`, `min_split`: a story is split in two when its best two-way split
      leaves `min_split` documents or more on each side and the two parts are less similar
      than this.
    - `query_features`: how many of a document's rarest features look up candidate stories;
      `max_posting`: features found in more stories than this are too common to look up;
      `max_candidates`: stories compared in full per document (those sharing most features).
    """

    threshold: float = 0.3
    window_days: float = 10.0
    outside_window: float = 0.6
    merge_above: float = 0.5
    split_below: float = 0.3
    min_split: int = 3
    weight_lex: float = 1.0
    weight_names: float = 1.0
    weight_bridge: float = 1.0
    query_features: int = 40
    max_posting: int = 1000
    max_candidates: int = 40

    def __post_init__(self) -> None:
        for name in ("threshold", "outside_window", "merge_above", "split_below"):
            value = getattr(self, name)
            if not 0.0 < value <= 1.0:
                raise ValueError(f"ClusterOptions.{name} must be in (0, 1], got {value}")
        if self.window_days < 0:
            raise ValueError(f"ClusterOptions.window_days must be ≥ 0, got {self.window_days}")
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
        for name in ("query_features", "max_posting", "max_candidates", "min_split"):
            if getattr(self, name) < 1:
                raise ValueError(f"ClusterOptions.{name} must be ≥ 1, got {getattr(self, name)}")
