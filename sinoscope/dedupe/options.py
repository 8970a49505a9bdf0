"""Options of the dedupe stage: shingle sizes, MinHash size, threshold and LSH banding."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .text import CHAR_SHINGLE, WORD_SHINGLE

if TYPE_CHECKING:
    from ..settings import Settings

__all__ = ["DedupeOptions", "lsh_params"]

_COLLISION_AT_THRESHOLD = 0.95


def lsh_params(threshold: float, num_perm: int) -> tuple[int, int]:
    """(bands, rows): the most rows per band that still make two signatures whose similarity
    is exactly `threshold` share a bucket with probability ≥ 0.95, with bands = num_perm // rows.

    Every candidate is verified on its signature, so a low false-negative rate matters more
    than few candidates; more rows per band mean fewer candidates to verify.
    """
    best = (num_perm, 1)
    for rows in range(1, num_perm + 1):
        bands = num_perm // rows
        if 1 - (1 - threshold**rows) ** bands >= _COLLISION_AT_THRESHOLD:
            best = (bands, rows)
    return best


@dataclass(frozen=True, slots=True)
class DedupeOptions:
    """How documents are fingerprinted and when they are near duplicates.

    `bands`/`rows` of 0 are chosen by `lsh_params`. `word_shingle`/`char_shingle` are the
    shingle sizes for alphabetic and CJK text; changing them or `num_perm` invalidates stored
    signatures.
    """

    threshold: float = 0.5
    num_perm: int = 128
    word_shingle: int = WORD_SHINGLE
    char_shingle: int = CHAR_SHINGLE
    bands: int = 0
    rows: int = 0

    def __post_init__(self) -> None:
        if not 0 < self.threshold <= 1:
            raise ValueError(
                f"threshold must be in (0, 1], got {self.threshold}; it is an estimated "
                "Jaccard similarity of shingle sets, 0.5 by default"
            )
        if not 1 <= self.num_perm <= 0xFFFF:
            raise ValueError(f"num_perm must be between 1 and 65535, got {self.num_perm}")
        if not (1 <= self.word_shingle <= 8 and 1 <= self.char_shingle <= 8):
            raise ValueError(
                f"shingle sizes must be 1 to 8 tokens, got {self.word_shingle} and "
                f"{self.char_shingle}; the defaults are {WORD_SHINGLE} and {CHAR_SHINGLE}"
            )
        if (self.bands > 0) != (self.rows > 0) or self.bands * self.rows > self.num_perm:
            raise ValueError(
                f"bands × rows ({self.bands} × {self.rows}) must be at most num_perm "
                f"({self.num_perm}), or both 0 to choose them from the threshold"
            )

    @classmethod
    def from_settings(cls, settings: Settings) -> DedupeOptions:
        return cls(
            threshold=settings.near_duplicate_threshold, num_perm=settings.minhash_permutations
        )

    @property
    def lsh(self) -> tuple[int, int]:
        """(bands, rows) in use."""
        if self.bands:
            return self.bands, self.rows
        return lsh_params(self.threshold, self.num_perm)
