"""Unit normalisation: quantities as the extractor reads them, in a metric's canonical unit."""

from __future__ import annotations

import math

import pytest

from sinoscope.beats.loader import load_beat
from sinoscope.connect.units import (
    FixedRates,
    Interval,
    NormalizedValue,
    canonical_unit,
    describe_value,
    normalize,
    normalize_free,
)
from sinoscope.records import Quantity
from sinoscope.understand.quantities import extract_quantities


def one(text: str) -> Quantity:
    found = extract_quantities(text)
    assert len(found) == 1, found
    return found[0]


def norm(text: str, unit: str, rates: FixedRates | None = None) -> NormalizedValue | None:
    return normalize(one(text), unit, rates)


@pytest.mark.parametrize(
    "text",
    [
        "4,500家",
        "超过4,500家企业",
        "4,500 AI companies",
        "4,500 AI firms",
        "4,500 enterprises",
        "4,500 AI-related companies",
        "the number of AI companies reached 4,500",
    ],
)
def test_company_counts_in_any_wording_are_companies(text: str) -> None:
    value = norm(text, "companies")
    assert value is not None
    assert value.value == 4500
    assert value.unit == "companies"
    assert value.comparable_key == "count:companies"


def test_counts_keep_their_change_as_an_interval() -> None:
    more = norm("5000余家", "companies")
    assert more is not None and more.change == ">"
    assert more.interval() == Interval(5000, 6250)
    assert more.interval(open_margin=0.1) == Interval(5000, 5500)
    fewer = norm("fewer than 400 firms", "companies")
    assert fewer is not None and fewer.interval() == Interval(300, 400)
    ranged = norm("between 4,000 and 5,000 firms", "companies")
    assert ranged is not None and ranged.interval() == Interval(4000, 5000)
    about = norm("近5000家", "companies")
    assert about is not None and about.change == "~" and about.interval() == Interval(5000, 5000)


def test_yuan_written_with_yi_equals_billions_of_yuan() -> None:
    zh = norm("核心产业规模达到3440亿元", "yuan")
    zh_rmb = norm("人民币3440亿元", "yuan")
    en = norm("registered capital of 344 billion yuan", "yuan")
    rmb = norm("RMB 344 billion", "yuan")
    assert zh is not None and en is not None and zh_rmb is not None and rmb is not None
    assert zh.value == en.value == zh_rmb.value == rmb.value == 344e9
    assert zh.comparable_key == en.comparable_key == "money:CNY"
    assert zh.unit == "yuan"


def test_currencies_convert_only_with_an_explicit_rate_table() -> None:
    assert norm("$5 billion", "yuan") is None
    assert norm("344 billion yuan", "USD") is None
    rates = FixedRates(base="CNY", per_unit={"USD": 7.2}, note="test rate, not real data")
    converted = norm("$5 billion", "yuan", rates)
    assert converted is not None and converted.value == pytest.approx(36e9)
    back = norm("72 billion yuan", "USD", rates)
    assert back is not None and back.value == pytest.approx(10e9)
    assert norm("5 billion euros", "yuan", rates) is None  # no EUR rate in the table
    assert rates.rate("USD", "USD") == 1.0


def test_any_currency_metric_keeps_the_currency_it_was_given_in() -> None:
    dollars = norm("$1.6bn", "currency")
    yuan = norm("1.5万亿元", "currency")
    assert dollars is not None and dollars.unit == "USD" and dollars.value == 1.6e9
    assert yuan is not None and yuan.unit == "CNY" and yuan.comparable_key == "money:CNY"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("用户规模达2.49亿人", 249e6),
        ("2.49亿用户", 249e6),
        ("2.49亿名用户", 249e6),
        ("515 million users", 515e6),
    ],
)
def test_people_and_users(text: str, expected: float) -> None:
    value = norm(text, "people")
    assert value is not None and value.value == pytest.approx(expected)
    assert value.unit == "people"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("算力总规模达到246 EFLOPS", 246),
        ("246EFlops", 246),
        ("300 exaflops", 300),
        ("每秒2.3百亿亿次", 2.3),
        ("算力总规模达到280百亿亿次/秒", 280),
        ("1,500 PFLOPS", 1.5),
    ],
)
def test_compute_in_eflops(text: str, expected: float) -> None:
    value = norm(text, "EFLOPS")
    assert value is not None and value.unit == "EFLOPS"
    assert value.value == pytest.approx(expected)


def test_times_that_are_not_flops_do_not_fit_compute() -> None:
    assert norm("发射3次", "EFLOPS") is None
    assert norm("4,500 AI companies", "EFLOPS") is None


def test_percent_but_not_percentage_points() -> None:
    share = norm("普及率超过70%", "percent")
    assert share is not None and share.value == 70 and share.change == ">"
    assert norm("百分之九十", "percent") is not None
    assert norm("up 3 percentage points", "percent") is None
    assert norm("4,500 AI companies", "percent") is None


@pytest.mark.parametrize(
    ("text", "unit", "expected"),
    [
        ("810万标准机架", "racks", 8.1e6),
        ("2.5 million standard racks", "racks", 2.5e6),
        ("3.8万件专利", "patents", 38000),
        ("38,000 patent families", "patents", 38000),
        ("15款大模型", "models", 15),
        ("15 notable models", "models", 15),
        ("302款生成式人工智能服务", "services", 302),
        ("302 generative AI services", "services", 302),
    ],
)
def test_other_counts(text: str, unit: str, expected: float) -> None:
    value = norm(text, unit)
    assert value is not None and value.value == expected and value.unit == unit


def test_wrong_kinds_do_not_fit_counts() -> None:
    assert norm("$5 billion", "companies") is None
    assert norm("70%", "companies") is None
    assert norm("in five years", "companies") is None
    assert norm("2.49亿人", "companies") is None  # people are not companies
    assert norm("4,500 AI companies", "people") is None


def test_increments_keep_their_change_for_callers_to_judge() -> None:
    rise = Quantity(text="500 companies", start=0, end=13, value=500, unit="companies", change="up")
    value = normalize(rise, "companies")
    assert value is not None and value.change == "up"


def test_free_normalisation_picks_the_family_from_the_quantity() -> None:
    cost = normalize_free(one("over $1.6 billion"))
    assert cost is not None and cost.comparable_key == "money:USD" and cost.change == ">"
    firms = normalize_free(one("4,500 AI firms"))
    assert firms is not None and firms.comparable_key == "count:companies"
    assert normalize_free(one("in five years")) is None
    generic = normalize_free(one("15个"))
    assert generic is not None and generic.comparable_key == "count:个"  # a generic measure word
    rates = FixedRates(base="CNY", per_unit={"USD": 7.0})
    in_yuan = normalize_free(one("$2 million"), rates)
    assert in_yuan is not None and in_yuan.unit == "CNY" and in_yuan.value == 14e6


def test_every_bundled_metric_unit_is_known() -> None:
    for metric in load_beat().metrics:
        assert not canonical_unit(metric.unit).startswith("other:"), metric.id


def test_canonical_units_of_the_beat() -> None:
    assert canonical_unit("companies") == "count:companies"
    assert canonical_unit("people") == canonical_unit("users") == "count:people"
    assert canonical_unit("yuan") == "money:CNY"
    assert canonical_unit("USD") == "money:USD"
    assert canonical_unit("currency") == "money:*"
    assert canonical_unit("percent") == "percent"
    assert canonical_unit("EFLOPS") == "compute:EFLOPS"
    assert canonical_unit("widgets") == "other:widgets"


def test_described_values_read_like_news() -> None:
    assert describe_value(4500, "companies", ">") == "more than 4,500 companies"
    assert describe_value(1.6e9, "USD", ">") == "more than $1.6 billion"
    assert describe_value(5.6e6, "USD", "~") == "about $5.6 million"
    assert describe_value(344e9, "yuan") == "344 billion yuan"
    assert describe_value(90, "percent", ">") == "more than 90%"
    assert describe_value(249e6, "people") == "249 million people"
    assert describe_value(0.0315, "EFLOPS") == "0.0315 EFLOPS"
    assert describe_value(138.72e9, "yuan") == "138.7 billion yuan"
    assert math.isclose(Interval(100, 100).widened(0.05).hi, 105)
