"""What a beat file may contain: one schema per table, checked entry by entry.

A beat folder holds `beat.toml` (the beat's id, name, description, `extends`, `remove`) and
data files whose top level is made of arrays of tables: `[[source]]`, `[[topic]]`,
`[[entity]]`, `[[metric]]`. Each table is checked here against its schema; every problem is a
`BeatError` that names the file, the entry and the fix. Records are built only from checked
tables (see `to_source`, `to_topic` …), so they never need to defend themselves.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from difflib import get_close_matches
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from ..errors import BeatError
from ..records import (
    ENTITY_TYPES,
    FEED_KINDS,
    SOURCE_KINDS,
    Entity,
    Feed,
    Metric,
    MetricTarget,
    Source,
    Topic,
)

Check = Callable[[Any], str | None]  # returns what is wrong with a value, or None

ID_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
COUNTRY_RE = re.compile(r"[A-Z]{2}")
LANGUAGE_RE = re.compile(r"[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})?")
WIKIDATA_RE = re.compile(r"Q[1-9][0-9]*")
# host[:port][/path]: a lowercase host name or IPv4 address, no scheme, no query
DOMAIN_RE = re.compile(
    r"(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)*[a-z0-9](?:[a-z0-9-]*[a-z0-9])?"
    r"(?::[0-9]{1,5})?(?:/[^\s?#]*)?"
)


# --------------------------------------------------------------------------------- checks
def _text(value: Any) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return "must be a non-empty string"
    return None


def _any_text(value: Any) -> str | None:
    return None if isinstance(value, str) else "must be a string"


def _text_list(value: Any) -> str | None:
    if not isinstance(value, list):
        return 'must be a list of strings, e.g. ["a", "b"]'
    for i, item in enumerate(value):
        if not isinstance(item, str) or not item.strip():
            return f"item #{i + 1} ({item!r}) must be a non-empty string"
    return None


def _choice(choices: tuple[str, ...]) -> Check:
    def check(value: Any) -> str | None:
        if value not in choices:
            near = get_close_matches(str(value), choices, n=1)
            hint = f" (did you mean {near[0]!r}?)" if near else ""
            return f"is {value!r}, must be one of: {', '.join(choices)}{hint}"
        return None

    return check


def _pattern(regex: re.Pattern[str], example: str) -> Check:
    def check(value: Any) -> str | None:
        if not isinstance(value, str) or not regex.fullmatch(value):
            return f"is {value!r}, must look like {example}"
        return None

    return check


def _url(value: Any) -> str | None:
    if not isinstance(value, str):
        return "must be a URL string"
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError as exc:
        return f"is not a valid URL ({value!r}: {exc})"
    if parts.scheme not in ("http", "https") or not parts.hostname or " " in value:
        return f"is not a valid http(s) URL: {value!r} (write it like https://example.com/feed)"
    return None


def _domains(value: Any) -> str | None:
    problem = _text_list(value)
    if problem:
        return problem
    for item in value:
        if "://" in item:
            return f"entry {item!r} must not carry a scheme: write {item.split('://', 1)[1]!r}"
        if not DOMAIN_RE.fullmatch(item):
            return (
                f"entry {item!r} is not host[:port][/path] in lowercase "
                '(e.g. "news.cn", "gov.cn/zhengce", "127.0.0.1:8000/xinhua")'
            )
    return None


def _bool(value: Any) -> str | None:
    return None if isinstance(value, bool) else "must be true or false"


def _number(value: Any) -> str | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return f"is {value!r}, must be a number (write 1e12 or 1_000_000_000_000)"
    return None


def _year(value: Any) -> str | None:
    if isinstance(value, bool) or not isinstance(value, int) or not 1900 <= value <= 2100:
        return f"is {value!r}, must be a year such as 2030"
    return None


def _tables(kind: str) -> Check:
    def check(value: Any) -> str | None:
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            return f"must be a list of {kind} tables, e.g. [{{ ... }}, {{ ... }}]"
        return None

    return check


@dataclass(frozen=True, slots=True)
class Field:
    check: Check
    required: bool = False


Schema = Mapping[str, Field]

SOURCE: Schema = {
    "id": Field(_pattern(ID_RE, '"xinhua" (lowercase letters, digits, hyphens)'), True),
    "name": Field(_text, True),
    "name_zh": Field(_text),
    "kind": Field(_choice(SOURCE_KINDS), True),
    "country": Field(_pattern(COUNTRY_RE, '"CN" (ISO 3166 two-letter code)'), True),
    "language": Field(_pattern(LANGUAGE_RE, '"en" or "zh"'), True),
    "homepage": Field(_url),
    "domains": Field(_domains),
    "feeds": Field(_tables("feed")),
    "notes": Field(_any_text),
}
FEED: Schema = {
    "url": Field(_url, True),
    "kind": Field(_choice(FEED_KINDS)),
    "verified": Field(_bool),
}
TOPIC: Schema = {
    "id": Field(_pattern(ID_RE, '"semiconductors-compute"'), True),
    "name": Field(_text, True),
    "name_zh": Field(_text, True),
    "keywords_en": Field(_text_list),
    "keywords_zh": Field(_text_list),
}
ENTITY: Schema = {
    "id": Field(_pattern(ID_RE, '"huawei" or "xi-jinping" (lowercase ASCII slug)'), True),
    "type": Field(_choice(ENTITY_TYPES), True),
    "name": Field(_text, True),
    "name_zh": Field(_text),
    "aliases": Field(_text_list),
    "wikidata": Field(_pattern(WIKIDATA_RE, '"Q148"')),
    "source_id": Field(_pattern(ID_RE, '"xinhua" (the id of a source of this beat)')),
    "description": Field(_any_text),
}
METRIC: Schema = {
    "id": Field(_pattern(ID_RE, '"compute-capacity"'), True),
    "name": Field(_text, True),
    "name_zh": Field(_text),
    "unit": Field(_text, True),
    "aliases": Field(_text_list),
    "excludes": Field(_text_list),
    "description": Field(_any_text),
    "targets": Field(_tables("target")),
}
TARGET: Schema = {
    "value": Field(_number, True),
    "year": Field(_year, True),
    "source": Field(_any_text),
    "note": Field(_any_text),
}
REMOVE: Schema = {
    "sources": Field(_text_list),
    "topics": Field(_text_list),
    "entities": Field(_text_list),
    "metrics": Field(_text_list),
}
BEAT: Schema = {
    "id": Field(_pattern(ID_RE, '"china-ai"'), True),
    "name": Field(_text),
    "description": Field(_any_text),
    "scope": Field(_pattern(ID_RE, '"china"')),
    "extends": Field(_text),
    "remove": Field(lambda v: None if isinstance(v, dict) else "must be a table"),
}
# the top-level arrays a data file may hold, and the schema of their tables
SECTIONS: Mapping[str, Schema] = {
    "source": SOURCE,
    "topic": TOPIC,
    "entity": ENTITY,
    "metric": METRIC,
}
PLURAL = {"source": "sources", "topic": "topics", "entity": "entities", "metric": "metrics"}


def check_table(table: Any, schema: Schema, where: str) -> None:
    """Raise a BeatError naming `where` when `table` does not fit `schema`."""
    if not isinstance(table, dict):
        raise BeatError(f"{where}: must be a table (key = value lines), got {table!r}")
    for key in table:
        if key not in schema:
            near = get_close_matches(key, list(schema), n=1)
            fix = f"did you mean {near[0]!r}?" if near else "remove it"
            raise BeatError(
                f"{where}: unknown key {key!r} ({fix}); allowed keys: {', '.join(schema)}"
            )
    for key, spec in schema.items():
        if key not in table:
            if spec.required:
                raise BeatError(f"{where}: missing required key {key!r}; add {key} = ...")
            continue
        problem = spec.check(table[key])
        if problem:
            raise BeatError(f"{where}: {key!r} {problem}")


def describe(section: str, table: Any, index: int, path: Path) -> str:
    """'PATH: source "xinhua"' or 'PATH: source #3' when the table has no usable id."""
    ident = table.get("id") if isinstance(table, dict) else None
    if isinstance(ident, str) and ident:
        return f"{path}: {section} {ident!r}"
    return f"{path}: {section} #{index + 1}"


def check_entry(section: str, table: dict[str, Any], where: str) -> None:
    """Check one table of a data file, nested tables (feeds, targets) included."""
    check_table(table, SECTIONS[section], where)
    for i, feed in enumerate(table.get("feeds", ())):
        check_table(feed, FEED, f"{where} feed #{i + 1}")
    for i, target in enumerate(table.get("targets", ())):
        check_table(target, TARGET, f"{where} target #{i + 1}")
    if section == "entity" and table["type"] == "outlet" and "source_id" not in table:
        raise BeatError(
            f"{where}: an outlet entity needs source_id = the id of the source it publishes as"
        )
    if section == "topic":
        for key, fold in (("keywords_en", True), ("keywords_zh", False)):
            seen: set[str] = set()
            for word in table.get(key, ()):
                norm = word.casefold() if fold else word
                if norm in seen:
                    raise BeatError(f"{where}: keyword {word!r} is listed twice in {key}")
                seen.add(norm)


# ------------------------------------------------------------------------------ records
def _names(table: Mapping[str, Any], *skip: str | None) -> tuple[str, ...]:
    out = dict.fromkeys(a.strip() for a in table.get("aliases", ()))
    for name in skip:
        out.pop(name or "", None)
    return tuple(out)


def to_source(t: Mapping[str, Any]) -> Source:
    return Source(
        id=t["id"],
        name=t["name"],
        kind=t["kind"],
        country=t["country"],
        language=t["language"],
        name_zh=t.get("name_zh"),
        homepage=t.get("homepage"),
        domains=tuple(dict.fromkeys(t.get("domains", ()))),
        feeds=tuple(
            Feed(url=f["url"], kind=f.get("kind", "rss"), verified=f.get("verified", False))
            for f in t.get("feeds", ())
        ),
        notes=t.get("notes", ""),
    )


def to_topic(t: Mapping[str, Any]) -> Topic:
    return Topic(
        id=t["id"],
        name=t["name"],
        name_zh=t["name_zh"],
        keywords_en=tuple(t.get("keywords_en", ())),
        keywords_zh=tuple(t.get("keywords_zh", ())),
    )


def to_entity(t: Mapping[str, Any]) -> Entity:
    return Entity(
        id=t["id"],
        type=t["type"],
        name=t["name"],
        name_zh=t.get("name_zh"),
        aliases=_names(t, t["name"], t.get("name_zh")),
        wikidata=t.get("wikidata"),
        source_id=t.get("source_id"),
        description=t.get("description", ""),
    )


def to_metric(t: Mapping[str, Any]) -> Metric:
    return Metric(
        id=t["id"],
        name=t["name"],
        unit=t["unit"],
        name_zh=t.get("name_zh"),
        aliases=_names(t, t["name"], t.get("name_zh")),
        description=t.get("description", ""),
        excludes=tuple(dict.fromkeys(x.strip() for x in t.get("excludes", ()))),
        targets=tuple(
            MetricTarget(
                value=float(g["value"]),
                year=g["year"],
                source=g.get("source", ""),
                note=g.get("note", ""),
            )
            for g in t.get("targets", ())
        ),
    )
