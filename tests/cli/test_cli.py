"""The command line, through typer's runner, on real stores in temporary folders."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from sinoscope.cli import app

from ..httpserver import LocalServer, Route
from ..pipeline.pages import EN_PARAGRAPHS, T0, ZH_PARAGRAPHS, article, rss

runner = CliRunner()


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return {
        "SINOSCOPE_DATA_DIR": str(tmp_path / "data"),
        "SINOSCOPE_WORKERS": "1",
        "SINOSCOPE_PER_HOST_DELAY": "0",
    }


def invoke(env: dict[str, str], *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), env=env)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def filled(tmp_path: Path, env: dict[str, str]) -> dict[str, str]:
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "en.html").write_text(article("AI firms top 4,500", EN_PARAGRAPHS, T0))
    (folder / "zh.html").write_text(article("人工智能企业超4500家", ZH_PARAGRAPHS, T0, lang="zh"))
    code, out, err = invoke(env, "ingest", str(folder), "--source", "xinhua", "--json")
    assert code == 0, err
    report = json.loads(out)
    assert report["new"] == 2
    return env


def test_init_creates_data_dir_config_and_store(env: dict[str, str], tmp_path: Path) -> None:
    code, out, _ = invoke(env, "init")
    assert code == 0
    assert (tmp_path / "data" / "config.toml").exists()
    assert (tmp_path / "data" / "sinoscope.db").exists()
    assert "beat china-ai" in out


def test_search_show_and_export(filled: dict[str, str], tmp_path: Path) -> None:
    code, out, _ = invoke(filled, "search", "华为 OR 人工智能企业", "--json")
    assert code == 0 and json.loads(out) == []  # OR is not an operator: every word must match
    code, out, _ = invoke(filled, "search", "人工智能企业", "--lang", "zh", "--json")
    hits = json.loads(out)
    assert [h["language"] for h in hits] == ["zh"]
    doc_id = hits[0]["id"]

    code, out, _ = invoke(filled, "show", doc_id[:8])
    assert code == 0 and "4500家" in out and "published: 2024-04-19" in out and "(from meta)" in out
    code, out, _ = invoke(filled, "show", doc_id, "--json")
    assert json.loads(out)["id"] == doc_id

    code, out, _ = invoke(filled, "export", "documents", "--format", "jsonl")
    rows = [json.loads(line) for line in out.splitlines()]
    assert len(rows) == 2
    required = {"id", "url", "source", "title", "author", "published", "language", "text"}
    assert all(required <= set(r) for r in rows)
    assert {r["source"] for r in rows} == {"xinhua"}

    code, out, _ = invoke(filled, "export", "documents", "--format", "csv")
    assert len(list(csv.DictReader(io.StringIO(out)))) == 2

    target = tmp_path / "docs.parquet"
    code, _, err = invoke(filled, "export", "documents", "--format", "parquet", "-o", str(target))
    assert code == 0, err
    assert pq.read_table(target).num_rows == 2
    code, _, err = invoke(filled, "export", "documents", "--format", "parquet")
    assert code == 2 and "--output" in err


def test_search_sorts_by_date_or_by_relevance(env: dict[str, str], tmp_path: Path) -> None:
    folder = tmp_path / "pages"
    folder.mkdir()
    about = [
        "Lithography is the step China's chip makers find hardest: lithography machines from "
        "ASML remain out of reach, and domestic lithography tools lag by several generations.",
        *EN_PARAGRAPHS,
    ]
    passing = [
        "Shanghai's new computing centre opened on Monday with capacity for training large "
        "language models, the city government said, adding that more sites would follow.",
        "Local officials said the centre would rent capacity to start-ups at subsidised rates "
        "and that demand from universities had exceeded their expectations this spring.",
        "One analyst mentioned lithography in passing, as a constraint on future expansion.",
    ]
    (folder / "old.html").write_text(
        article("Why lithography is China's chip bottleneck", about, T0)
    )
    (folder / "new.html").write_text(
        article("Shanghai opens a computing centre", passing, T0.replace(month=5))
    )
    code, _, err = invoke(env, "ingest", str(folder), "--source", "xinhua", "--json")
    assert code == 0, err

    def titles(*args: str) -> list[str]:
        code, out, err = invoke(env, "search", "lithography", "--json", *args)
        assert code == 0, err
        return [h["title"] for h in json.loads(out)]

    newest, best = "Shanghai opens a computing centre", "Why lithography is China's chip bottleneck"
    assert titles() == titles("--sort", "date") == [newest, best]
    assert titles("--sort", "relevance") == [best, newest]
    code, _, err = invoke(env, "search", "lithography", "--sort", "best")
    assert code == 2 and "relevance" in err


def test_errors_say_what_to_do(filled: dict[str, str]) -> None:
    code, _, err = invoke(filled, "show", "nope")
    assert code == 2 and "sinoscope search" in err
    code, _, err = invoke(filled, "search", "x", "--since", "last week")
    assert code == 2 and "30d" in err
    code, _, err = invoke(filled, "ingest", "/no/such/path")
    assert code == 2 and "neither a URL" in err
    code, _, err = invoke({**filled, "SINOSCOPE_TIMEOUT": "soon"}, "search", "x")
    assert code == 2 and "SINOSCOPE_TIMEOUT" in err


def test_sources_add_list_and_check(env: dict[str, str]) -> None:
    routes = {
        "/feed.xml": Route(
            body=rss("http://127.0.0.1", [("/a.html", "A", T0)]),
            headers={"Content-Type": "application/rss+xml"},
        ),
        "/dead.xml": Route(status=500),
    }
    with LocalServer(routes) as srv:
        env = {**env, "SINOSCOPE_ALLOW_PRIVATE": "1", "SINOSCOPE_RETRIES": "0"}
        code, out, err = invoke(
            env,
            "sources",
            "add",
            "my-blog",
            "--feed",
            srv.url("/feed.xml"),
            "--feed",
            srv.url("/dead.xml"),
            "--kind",
            "think_tank",
            "--name",
            "My Blog",
            "--country",
            "US",
        )
        assert code == 0, err
        code, out, _ = invoke(env, "sources", "list", "--json")
        listed = {r["id"]: r for r in json.loads(out)}
        assert listed["my-blog"]["kind"] == "think_tank" and "xinhua" in listed
        code, out, _ = invoke(env, "sources", "check", "my-blog", "--json")
        checks = {c["url"].rsplit("/", 1)[1]: c for c in json.loads(out)}
        assert checks["feed.xml"]["ok"] and checks["feed.xml"]["entries"] == 1
        assert not checks["dead.xml"]["ok"] and "500" in checks["dead.xml"]["reason"]
        code, out, _ = invoke(env, "sources", "list", "--json")
        health = {r["id"]: r["health"] for r in json.loads(out)}
        assert health["my-blog"].startswith("failing")
        code, _, err = invoke(env, "sources", "check", "no-such-source")
        assert code == 2 and "unknown source" in err
        before = (Path(env["SINOSCOPE_DATA_DIR"]) / "beat" / "sources.toml").read_text()
        code, _, err = invoke(env, "sources", "add", "bad", "--feed", "x", "--country", "USA")
        assert code == 2 and "sources.toml" in err
        assert (Path(env["SINOSCOPE_DATA_DIR"]) / "beat" / "sources.toml").read_text() == before


def test_config_show_lists_every_setting_with_its_source(env: dict[str, str]) -> None:
    code, out, _ = invoke({**env, "SINOSCOPE_TIMEOUT": "7"}, "config", "show", "--json")
    assert code == 0
    rows = {r["name"]: r for r in json.loads(out)}
    assert rows["timeout"]["value"] == 7.0 and rows["timeout"]["default"] == 20.0
    assert all(r["help"] for r in rows.values())


def test_entity_candidates_can_be_promoted(filled: dict[str, str], tmp_path: Path) -> None:
    code, out, err = invoke(
        filled,
        "entities",
        "promote",
        "Paulson Institute",
        "--id",
        "paulson-institute",
        "--type",
        "organization",
        "--alias",
        "MacroPolo",
    )
    assert code == 0, err
    code, out, _ = invoke(filled, "entities", "search", "macropolo")
    assert "paulson-institute" in out
    code, _, err = invoke(filled, "entities", "promote", "X", "--id", "Bad Id", "--type", "company")
    assert code == 2 and "entities.toml" in err
    code, out, _ = invoke(filled, "entities", "candidates", "--json")
    assert code == 0 and isinstance(json.loads(out), list)
