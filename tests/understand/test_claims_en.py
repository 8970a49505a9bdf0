from __future__ import annotations

from datetime import datetime
from typing import cast

import pytest

from sinoscope.understand.claims import claim_id

from .conftest import Analyze


def test_an_actual_is_a_quantity_with_its_year(analyze: Analyze) -> None:
    (claim,) = analyze("Robot makers in the province numbered more than 4,500 in 2024.").claims
    assert claim.kind == "quantity"
    assert [q.text for q in claim.quantities] == ["4,500"]
    assert claim.quantities[0].change == ">"
    assert claim.time.as_of == "2024"
    assert claim.time.deadline is None


def test_a_goal_with_a_deadline_is_a_target(analyze: Analyze) -> None:
    text = "The plan aims to lift the AI adoption rate to 90% by 2030."
    (claim,) = analyze(text).claims
    assert (claim.kind, claim.metric) == ("target", "ai-adoption-rate")
    assert claim.time.deadline == 2030
    assert claim.time.as_of is None


def test_a_past_by_without_a_goal_is_an_as_of_date(analyze: Analyze) -> None:
    text = "Total computing power reached 280 EFLOPS by the end of 2024."
    (claim,) = analyze(text).claims
    assert (claim.kind, claim.metric) == ("quantity", "compute-capacity")
    assert claim.time.as_of == "2024-12"


def test_a_year_is_never_a_quantity(analyze: Analyze) -> None:
    (claim,) = analyze("In 2023 the fund invested 12 billion yuan in chip tools.").claims
    assert [q.text for q in claim.quantities] == ["12 billion yuan"]
    assert claim.time.as_of == "2023"
    assert analyze("The rules were first drafted in 2019 and revised in 2021.").claims == ()


def test_a_percentage_of_something(analyze: Analyze) -> None:
    text = "Domestic chips met only 17 percent of demand, according to IDC."
    (claim,) = analyze(text).claims
    assert claim.quantities[0].unit == "%"
    assert claim.metric is None  # a share of demand, not any metric's unit
    assert claim.metric_text == "%"
    assert claim.attribution.name == "IDC"


def test_two_numbers_of_one_metric_make_one_claim(analyze: Analyze) -> None:
    text = "AI companies grew from over 1,400 to more than 5,000 in five years."
    (claim,) = analyze(text).claims
    (q,) = claim.quantities
    assert (q.low, q.high) == (1400, 5000)
    assert claim.metric == "ai-company-count"
    assert claim.time.period == "five years"


def test_two_metrics_in_one_sentence_make_two_claims(analyze: Analyze) -> None:
    text = (
        "The region hosts 900 AI enterprises, and its core AI industry was worth "
        "80 billion yuan in 2024."
    )
    claims = analyze(text).claims
    assert [(c.metric, [q.text for q in c.quantities]) for c in claims] == [
        ("ai-company-count", ["900 AI enterprises"]),
        ("core-ai-industry-size", ["80 billion yuan"]),
    ]
    assert claims[0].sentence == claims[1].sentence
    assert claims[0].id != claims[1].id


def test_a_currency_conversion_stays_with_its_amount(analyze: Analyze) -> None:
    text = "Investment in AI reached 120 billion yuan (about 16.6 billion U.S. dollars)."
    (claim,) = analyze(text).claims
    assert claim.metric == "ai-investment"
    assert [q.currency for q in claim.quantities] == ["CNY", "USD"]


def test_targets_with_several_deadlines_split(analyze: Analyze) -> None:
    text = "The roadmap sets penetration targets of 60% by 2026 and 85% by 2029."
    claims = analyze(text, published=datetime(2025, 1, 1)).claims
    assert [(c.kind, c.time.deadline, c.quantities[0].value) for c in claims] == [
        ("target", 2026, 60),
        ("target", 2029, 85),
    ]


def test_durations_that_are_the_time_are_not_quantities(analyze: Analyze) -> None:
    (claim,) = analyze("Five years ago the city had 300 AI start-ups.").claims
    assert [q.text for q in claim.quantities] == ["300 AI start-ups"]
    assert claim.time.period == "Five years ago"
    assert claim.time.as_of == "2020"  # the document is from 2025


def test_relative_years_use_the_publication_date(analyze: Analyze) -> None:
    text = "Shipments of AI phones hit 120 million units last year."
    (claim,) = analyze(text, published=datetime(2025, 3, 10)).claims
    assert claim.time.as_of == "2024"
    undated = analyze(text, published=None).claims[0]
    assert undated.time.as_of is None


def test_subject_is_the_entity_the_claim_is_about(analyze: Analyze) -> None:
    (claim,) = analyze("China has more than 5,200 AI companies, Xinhua said.").claims
    assert (claim.subject, claim.subject_text) == ("china", "China")
    assert claim.attribution.entity_id == "xinhua"
    (claim,) = analyze("Huawei shipped 700,000 Ascend chips in 2024, analysts estimated.").claims
    assert claim.subject == "huawei"
    assert claim.hedge == "estimated"


def test_hedged_claim_carries_its_hedge(analyze: Analyze) -> None:
    (claim,) = analyze("The lab reportedly trained the model on 10,000 GPUs.").claims
    assert claim.hedge == "reportedly"


def test_attributed_judgement_is_an_assessment(analyze: Analyze) -> None:
    (claim,) = analyze("Experts question the feasibility of the adoption goal.").claims
    assert claim.kind == "assessment"
    assert claim.hedge == "Experts question"
    assert claim.attribution.name == "Experts"
    # an unattributed opinion is not a claim, nor is a plain statement
    assert analyze("The goal may be hard to reach.").claims == ()
    assert analyze("The weather in Beijing was mild.").claims == ()


def test_a_dated_launch_is_an_event(analyze: Analyze) -> None:
    (claim,) = analyze("Baidu launched a new Ernie model on Tuesday.").claims
    assert claim.kind == "event"
    assert claim.subject == "baidu"
    assert claim.quantities == ()


def test_claim_fields_topics_entities_and_stable_ids(analyze: Analyze) -> None:
    text = "Intro sentence.\nNvidia sold 1,000,000 H20 chips to Chinese buyers in 2024."
    first = analyze(text).claims
    again = analyze(text).claims
    assert first == again
    (claim,) = first
    assert claim.id == claim_id("doc-1", claim.start, claim.end, 0)
    assert len(claim.id) == 16
    assert "nvidia" in claim.entities
    assert "semiconductors-compute" in claim.topics


def test_empty_and_garbage_documents_give_no_claims(analyze: Analyze) -> None:
    for text in (
        "",
        "   \n\n",
        "\x00\x01\x02 ###### ;;;; 12 34 56 78",
        "<html><<<>>> %%%",
        "。。。！！",
    ):
        analysis = analyze(text)
        assert analysis.claims == ()
    long_garbage = "9" * 5000 + " x" * 3000
    analyze(long_garbage)  # no crash


def test_text_that_is_not_a_string_is_refused(analyze: Analyze) -> None:
    not_text = cast(str, b"bytes")  # what a caller that forgot to decode would pass
    with pytest.raises(TypeError, match="decode bytes first"):
        analyze.understander.analyze("d", not_text, language=None, publisher=None, published=None)


def test_analyze_is_thread_safe(analyze: Analyze) -> None:
    from concurrent.futures import ThreadPoolExecutor

    texts = [
        f"Province {i} had {1000 + i} AI companies in 2024, the ministry said. "
        f"It aims to reach {90 - i}% AI adoption by 2030."
        for i in range(24)
    ]
    sequential = [analyze(t) for t in texts]
    with ThreadPoolExecutor(max_workers=4) as pool:
        parallel = list(pool.map(analyze, texts))
    assert parallel == sequential
