"""Edits to the user's beat folder (DATA_DIR/beat): add a source, promote an entity.

The folder extends the bundled beat. Every edit is validated by loading the whole folder
before anything is written: an entry the beat would refuse raises BeatError and leaves the
folder as it was.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from ..errors import BeatError
from ..records import Entity, Source
from .loader import load_beat


def add_source(user_beat_dir: Path, source: Source, extends: str = "china-ai") -> Path:
    """Add (or replace) `source` in the user's beat folder; returns the file written."""
    return _edit(user_beat_dir, extends, "sources.toml", "source", source.id, source_toml(source))


def add_entity(user_beat_dir: Path, entity: Entity, extends: str = "china-ai") -> Path:
    """Add (or replace) `entity` in the user's beat folder; returns the file written."""
    return _edit(user_beat_dir, extends, "entities.toml", "entity", entity.id, entity_toml(entity))


def _edit(
    user_beat_dir: Path, extends: str, filename: str, table: str, key: str, block: str
) -> Path:
    def write(folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        beat_file = folder / "beat.toml"
        if not beat_file.exists():
            beat_file.write_text(
                f'id = "{extends}"\nname = "{extends} (with local additions)"\n'
                f"extends = {json.dumps(extends)}\n",
                encoding="utf-8",
            )
        path = folder / filename
        blocks = _read_blocks(path, table)
        blocks[key] = block
        path.write_text("\n".join(blocks.values()), encoding="utf-8")

    _validated(user_beat_dir, write)
    return user_beat_dir / filename


def _validated(user_beat_dir: Path, write: Callable[[Path], None]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        trial = Path(tmp) / "beat"
        if user_beat_dir.exists():
            shutil.copytree(user_beat_dir, trial)
        write(trial)
        load_beat(trial)
    write(user_beat_dir)


def _read_blocks(path: Path, table: str) -> dict[str, str]:
    """The [[table]] blocks of a file we wrote, keyed by id (order kept)."""
    if not path.exists():
        return {}
    marker = f"[[{table}]]"
    blocks: dict[str, str] = {}
    for chunk in path.read_text(encoding="utf-8").split(marker):
        if not chunk.strip():
            continue
        for line in chunk.splitlines():
            if line.startswith("id = "):
                blocks[json.loads(line[5:])] = marker + chunk.rstrip() + "\n"
                break
        else:
            raise BeatError(f"{path}: a {marker} block without an id; fix or delete it")
    return blocks


def _q(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def source_toml(s: Source) -> str:
    """A [[source]] block for a sources file."""
    lines = [
        "[[source]]",
        f"id = {_q(s.id)}",
        f"name = {_q(s.name)}",
        f"kind = {_q(s.kind)}",
        f"country = {_q(s.country)}",
        f"language = {_q(s.language)}",
    ]
    if s.name_zh:
        lines.append(f"name_zh = {_q(s.name_zh)}")
    if s.homepage:
        lines.append(f"homepage = {_q(s.homepage)}")
    if s.domains:
        lines.append("domains = [" + ", ".join(_q(d) for d in s.domains) + "]")
    if s.notes:
        lines.append(f"notes = {_q(s.notes)}")
    for f in s.feeds:
        lines += [
            "[[source.feeds]]",
            f"url = {_q(f.url)}",
            f"kind = {_q(f.kind)}",
            f"verified = {'true' if f.verified else 'false'}",
        ]
    return "\n".join(lines) + "\n"


def entity_toml(e: Entity) -> str:
    """An [[entity]] block for an entities file."""
    lines = ["[[entity]]", f"id = {_q(e.id)}", f"type = {_q(e.type)}", f"name = {_q(e.name)}"]
    if e.name_zh:
        lines.append(f"name_zh = {_q(e.name_zh)}")
    if e.aliases:
        lines.append("aliases = [" + ", ".join(_q(a) for a in e.aliases) + "]")
    if e.description:
        lines.append(f"description = {_q(e.description)}")
    return "\n".join(lines) + "\n"
