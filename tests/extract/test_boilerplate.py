"""clean_lines: each rule on its own, and lines that must survive."""

from __future__ import annotations

import pytest

from sinoscope.extract.boilerplate import ALL_RULES, clean_lines

ARTICLE = "人工智能企业加快布局算力中心，新建项目总投资超过数百亿元。"


@pytest.mark.parametrize(
    ("rule", "line"),
    [
        ("editor", "责任编辑：王五"),
        ("editor", "（责编：萧潇、张妍）"),
        ("editor", "【编辑:刘欢】"),
        ("copyright", "版权所有 2024 示例新闻网 未经授权禁止转载"),
        ("copyright", "Copyright © 2024 The Example Herald. All rights reserved."),
        ("widget", "扫一扫 分享到微信"),
        ("widget", "【打印本稿】【关闭窗口】"),
        ("widget", "【字体：大 中 小】"),
        ("widget", "Share this article"),
        ("widget", "Comments"),
        ("dateline", "2024-04-19 14:32更新 来源：示例新闻网 | 发表评论"),
        ("dateline", "来源：新华网"),
        ("dateline", "时间：2024年4月19日14:18 作者：张三"),
    ],
)
def test_rule_drops_its_lines(rule: str, line: str) -> None:
    text = f"{ARTICLE}\n{line}\n{ARTICLE}"
    assert clean_lines(text, rules={rule}) == f"{ARTICLE}\n{ARTICLE}"
    assert clean_lines(text, rules=ALL_RULES - {rule}) == text


def test_title_line_is_dropped_only_at_the_top() -> None:
    text = f"算力中心开工\n{ARTICLE}\n算力中心开工"
    assert clean_lines(text, title="算力中心开工", rules={"title"}) == f"{ARTICLE}\n算力中心开工"


def test_related_reading_tail_is_cut() -> None:
    body = "\n".join([ARTICLE] * 4)
    text = f"{body}\n相关阅读\n多地出台政策支持人工智能产业发展\n专家：算力建设要避免重复投资"
    assert clean_lines(text, rules={"tail"}) == body
    early = f"相关阅读\n{body}"  # a heading at the top is not a tail
    assert clean_lines(early, rules={"tail"}) == early


@pytest.mark.parametrize(
    "line",
    [
        "专家表示，版权保护和数据安全是人工智能发展的重要议题，需要完善相关法律法规，明确各方责任。",
        "The share of companies using AI rose to 40% in 2024, the survey found.",
        "编辑部认为，这一政策将推动产业发展。",
        "2024年4月19日，工业和信息化部发布了新的算力发展行动计划，提出到2025年算力规模超过300EFLOPS。",
    ],
)
def test_content_lines_survive(line: str) -> None:
    assert clean_lines(line) == line
