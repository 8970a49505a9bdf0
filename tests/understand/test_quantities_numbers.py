"""English number parsing and language routing."""

from __future__ import annotations

import pytest

from sinoscope.understand.quantities import detect_language, parse_number_en, split_by_language


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("5,000", 5000),
        ("12,34,567.89", 1234567.89),
        (".5", 0.5),
        ("1.2 million", 1.2e6),
        ("4 hundred million", 4e8),
        ("twenty-five", 25),
        ("one hundred and twenty", 120),
        ("three thousand", 3000),
        ("a dozen", 12),
        ("a million", 1e6),
        ("half a million", 5e5),
        ("two-thirds", 2 / 3),
        ("1/16", 0.0625),
        ("1 3/5", 1.6),
        ("minus 5", -5),
        ("40k", 40000),
        ("2e5", 2e5),
    ],
)
def test_parse_number_en(text: str, value: float) -> None:
    assert parse_number_en(text) == pytest.approx(value)


@pytest.mark.parametrize("text", ["", "million", "dozen", "five five", "hello", "a"])
def test_parse_number_en_rejects(text: str) -> None:
    assert parse_number_en(text) is None


def test_detect_language() -> None:
    assert detect_language("全国人工智能企业超过4500家") == "zh"
    assert detect_language("The 人工智能+ plan was announced on Monday by the council.") == "en"
    assert detect_language("英伟达H20芯片售价约1.2万美元") == "zh"


def test_split_by_language_groups_sentences() -> None:
    text = "Revenue rose 5%. Profit fell. 营收增长5%。利润下降。 Back to English."
    regions = split_by_language(text)
    assert [lang for _, _, lang in regions] == ["en", "zh", "en"]
    assert "".join(text[s:e] for s, e, _ in regions) == text
    assert split_by_language(text, "zh-CN") == [(0, len(text), "zh")]
