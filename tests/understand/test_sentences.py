from __future__ import annotations

import time

from sinoscope.understand import split_sentences
from sinoscope.understand.sentences import segment


def texts(text: str, language: str | None = None) -> list[str]:
    out = split_sentences(text, language)
    for s in out:
        assert text[s.start : s.end] == s.text
        assert s.text == s.text.strip()
    return [s.text for s in out]


def test_english_abbreviations_decimals_and_quotes_stay_inside() -> None:
    text = (
        "Acme Corp. told the U.S. regulator on Sept. 3 that revenue grew 3.5% to $1.2 billion. "
        'Mr. Lin called it "a turning point." Shipments, e.g. of servers, rose at 9 a.m. trading. '
        "The No. 1 vendor declined to comment..."
    )
    assert texts(text) == [
        "Acme Corp. told the U.S. regulator on Sept. 3 that revenue grew 3.5% to $1.2 billion.",
        'Mr. Lin called it "a turning point."',
        "Shipments, e.g. of servers, rose at 9 a.m. trading.",
        "The No. 1 vendor declined to comment...",
    ]


def test_newlines_always_end_a_sentence() -> None:
    text = "Key findings\n- Output rose 12 percent\n\nA second paragraph here. And more."
    assert texts(text) == [
        "Key findings",
        "- Output rose 12 percent",
        "A second paragraph here.",
        "And more.",
    ]


def test_title_after_a_full_stop_starts_a_sentence() -> None:
    assert texts("The chips were late. Dr. Chen blamed the supplier.") == [
        "The chips were late.",
        "Dr. Chen blamed the supplier.",
    ]


def test_chinese_punctuation_quotes_and_decimals() -> None:
    text = "算力规模增长3.5%。他说：“目标能够实现！”随后离开。会议结束；代表返回……最后一句"
    assert texts(text, "zh") == [
        "算力规模增长3.5%。",
        "他说：“目标能够实现！”",
        "随后离开。",
        "会议结束；",
        "代表返回……",
        "最后一句",
    ]


def test_closing_quote_stays_with_its_sentence_and_the_speech_verb_joins_it() -> None:
    assert texts("“数量将超过6000家。”一位分析师说。另一句。", "zh") == [
        "“数量将超过6000家。”一位分析师说。",
        "另一句。",
    ]


def test_datelines_are_sentences_of_their_own() -> None:
    en = "SHANGHAI, March 3 (Xinhua) -- Robot makers shipped 9,000 units. Orders grew."
    assert texts(en) == [
        "SHANGHAI, March 3 (Xinhua) --",
        "Robot makers shipped 9,000 units.",
        "Orders grew.",
    ]
    zh = "新华社上海3月3日电（记者王青）机器人企业出货9000台。订单增长。"
    assert texts(zh) == ["新华社上海3月3日电（记者王青）", "机器人企业出货9000台。", "订单增长。"]


def test_mixed_documents_split_each_paragraph_in_its_own_language() -> None:
    text = "The plan was issued on Monday. It sets goals.\n计划周一发布。提出了目标。"
    segments = segment(text)
    assert [(s.language, s.paragraph) for s in segments] == [
        ("en", 0),
        ("en", 0),
        ("zh", 1),
        ("zh", 1),
    ]
    assert [s.sentence.text for s in segments][2:] == ["计划周一发布。", "提出了目标。"]


def test_empty_and_blank_text() -> None:
    assert split_sentences("") == []
    assert split_sentences(" \n\n \t") == []


def test_splitting_is_fast() -> None:
    paragraph = (
        "Chinese developers released 12 models in March, according to the ministry. "
        "Analysts said growth of 3.5% was modest. The U.S. response was muted.\n"
    )
    text = paragraph * 60  # about 1,300 words
    start = time.perf_counter()
    for _ in range(5):
        out = split_sentences(text, "en")
    per_call = (time.perf_counter() - start) / 5
    assert len(out) == 180
    assert per_call < 0.05  # measured ~2 ms on the 2-core dev machine; generous for noise
