"""`sinoscope quantities`: JSON lines in, one JSON line out per input line."""

from __future__ import annotations

import json
from typing import Any

from typer.testing import CliRunner

from sinoscope.cli import app


def run(lines: list[str]) -> list[dict[str, Any]]:
    result = CliRunner().invoke(app, ["quantities"], input="".join(f"{line}\n" for line in lines))
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_one_output_line_per_input_line() -> None:
    out = run(
        [
            json.dumps({"text": "Shares fell 12% to $84 million, more than 5,000 firms said."}),
            json.dumps({"text": "超过4500家企业", "language": "zh"}),
        ]
    )
    assert len(out) == 2
    first = out[0]["quantities"]
    assert isinstance(first, list)
    assert [(q["value"], q["unit"], q["change"]) for q in first] == [
        (12, "%", "down"),
        (84e6, "dollar", "="),
        (5000, "firms", ">"),
    ]
    assert set(first[0]) == {"text", "start", "end", "value", "unit", "change"}
    assert out[1] == {
        "quantities": [
            {
                "text": "4500家企业",
                "start": 2,
                "end": 9,
                "value": 4500,
                "unit": "家企业",
                "change": ">",
            }
        ]
    }


def test_range_adds_low_and_high() -> None:
    out = run([json.dumps({"text": "Prices range from $2 to $5 per unit."})])
    assert [(q["low"], q["high"]) for q in out[0]["quantities"]] == [(2, 5)]


def test_bad_lines_give_an_error_and_processing_continues() -> None:
    out = run(
        [
            "not json",
            json.dumps(["a list"]),
            json.dumps({"title": "no text"}),
            json.dumps({"text": "x", "language": 7}),
            "",
            json.dumps({"text": "It costs 3 dollars."}),
        ]
    )
    assert len(out) == 6
    for bad in out[:5]:
        assert bad["quantities"] == [] and isinstance(bad["error"], str)
    assert [q["value"] for q in out[5]["quantities"]] == [3]
