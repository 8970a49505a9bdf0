"""The words a briefing adds around its sources: section titles and joiners, en and zh."""

from __future__ import annotations

__all__ = ["LABELS", "SPECIAL_SECTIONS"]

LABELS = {
    "en": {
        "disputes": "Contradictions & disputed figures",
        "indicators": "Targets and latest figures",
        "changes": "What changed since the last briefing",
        "single": "Single-source reports",
        "key": "Key facts",
        "other": "Other reports",
        "others": "other outlets",
        "empty": "No qualifying reports",
        "also": "Also",
    },
    "zh": {
        "disputes": "分歧与存疑数字",
        "indicators": "目标与最新数字",
        "changes": "与上期简报相比的变化",
        "single": "单一来源报道",
        "key": "要点",
        "other": "其他报道",
        "others": "等媒体",
        "empty": "暂无符合条件的报道",
        "also": "另外",
    },
}

SPECIAL_SECTIONS = frozenset(
    LABELS[language][key]
    for language in LABELS
    for key in ("disputes", "indicators", "changes", "single")
)
