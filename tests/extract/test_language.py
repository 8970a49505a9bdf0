"""detect_language: the CJK fast path, py3langid for the rest, None when unsure."""

from __future__ import annotations

import pytest

from sinoscope.extract import detect_language
from sinoscope.extract.language import cjk_share, text_length


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("The ministry said the new data centres would open next year in three provinces.", "en"),
        ("工业和信息化部表示，新建数据中心将于明年在三个省份投入使用。", "zh"),
        ("人工智慧產業發展迅速，晶片設計公司持續增加投資。", "zh"),
        # Chinese with English names and acronyms is Chinese
        (
            "华为发布了新的 Ascend 910C 芯片，OpenAI 和 NVIDIA 的竞争对手正在增加。"
            "国产 GPU 需求旺盛。",
            "zh",
        ),
        # English quoting a few Chinese words is English
        (
            "The slogan 新质生产力 (new quality productive forces) appears in every policy "
            "document published by the provincial governments this year, officials said.",
            "en",
        ),
        ("人工知能の開発が進んでいると政府は発表した。", "ja"),
        ("Les autorités ont annoncé de nouveaux centres de données dans trois provinces.", "fr"),
    ],
)
def test_detect_language(text: str, language: str) -> None:
    assert detect_language(text) == language


@pytest.mark.parametrize("text", ["", "   ", "12345 67890", "OK"])
def test_too_little_text_is_unknown(text: str) -> None:
    assert detect_language(text) is None


def test_cjk_helpers() -> None:
    assert cjk_share("中国AI") == pytest.approx(0.5)
    assert cjk_share("") == 0.0
    assert text_length("中国 AI chips 2024") == 5  # 2 Han characters + 3 words
