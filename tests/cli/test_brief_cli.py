"""Stories, briefings (extractive and LLM), claims, indicators and entities on the command
line, over the demo corpus ingested for real into a temporary store."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sinoscope.cli import app
from sinoscope.demo.run import DemoResult, run_demo
from sinoscope.settings import Settings

from ..llmserver import ChatRequest, LLMServer, Reply

runner = CliRunner()


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> DemoResult:
    return run_demo(Settings(), tmp_path_factory.mktemp("demo") / "store")


def invoke(demo: DemoResult, *args: str) -> tuple[int, str, str]:
    db = demo.settings.db_url.removeprefix("sqlite:///")
    env = {"SINOSCOPE_BEAT": demo.settings.beat, "SINOSCOPE_WORKERS": "1"}
    result = runner.invoke(app, [*args, "--db", db], env=env)
    return result.exit_code, result.stdout, result.stderr


def test_stories_list_outlets_languages_and_timeline(demo: DemoResult) -> None:
    code, out, _ = invoke(demo, "stories", "--since", "2019-01-01", "--json")
    assert code == 0
    stories = json.loads(out)
    assert stories and all(s["timeline"] for s in stories)
    bilingual = [s for s in stories if set(s["languages"]) == {"en", "zh"}]
    assert bilingual
    for s in stories:
        originals = {t["source"] for t in s["timeline"] if not t["copy_of"]}
        assert s["independent_publishers"] <= max(1, len(originals))

    code, text, _ = invoke(demo, "stories", "--since", "2019-01-01")
    assert code == 0
    assert "1 document, 1 independent publisher (" in text  # a story of one report reads right
    assert "state media" in text and "state_media" not in text
    # the timeline in text too: each report of a story of several, oldest first
    story = max(stories, key=lambda s: len(s["timeline"]))
    first, second = story["timeline"][:2]
    lines = text.splitlines()
    at = lines.index(story["title"])
    listed = [line.split() for line in lines[at + 3 : at + 3 + len(story["timeline"])]]
    assert [row[:2] for row in listed[:2]] == [
        [first["published"][:10], first["source"]],
        [second["published"][:10], second["source"]],
    ]


def test_brief_json_contract_and_citations_point_at_stored_spans(demo: DemoResult) -> None:
    code, out, err = invoke(
        demo,
        "brief",
        "--since",
        "2026-10-30",
        "--until",
        "2026-11-29",
        "--format",
        "json",
        "--no-keep",
    )
    assert code == 0, err
    b = json.loads(out)
    assert {"title", "dek", "window", "sections", "sources"} <= set(b)
    code, docs_out, _ = invoke(demo, "export", "documents", "--format", "jsonl")
    texts = {d["id"]: d["text"] for d in map(json.loads, docs_out.splitlines())}
    cited = 0
    for section in b["sections"]:
        assert section["title"] and section["sentences"]
        for sentence in section["sentences"]:
            assert sentence["citations"], sentence["text"]
            for c in sentence["citations"]:
                text = texts[c["document_id"]]
                assert 0 <= c["start"] < c["end"] <= len(text)
                cited += 1
    assert cited >= 10


def test_brief_topic_and_entity_by_name_or_a_clear_error(demo: DemoResult) -> None:
    def brief(*args: str) -> tuple[int, str, str]:
        window = ("--since", "2023-01-01", "--until", "2026-11-29", "--no-keep")
        return invoke(demo, "brief", *window, "--format", "json", *args)

    code, by_id, err = brief("--topic", "semiconductors-compute", "--entity", "huawei")
    assert code == 0, err
    for asked in (("--topic", "semiconductors"), ("--topic", "半导体与算力")):
        code, out, err = brief(*asked, "--entity", "华为")
        assert code == 0, err
        assert json.loads(out)["sections"] == json.loads(by_id)["sections"]
    code, _, err = brief("--topic", "chips")
    assert code == 2 and "semiconductors-compute" in err  # says which topics there are
    code, _, err = brief("--entity", "Huawey")
    assert code == 2 and "sinoscope entities search Huawey" in err


def test_brief_check_passes_and_formats_render(demo: DemoResult, tmp_path: Path) -> None:
    code, out, _ = invoke(
        demo, "brief", "--since", "2026-10-30", "--until", "2026-11-29", "--check", "--no-keep"
    )
    report = json.loads(out)
    assert code == 0 and report["ok"] and report["cited_share"] == 1.0
    assert report["unsupported_numbers"] == [] and report["dangling_citations"] == []
    html = tmp_path / "b.html"
    code, _, err = invoke(
        demo,
        "brief",
        "--since",
        "2026-10-30",
        "--until",
        "2026-11-29",
        "--format",
        "html",
        "-o",
        str(html),
        "--no-keep",
    )
    assert code == 0 and "100% cited" in err
    assert "<script" not in html.read_text()
    code, out, _ = invoke(
        demo,
        "brief",
        "--since",
        "2026-10-30",
        "--until",
        "2026-11-29",
        "--topic",
        "semiconductors-compute",
        "--no-keep",
    )
    assert code == 0 and out.startswith("# ")


def test_llm_writer_keeps_supported_sentences_and_rejects_invented_numbers(
    demo: DemoResult,
) -> None:
    def reply(req: ChatRequest) -> Reply:
        facts = re.findall(r"\[c:(\d+)\][^\n]*\nText: ([^\n]+)", req.last_user)
        label, text = facts[0]
        invented = "Officials also counted 987,654 robots last year."
        return Reply(content=f"{text} [c:{label}] {invented} [c:{label}]")

    with LLMServer(reply) as srv:
        code, out, err = invoke(
            demo,
            "brief",
            "--since",
            "2026-10-30",
            "--until",
            "2026-11-29",
            "--writer",
            "llm",
            "--llm-url",
            srv.base_url,
            "--model",
            "test-model",
            "--check",
            "--no-keep",
        )
        assert srv.requests, "the LLM was never called"
    report = json.loads(out)
    assert code == 0, err
    assert report["ok"] and report["unsupported_numbers"] == []
    rejected = [r["text"] for r in report["llm_rejected"]]
    assert any("987,654" in t for t in rejected)


def test_llm_writer_needs_a_url(demo: DemoResult) -> None:
    code, _, err = invoke(demo, "brief", "--writer", "llm", "--no-keep")
    assert code == 2 and "--llm-url" in err


def test_claims_indicators_entities_and_export(demo: DemoResult, tmp_path: Path) -> None:
    code, out, _ = invoke(demo, "claims", "list", "--metric", "ai-company-count", "--json")
    rows = json.loads(out)
    assert code == 0 and rows and {r["metric"] for r in rows} == {"ai-company-count"}
    one = rows[0]
    assert {
        "kind",
        "sentence",
        "start",
        "end",
        "quantities",
        "metric",
        "subject",
        "attribution",
        "hedge",
    } <= set(one)
    assert set(one["attribution"]) >= {"name", "entity_id", "text"}

    chart = tmp_path / "aic.svg"
    code, out, _ = invoke(
        demo, "indicators", "show", "ai-company-count", "--chart", str(chart), "--json"
    )
    ind = json.loads(out)
    assert code == 0 and chart.read_text().startswith("<svg")
    assert len(ind["observations"]) >= 3 and ind["official_targets"] == []
    values = {o["value"] for o in ind["observations"]}
    assert {4500.0, 5000.0} <= values

    code, out, _ = invoke(demo, "indicators", "show", "ai-adoption-rate", "--json")
    adoption = json.loads(out)
    assert {(t["value"], t["deadline"]) for t in adoption["targets"]} >= {
        (70.0, 2027),
        (90.0, 2030),
    }

    code, out, _ = invoke(demo, "entities", "show", "huawei", "--json")
    huawei = json.loads(out)
    assert code == 0 and "华为" in [huawei["name_zh"], *huawei["aliases"]]
    assert sum(huawei["mentions_by_month"].values()) >= 1

    code, out, _ = invoke(demo, "export", "claims", "--format", "csv")
    exported = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and len(exported) > 100
    assert all(r["sentence"] and r["document_id"] for r in exported)

    code, _, err = invoke(demo, "indicators", "show", "no-such-metric")
    assert code == 2 and "known metrics" in err


def test_claims_of_a_file_follow_the_contract(demo: DemoResult) -> None:
    from sinoscope.demo.server import SITE

    page = SITE / "xinhua" / "2024" / "07" / "china-ai-enterprises-exceed-4500.html"
    code, out, err = invoke(demo, "claims", str(page), "--json")
    assert code == 0, err
    doc = json.loads(out)
    assert {
        "title",
        "author",
        "published",
        "language",
        "text",
        "claims",
        "mentions",
        "topics",
    } <= set(doc)
    text = doc["text"]
    for c in doc["claims"]:
        assert text[c["start"] : c["end"]] == c["sentence"]
        for q in c["quantities"]:
            assert text[q["start"] : q["end"]] == q["text"]
    metrics = {c["metric"] for c in doc["claims"]}
    assert "ai-company-count" in metrics
