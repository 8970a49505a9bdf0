from __future__ import annotations

import pytest

from sinoscope.understand import find_hedges
from sinoscope.understand.hedges import hedge_text


def words(text: str, language: str = "en") -> list[str]:
    found = find_hedges(text, language)
    for h in found:
        assert text[h.start : h.end] == h.text
    return [h.text for h in found]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The startup reportedly raised $300 million.", ["reportedly"]),
        ("Sceptics say the tally is inflated.", ["Sceptics", "inflated"]),
        ("Experts question whether the goal is realistic.", ["Experts question"]),
        (
            "The figure could not be independently verified.",
            ["could not be independently verified"],
        ),
        ("It remains unclear how the share is measured.", ["unclear"]),
        ("Sales might double, the data suggests.", ["might", "suggests"]),
        ("The cost was estimated at $2 billion.", ["estimated"]),
        ("Analysts believe output is overstated.", ["Analysts believe", "overstated"]),
    ],
)
def test_english_hedges(text: str, expected: list[str]) -> None:
    assert words(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Shipments rose about 40% to nearly 2 million units.",  # approximations
        "The plan is expected to lift output by 2027.",  # an expectation
        "The rules took effect in May 2024.",  # the month, not the modal
    ],
)
def test_approximations_expectations_and_months_are_not_hedges(text: str) -> None:
    assert words(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("据悉，该公司或将在年内上市。", ["据悉", "或将"]),
        ("业内人士认为，这一目标难以实现。", ["业内人士认为", "难以实现"]),
        ("有专家质疑统计口径，数据存疑。", ["质疑", "存疑"]),
        ("据估计，出货量可能超过100万台。", ["据估计", "可能"]),
        ("该说法尚未证实，影响仍有待观察。", ["尚未证实", "有待观察"]),
    ],
)
def test_chinese_hedges(text: str, expected: list[str]) -> None:
    assert words(text, "zh") == expected


def test_chinese_expectations_are_not_hedges() -> None:
    assert words("预计明年产能有望增长约三成。", "zh") == []


def test_hedge_text_joins_distinct_phrases() -> None:
    found = find_hedges("It could rise, or it could fall; it may stall.")
    assert hedge_text(found) == "could, may"
    assert hedge_text([]) is None
