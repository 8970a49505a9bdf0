from __future__ import annotations

import pytest

from sinoscope.write.evidence import (
    NumberPool,
    capitalised_names,
    lexical_support,
    sentence_numbers,
    strip_markers,
)


def unsupported(sentence: str, span: str) -> list[str]:
    pool = NumberPool.of([span])
    return [n.text for n in sentence_numbers(sentence) if not pool.supports(n)]


@pytest.mark.parametrize(
    ("sentence", "span"),
    [
        ("5,000 firms", "五千家企业"),
        ("5,000 firms", "5千家"),
        ("5 000 firms", "5000家"),
        ("4,500 companies", "超过4500家"),
        ("344 billion yuan", "规模达3440亿元"),
        ("34.4 billion yuan", "344亿元"),
        ("$1.2 billion", "12亿美元"),
        ("90% by 2030", "到2030年达到百分之九十"),
        ("90 percent", "九成企业"),
        ("a third of firms", "三分之一的企业"),
        ("from 1,400 to 5,000", "由1400家增至5000家"),
        ("the 14th Five-Year Plan", "第十四个五年规划"),
        ("On May 5, 2024", "2024年5月5日"),
        ("Ascend 910B chips", "昇腾910B芯片"),
        ("１２３ labs", "123 labs"),
    ],
)
def test_equal_numbers_match_in_any_notation(sentence: str, span: str) -> None:
    assert unsupported(sentence, span) == []


@pytest.mark.parametrize(
    ("sentence", "span", "missing"),
    [
        ("6,000 firms", "五千家企业", "6,000 firms"),
        ("345 billion yuan", "3440亿元", "345 billion yuan"),
        ("90% of firms", "90家企业", "90%"),
        ("by 2031", "到2030年", "by 2031"),
        ("on Oct 10", "Oct 17: 10 firms", "Oct 10"),
        ("from 1,500 to 5,000", "由1400家增至5000家", "1,500 to 5,000"),
        ("the 15th plan", "第十四个五年规划", "15"),
    ],
)
def test_other_numbers_do_not(sentence: str, span: str, missing: str) -> None:
    assert unsupported(sentence, span) == [missing]


def test_one_as_a_word_is_not_a_figure() -> None:
    assert unsupported("One of the largest firms, one analyst said", "最大的企业之二") == []


def test_markers_are_stripped() -> None:
    assert strip_markers("Firms grew [c:17] fast [3][4, 5].") == "Firms grew fast."


def test_capitalised_names() -> None:
    text = "Tencent and Shenzhen-based Unitree told U.S. officials in May that Baidu's Ernie grew."
    assert capitalised_names(text) == ["Tencent", "Shenzhen", "Unitree", "Baidu", "Ernie"]
    assert capitalised_names("The ministry said SMIC grew.") == ["SMIC"]


def test_lexical_support() -> None:
    span = "China now has more than 5,000 AI companies, the ministry said."
    assert lexical_support("China has 5,000 AI companies.", [span]) == 1.0
    low = lexical_support("Exports of rare earth magnets to Europe fell.", [span])
    assert low is not None and low < 0.2
    assert (
        lexical_support("China has 5,000 AI companies.", ["全国人工智能企业超过4500家。"]) is None
    )
    zh = lexical_support("全国人工智能企业数量超过4500家。", ["全国人工智能企业超过4500家。"])
    assert zh is not None and zh > 0.7
