"""Quality checks on the bundled china-ai data: links, names, ambiguity."""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict

import opencc
import pytest

from sinoscope.beats import load_beat
from sinoscope.records import Beat

CJK = re.compile(r"[\u3400-\u9fff]")

# Names deliberately shared by two entities (normalised form -> the entity ids). Add an entry
# here only when the ambiguity is real and the linker must use context to choose.
ALLOWED_AMBIGUOUS: dict[str, set[str]] = {}


def norm(name: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", name).casefold().split())


@pytest.fixture(scope="module")
def beat() -> Beat:
    return load_beat()


def test_every_source_has_exactly_one_entity(beat: Beat) -> None:
    owners = defaultdict(list)
    for entity in beat.entities:
        if entity.source_id:
            owners[entity.source_id].append(entity.id)
    assert {s.id: owners.get(s.id) for s in beat.sources} == {s.id: [s.id] for s in beat.sources}


def test_outlets_carry_attribution_names(beat: Beat) -> None:
    for entity in beat.entities:
        if entity.type == "outlet":
            source = beat.source(entity.source_id or "")
            assert source is not None
            assert entity.name == source.name and entity.name_zh == source.name_zh
            assert entity.description


def test_no_ambiguous_names(beat: Beat) -> None:
    owners: dict[str, set[str]] = defaultdict(set)
    for entity in beat.entities:
        for name in entity.names:
            owners[norm(name)].add(entity.id)
    ambiguous = {name: ids for name, ids in owners.items() if len(ids) > 1}
    assert ambiguous == ALLOWED_AMBIGUOUS


def test_names_are_clean(beat: Beat) -> None:
    for entity in beat.entities:
        assert entity.description, entity.id
        for name in entity.names:
            assert name == name.strip() and "  " not in name, (entity.id, name)
        if entity.name_zh:
            assert CJK.search(entity.name_zh), (entity.id, entity.name_zh)


def test_traditional_forms_are_listed(beat: Beat) -> None:
    to_tw = opencc.OpenCC("s2tw")
    missing = []
    for entity in beat.entities:
        if entity.name_zh and entity.id != "richard-yu":  # 余 stays 余 as a surname
            trad = to_tw.convert(entity.name_zh)
            if trad != entity.name_zh and trad not in entity.names:
                missing.append((entity.id, trad))
    assert missing == []


def test_ids_are_unique_across_kinds(beat: Beat) -> None:
    for records in (beat.sources, beat.entities, beat.topics, beat.metrics):
        ids = [r.id for r in records]
        assert len(ids) == len(set(ids))


def test_verified_feeds_are_few_and_real_looking(beat: Beat) -> None:
    feeds = [f for s in beat.sources for f in s.feeds]
    verified = [f for f in feeds if f.verified]
    assert 0 < len(verified) < len(feeds) / 4
    assert all(f.url.startswith("https://") for f in verified)
