"""`SentenceFacts`: what the analyzer found in one sentence, handed to the claim builder."""

from __future__ import annotations

from dataclasses import dataclass

from ..records import Mention, Quantity, Sentence
from .cues import Cue
from .hedges import Hedge
from .metrics import AliasHit
from .quantities import TimeExpression

__all__ = ["SentenceFacts"]


@dataclass(frozen=True, slots=True)
class SentenceFacts:
    """What the analyzer found in one sentence, with document offsets."""

    sentence: Sentence
    language: str
    quantities: tuple[Quantity, ...]
    times: tuple[TimeExpression, ...]
    mentions: tuple[Mention, ...]
    cues: tuple[Cue, ...]
    hedges: tuple[Hedge, ...]
    aliases: tuple[AliasHit, ...]
    topics: tuple[str, ...]
    paragraph: int = 0
    index: int = 0  # the sentence's position in the document
    previous: Sentence | None = None  # the sentence before it in the same paragraph

    def text_before(self, pos: int) -> str:
        return self.sentence.text[: pos - self.sentence.start]
