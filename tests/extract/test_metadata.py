"""Titles and bylines: JSON-LD, meta tags, byline elements, English and Chinese patterns."""

from __future__ import annotations

import pytest
from lxml.html import HtmlElement

from sinoscope.extract import parse_html
from sinoscope.extract.metadata import author_in_text, find_author, find_title


def _tree(head: str = "", body: str = "") -> HtmlElement:
    tree = parse_html(f"<html><head>{head}</head><body>{body}</body></html>")
    assert tree is not None
    return tree


@pytest.mark.parametrize(
    ("line", "author"),
    [
        ("By Jane Doe", "Jane Doe"),
        ("By Jane Doe and John Roe", "Jane Doe and John Roe"),
        ("作者：张三", "张三"),
        ("作者:zboygirl 阅读(1660)", "zboygirl"),
        ("记者 张三 李四", "张三 李四"),
        ("本报记者 王燕平 方云凤", "王燕平 方云凤"),
        ("新华社记者罗科苏盈发自北京", "罗科苏盈"),
        ("新京报记者 彭冲 山东冠县报道", "彭冲"),
        ("文/赵六", "赵六"),
        (
            "据新华社拉萨电（记者 格桑边觉）记者近日从西藏自治区获悉，全区新建厕所4.66万座。",
            "格桑边觉",
        ),
        ("艺术的发展起到极大推动作用。（总台记者 张倩）", "张倩"),
        ("电力体制改革难道不都是利益再分配的过程吗？”（姚峰 上海报道）", "姚峰"),
        ("发布时间 2005/05/17 22:11:42 by 眉间尺", "眉间尺"),
    ],
)
def test_bylines(line: str, author: str) -> None:
    assert author_in_text([line]) == author


@pytest.mark.parametrize(
    "line",
    [
        "经记者查实，这则新闻的主角并不是教师。",  # a sentence mentioning a reporter
        "记者从上海昆剧团获悉，著名导演去世。",
        "Standing by the river, the minister spoke.",
        "作者：",
    ],
)
def test_sentences_are_not_bylines(line: str) -> None:
    assert author_in_text([line]) is None


def test_author_sources_in_order() -> None:
    jsonld = (
        '<script type="application/ld+json">{"@type": "NewsArticle", "author": '
        '[{"@type": "Person", "name": "Jane Doe"}, {"name": "John Roe"}]}</script>'
    )
    assert find_author(_tree(head=jsonld), ["By Someone Else"]) == "Jane Doe John Roe"
    meta = '<meta name="author" content="李楠">'
    assert find_author(_tree(head=meta), ["记者 张三"]) == "李楠"
    assert find_author(_tree(head='<meta name="author" content="L_104485">'), []) is None
    body = '<div class="info"><span class="author">作者：王五</span></div>'
    assert find_author(_tree(body=body), []) == "王五"
    box = '<div class="author-card-message-label">总阅读</div>'
    assert find_author(_tree(body=box), ["记者 赵六"]) == "赵六"
    assert find_author(_tree(body="<p>No byline.</p>"), ["No byline."]) is None


def test_title_prefers_a_confirmed_headline() -> None:
    head = "<title>算力中心开工建设_示例新闻网</title>"
    body = "<h1>网站导航</h1><h1>算力中心开工建设</h1>"
    assert find_title(_tree(head, body)) == "算力中心开工建设"


def test_title_from_og_then_title_tag() -> None:
    og = (
        '<meta property="og:title" content="Chips, compute and policy">'
        "<title>Ignored | Site</title>"
    )
    assert find_title(_tree(head=og)) == "Chips, compute and policy"
    assert find_title(_tree(head="<title>Chips and compute - The Example Herald</title>")) == (
        "Chips and compute"
    )
    assert find_title(_tree(body="<p>nothing</p>")) is None
