"""Indicator charts rendered offline to SVG and PNG."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from sinoscope.connect.charts import ChartOptions, chart_spec, indicator_chart
from sinoscope.connect.indicators import Indicator, build_indicator
from sinoscope.records import Metric, MetricTarget, Observation

COMPANIES = Metric(id="ai-company-count", name="Number of AI companies", unit="companies")
INDUSTRY = Metric(
    id="core-ai-industry-size",
    name="Core AI industry size",
    unit="yuan",
    targets=(MetricTarget(400e9, 2025, "State Council plan"), MetricTarget(1e12, 2030, "plan")),
)
SOURCES = {"xinhua": "Xinhua", "caixin": "Caixin"}


def obs(
    claim_id: str,
    value: float,
    when: str,
    *,
    metric: str = "ai-company-count",
    unit: str = "companies",
    source: str = "xinhua",
    who: str = "MIIT",
    change: str = "=",
    deadline: int | None = None,
    definition: str | None = None,
) -> Observation:
    return Observation(
        metric=metric,
        value=value,
        unit=unit,
        claim_id=claim_id,
        document_id="d-" + claim_id,
        source_id=source,
        attributed_to=who,
        date=when,
        is_target=deadline is not None,
        deadline=deadline,
        change=change,
        definition=definition,
    )


def companies() -> Indicator:
    return build_indicator(
        COMPANIES,
        [
            obs("a", 4500, "2024", change=">"),
            obs("b", 4300, "2024", source="caixin", who="Caixin", definition="core AI enterprises"),
            obs("c", 5000, "2025", change=">", who="Xinhua"),
            obs("t", 8000, "2027", deadline=2027),
        ],
    )


def test_svg_has_title_unit_definitions_note_and_hover_titles(tmp_path: Path) -> None:
    out = indicator_chart(
        companies(), tmp_path / "c.svg", options=ChartOptions(source_names=SOURCES)
    )
    assert out == tmp_path / "c.svg"
    svg = out.read_text(encoding="utf-8")
    assert svg.startswith("<svg") and len(svg) > 5000
    assert "Number of AI companies" in svg
    assert "Unit: companies" in svg
    assert "Definitions differ between sources" in svg
    assert "<title>Actual: more than 4,500 companies, 2024, Xinhua, citing MIIT</title>" in svg
    assert "<title>Actual: more than 5,000 companies, 2025, Xinhua</title>" in svg
    assert "Other definition: 4,300 companies" in svg
    assert "<title>Target: 8,000 companies, by 2027, Xinhua, citing MIIT</title>" in svg


def test_png_is_written(tmp_path: Path) -> None:
    out = indicator_chart(companies(), tmp_path / "sub" / "c.png", fmt="png")
    data = out.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert len(data) > 20_000


def test_spec_is_json_with_inline_data_and_distinct_target_markers() -> None:
    spec = chart_spec(companies())
    text = json.dumps(spec)
    assert '"url"' not in text  # nothing to fetch
    assert spec["title"]["text"] == "Number of AI companies"
    layers = spec["layer"]
    assert [layer["mark"]["type"] for layer in layers] == ["line", "line", "point"]
    assert layers[0]["mark"]["strokeDash"] == [5, 4]  # dashed path to the target
    points = layers[2]
    assert points["encoding"]["shape"]["scale"]["range"] == ["circle", "square", "diamond"]
    assert points["encoding"]["fill"]["scale"]["range"][2] == "white"  # hollow diamonds
    rows = points["data"]["values"]
    series = {r["claim"]: r["series"] for r in rows}
    assert series == {"a": "Actual", "b": "Other definition", "c": "Actual", "t": "Target"}
    x = {r["claim"]: r["x"] for r in rows}
    assert x["a"] == "2024-12-15" and x["t"] == "2027-12-15"  # a year is drawn at its end
    line = layers[1]["data"]["values"]
    assert [(r["x"], r["value"]) for r in line] == [("2024-12-15", 4500), ("2025-12-15", 5000)]


def test_values_dated_by_publication_stay_off_the_line() -> None:
    dated = obs("a", 4500, "2024")
    reported = obs("b", 4700, "2025-03-02")
    indicator = replace(build_indicator(COMPANIES, [dated, reported]), loose=frozenset({"b"}))
    spec = chart_spec(indicator)
    data = spec["layer"][-1].get("data") or spec["data"]  # one layer: altair hoists its data
    rows = {r["claim"]: r for r in data["values"]}
    assert rows["b"]["when"] == "published 2025-03-02 (no date in the text)"
    assert [layer["mark"]["type"] for layer in spec["layer"]] == ["point"]  # one dated point


def test_money_is_scaled_and_official_targets_are_drawn(tmp_path: Path) -> None:
    indicator = build_indicator(
        INDUSTRY,
        [
            obs("a", 578.4e9, "2023", metric=INDUSTRY.id, unit="yuan"),
            obs("b", 600e9, "2024", metric=INDUSTRY.id, unit="yuan", change=">"),
        ],
    )
    spec = chart_spec(indicator)
    points = spec["layer"][-1]
    assert points["encoding"]["y"]["title"] == "billion yuan"
    rows = {r["stated"]: r for r in points["data"]["values"]}
    assert rows["more than 600 billion yuan"]["y"] == 600
    assert rows["1 trillion yuan by 2030"]["series"] == "Target"
    assert rows["1 trillion yuan by 2030"]["source"] == "plan"
    svg = indicator_chart(indicator, tmp_path / "i.svg").read_text(encoding="utf-8")
    assert "Core AI industry size" in svg and "billion yuan" in svg


def test_chinese_wordings_become_english_in_png_without_a_cjk_font() -> None:
    indicator = build_indicator(COMPANIES, [obs("a", 400, "2024", definition="人工智能核心企业")])
    assert chart_spec(indicator)["title"]["subtitle"][1] == 'Counted as "人工智能核心企业".'
    latin = chart_spec(indicator, cjk_text=False)["title"]["subtitle"]
    assert latin == ["Unit: companies", "Counted as core (Chinese wording)."]


def test_an_indicator_without_observations_still_draws(tmp_path: Path) -> None:
    empty = build_indicator(COMPANIES, [])
    svg = indicator_chart(empty, tmp_path / "e.svg").read_text(encoding="utf-8")
    assert "Number of AI companies" in svg and "No observations yet" in svg


def test_other_formats_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="svg"):
        indicator_chart(companies(), tmp_path / "c.gif", fmt="gif")  # type: ignore[arg-type]
