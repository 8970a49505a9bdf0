from __future__ import annotations

from datetime import datetime

from .conftest import Analyze


def test_actual_with_metric_and_year(analyze: Analyze) -> None:
    (claim,) = analyze("2024年，全省人工智能企业数量超过1200家。").claims
    assert (claim.kind, claim.metric, claim.language) == ("quantity", "ai-company-count", "zh")
    assert [q.text for q in claim.quantities] == ["1200家"]
    assert claim.time.as_of == "2024"


def test_target_with_deadline(analyze: Analyze) -> None:
    text = "方案提出，到2028年智能终端普及率超过80%。"
    (claim,) = analyze(text, published=datetime(2025, 5, 1)).claims
    assert (claim.kind, claim.metric) == ("target", "ai-adoption-rate")
    assert claim.time.deadline == 2028


def test_as_of_end_of_year_is_not_a_deadline(analyze: Analyze) -> None:
    text = "截至2024年底，我国算力总规模达到280EFLOPS，在用标准机架超过900万。"
    claims = analyze(text).claims
    assert [(c.metric, c.kind, c.time.as_of) for c in claims] == [
        ("compute-capacity", "quantity", "2024-12"),
        ("data-center-racks", "quantity", "2024-12"),
    ]
    assert claims[0].subject == "china"  # 我国
    assert claims[0].subject_text == "我国"


def test_two_metrics_split_and_a_year_stays_a_time(analyze: Analyze) -> None:
    text = "全市人工智能企业已超过800家，2024年人工智能核心产业规模接近900亿元。"
    claims = analyze(text).claims
    assert [(c.metric, c.time.as_of) for c in claims] == [
        ("ai-company-count", None),
        ("core-ai-industry-size", "2024"),
    ]
    assert claims[1].quantities[0].value == 90_000_000_000


def test_several_deadlines_in_one_sentence(analyze: Analyze) -> None:
    text = "规划要求，到2026年核心产业规模超过5000亿元，到2030年超过1万亿元。"
    claims = analyze(text, published=datetime(2024, 1, 1)).claims
    assert [(c.kind, c.time.deadline, c.metric) for c in claims] == [
        ("target", 2026, "core-ai-industry-size"),
        ("target", 2030, "core-ai-industry-size"),
    ]


def test_growth_rate_is_not_a_share(analyze: Analyze) -> None:
    (claim,) = analyze("其中，智能算力规模增速超过60%。").claims
    assert claim.metric is None


def test_a_rise_to_a_month_is_a_date_not_a_deadline(analyze: Analyze) -> None:
    text = "生成式人工智能用户规模从2024年12月的2.4亿人增至2025年6月的5.1亿人。"
    claims = analyze(text, published=datetime(2025, 8, 1)).claims
    assert [(c.kind, c.time.as_of, c.quantities[0].text) for c in claims] == [
        ("quantity", "2024-12", "2.4亿人"),
        ("quantity", "2025-06", "5.1亿人"),
    ]
    assert {c.metric for c in claims} == {"genai-users"}


def test_small_counts_in_words_are_not_claims(analyze: Analyze) -> None:
    assert analyze("六部门联合印发通知，从三个方面提出要求。", published=None).claims == ()


def test_attributed_opinion_is_a_hedged_assessment(analyze: Analyze) -> None:
    (claim,) = analyze("分析人士认为，这一目标存疑。").claims
    assert claim.kind == "assessment"
    assert claim.hedge == "分析人士认为, 存疑"
    assert claim.attribution.name == "分析人士"


def test_dated_issuance_is_an_event(analyze: Analyze) -> None:
    (claim,) = analyze("3月5日，国家网信办发布新规。", publisher="the-paper").claims
    assert claim.kind == "event"
    assert claim.subject == "cac"
