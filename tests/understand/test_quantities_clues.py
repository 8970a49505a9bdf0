"""The speed-ups must not change results: gates are never narrower than the patterns they
guard, and the digit-anchored scan finds exactly what a full scan finds."""

from __future__ import annotations

import random
import re

import pytest

from sinoscope.understand.quantities import extract_quantities, extract_times
from sinoscope.understand.quantities.clues import clues_en, finditer_near_digits
from sinoscope.understand.quantities.mentions_en import (
    _DIGIT_RE,
    _DIGIT_REACH,
    _DIGIT_STARTS,
    ANY_NUMBER_EN,
)
from sinoscope.understand.quantities.times import _BLOCK_DIGITS_RE, _BLOCK_STARTS
from sinoscope.understand.quantities.zh import _PHONE_STARTS, _URL

_TOKENS = [
    "US", "U.S.", "$", "HK$", "A$", "€", "£", "Rs.", "RM", "Y=", "PS", "USD", "MUSD", "C", "c",
    "us", "mex", "Mex$", "minus", "-", "−", "+", ".", ",", "(", ")", "#", "No.", "no.", "'",
    "’", "FY", "Q", "H", "v", "V", "/", ":", "am", "pm", " ", " ", " ", "\t", "5", "12",
    "1,234", "2024", "0.5", "007", "86", "+86", "0755", "1380013", "8000", "90s", "x", "to",
]  # fmt: skip


def _random_texts(n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(_TOKENS) for _ in range(rng.randint(1, 14))) for _ in range(n)]


@pytest.mark.parametrize(
    ("pattern", "reach", "starts"),
    [
        (_DIGIT_RE, _DIGIT_REACH, _DIGIT_STARTS),
        (_BLOCK_DIGITS_RE, 8, _BLOCK_STARTS),
        (_URL, 2, _PHONE_STARTS),
    ],
)
def test_digit_anchored_scan_is_a_full_scan(
    pattern: re.Pattern[str], reach: int, starts: frozenset[str]
) -> None:
    texts = [
        "Revenue was U.S. $ 5 million, HK$ -3, minus 7 and +.5; call +86 0755-12345678.",
        "No. 7 at 10:30 pm on 12/05/2024, v1.2.3, FY2024, the ’90s and Rs. 40.",
        *_random_texts(3000, seed=11),
    ]
    for text in texts:
        full = [m.span() for m in pattern.finditer(text)]
        near = [m.span() for m in finditer_near_digits(pattern, text, reach, starts)]
        assert near == full, text


def test_number_gate_is_never_narrower_than_the_number_words() -> None:
    texts = [
        "Sixteen firms", "It DOUBLED", "a third of them", "dozens of labs", "tripling",
        "one", "Halved", "canteen", "no numbers here", "Ninety-nine",
    ]  # fmt: skip
    for text in texts:
        if ANY_NUMBER_EN.search(text):
            assert clues_en(text).number, text
    assert not clues_en("no numbers here").number


def test_gates_open_when_case_folding_is_unusual() -> None:
    clues = clues_en("İstanbul had ſix hundred firms")
    assert clues.number and clues.duration and clues.one_in
    assert [q.value for q in extract_quantities("It grew by 5 per cent in İzmir.", "en")] == [5]


def test_duration_gate() -> None:
    assert clues_en("It took five years.").duration
    assert clues_en("a two-month delay").duration
    assert clues_en("over the past few weeks").duration
    assert not clues_en("This year the firm grew.").duration
    assert [t.text for t in extract_times("This year the firm grew.", "en")] == []


def test_chinese_times_are_cached_but_offsets_follow_the_call() -> None:
    first = extract_times("到2027年，普及率超过70%。", "zh")
    again = extract_times("前言。到2027年，普及率超过70%。", None)
    assert [t.start for t in first] == [0]
    assert [t.start for t in again] == [3]
