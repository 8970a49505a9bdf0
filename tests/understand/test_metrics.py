"""MetricMatcher: aliases, units, and excluded phrases that name another measure."""

from __future__ import annotations

import pytest

from sinoscope.beats.schema import to_metric
from sinoscope.records import Metric
from sinoscope.understand.metrics import MetricMatcher
from sinoscope.understand.quantities import extract_quantities

from .conftest import Analyze

COMPUTE = Metric(
    "compute",
    "Total computing power",
    "EFLOPS",
    name_zh="算力总规模",
    aliases=("computing power", "算力规模", "算力"),
    excludes=("intelligent computing power", "智能算力"),
)
SHARE = Metric("share", "Intelligent computing share", "percent", aliases=("智能算力占比",))


def assigned(text: str, language: str, metrics: tuple[Metric, ...] = (COMPUTE, SHARE)) -> dict:
    matcher = MetricMatcher(metrics)
    hits = matcher.find(text)
    out = {}
    for q in extract_quantities(text, language):
        metric, _ = matcher.assign(q, hits, language)
        out[q.text] = metric.id if metric else None
    return out


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        # the excluded phrase holds an alias (算力规模) and the unit would name the metric too
        ("全省算力规模达到18EFLOPS，其中智能算力规模达到9EFLOPS。", "zh",
         {"18EFLOPS": "compute", "9EFLOPS": None}),
        ("其中，智能算力达到12EFLOPS。", "zh", {"12EFLOPS": None}),
        # names precede their figures: the excluded phrase after 40 EFLOPS does not block it
        ("The province's computing power reached 40 EFLOPS, and intelligent computing power "
         "reached 15 EFLOPS.", "en", {"40 EFLOPS": "compute", "15 EFLOPS": None}),
        ("Intelligent computing power hit 15 EFLOPS while computing power reached 40 EFLOPS.",
         "en", {"15 EFLOPS": None, "40 EFLOPS": "compute"}),
        ("A bare unit still names the metric: 33 EFLOPS in all.", "en", {"33 EFLOPS": "compute"}),
    ],
)  # fmt: skip
def test_excluded_phrases_block_the_metric(text: str, language: str, expected: dict) -> None:
    assert assigned(text, language) == expected


def test_without_excludes_the_sub_measure_is_taken_for_the_total() -> None:
    plain = Metric("compute", "Total computing power", "EFLOPS", aliases=("算力规模",))
    got = assigned("全省算力规模达到18EFLOPS，其中智能算力规模达到9EFLOPS。", "zh", (plain,))
    assert got == {"18EFLOPS": "compute", "9EFLOPS": "compute"}  # what `excludes` is for


def test_excluded_hits_are_reported_and_replace_the_aliases_inside_them() -> None:
    hits = MetricMatcher((COMPUTE,)).find("智能算力规模达到9EFLOPS", offset=100)
    assert [(h.text, h.excluded, h.start) for h in hits] == [("智能算力", True, 100)]


def test_beat_schema_reads_excludes() -> None:
    metric = to_metric(
        {"id": "m", "name": "M", "unit": "EFLOPS", "excludes": [" 智能算力 ", "智能算力"]}
    )
    assert metric.excludes == ("智能算力",)


def test_claims_do_not_put_intelligent_computing_in_total_computing_power(
    analyze: Analyze,
) -> None:
    text = "截至2024年底，全省算力总规模达到25EFLOPS。其中，智能算力规模达到11EFLOPS，同比增长40%。"
    claims = analyze(text, language="zh").claims
    by_value = {c.quantities[0].value: c.metric for c in claims if c.quantities}
    assert by_value[25] == "compute-capacity"
    assert by_value.get(11) != "compute-capacity"  # nor borrowed from the sentence before
