"""load_beat: the bundled beat, user beats that extend it, and every validation error."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from sinoscope.beats import BUNDLED_DIR, list_beats, load_beat
from sinoscope.errors import BeatError
from sinoscope.records import ENTITY_TYPES, SOURCE_KINDS, Beat

TOPIC_IDS = (
    "semiconductors-compute models-llms companies-investment adoption-industry "
    "governance-regulation military-security talent-research energy-data "
    "export-controls-rivalry international-cooperation"
).split()
SOURCE_IDS = (
    "xinhua peoples-daily china-daily cgtn global-times china-news-service cctv "
    "science-and-technology-daily miit ndrc cac state-council most mofcom caict nbs "
    "caixin 36kr jiemian leiphone the-paper yicai 21jingji jiqizhixin sina-tech "
    "reuters bloomberg ap afp nyt wsj ft scmp economist nikkei-asia the-information "
    "techcrunch the-register merics cset digichina csis brookings carnegie rand itif "
    "digitimes eetimes semianalysis tomshardware trendforce"
).split()
METRIC_IDS = (
    "ai-company-count core-ai-industry-size compute-capacity intelligent-compute-share "
    "ai-adoption-rate big-fund-size registered-genai-services genai-users "
    "chip-self-sufficiency-rate ai-patent-filings notable-ai-models ai-investment "
    "data-center-racks semiconductor-imports"
).split()


@pytest.fixture(scope="module")
def beat() -> Beat:
    return load_beat()


# ------------------------------------------------------------------------- bundled beat
def test_list_beats_has_china_ai() -> None:
    assert "china-ai" in list_beats()


def test_bundled_beat_counts(beat: Beat) -> None:
    assert beat.id == "china-ai"
    assert beat.name
    assert len(beat.sources) >= 45
    assert len(beat.entities) >= 250
    assert sum(1 for e in beat.entities if e.name_zh) >= 200
    assert {s.id for s in beat.sources} >= set(SOURCE_IDS)
    assert [t.id for t in beat.topics] == TOPIC_IDS
    assert {m.id for m in beat.metrics} >= set(METRIC_IDS)


def test_bundled_topics_have_keywords_in_both_languages(beat: Beat) -> None:
    for topic in beat.topics:
        assert topic.name_zh
        assert len(topic.keywords_en) >= 15, topic.id
        assert len(topic.keywords_zh) >= 15, topic.id
        assert 30 <= len(topic.keywords_en) + len(topic.keywords_zh) <= 60, topic.id


def test_bundled_sources_are_complete(beat: Beat) -> None:
    for source in beat.sources:
        assert source.kind in SOURCE_KINDS
        assert source.language in ("en", "zh")
        assert len(source.country) == 2
        assert source.homepage and source.homepage.startswith("http")
        assert source.domains, source.id
        assert source.feeds, source.id
    xinhua = beat.source("xinhua")
    assert xinhua is not None
    assert xinhua.name_zh == "新华社"
    assert "news.cn" in xinhua.domains


def test_bundled_metrics_and_targets(beat: Beat) -> None:
    metrics = {m.id: m for m in beat.metrics}
    for metric in metrics.values():
        assert metric.unit and metric.name_zh, metric.id
        assert any(a.isascii() for a in metric.aliases), metric.id
        assert any(not a.isascii() for a in metric.aliases), metric.id
    adoption = {(t.year, t.value) for t in metrics["ai-adoption-rate"].targets}
    assert adoption == {(2027, 70.0), (2030, 90.0)}
    assert (2025, 300.0) in {(t.year, t.value) for t in metrics["compute-capacity"].targets}
    core = {(t.year, t.value) for t in metrics["core-ai-industry-size"].targets}
    assert (2030, 1e12) in core
    assert all(t.source for m in metrics.values() for t in m.targets)
    assert metrics["core-ai-industry-size"].name_zh == "人工智能核心产业规模"
    assert "人工智能核心产业" in metrics["core-ai-industry-size"].aliases
    assert "AI companies" in metrics["ai-company-count"].aliases


def test_bundled_entities_cover_the_beat(beat: Beat) -> None:
    by_id = {e.id: e for e in beat.entities}
    assert {e.type for e in beat.entities} <= set(ENTITY_TYPES)
    for ident in (
        "huawei",
        "smic",
        "deepseek",
        "miit",
        "xi-jinping",
        "ascend-910c",
        "big-fund-iii",
        "ai-plus-initiative",
        "entity-list",
        "nvidia-h20",
    ):
        assert ident in by_id, ident
    assert by_id["deepseek"].name_zh == "深度求索"
    assert "工信部" in by_id["miit"].aliases
    assert "華為" in by_id["huawei"].names  # traditional form
    assert by_id["xinhua"].type == "outlet" and by_id["xinhua"].source_id == "xinhua"
    assert {"Xinhua", "新华网"} <= set(by_id["xinhua"].names)


def test_load_time_is_small() -> None:
    times = []
    for _ in range(3):
        start = time.perf_counter()
        load_beat()
        times.append(time.perf_counter() - start)
    assert sorted(times)[1] < 0.5  # ~40 ms on the dev machine; generous for noisy CI


def test_load_by_path_equals_by_name(beat: Beat) -> None:
    assert load_beat(BUNDLED_DIR / "china-ai") == beat
    assert load_beat(str(BUNDLED_DIR / "china-ai" / "beat.toml")) == beat


# ------------------------------------------------------------------------------ helpers
def make_beat(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


BEAT_TOML = 'id = "mini"\nname = "Mini beat"\n'
SOURCE_OK = """
[[source]]
id = "wire"
name = "The Wire"
kind = "wire"
country = "US"
language = "en"
domains = ["wire.example"]
feeds = [{ url = "https://wire.example/feed.xml", kind = "rss" }]
"""
ENTITY_OK = """
[[entity]]
id = "wire"
type = "outlet"
name = "The Wire"
source_id = "wire"
"""


def test_standalone_user_beat(tmp_path: Path) -> None:
    folder = make_beat(
        tmp_path / "mini",
        {"beat.toml": BEAT_TOML, "sources.toml": SOURCE_OK, "more/entities.toml": ENTITY_OK},
    )
    beat = load_beat(folder)
    assert beat.id == "mini" and beat.name == "Mini beat"
    assert [s.id for s in beat.sources] == ["wire"]
    assert beat.sources[0].feeds[0].verified is False
    assert [e.id for e in beat.entities] == ["wire"]
    assert beat.topics == () and beat.metrics == ()


# ------------------------------------------------------------------------------- extends
def test_user_beat_extends_china_ai(tmp_path: Path, beat: Beat) -> None:
    folder = make_beat(
        tmp_path / "mine",
        {
            "beat.toml": (
                'id = "my-ai"\nextends = "china-ai"\n'
                'remove = { entities = ["jack-ma"], sources = [] }\n'
            ),
            "sources.toml": """
[[source]]
id = "xinhua"
name = "Xinhua (local mirror)"
kind = "state_media"
country = "CN"
language = "zh"
domains = ["127.0.0.1:8000/xinhua"]
""",
            "entities.toml": """
[[entity]]
id = "example-lab"
type = "organization"
name = "Example Lab"
name_zh = "示例实验室"
aliases = ["ExLab"]
""",
        },
    )
    mine = load_beat(folder)
    assert mine.id == "my-ai"
    assert mine.name == beat.name  # inherited
    xinhua = mine.source("xinhua")
    assert xinhua is not None and xinhua.name == "Xinhua (local mirror)"
    assert xinhua.domains == ("127.0.0.1:8000/xinhua",)
    assert [s.id for s in mine.sources] == [s.id for s in beat.sources]  # replaced in place
    ids = [e.id for e in mine.entities]
    assert "jack-ma" not in ids
    assert ids[-1] == "example-lab"
    assert len(mine.entities) == len(beat.entities)
    assert mine.topics == beat.topics
    assert mine.scope == beat.scope == "china"  # inherited


def test_scope_must_name_a_place_entity(tmp_path: Path) -> None:
    files = {"sources.toml": SOURCE_OK, "entities.toml": ENTITY_OK}
    bad = make_beat(tmp_path / "bad", {"beat.toml": BEAT_TOML + 'scope = "wire"\n', **files})
    with pytest.raises(BeatError, match=r"scope 'wire' must be the id of a place entity"):
        load_beat(bad)
    place = '[[entity]]\nid = "tw"\ntype = "place"\nname = "Taiwan"\n'
    good = make_beat(
        tmp_path / "good",
        {"beat.toml": BEAT_TOML + 'scope = "tw"\n', "places.toml": place, **files},
    )
    assert load_beat(good).scope == "tw"


def test_extends_a_relative_path_chain(tmp_path: Path) -> None:
    make_beat(tmp_path / "base", {"beat.toml": BEAT_TOML, "s.toml": SOURCE_OK, "e.toml": ENTITY_OK})
    child = make_beat(
        tmp_path / "child",
        {
            "beat.toml": 'id = "child"\nname = "Child"\nextends = "../base"\n'
            'remove = { sources = ["wire"], entities = ["wire"] }\n',
        },
    )
    grandchild = make_beat(
        tmp_path / "grandchild", {"beat.toml": 'id = "gc"\nextends = "../child"\n'}
    )
    assert load_beat(child).sources == ()
    loaded = load_beat(grandchild)
    assert loaded.name == "Child" and loaded.entities == ()


# ---------------------------------------------------------------------- validation errors
CASES = {
    "unknown key": (
        {"sources.toml": SOURCE_OK.replace("domains =", "domain =")},
        ["sources.toml", "source 'wire'", "unknown key 'domain'", "did you mean 'domains'"],
    ),
    "missing field": (
        {"sources.toml": SOURCE_OK.replace('name = "The Wire"\n', "")},
        ["sources.toml", "source 'wire'", "missing required key 'name'"],
    ),
    "bad source kind": (
        {"sources.toml": SOURCE_OK.replace('kind = "wire"', 'kind = "blog"')},
        ["sources.toml", "source 'wire'", "'kind'", "'blog'", "state_media"],
    ),
    "bad entity type": (
        {
            "sources.toml": SOURCE_OK,
            "entities.toml": ENTITY_OK.replace('"outlet"', '"compnay"'),
        },
        ["entities.toml", "entity 'wire'", "'type'", "did you mean 'company'"],
    ),
    "bad id": (
        {"sources.toml": SOURCE_OK.replace('id = "wire"', 'id = "The Wire"')},
        ["sources.toml", "source 'The Wire'", "'id'", "lowercase"],
    ),
    "duplicate id across files": (
        {"a.toml": SOURCE_OK, "b.toml": SOURCE_OK},
        ["b.toml", "source 'wire'", "duplicate source id 'wire'", "a.toml"],
    ),
    "outlet points at unknown source": (
        {"entities.toml": ENTITY_OK},
        ["entities.toml", "entity 'wire'", "source_id 'wire' is not a source"],
    ),
    "outlet without source_id": (
        {"entities.toml": ENTITY_OK.replace('source_id = "wire"\n', "")},
        ["entities.toml", "entity 'wire'", "outlet entity needs source_id"],
    ),
    "malformed feed url": (
        {"sources.toml": SOURCE_OK.replace("https://wire.example/feed.xml", "wire/feed")},
        ["sources.toml", "source 'wire' feed #1", "'url'", "not a valid http(s) URL"],
    ),
    "malformed homepage": (
        {"sources.toml": SOURCE_OK.replace("[[source]]\n", '[[source]]\nhomepage = "htp:/x"\n')},
        ["sources.toml", "source 'wire'", "'homepage'"],
    ),
    "domain with scheme": (
        {"sources.toml": SOURCE_OK.replace('"wire.example"', '"https://wire.example"')},
        ["sources.toml", "source 'wire'", "'domains'", "must not carry a scheme"],
    ),
    "bad toml": (
        {"sources.toml": SOURCE_OK.replace('name = "The Wire"', 'name = "The Wire')},
        ["sources.toml", "not valid TOML", "line 4"],
    ),
    "plural table name": (
        {"sources.toml": SOURCE_OK.replace("[[source]]", "[[sources]]")},
        ["sources.toml", "unknown top-level key 'sources'", "[[source]]"],
    ),
    "bad metric target": (
        {
            "metrics.toml": """
[[metric]]
id = "chips"
name = "Chips"
unit = "chips"
targets = [{ value = 10, year = "2030" }]
""",
        },
        ["metrics.toml", "metric 'chips' target #1", "'year'", "2030"],
    ),
    "duplicate topic keyword": (
        {
            "topics.toml": """
[[topic]]
id = "chips"
name = "Chips"
name_zh = "芯片"
keywords_en = ["chip", "Chip"]
""",
        },
        ["topics.toml", "topic 'chips'", "keyword 'Chip' is listed twice"],
    ),
    "entry without id": (
        {"sources.toml": SOURCE_OK.replace('id = "wire"\n', "")},
        ["sources.toml", "source #1", "missing required key 'id'"],
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_validation_errors_name_file_and_entry(tmp_path: Path, case: str) -> None:
    files, expected = CASES[case]
    folder = make_beat(tmp_path / "bad", {"beat.toml": BEAT_TOML, **files})
    with pytest.raises(BeatError) as err:
        load_beat(folder)
    message = str(err.value)
    for part in expected:
        assert part in message, f"{part!r} not in {message!r}"


def test_beat_toml_errors(tmp_path: Path) -> None:
    with pytest.raises(BeatError, match=r"no beat\.toml"):
        load_beat(make_beat(tmp_path / "empty", {"sources.toml": SOURCE_OK}))
    with pytest.raises(BeatError, match=r"beat.toml: missing required key 'name'"):
        load_beat(make_beat(tmp_path / "noname", {"beat.toml": 'id = "x"\n'}))
    with pytest.raises(BeatError, match=r"beat.toml: unknown key 'extend'.*'extends'"):
        load_beat(make_beat(tmp_path / "typo", {"beat.toml": BEAT_TOML + 'extend = "x"\n'}))
    with pytest.raises(BeatError, match="neither a bundled beat"):
        load_beat("no-such-beat")


def test_extends_errors(tmp_path: Path) -> None:
    unknown = make_beat(tmp_path / "u", {"beat.toml": 'id = "u"\nextends = "nowhere"\n'})
    with pytest.raises(BeatError, match=r"u/beat.toml: extends: no beat 'nowhere'"):
        load_beat(unknown)
    remove = make_beat(
        tmp_path / "r",
        {"beat.toml": 'id = "r"\nextends = "china-ai"\nremove = { sources = ["xinhau"] }\n'},
    )
    with pytest.raises(BeatError, match=r"r/beat.toml: remove.sources names 'xinhau'"):
        load_beat(remove)
    make_beat(tmp_path / "a", {"beat.toml": 'id = "a"\nextends = "../b"\n'})
    make_beat(tmp_path / "b", {"beat.toml": 'id = "b"\nextends = "../a"\n'})
    with pytest.raises(BeatError, match="loop"):
        load_beat(tmp_path / "a")
    dangling = make_beat(
        tmp_path / "d",
        {"beat.toml": 'id = "d"\nextends = "china-ai"\nremove = { sources = ["afp"] }\n'},
    )
    with pytest.raises(BeatError, match=r"outlets.toml: entity 'afp': source_id 'afp'"):
        load_beat(dangling)
