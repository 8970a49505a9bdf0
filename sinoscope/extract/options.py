"""Knobs of the extract stage."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from .boilerplate import ALL_RULES

Focus = Literal["precision", "balanced", "recall"]


@dataclass(frozen=True, slots=True)
class ExtractOptions:
    """How `extract` works.

    focus: trafilatura's trade-off: "precision" (less boilerplate, the default: it scores
        best on our benchmarks), "balanced" or "recall" (more text when unsure).
    include_tables: keep text inside <table> (old Chinese sites lay whole articles out in
        tables: leave it on unless you know the sources).
    fallback: use our density extractor when trafilatura finds nothing or clearly too little.
    boilerplate_rules: the line rules of `boilerplate` to apply (empty: none); by default
        all of them (editor credits, share widgets, copyright lines, related-reading tails …).
    max_chars: the text is cut (at a line end) beyond this many characters.
    max_bytes: bodies beyond this are cut before decoding, with a warning.
    max_trafilatura_lines: pages with more text lines than this skip trafilatura (it takes
        seconds on them) and use the density extractor alone, with a warning.
    metadata: find title, author, date and language (off: text only, faster).
    """

    focus: Focus = "precision"
    include_tables: bool = True
    fallback: bool = True
    boilerplate_rules: frozenset[str] = ALL_RULES
    max_chars: int = 500_000
    max_bytes: int = 10_000_000
    max_trafilatura_lines: int = 20_000
    metadata: bool = True

    def __post_init__(self) -> None:
        if self.focus not in ("precision", "balanced", "recall"):
            raise ValueError(
                f"focus must be 'precision', 'balanced' or 'recall', not {self.focus!r}"
            )
        if unknown := set(self.boilerplate_rules) - ALL_RULES:
            raise ValueError(
                f"unknown boilerplate rules {sorted(unknown)}: choose from {sorted(ALL_RULES)}"
            )
        if self.max_chars <= 0 or self.max_bytes <= 0:
            raise ValueError("max_chars and max_bytes must be positive: use a larger limit")
