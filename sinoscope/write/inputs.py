"""What a briefing is written from, and how: `BriefDocument`, `BriefInputs`, `BriefOptions`.

The caller (the CLI, the web app, an evaluation script) assembles these from the store; the
writer (`briefing.write_briefing`) is a pure function of them. Re-exported by briefing.py.

- `documents` may hold documents outside the window: they are context (an earlier figure,
  the other side of a disagreement, what the last briefing cited), never news. A document
  without a publication date counts as inside the window.
- `claims` may likewise include claims of such documents; a claim whose document is not in
  `documents` cannot be cited and is ignored.
- `original_id` names the document a syndicated copy (or near duplicate) repeats: the copy
  and its original count as one report, never as independent confirmation.
- `sentences` (optional) gives documents' sentences already split (an `Analysis` has them),
  so the writer need not split them again.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from ..records import Agreement, Briefing, Claim, Entity, Metric, Sentence, Story, Topic
from .verify import VerifyOptions

__all__ = ["BriefDocument", "BriefInputs", "BriefOptions"]

LANGUAGES = ("en", "zh")


@dataclass(frozen=True, slots=True)
class BriefDocument:
    """A stored document as the writer sees it (`source_kind`: one of records.SOURCE_KINDS)."""

    id: str
    title: str | None
    url: str
    source_id: str | None
    source_name: str | None
    source_kind: str | None
    published: datetime | None
    language: str | None
    text: str
    original_id: str | None = None
    story_id: str | None = None
    source_name_zh: str | None = None


@dataclass(frozen=True, slots=True)
class BriefInputs:
    """Everything one briefing may say, for the window [start, end).

    `topic`, `entity` and `query` narrow the briefing (a topic id of `topics`, an entity id,
    free text); `beat` is recorded on the briefing. `entities` (optional) gives names for the
    entity filter and the self-check; `previous` is the last briefing of the same scope.
    `place` is the place entity the metrics describe (`Beat.scope`): figures whose subject is
    another place of `entities` (a province, another country) stay out of the indicator lines.
    """

    window: tuple[datetime, datetime]
    documents: Mapping[str, BriefDocument]
    claims: Sequence[Claim] = ()
    stories: Sequence[Story] = ()
    agreements: Sequence[Agreement] = ()
    topics: Sequence[Topic] = ()
    document_topics: Mapping[str, Sequence[tuple[str, float]]] = field(default_factory=dict)
    metrics: Sequence[Metric] = ()
    previous: Briefing | None = None
    query: str | None = None
    topic: str | None = None
    entity: str | None = None
    beat: str | None = None
    entities: Sequence[Entity] = ()
    sentences: Mapping[str, Sequence[Sentence]] | None = None
    place: str | None = None

    def __post_init__(self) -> None:
        start, end = self.window
        if end <= start:
            raise ValueError(
                f"BriefInputs.window must end after it starts (got {start} .. {end}); "
                "pass (start, end) in that order"
            )


@dataclass(frozen=True, slots=True)
class BriefOptions:
    """How the writer selects and writes.

    Stories: a story is summarised once `min_documents` original documents from
    `min_publishers` publishers cover it in the window (syndicated copies count once); other
    stories are listed under "Single-source reports", unless their id (or one of their
    document ids) is in `include_single_source`. Without any story information the rule is
    applied to each fact (the documents that state it) instead.

    Limits: `max_sections` topic sections of at most `max_sentences_per_section` sentences
    (twice that when the briefing has one section: a topic briefing, or no topics known)
    and `max_sentences` in all; `max_facts_per_story` facts of one story; `max_citations`
    sources cited for one fact (the rest are named in the notes); `max_single_source`,
    `max_disputes`, `max_indicators` and `max_changes` (per kind of change) for the other
    sections.

    Matching: passages state the same fact at `merge_threshold` (weighted word overlap, see
    facts.py); a fact too close to one already chosen (`redundancy_threshold`) is skipped.
    Without a query the writer reads each document's claims and its first `lead_sentences`
    usable sentences; with one, every sentence of the `max_query_documents` most relevant
    documents, keeping passages whose relevance is at least `relevance_floor` of the best.
    `verify` is applied to every sentence before it is kept.
    """

    language: str = "en"
    min_documents: int = 3
    min_publishers: int = 2
    include_single_source: tuple[str, ...] = ()
    max_sections: int = 6
    max_sentences_per_section: int = 6
    max_sentences: int = 30
    max_facts_per_story: int = 3
    max_citations: int = 5
    max_single_source: int = 8
    max_disputes: int = 8
    max_indicators: int = 6
    max_changes: int = 3
    merge_threshold: float = 0.5
    redundancy_threshold: float = 0.3
    lead_sentences: int = 4
    max_query_documents: int = 300
    relevance_floor: float = 0.05
    verify: VerifyOptions = field(default_factory=VerifyOptions)

    def __post_init__(self) -> None:
        if self.language not in LANGUAGES:
            raise ValueError(
                f"BriefOptions.language must be one of {', '.join(LANGUAGES)}, "
                f"not {self.language!r}"
            )
        for name in (
            "min_documents",
            "min_publishers",
            "max_sections",
            "max_sentences_per_section",
            "max_sentences",
            "max_facts_per_story",
            "max_citations",
        ):
            if getattr(self, name) < 1:
                raise ValueError(f"BriefOptions.{name} must be at least 1")
        for name in ("merge_threshold", "redundancy_threshold", "relevance_floor"):
            if not 0.0 <= getattr(self, name) <= 1.0:
                raise ValueError(f"BriefOptions.{name} must be between 0 and 1")
