"""Line-level boilerplate that survives main-text extraction, in Chinese and English pages.

Each rule is general (no site names) and was kept only when it helped on the whole of both
extraction benchmarks (see bench/eval_extraction.py --rules):

    title      the headline repeated as the first lines (it is `Extraction.title`)
    copyright  short copyright / reprint-ban / disclaimer lines
    editor     editor credits: 责任编辑：…, (责编：…), 【编辑:…】
    widget     lines made only of page-tool words: 打印 关闭 分享到 扫一扫 字体：大 中 小,
               Share, Comments, Print, "You may also like" …
    dateline   short header lines (no sentence punctuation) holding a date with 来源/作者/
               发布时间 … labels, or just a source: 来源：新华网
    tail       a "related reading" heading in the last part of the text: it and what follows
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .density import line_key

ALL_RULES = frozenset({"title", "copyright", "editor", "widget", "dateline", "tail"})

_COPYRIGHT = re.compile(
    r"copyright|©|\(c\)\s*\d{4}|all rights reserved|版权所有|保留所有权利|版权声明|免责声明|"
    r"未经(?:书面)?(?:授权|许可)|禁止转载|不得转载|转载请注明|ICP备|ICP证",
    re.I,
)
_EDITOR = re.compile(
    r"^[\s(（【\[]*(?:责任编辑|责编|编辑|实习编辑|值班编辑|校对|审校|编审|监制|责任校对)\s*[:：]",
    re.I,
)
_WIDGET_WORDS = re.compile(
    r"打印本稿|打印本页|打印此文|打印|关闭窗口|关闭本页|关闭|字体\s*[:：]?|大\s*中\s*小|分享到|"
    r"分享让更多人看到|分享|扫一扫|扫描二维码|二维码|微信|微博|收藏本文|收藏|我来说两句|发表评论|"
    r"查看评论|更多评论|网友评论|评论|我要纠错|纠错|返回顶部|返回首页|返回搜狐|查看更多|返回|"
    r"页面功能|推荐给朋友|推荐|上一篇|下一篇|上一页|下一页|相关链接|相关阅读|相关新闻|相关文章|"
    r"相关专题|相关报道|延伸阅读|推荐阅读|热点推荐|热门推荐|精彩推荐|点击排行|热门评论|最新评论|"
    r"\bshare(?: this)?(?: article| story)?\b|\btweet\b|\bemail\b|\bprint(?: article)?\b|"
    r"\bcomments?\b|\brelated(?: articles| stories| posts| content)?\b|\bread more\b|"
    r"\byou may also like\b|\bdon'?t miss\b|\badvertisement\b|\border reprints\b|\btext size\b|"
    r"\btell us what you think\b|\bshow comments\b|\bleave a (?:comment|reply)\b",
    re.I,
)
_TAIL_HEADING = re.compile(
    r"^[\s■●◆▲▼>·【\[]*(?:相关阅读|相关新闻|相关链接|相关文章|相关报道|相关专题|延伸阅读|推荐阅读|"
    r"热点推荐|热门推荐|精彩推荐|猜你喜欢|更多精彩|related(?: articles| stories| posts| content)?|"
    r"read more|more stories|more from [\w ]+|you may also like|most read[\w ]*|recommended"
    r"(?: for you)?)[\s】\]:：]*$",
    re.I,
)
_DATE = re.compile(
    r"(?:19|20)\d\d\s*(?:[-/.]\s*\d{1,2}\s*[-/.]\s*\d{1,2}|年\s*\d{1,2}\s*月\s*\d{1,2}\s*日?)"
)
_DATELINE_LABEL = re.compile(
    r"来源|稿源|作者|发布|时间|日期|更新|发表|阅读|浏览|点击|编辑|记者|出处"
)
_SOURCE_LINE = re.compile(r"^[\s【\[(（]*(?:来源|稿源|文章来源|出处|信息来源)\s*[:：]")
_PROSE = re.compile(r"[，。；！？]|[.;!?]\s")  # sentence punctuation: a line of prose
_MAX_SHORT = 40  # letters in a line for the widget / editor / source rules
_MAX_DATELINE = 60
_MAX_COPYRIGHT = 300
_TAIL_FROM = 0.5  # a related-reading heading only counts in the last half of the text


def _letters(line: str) -> int:
    return len(line_key(line))


def clean_lines(text: str, title: str | None = None, rules: Iterable[str] = ALL_RULES) -> str:
    """Drop boilerplate lines from extracted text (see the module docstring)."""
    active = frozenset(rules)
    lines = text.split("\n")
    if "tail" in active:
        lines = _cut_tail(lines)
    if "title" in active and title:
        lines = _drop_title(lines, title)
    kept = [line for line in lines if not _is_boilerplate(line, active)]
    return "\n".join(kept)


def _is_boilerplate(line: str, active: frozenset[str]) -> bool:
    stripped = line.strip().strip("|").strip()
    if not stripped:
        return False
    size = _letters(stripped)
    if "copyright" in active and size <= _MAX_COPYRIGHT and _COPYRIGHT.search(stripped):
        return True
    if "editor" in active and size <= _MAX_SHORT and _EDITOR.search(stripped):
        return True
    if "widget" in active and size <= _MAX_SHORT and not _letters(_WIDGET_WORDS.sub("", stripped)):
        return True
    if "dateline" in active and size <= _MAX_DATELINE and not _PROSE.search(stripped):
        if _DATE.search(stripped) and _DATELINE_LABEL.search(stripped):
            return True
        if size <= _MAX_SHORT and _SOURCE_LINE.search(stripped):
            return True
    return False


def _cut_tail(lines: list[str]) -> list[str]:
    total = sum(_letters(line) for line in lines)
    seen = 0
    for i, line in enumerate(lines):
        if seen >= _TAIL_FROM * total and _TAIL_HEADING.match(line.strip().strip("|").strip()):
            return lines[:i]
        seen += _letters(line)
    return lines


def _drop_title(lines: list[str], title: str) -> list[str]:
    key = line_key(title)
    if not key:
        return lines
    for i, line in enumerate(lines[:3]):
        if line_key(line) == key:
            return lines[:i] + lines[i + 1 :]
    return lines
