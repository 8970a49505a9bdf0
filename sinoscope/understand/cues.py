"""Shared parts of citation-cue finding: the `Cue` record and the per-sentence `CueFinder`.

`cues_en` and `cues_zh` add the language rules; `attribution` puts them together.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass, replace

from ..records import Entity, Mention, Sentence

__all__ = ["SOURCE_TYPES", "Cue", "CueFinder", "MentionIndex"]

# entity types that can be a cited source (places only as a last resort, policies only when a
# document is quoted: "according to the plan", "《意见》提出")
SOURCE_TYPES = ("outlet", "agency", "organization", "company", "person", "program", "fund")


@dataclass(frozen=True, slots=True)
class Cue:
    """A citation found in the text. `start`/`end` cover the cue words (document offsets);
    `source_start`/`source_end` the source phrase, so claims can skip it as their subject."""

    name: str
    entity_id: str | None
    text: str
    start: int
    end: int
    source_start: int
    source_end: int
    generic: bool = False  # an unnamed group or unresolved noun ("analysts", "专家", "报告")
    expert: bool = False  # the source is a judging group: analysts, experts, 业内人士 …
    judgement: bool = False  # the cue verb judges: believe, argue, question, 认为, 质疑 …
    credit: bool = False  # a dateline or credit line naming the document's wire source


class MentionIndex:
    """A document's mentions (sorted by start) with fast range lookups."""

    def __init__(self, mentions: Sequence[Mention]) -> None:
        self.mentions = list(mentions)
        self.starts = [m.start for m in self.mentions]

    def within(self, start: int, end: int) -> list[Mention]:
        out = []
        for m in self.mentions[bisect.bisect_left(self.starts, start) :]:
            if m.start >= end:
                break
            if m.end <= end:
                out.append(m)
        return out

    def before(self, pos: int, limit: int = 300) -> list[Mention]:
        """Mentions starting before `pos`, nearest first (at most `limit`)."""
        i = bisect.bisect_left(self.starts, pos)
        return self.mentions[max(0, i - limit) : i][::-1]


class CueFinder:
    """Cue search over one sentence: holds its inputs and the helpers both languages share."""

    def __init__(
        self,
        entities: dict[str, Entity],
        text: str,
        sentence: Sentence,
        index: MentionIndex,
        prior: Sequence[Cue],
        folded: dict[str, str] | None = None,
    ) -> None:
        self.entities = entities
        self.folded = folded or {}
        self.text = text
        self.s = sentence
        self.index = index
        self.mentions = index.within(sentence.start, sentence.end)
        self.prior = prior
        self.cues: list[Cue] = []

    def add(self, cue: Cue | None) -> None:
        if cue is None:
            return
        start, end = cue.start, cue.end
        while start < end and self.text[start].isspace():
            start += 1
        while end > start and self.text[end - 1].isspace():
            end -= 1
        cue = replace(cue, text=self.text[start:end], start=start, end=end)
        for c in self.cues:
            if c.source_start < cue.source_end and cue.source_start < c.source_end:
                return
        self.cues.append(cue)

    def type_of(self, m: Mention) -> str:
        entity = self.entities.get(m.entity_id)
        return entity.type if entity is not None else ""

    def inside(self, start: int, end: int) -> list[Mention]:
        return [m for m in self.mentions if start <= m.start and m.end <= end]

    def last_entity(self, types: tuple[str, ...], before: int) -> Entity | None:
        """The entity of one of `types` mentioned last before `before` (anaphora)."""
        for m in self.index.before(before):
            entity = self.entities.get(m.entity_id)
            if entity is not None and entity.type in types:
                return entity
        return None

    def last_cited(self, before: int, include_generic: bool = False) -> Cue | None:
        """The last source cited before `before`: named ones for "the report", "报告显示";
        any for a pronoun ("they said", "他们认为" may point back to "analysts", "业内人士")."""
        for c in reversed([*self.prior, *self.cues]):
            if c.start < before and not c.credit and (include_generic or not c.generic):
                return c
        return None

    def by_name(self, name: str) -> Entity | None:
        """A gazetteer entity whose Latin name matches `name` ignoring case ("Merics" for
        "MERICS"); the linker itself matches case-sensitively."""
        entity_id = self.folded.get(name.casefold())
        return self.entities.get(entity_id) if entity_id else None

    def entity_cue(self, mention: Mention, start: int, end: int, judgement: bool = False) -> Cue:
        entity = self.entities[mention.entity_id]
        return Cue(entity.name, entity.id, self.text[start:end].strip(), start, end,
                   mention.start, mention.end, judgement=judgement)  # fmt: skip
