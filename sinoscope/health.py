"""Source health: fetch every feed of the chosen sources now and record how it went."""

from __future__ import annotations

import asyncio
import json
import shutil
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from .beats import load_beat
from .errors import BeatError
from .fetch import Fetcher, parse_feed, parse_sitemap
from .pipeline import sniff
from .records import Feed, Source
from .store import Store


@dataclass(frozen=True, slots=True)
class FeedCheck:
    source_id: str
    url: str
    ok: bool
    status: int | None
    entries: int
    reason: str  # "ok (25 entries)" or why not


async def check_sources(
    sources: Sequence[Source], store: Store, fetcher: Fetcher
) -> list[FeedCheck]:
    """Fetch each feed of `sources` once; record the fetch (and so the health) in the store."""

    async def one(source: Source, feed: Feed) -> FeedCheck:
        result = await fetcher.fetch(feed.url, purpose="feed")
        store.record_fetch(result, source_id=source.id, purpose="feed")
        if not result.ok:
            reason = result.error or f"HTTP {result.status}"
            return FeedCheck(source.id, feed.url, False, result.status, 0, reason)
        kind = sniff(result.body, result.header("content-type"))
        if kind == "feed":
            parsed = parse_feed(result.body, result.final_url)
            n, error = len(parsed.entries), parsed.error
        elif kind == "sitemap":
            sitemap = parse_sitemap(result.body, result.final_url)
            n, error = len(sitemap.urls) + len(sitemap.sitemaps), sitemap.error
        else:
            n, error = 0, "not a feed or sitemap (an HTML page?)"
        ok = n > 0
        if not ok or error:
            store.record_failure(
                url=feed.url, stage="feed", reason=error or "no entries", source_id=source.id
            )
        reason = (
            f"ok ({n} entries)" if ok and not error else f"{error or 'no entries'} ({n} entries)"
        )
        return FeedCheck(source.id, feed.url, ok, result.status, n, reason)

    jobs = [one(s, f) for s in sources for f in s.feeds]
    return list(await asyncio.gather(*jobs))


def add_source(user_beat_dir: Path, source: Source, extends: str = "china-ai") -> Path:
    """Add (or replace) `source` in the user's beat folder, which extends the bundled beat.

    The folder is validated as a whole before anything is written: a source the beat would
    refuse raises BeatError and leaves the folder as it was.
    """
    with tempfile.TemporaryDirectory() as tmp:
        trial = Path(tmp) / "beat"
        if user_beat_dir.exists():
            shutil.copytree(user_beat_dir, trial)
        _write_source(trial, source, extends)
        load_beat(trial)
        _write_source(user_beat_dir, source, extends)
    return user_beat_dir / "sources.toml"


def _write_source(user_beat_dir: Path, source: Source, extends: str) -> None:
    user_beat_dir.mkdir(parents=True, exist_ok=True)
    beat_file = user_beat_dir / "beat.toml"
    if not beat_file.exists():
        beat_file.write_text(
            f'id = "{extends}"\nname = "{extends} (with local additions)"\n'
            f"extends = {json.dumps(extends)}\n",
            encoding="utf-8",
        )
    sources_file = user_beat_dir / "sources.toml"
    blocks = _read_blocks(sources_file)
    blocks[source.id] = source_toml(source)
    sources_file.write_text("\n".join(blocks.values()), encoding="utf-8")


def _read_blocks(path: Path) -> dict[str, str]:
    """The [[source]] blocks of a sources.toml we wrote, keyed by id (order kept)."""
    if not path.exists():
        return {}
    blocks: dict[str, str] = {}
    for chunk in path.read_text(encoding="utf-8").split("[[source]]"):
        if not chunk.strip():
            continue
        for line in chunk.splitlines():
            if line.startswith("id = "):
                blocks[json.loads(line[5:])] = "[[source]]" + chunk.rstrip() + "\n"
                break
        else:
            raise BeatError(f"{path}: a [[source]] block without an id; fix or delete it")
    return blocks


def source_toml(s: Source) -> str:
    def q(v: str) -> str:
        return json.dumps(v, ensure_ascii=False)

    lines = [
        "[[source]]",
        f"id = {q(s.id)}",
        f"name = {q(s.name)}",
        f"kind = {q(s.kind)}",
        f"country = {q(s.country)}",
        f"language = {q(s.language)}",
    ]
    if s.name_zh:
        lines.append(f"name_zh = {q(s.name_zh)}")
    if s.homepage:
        lines.append(f"homepage = {q(s.homepage)}")
    if s.domains:
        lines.append("domains = [" + ", ".join(q(d) for d in s.domains) + "]")
    if s.notes:
        lines.append(f"notes = {q(s.notes)}")
    for f in s.feeds:
        lines += [
            "[[source.feeds]]",
            f"url = {q(f.url)}",
            f"kind = {q(f.kind)}",
            f"verified = {'true' if f.verified else 'false'}",
        ]
    return "\n".join(lines) + "\n"
