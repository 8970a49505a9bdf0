"""The records that flow through Sinoscope's pipeline.

Every stage reads and writes these frozen, slotted dataclasses. This module imports nothing
of ours, so any stage, the store and the surfaces can depend on it without cycles.

    Beat ─ Source, Topic, Entity, Metric            (what we watch: data files, see beats/)
    Page                                            (raw bytes + where they came from)
      → Extraction                                  (extract: text, title, author, date, language)
      → Document                                    (dedupe + store: ids, hashes, duplicate links)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

SOURCE_KINDS = (
    "state_media",
    "government",
    "wire",
    "newspaper",
    "broadcaster",
    "magazine",
    "business_press",
    "tech_press",
    "trade_press",
    "think_tank",
    "academic",
    "company",
    "other",
)
ENTITY_TYPES = (
    "company",
    "agency",
    "person",
    "place",
    "product",
    "policy",
    "outlet",
    "organization",
    "program",
    "fund",
)
FEED_KINDS = ("rss", "atom", "sitemap", "page")

DateSource = Literal["meta", "jsonld", "url", "text", "feed", "sitemap", "header", "file", "none"]
Origin = Literal["url", "feed", "sitemap", "file", "warc"]


# ---------------------------------------------------------------------------------------- beat
@dataclass(frozen=True, slots=True)
class Feed:
    """A feed, sitemap or listing page of a source. `verified` is False for guessed URLs."""

    url: str
    kind: str = "rss"
    verified: bool = False


@dataclass(frozen=True, slots=True)
class Source:
    """An outlet or publisher."""

    id: str
    name: str
    kind: str
    country: str
    language: str
    name_zh: str | None = None
    homepage: str | None = None
    domains: tuple[str, ...] = ()
    feeds: tuple[Feed, ...] = ()
    notes: str = ""


@dataclass(frozen=True, slots=True)
class Topic:
    id: str
    name: str
    name_zh: str
    keywords_en: tuple[str, ...] = ()
    keywords_zh: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Entity:
    """A canonical thing we track; `aliases` holds every other name, in any language."""

    id: str
    type: str
    name: str
    name_zh: str | None = None
    aliases: tuple[str, ...] = ()
    wikidata: str | None = None
    source_id: str | None = None  # for outlets: the Source they publish as
    description: str = ""

    @property
    def names(self) -> tuple[str, ...]:
        out = [self.name]
        if self.name_zh:
            out.append(self.name_zh)
        out.extend(self.aliases)
        return tuple(dict.fromkeys(out))


@dataclass(frozen=True, slots=True)
class Metric:
    """A quantity the beat follows (AI company count, compute capacity …)."""

    id: str
    name: str
    unit: str
    name_zh: str | None = None
    aliases: tuple[str, ...] = ()
    description: str = ""
    targets: tuple[MetricTarget, ...] = ()
    excludes: tuple[str, ...] = ()  # phrases around an alias that name another measure


@dataclass(frozen=True, slots=True)
class MetricTarget:
    """An official goal for a metric, e.g. 70% AI adoption by 2027."""

    value: float
    year: int
    source: str = ""
    note: str = ""


@dataclass(frozen=True, slots=True)
class Beat:
    id: str
    name: str
    description: str = ""
    scope: str | None = None  # the place entity the metrics describe when a claim names none
    sources: tuple[Source, ...] = ()
    topics: tuple[Topic, ...] = ()
    entities: tuple[Entity, ...] = ()
    metrics: tuple[Metric, ...] = ()

    def source(self, source_id: str) -> Source | None:
        for s in self.sources:
            if s.id == source_id:
                return s
        return None


# ------------------------------------------------------------------------------------- ingest
@dataclass(frozen=True, slots=True)
class Hints:
    """Metadata known before extraction (from a feed entry, a sitemap, a WARC header)."""

    title: str | None = None
    author: str | None = None
    published: datetime | None = None
    language: str | None = None
    summary: str | None = None
    date_source: str | None = None


@dataclass(frozen=True, slots=True)
class FetchResult:
    """One HTTP exchange. `error` is a readable reason when the fetch failed (status may be set).

    `body` holds the (decompressed) bytes, capped at the configured size; `warc_ref`
    ("path#offset") points at the archived response when archiving is on.
    """

    url: str
    final_url: str
    status: int | None
    headers: tuple[tuple[str, str], ...]
    body: bytes
    fetched_at: datetime
    elapsed: float = 0.0
    error: str | None = None
    not_modified: bool = False
    warc_ref: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None and self.status is not None and 200 <= self.status < 300

    def header(self, name: str) -> str | None:
        lname = name.lower()
        for k, v in self.headers:
            if k.lower() == lname:
                return v
        return None


@dataclass(frozen=True, slots=True)
class Page:
    """Raw bytes of one candidate document, and where they came from; input to extract."""

    url: str
    body: bytes
    fetched_at: datetime
    origin: str = "url"
    content_type: str | None = None
    source_id: str | None = None
    hints: Hints = field(default_factory=Hints)
    warc_ref: str | None = None


@dataclass(frozen=True, slots=True)
class Extraction:
    """What extract made of a Page. `text` is empty when nothing usable was found."""

    text: str
    title: str | None = None
    author: str | None = None
    published: datetime | None = None
    date_source: str = "none"
    language: str | None = None
    encoding: str | None = None
    method: str = "trafilatura"  # which extractor produced the text
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Document:
    """A stored article. `id` is derived from the canonical URL, so re-ingest is idempotent.

    Duplicate links: `duplicate_of` (same text), `near_duplicate_of` (small edits, same
    publisher or unknown), `syndicated_from` (a wire copy republished by another outlet:
    points at the first publisher's document). Linked documents are kept, never dropped.
    """

    id: str
    url: str
    canonical_url: str
    source_id: str | None
    title: str | None
    author: str | None
    published: datetime | None
    date_source: str
    language: str | None
    text: str
    content_hash: str
    fetched_at: datetime
    origin: str = "url"
    extractor: str = "trafilatura"
    warc_ref: str | None = None
    duplicate_of: str | None = None
    near_duplicate_of: str | None = None
    syndicated_from: str | None = None
    similarity: float | None = None


# ---------------------------------------------------------------------------------- understand
@dataclass(frozen=True, slots=True)
class Quantity:
    """A number found in text, with its unit, direction of change and span.

    `change` is one of "=", "~", ">", "<", "up", "down". A range sets `low` and `high`
    (`value` is then the low end unless the text states one value). `kind` tells what sort of
    number it is: "count", "percent", "money", "measure", "duration", "multiplier", "rank",
    "number". Years and dates are not quantities: `extract_quantities` keeps them apart.
    """

    text: str
    start: int
    end: int
    value: float
    unit: str = ""
    change: str = "="
    low: float | None = None
    high: float | None = None
    kind: str = "number"
    currency: str | None = None
    scale: float = 1.0
    approximate: bool = False

    def to_json(self) -> dict[str, object]:
        out: dict[str, object] = {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "value": self.value,
            "unit": self.unit,
            "change": self.change,
        }
        if self.low is not None and self.high is not None:
            out["low"] = self.low
            out["high"] = self.high
        return out


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of a document: `start`/`end` are offsets into the document text."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Mention:
    """An entity of the beat found in a document span (offsets into the document text)."""

    entity_id: str
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Attribution:
    """Who a claim is attributed to.

    `kind` is "cited" when the text names its source ("as reported by Xinhua", "据新华社报道",
    "工信部表示", "a Merics report said"), with `text` the words that say so; "publisher" when
    nothing is cited and the claim is the publishing outlet's own (then `text` is "").
    """

    name: str
    entity_id: str | None = None
    text: str = ""
    kind: str = "cited"
    start: int | None = None  # offsets of `text` in the document, when cited
    end: int | None = None


@dataclass(frozen=True, slots=True)
class TimeRef:
    """When a claim holds: `as_of` (a date the value describes), or a target `deadline` year,
    or a `period` ("2024", "2019-2024", "five years") as written."""

    as_of: str | None = None  # ISO date or year-month or year ("2024-06", "2023")
    deadline: int | None = None  # target year ("by 2030", "到2027年")
    period: str | None = None
    text: str = ""


CLAIM_KINDS = ("quantity", "target", "event", "assessment")


@dataclass(frozen=True, slots=True)
class Claim:
    """A checkable statement taken from one sentence of one document.

    Offsets (`start`, `end`, and those of the quantities) are into the document text, so
    `text[start:end] == sentence`. `metric` is a metric id of the beat when one matched (else
    None, with `metric_text` holding the counted thing as written); `subject` is an entity id.
    `hedge` is None or the hedging words found ("reportedly", "experts question", "据悉").
    """

    id: str
    document_id: str
    kind: str
    sentence: str
    start: int
    end: int
    language: str | None
    quantities: tuple[Quantity, ...] = ()
    metric: str | None = None
    metric_text: str | None = None
    subject: str | None = None
    subject_text: str | None = None
    attribution: Attribution = field(default_factory=lambda: Attribution(name=""))
    hedge: str | None = None
    time: TimeRef = field(default_factory=TimeRef)
    topics: tuple[str, ...] = ()
    entities: tuple[str, ...] = ()  # every entity id mentioned in the sentence


@dataclass(frozen=True, slots=True)
class Analysis:
    """What `understand` made of one document."""

    document_id: str
    sentences: tuple[Sentence, ...]
    mentions: tuple[Mention, ...]
    claims: tuple[Claim, ...]
    topics: tuple[tuple[str, float], ...]  # (topic id, score), best first
    candidates: tuple[str, ...] = ()  # unknown capitalised organisation names, for editors


# ------------------------------------------------------------------------------------ connect
@dataclass(frozen=True, slots=True)
class Observation:
    """One value of an indicator, taken from one claim (a target when `is_target`)."""

    metric: str
    value: float
    unit: str
    claim_id: str
    document_id: str
    source_id: str | None
    attributed_to: str
    date: str | None  # ISO date/month/year the value describes (or the document date)
    is_target: bool = False
    deadline: int | None = None
    change: str = "="
    definition: str | None = None  # the wording, when it differs from the metric's own


AgreementKind = Literal["corroborates", "contradicts"]


@dataclass(frozen=True, slots=True)
class Agreement:
    """Observations that agree ("corroborates": one side) or disagree ("contradicts": two
    sides, higher values first). `sides` hold claim ids; `voices` and `publishers` display
    names; `independent_sources` is the number of distinct voices."""

    id: str
    kind: AgreementKind
    metric: str
    period: str  # "2024", "2024-06", or "by 2030" for targets
    is_target: bool
    sides: tuple[tuple[str, ...], ...]
    claim_ids: tuple[str, ...]
    document_ids: tuple[str, ...]
    voices: tuple[str, ...]
    publishers: tuple[str, ...]
    independent_sources: int
    definition: str | None  # the wording, when not the metric's own definition
    summary: str


@dataclass(frozen=True, slots=True)
class Story:
    """Documents about one event, across outlets and languages."""

    id: str
    title: str
    document_ids: tuple[str, ...]
    first_published: datetime | None
    last_published: datetime | None
    sources: tuple[str, ...]
    source_kinds: tuple[str, ...]
    languages: tuple[str, ...]
    independent_publishers: int  # distinct publishers, syndicated copies counted once


# -------------------------------------------------------------------------------------- write
@dataclass(frozen=True, slots=True)
class Citation:
    """A span of a stored document that supports a briefing sentence."""

    document_id: str
    start: int
    end: int
    claim_id: str | None = None


@dataclass(frozen=True, slots=True)
class BriefingSentence:
    text: str
    citations: tuple[Citation, ...] = ()
    original: str | None = None  # the source's own sentence when `text` paraphrases it


@dataclass(frozen=True, slots=True)
class BriefingSection:
    title: str
    sentences: tuple[BriefingSentence, ...]
    topic: str | None = None


@dataclass(frozen=True, slots=True)
class BriefingSource:
    number: int
    document_id: str
    title: str | None
    url: str
    source_id: str | None
    source_name: str | None
    published: datetime | None


@dataclass(frozen=True, slots=True)
class Briefing:
    title: str
    dek: str
    window: tuple[datetime, datetime]
    sections: tuple[BriefingSection, ...]
    sources: tuple[BriefingSource, ...]
    writer: str = "extractive"
    language: str = "en"
    beat: str | None = None
    topic: str | None = None
    entity: str | None = None
