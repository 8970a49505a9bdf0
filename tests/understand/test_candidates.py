from __future__ import annotations

from sinoscope.records import Mention
from sinoscope.understand.candidates import find_candidates

from .conftest import Analyze


def test_english_organisation_names_not_in_the_gazetteer() -> None:
    text = (
        "Chinese startup Lumen Robotics and Harbor Vision Technologies signed a deal with "
        "Qingshan University, while Kestrel, a Beijing-based firm, stayed out."
    )
    assert find_candidates(text, []) == (
        "Lumen Robotics",
        "Harbor Vision Technologies",
        "Qingshan University",
        "Kestrel",
    )


def test_chinese_organisation_names() -> None:
    text = (
        "美方将云帆科技、星河芯片公司列入清单，清源大学和某公司未受影响。在收购远光智能有限公司时"
    )
    assert find_candidates(text, [], "zh") == (
        "云帆科技",
        "星河芯片公司",
        "清源大学",
        "远光智能有限公司",
    )


def test_known_entities_and_generic_phrases_are_skipped() -> None:
    text = "Baidu Technologies signed with the company. 该公司和上市公司表示。"
    known = [Mention("baidu", 0, 5, "Baidu")]
    assert find_candidates(text, known, "zh") == ()


def test_candidates_on_an_analysis_are_deduplicated(analyze: Analyze) -> None:
    text = "Lumen Robotics raised $50 million.\nInvestors in Lumen Robotics include banks."
    assert analyze(text).candidates == ("Lumen Robotics",)
