"""Load a beat folder (bundled or the user's) into a `Beat` record, checking it on the way.

A beat folder:

    beat.toml          id, name, description; optionally scope = "china" (the place entity
                       the metrics describe) and extends = "china-ai" (or a path)
                       and remove = {sources = [...], topics = [...], entities = [...], ...}
    *.toml, */*.toml   any number of data files holding [[source]], [[topic]], [[entity]]
                       and [[metric]] tables (the bundled beat splits them by kind)

A folder that `extends` another starts from the base beat's entries: an entry with an id the
base already has replaces it, a new id is added, and `remove` drops base entries by id.
Every problem raises `BeatError` naming the file, the entry and what to change.
"""

from __future__ import annotations

import logging
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import BeatError
from ..records import Beat
from .schema import (
    BEAT,
    PLURAL,
    REMOVE,
    SECTIONS,
    check_entry,
    check_table,
    describe,
    to_entity,
    to_metric,
    to_source,
    to_topic,
)

log = logging.getLogger(__name__)

BUNDLED_DIR = Path(__file__).resolve().parent
DEFAULT_BEAT = "china-ai"
BEAT_FILE = "beat.toml"
# tomllib is pure Python and most of load_beat's time; repeated loads in one process (tests,
# the web app) reuse the parsed files. Tables from here are read, never changed.
_PARSED: dict[Path, tuple[bytes, dict[str, Any]]] = {}


@dataclass(slots=True)
class _Entry:
    table: dict[str, Any]
    path: Path


@dataclass(slots=True)
class _Raw:
    """A beat folder read and checked table by table, its base (if any) merged in."""

    folder: Path
    meta: dict[str, Any]
    entries: dict[str, dict[str, _Entry]] = field(
        default_factory=lambda: {section: {} for section in SECTIONS}
    )


def list_beats() -> list[str]:
    """The ids of the beats shipped with Sinoscope (folders next to this module)."""
    return sorted(p.name for p in BUNDLED_DIR.iterdir() if p.is_dir() and (p / BEAT_FILE).is_file())


def load_beat(name_or_path: str | Path = DEFAULT_BEAT) -> Beat:
    """Load a bundled beat by id ("china-ai") or a beat folder by path, validated.

    A string naming a bundled beat loads that beat; anything else is a folder (or its
    beat.toml). Every call checks the whole beat; parsing is the costly part (40-90 ms
    for china-ai on a 2-core machine) and is memoised per file for later calls.

    Raises BeatError when the beat cannot be found or does not validate; the message names
    the file and the entry at fault and says how to fix it.
    """
    folder = _resolve(name_or_path, relative_to=None)
    raw = _load_raw(folder, chain=())
    return _build(raw)


# ------------------------------------------------------------------------------ resolving
def _resolve(name_or_path: str | Path, relative_to: Path | None) -> Path:
    """A bundled id given as a string wins over a folder of the same name ("./china-ai")."""
    bundled = list_beats()
    if isinstance(name_or_path, str) and name_or_path in bundled:
        return BUNDLED_DIR / name_or_path
    path = Path(name_or_path).expanduser()
    if relative_to is not None and not path.is_absolute():
        path = relative_to / path
    if path.is_file() and path.name == BEAT_FILE:
        path = path.parent
    if path.is_dir():
        return path.resolve()
    if str(name_or_path) in bundled:
        return BUNDLED_DIR / str(name_or_path)
    raise BeatError(
        f"no beat {str(name_or_path)!r}: it is neither a bundled beat "
        f"({', '.join(bundled) or 'none'}) nor a folder"
        f"{f' (looked in {path})' if relative_to else ''}; "
        "pass a bundled id or the path of a folder holding beat.toml"
    )


def _read_toml(path: Path) -> dict[str, Any]:
    """Parse one TOML file; parses are memoised by the file's bytes and never mutated."""
    try:
        raw = path.read_bytes()
        cached = _PARSED.get(path)
        if cached is not None and cached[0] == raw:
            return cached[1]
        data = tomllib.loads(raw.decode("utf-8"))
        _PARSED[path] = (raw, data)
        return data
    except tomllib.TOMLDecodeError as exc:
        raise BeatError(f"{path}: not valid TOML: {exc}; fix the syntax there") from exc
    except UnicodeDecodeError as exc:
        raise BeatError(f"{path}: not UTF-8 text ({exc}); save it as UTF-8") from exc
    except OSError as exc:
        raise BeatError(f"{path}: cannot be read ({exc})") from exc


# -------------------------------------------------------------------------------- reading
def _read_folder(folder: Path) -> _Raw:
    meta_path = folder / BEAT_FILE
    if not meta_path.is_file():
        raise BeatError(
            f"{folder}: no {BEAT_FILE}; a beat folder needs one with at least "
            'id = "my-beat" and name = "My beat" (and extends = "china-ai" to build on it)'
        )
    meta = _read_toml(meta_path)
    check_table(meta, BEAT, str(meta_path))
    if "extends" not in meta and "name" not in meta:
        raise BeatError(f"{meta_path}: missing required key 'name'; add name = ...")
    if "remove" in meta:
        check_table(meta["remove"], REMOVE, f"{meta_path}: remove")
        if "extends" not in meta:
            raise BeatError(
                f"{meta_path}: 'remove' only makes sense with extends = <base beat>; "
                "add extends or delete remove"
            )
    raw = _Raw(folder=folder, meta=meta)
    for path in _data_files(folder):
        _read_data_file(path, raw)
    return raw


def _data_files(folder: Path) -> list[Path]:
    files = []
    for path in sorted(folder.rglob("*.toml")):
        rel = path.relative_to(folder)
        if rel == Path(BEAT_FILE) or any(part.startswith(".") for part in rel.parts):
            continue
        files.append(path)
    return files


def _read_data_file(path: Path, raw: _Raw) -> None:
    data = _read_toml(path)
    for key, tables in data.items():
        if key not in SECTIONS:
            hint = f" (write [[{key[:-1]}]])" if key.endswith("s") and key[:-1] in SECTIONS else ""
            raise BeatError(
                f"{path}: unknown top-level key {key!r}{hint}; a beat data file holds only "
                "[[source]], [[topic]], [[entity]] and [[metric]] tables"
            )
        if not isinstance(tables, list):
            raise BeatError(f"{path}: {key!r} must be an array of tables: write [[{key}]]")
        seen = raw.entries[key]
        for i, table in enumerate(tables):
            where = describe(key, table, i, path)
            check_entry(key, table, where)
            ident = table["id"]
            if ident in seen:
                raise BeatError(
                    f"{where}: duplicate {key} id {ident!r}, already defined in "
                    f"{seen[ident].path}; rename one of them or merge the two entries"
                )
            seen[ident] = _Entry(table, path)


# -------------------------------------------------------------------------------- merging
def _load_raw(folder: Path, chain: tuple[Path, ...]) -> _Raw:
    if folder in chain:
        cycle = " -> ".join(str(p) for p in (*chain, folder))
        raise BeatError(f"beats extend each other in a loop: {cycle}; break the loop")
    raw = _read_folder(folder)
    base_ref = raw.meta.get("extends")
    if base_ref is None:
        return raw
    meta_path = folder / BEAT_FILE
    try:
        base_folder = _resolve(base_ref, relative_to=folder)
    except BeatError as exc:
        raise BeatError(f"{meta_path}: extends: {exc}") from exc
    base = _load_raw(base_folder, (*chain, folder))
    _apply_remove(base, raw.meta.get("remove", {}), meta_path)
    for section, entries in raw.entries.items():
        base.entries[section].update(entries)  # same id replaces in place, new ids append
    base.meta = {
        "id": raw.meta["id"],
        "name": raw.meta.get("name", base.meta.get("name")),
        "description": raw.meta.get("description", base.meta.get("description", "")),
        **({"scope": s} if (s := raw.meta.get("scope", base.meta.get("scope"))) else {}),
    }
    base.folder = folder
    return base


def _apply_remove(base: _Raw, remove: dict[str, list[str]], meta_path: Path) -> None:
    for section, plural in PLURAL.items():
        entries = base.entries[section]
        for ident in remove.get(plural, ()):
            if ident not in entries:
                raise BeatError(
                    f"{meta_path}: remove.{plural} names {ident!r}, which the base beat "
                    f"does not define; check the spelling or drop it from the list"
                )
            del entries[ident]


# ------------------------------------------------------------------------------- building
def _build(raw: _Raw) -> Beat:
    entries = raw.entries
    sources = entries["source"]
    claimed: dict[str, str] = {}
    for ident, entry in entries["entity"].items():
        source_id = entry.table.get("source_id")
        if source_id is None:
            continue
        if source_id not in sources:
            raise BeatError(
                f"{entry.path}: entity {ident!r}: source_id {source_id!r} is not a source of "
                f"this beat; add a [[source]] with that id, fix the id, or remove the entity"
            )
        if source_id in claimed:
            raise BeatError(
                f"{entry.path}: entity {ident!r}: source {source_id!r} already belongs to "
                f"entity {claimed[source_id]!r}; one entity per source"
            )
        claimed[source_id] = ident
    scope = raw.meta.get("scope")
    if scope is not None:
        place = entries["entity"].get(scope)
        if place is None or place.table.get("type") != "place":
            raise BeatError(
                f"{raw.folder / BEAT_FILE}: scope {scope!r} must be the id of a place entity "
                'of the beat (the country or region its metrics describe, e.g. "china")'
            )
    beat = Beat(
        id=raw.meta["id"],
        name=raw.meta["name"],
        description=raw.meta.get("description", ""),
        scope=scope,
        sources=tuple(to_source(e.table) for e in sources.values()),
        topics=tuple(to_topic(e.table) for e in entries["topic"].values()),
        entities=tuple(to_entity(e.table) for e in entries["entity"].values()),
        metrics=tuple(to_metric(e.table) for e in entries["metric"].values()),
    )
    log.debug(
        "loaded beat %s from %s: %d sources, %d topics, %d entities, %d metrics",
        beat.id,
        raw.folder,
        len(beat.sources),
        len(beat.topics),
        len(beat.entities),
        len(beat.metrics),
    )
    return beat
