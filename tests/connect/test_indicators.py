"""Observations and indicators built from hand-made claims (quantities read by the real
extractor from the sentences)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

import pytest

from sinoscope.connect.indicators import (
    DocumentInfo,
    PlaceScope,
    build_free_observations,
    build_indicator,
    build_indicators,
    build_observations,
    date_basis,
    definition_key,
    metric_definition,
    period_end,
    publication_dated,
    qualifiers,
)
from sinoscope.records import (
    Attribution,
    Claim,
    Document,
    Metric,
    MetricTarget,
    Observation,
    Source,
    TimeRef,
)
from sinoscope.understand.quantities import extract_quantities

COMPANIES = Metric(
    id="ai-company-count",
    name="Number of AI companies",
    name_zh="人工智能企业数量",
    unit="companies",
    aliases=("AI companies", "core AI enterprises", "人工智能企业", "人工智能核心企业"),
)
ADOPTION = Metric(
    id="ai-adoption-rate",
    name="AI adoption (penetration) rate",
    name_zh="人工智能应用普及率",
    unit="percent",
    aliases=("penetration rate", "普及率", "新一代智能终端、智能体等应用普及率"),
    targets=(MetricTarget(value=70, year=2027), MetricTarget(value=90, year=2030)),
)
INDUSTRY = Metric(
    id="core-ai-industry-size",
    name="Core AI industry size",
    name_zh="人工智能核心产业规模",
    unit="yuan",
    aliases=("core AI industry", "人工智能核心产业规模", "人工智能产业规模"),
)
COMPUTE = Metric(
    id="compute-capacity",
    name="Total computing power",
    name_zh="算力总规模",
    unit="EFLOPS",
    aliases=("computing power", "算力总规模", "算力"),
)
METRICS = (COMPANIES, ADOPTION, INDUSTRY, COMPUTE)

DOCS = {
    "xh-1": DocumentInfo("xh-1", "xinhua", datetime(2025, 1, 10, tzinfo=UTC), None, "Xinhua"),
    "cd-1": DocumentInfo(
        "cd-1", "chinadaily", datetime(2025, 1, 11, tzinfo=UTC), "xh-1", "China Daily"
    ),
    "xh-2": DocumentInfo("xh-2", "xinhua", datetime(2025, 12, 20, tzinfo=UTC), None, "Xinhua"),
    "cx-1": DocumentInfo("cx-1", "caixin", datetime(2025, 3, 2, tzinfo=UTC), None, "Caixin"),
    "gov-1": DocumentInfo("gov-1", "gov", datetime(2025, 8, 27, tzinfo=UTC), None, "State Council"),
}


def claim(
    claim_id: str,
    document_id: str,
    sentence: str,
    metric: str | None = "ai-company-count",
    *,
    kind: str = "quantity",
    who: str = "",
    as_of: str | None = None,
    deadline: int | None = None,
    period: str | None = None,
    metric_text: str | None = None,
    subject: str | None = None,
) -> Claim:
    return Claim(
        id=claim_id,
        document_id=document_id,
        kind=kind,
        sentence=sentence,
        start=0,
        end=len(sentence),
        language=None,
        quantities=tuple(extract_quantities(sentence)),
        metric=metric,
        metric_text=metric_text,
        subject=subject,
        attribution=Attribution(name=who),
        time=TimeRef(as_of=as_of, deadline=deadline, period=period),
    )


MIIT_XINHUA = claim(
    "c-xh",
    "xh-1",
    "China had more than 4,500 AI companies by the end of 2024, MIIT said.",
    who="MIIT",
    as_of="2024",
)
MIIT_COPY = claim(
    "c-cd",
    "cd-1",
    "China had more than 4,500 AI companies by the end of 2024, MIIT said.",
    who="MIIT",
    as_of="2024",
)
XINHUA_2025 = claim(
    "c-xh2",
    "xh-2",
    "China now has more than 5,000 AI companies, Xinhua reported.",
    who="Xinhua",
    as_of="2025",
)


def test_observations_carry_value_unit_date_source_and_claim() -> None:
    observations = build_observations([MIIT_XINHUA, MIIT_COPY, XINHUA_2025], DOCS, METRICS)
    assert [(o.claim_id, o.value, o.unit, o.date, o.change) for o in observations] == [
        ("c-xh", 4500, "companies", "2024", ">"),
        ("c-cd", 4500, "companies", "2024", ">"),
        ("c-xh2", 5000, "companies", "2025", ">"),
    ]
    first = observations[0]
    assert first.metric == "ai-company-count"
    assert first.document_id == "xh-1" and first.source_id == "xinhua"
    assert first.attributed_to == "MIIT"
    assert not first.is_target and first.definition is None


def test_indicator_orders_actuals_and_picks_the_latest() -> None:
    observations = build_observations([XINHUA_2025, MIIT_COPY, MIIT_XINHUA], DOCS, METRICS)
    indicator = build_indicator(COMPANIES, observations)
    assert [o.date for o in indicator.observations] == ["2024", "2024", "2025"]
    assert indicator.latest is not None and indicator.latest.claim_id == "c-xh2"
    assert indicator.latest.value == 5000
    assert indicator.targets == ()
    assert not indicator.definitions_differ
    assert indicator.units == ("companies",)


def test_date_falls_back_to_period_then_publication_date() -> None:
    by_period = claim(
        "c1", "cx-1", "Over 2019-2024 the count reached 4,500 AI companies.", period="2019-2024"
    )
    by_date = claim("c2", "cx-1", "There are now 4,600 AI companies in China.")
    unknown_doc = claim("c3", "nowhere", "There are now 4,600 AI companies in China.")
    observations = build_observations([by_period, by_date, unknown_doc], DOCS, METRICS)
    assert [o.date for o in observations] == ["2024", "2025-03-02", None]
    assert date_basis(by_period) == "period"
    assert date_basis(by_date) == "published"
    assert date_basis(MIIT_XINHUA) == "as_of"
    assert observations[1].attributed_to == "Caixin"  # nothing cited: the outlet's own
    assert observations[2].source_id is None and observations[2].attributed_to == ""


def test_targets_are_kept_apart_from_actuals() -> None:
    zh = claim(
        "t-zh",
        "gov-1",
        "到2027年，新一代智能终端、智能体等应用普及率超70%，到2030年超90%。",
        "ai-adoption-rate",
        kind="target",
        deadline=2027,
    )
    en = claim(
        "t-en", "gov-1", "Adoption should exceed 90% by 2030.", "ai-adoption-rate", deadline=2030
    )
    actual = claim(
        "a-1", "cx-1", "The penetration rate reached 40% in 2025.", "ai-adoption-rate", as_of="2025"
    )
    observations = build_observations([zh, en, actual], DOCS, METRICS)
    targets = [(o.claim_id, o.value, o.deadline, o.date) for o in observations if o.is_target]
    assert targets == [
        ("t-zh", 70, 2027, "2027"),
        ("t-zh", 90, 2030, "2030"),
        ("t-en", 90, 2030, "2030"),
    ]
    assert all(o.definition is None for o in observations)  # the official wording is its own
    indicator = build_indicator(ADOPTION, observations)
    assert [o.claim_id for o in indicator.observations] == ["a-1"]
    assert [o.deadline for o in indicator.targets] == [2027, 2030, 2030]
    assert indicator.latest is not None and indicator.latest.value == 40
    assert indicator.official_targets == ADOPTION.targets


def test_english_targets_pair_each_value_with_its_own_year() -> None:
    both = claim(
        "t",
        "gov-1",
        "Penetration is to exceed 70% by 2027 and 90% by 2030.",
        "ai-adoption-rate",
        kind="target",
        deadline=2027,
    )
    observations = build_observations([both], DOCS, METRICS)
    assert [(o.value, o.deadline) for o in observations] == [(70, 2027), (90, 2030)]


def test_definition_flag_for_core_enterprises() -> None:
    core = claim("c-core", "cx-1", "China had 4,300 core AI enterprises in 2024.", as_of="2024")
    zh_core = claim("c-zh", "cx-1", "2024年全国人工智能核心企业达4300家。", as_of="2024")
    observations = build_observations([MIIT_XINHUA, core, zh_core], DOCS, METRICS)
    assert [o.definition for o in observations] == [None, "core AI enterprises", "人工智能核心企业"]
    assert definition_key("core AI enterprises") == definition_key("人工智能核心企业") == "core"
    indicator = build_indicator(COMPANIES, observations)
    assert indicator.definitions_differ
    assert indicator.definitions == ("core AI enterprises", "人工智能核心企业")
    only_core = build_indicator(COMPANIES, observations[1:])
    assert not only_core.definitions_differ  # one definition throughout, though not the own


def test_definition_flag_for_wording_after_the_number_and_missing_qualifiers() -> None:
    trailing = claim("c", "cx-1", "全国人工智能企业达4300家核心企业。")
    assert metric_definition(trailing, COMPANIES, trailing.quantities[0]) is not None
    broader = claim("i", "cx-1", "人工智能产业规模超过6000亿元。", "core-ai-industry-size")
    own = claim("j", "cx-1", "人工智能核心产业规模达到5784亿元。", "core-ai-industry-size")
    assert metric_definition(broader, INDUSTRY, broader.quantities[0]) == "人工智能产业规模"
    assert metric_definition(own, INDUSTRY, own.quantities[0]) is None
    intelligent = claim(
        "k", "cx-1", "全国智能算力规模达到90 EFLOPS。", "compute-capacity", metric_text="智能算力"
    )
    total = claim("m", "cx-1", "全国算力总规模达到280 EFLOPS。", "compute-capacity")
    assert metric_definition(intelligent, COMPUTE) == "智能算力"
    assert metric_definition(total, COMPUTE, total.quantities[0]) is None
    assert qualifiers("AI-related companies") == ("related",)
    assert qualifiers("人工智能企业") == ()  # 人工智能 holds 智能 but is not a qualifier


PLACES = PlaceScope("china", {"china": "China", "guangdong": "Guangdong", "us": "United States"})


def test_figures_for_other_places_are_their_own_definition() -> None:
    national = claim("n", "xh-1", "China had 4,500 AI companies in 2024.", as_of="2024",
                     subject="china")  # fmt: skip
    province = claim("p", "cx-1", "广东省人工智能企业数量超过1500家。", as_of="2024",
                     subject="guangdong")  # fmt: skip
    province_core = claim("q", "cx-1", "广东人工智能核心企业1200家。", as_of="2024",
                          subject="guangdong")  # fmt: skip
    us = claim("u", "gov-1", "The US had 690 AI companies in 2024.", as_of="2024", subject="us")
    unnamed = claim("r", "cx-1", "全省人工智能企业数量超过1200家。", as_of="2024")
    claims = [national, province, province_core, us, unnamed]
    observations = build_observations(claims, DOCS, METRICS, scope=PLACES)
    assert [o.definition for o in observations] == [
        None,
        "place: Guangdong",
        "place: Guangdong; 人工智能核心企业",
        "place: United States",
        "全省人工智能企业数量",
    ]
    keys = [definition_key(o.definition) for o in observations]
    assert keys == ["", "place:guangdong", "place:guangdong+core", "place:united states",
                    "regional"]  # fmt: skip
    indicator = build_indicator(COMPANIES, observations)
    assert indicator.latest is not None and indicator.latest.value == 4500
    assert indicator.definitions_differ
    # without a scope (a beat that names none) every figure is the beat's
    plain = build_observations(claims[:2], DOCS, METRICS)
    assert [o.definition for o in plain] == [None, None]
    assert PlaceScope(None, PLACES.places).place_of(province) is None


def test_increments_movements_and_ranges() -> None:
    rise = claim("r1", "cx-1", "The number of AI companies rose by 500 in 2024.", as_of="2024")
    rise_to = claim(
        "r2", "cx-1", "The number of AI companies rose 12% to 4,500 in 2024.", as_of="2024"
    )
    moved = claim("r3", "cx-1", "AI firms grew from over 1,400 to more than 5,000 in five years.")
    wide = claim("r4", "cx-1", "Estimates put it at 1,400 to 5,000 AI companies.")
    narrow = claim("r5", "cx-1", "There are between 4,000 and 5,000 firms.")
    observations = build_observations([rise, rise_to, moved, wide, narrow], DOCS, METRICS)
    assert [(o.claim_id, o.value, o.change) for o in observations] == [
        ("r2", 4500, "="),
        ("r3", 5000, ">"),
        ("r5", 4500, "~"),
    ]


def test_claims_without_a_fitting_quantity_or_metric_are_skipped() -> None:
    dollars = claim("d", "cx-1", "The core AI industry drew $5 billion.", "core-ai-industry-size")
    unknown = claim("u", "cx-1", "There are 4,500 AI companies.", "no-such-metric")
    none = claim("n", "cx-1", "There are 4,500 AI companies.", None)
    assert build_observations([dollars, unknown, none], DOCS, METRICS) == []


def test_free_observations_group_by_subject_and_wording() -> None:
    cost = claim(
        "f1",
        "cx-1",
        "DeepSeek spent over $1.6 billion on training.",
        None,
        metric_text="The training cost",
        subject="deepseek",
        who="SemiAnalysis",
    )
    no_subject = claim("f2", "cx-1", "Revenue was $5 billion.", None, metric_text="revenue")
    beat_metric = claim(
        "f3",
        "cx-1",
        "There are 4,500 AI companies.",
        subject="deepseek",
        metric_text="AI companies",
    )
    observations = build_free_observations([cost, no_subject, beat_metric], DOCS)
    assert len(observations) == 1
    obs = observations[0]
    assert obs.metric == "text:deepseek:training cost"
    assert (obs.value, obs.unit, obs.change, obs.date) == (1.6e9, "USD", ">", "2025-03-02")


def test_document_info_from_a_stored_document() -> None:
    published = datetime(2025, 1, 11, tzinfo=UTC)
    doc = Document(
        id="cd-1",
        url="https://example.com/a",
        canonical_url="https://example.com/a",
        source_id="chinadaily",
        title="t",
        author=None,
        published=published,
        date_source="meta",
        language="en",
        text="x",
        content_hash="h",
        fetched_at=published,
        syndicated_from="xh-1",
    )
    source = Source(
        id="chinadaily", name="China Daily", kind="newspaper", country="CN", language="en"
    )
    info = DocumentInfo.of(doc, source)
    assert info == DocumentInfo("cd-1", "chinadaily", published, "xh-1", "China Daily")
    assert DocumentInfo.of(doc).publisher == "chinadaily"
    duplicate = replace(doc, syndicated_from=None, duplicate_of="cd-0")
    assert DocumentInfo.of(duplicate).syndicated_from == "cd-0"


@pytest.mark.parametrize(
    ("when", "expected"),
    [
        ("2024", date(2024, 12, 31)),
        ("2024-06", date(2024, 6, 30)),
        ("2024-02", date(2024, 2, 29)),
        ("2024-06-15", date(2024, 6, 15)),
        (None, date.min),
        ("soon", date.min),
    ],
)
def test_period_end(when: str | None, expected: date) -> None:
    assert period_end(when) == expected


def test_build_indicators_skips_metrics_without_observations() -> None:
    observations = build_observations([MIIT_XINHUA], DOCS, METRICS)
    assert [i.metric.id for i in build_indicators(METRICS, observations)] == ["ai-company-count"]
    assert len(build_indicators(METRICS, observations, empty=True)) == len(METRICS)


def test_latest_prefers_the_metrics_own_definition_on_the_same_date() -> None:
    own = Observation("ai-company-count", 4500, "companies", "a", "d", None, "", "2024")
    other = Observation(
        "ai-company-count",
        4300,
        "companies",
        "b",
        "d",
        None,
        "",
        "2024",
        definition="core AI enterprises",
    )
    assert build_indicator(COMPANIES, [other, own]).latest == own


def test_indicator_marks_values_dated_only_by_publication() -> None:
    undated = claim("p", "cx-1", "There are now 4,600 AI companies in China.")
    observations = build_observations([MIIT_XINHUA, undated], DOCS, METRICS)
    assert [publication_dated(o, DOCS) for o in observations] == [False, True]
    assert build_indicator(COMPANIES, observations, DOCS).loose == frozenset({"p"})
    assert build_indicator(COMPANIES, observations).loose == frozenset()


def test_scope_words_mark_a_different_definition() -> None:
    from sinoscope.connect.indicators import qualifiers

    assert "global" in qualifiers("全球生成式人工智能相关发明约")
    assert "global" in qualifiers("patent families filed worldwide")
    assert "share of" in qualifiers("财政部为第一大股东，认缴出资")
    assert "share of" in qualifiers("the finance ministry contributed")
    assert "cumulative" in qualifiers("Taken together, the three phases add up to")
    assert qualifiers("the third phase has registered capital of") == ()
