"""Normalisation, content hashes and shingles (sinoscope.dedupe.text)."""

from __future__ import annotations

import random

import numpy as np
import pytest

from sinoscope.dedupe import content_hash, normalize_text, shingles, uses_char_shingles
from sinoscope.dedupe.text import CHAR_SHINGLE, WORD_SHINGLE


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (
            "China had more than 4,500 AI companies.\n\nThe core industry neared 600 billion yuan",
            "  china had more than 4,500 AI companies.   The CORE industry neared 600 billion yuan",
        ),
        ("“AI Plus” targets — 70% by 2027", '"AI Plus" targets - 70% by 2027'),
        (
            "人工智能企业数量超过４５００家，核心产业规模接近６０００亿元。",
            "人工智能企业数量超过4500家,核心产业规模接近6000亿元。",
        ),
        ("华为 Mate 60 Pro 搭载麒麟 9000S 芯片。", "华为Mate 60 Pro搭载麒麟9000S芯片。"),
        (
            "国家集成电路产业投资基金\n三期注册资本3440亿元。",
            "国家集成电路产业投资基金三期注册资本3440亿元。",
        ),
        ("ＡＩ＋行动（２０２５）", "ai+行动(2025)"),
        ("soft\u00adhyphen and zero\u200bwidth", "softhyphen and zerowidth"),
    ],
)
def test_content_hash_ignores_trivial_differences(a: str, b: str) -> None:
    assert content_hash(a) == content_hash(b)


def test_content_hash_sees_real_differences() -> None:
    assert content_hash("more than 4,500 AI companies") != content_hash(
        "more than 5,000 AI companies"
    )
    assert content_hash("超过4500家") != content_hash("超过5000家")
    assert len(content_hash("x")) == 64


def test_normalize_text_is_idempotent() -> None:
    rng = random.Random(3)
    alphabet = "aZ ß İ ﬁ，。：“”‘’—–…\u3000\u00ad\u200bＡ１华为人工智能\n\t Ǆ ǰ Ω ﬀ ㎏ ①"
    for _ in range(300):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        once = normalize_text(text)
        assert normalize_text(once) == once, repr(text)


def test_english_uses_word_shingles() -> None:
    words = [f"word{i}" for i in range(20)]
    sh = shingles(" ".join(words), "en")
    assert sh.dtype == np.uint32
    assert sh.size == len(words) - WORD_SHINGLE + 1
    # punctuation and case do not make new shingles
    assert np.array_equal(sh, shingles(", ".join(w.upper() for w in words) + "!", "en"))


def test_chinese_uses_character_shingles() -> None:
    text = "国务院印发关于深入实施人工智能行动的意见提出到二七年新一代智能终端普及率超过七成"
    grams = {text[i : i + CHAR_SHINGLE] for i in range(len(text) - CHAR_SHINGLE + 1)}
    assert len(grams) == len(text) - CHAR_SHINGLE + 1  # no character n-gram repeats
    assert shingles(text, "zh").size == len(text) - CHAR_SHINGLE + 1
    assert shingles(text, "zh-Hans").size == len(text) - CHAR_SHINGLE + 1
    # unknown language: decided by the share of CJK tokens
    assert uses_char_shingles(text)
    assert np.array_equal(shingles(text), shingles(text, "zh"))
    assert not uses_char_shingles("Huawei said on Monday that 华为 would ship more chips")
    assert uses_char_shingles("华为周一表示将扩大Ascend芯片出货量")
    assert not uses_char_shingles(text, "en")


def test_latin_words_inside_chinese_are_one_token() -> None:
    # "mate" and "60" are single tokens: five tokens make two 4-token shingles
    assert shingles("华为mate 60发布", "zh").size == 6 - CHAR_SHINGLE + 1


def test_short_and_empty_texts() -> None:
    assert shingles("", "en").size == 0
    assert shingles("… — !!", None).size == 0
    assert shingles("hello world", "en").size == 1  # shorter than one shingle: one shingle
    assert shingles("人工", "zh").size == 1


def test_bad_shingle_size_says_what_to_do() -> None:
    with pytest.raises(ValueError, match="defaults are"):
        shingles("some text here", "en", word_size=0)


def test_long_texts_are_hashed_in_windows_without_losing_tokens() -> None:
    words = [f"w{i:05d}" for i in range(20_000)]  # 140,000 characters: three windows
    long = shingles(" ".join(words), "en")
    assert long.size == len(words) - WORD_SHINGLE + 1
    window_edge = 65_536 // 7
    for i in [0, *range(window_edge - 5, window_edge + 5), 2 * window_edge, len(words) - 3]:
        assert shingles(" ".join(words[i : i + WORD_SHINGLE]), "en")[0] in long
    assert shingles("x" * 70_000 + " tail end", "en").size == 1  # a giant token does not break


def test_han_extension_characters_are_cjk_and_emoji_separate() -> None:
    assert uses_char_shingles("𠀀𠀁𠀂𠀃𠀄")  # CJK extension B, outside the BMP
    assert shingles("𠀀𠀁𠀂𠀃𠀄", "zh").size == 5 - CHAR_SHINGLE + 1
    with_emoji = shingles("rocket 🚀 launch today", "en")
    assert np.array_equal(with_emoji, shingles("rocket launch today", "en"))
