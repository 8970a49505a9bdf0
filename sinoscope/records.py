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
