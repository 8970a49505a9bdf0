"""The density extractor: blocks, link density, the net-content container."""

from __future__ import annotations

from lxml.html import HtmlElement

from sinoscope.extract import parse_html
from sinoscope.extract.density import analyse_page, collect_blocks, extract_dense

PARA = (
    "人工智能企业加快布局算力中心，新建项目总投资超过数百亿元。"
    "据了解，这些算力中心将主要用于大模型的训练和推理。"
)


def _tree(html: str) -> HtmlElement:
    tree = parse_html(html)
    assert tree is not None
    return tree


def test_blocks_follow_document_order_and_keep_inline_text_together() -> None:
    tree = _tree(
        "<div><p>A <span><b>B</b> C</span> D<br>E <a href='/x'>link</a></p>"
        "<script>var x;</script><p>F</p></div>"
    )
    blocks = collect_blocks(tree)
    assert [b.text for b in blocks] == ["A B C D\nE link", "F"]
    first = blocks[0].lines()
    assert first[1].text == "E link"
    assert first[1].link_letters == 4 and first[1].letters == 5


def test_hidden_and_named_boilerplate_subtrees_are_skipped() -> None:
    tree = _tree(
        "<body><div class='comments'><p>A reader comment.</p></div>"
        "<div style='display: none'><p>Hidden.</p></div><nav><p>Menu</p></nav>"
        "<p class='article-share-count'>Kept: only whole tokens are matched.</p></body>"
    )
    assert [b.text for b in collect_blocks(tree)] == ["Kept: only whole tokens are matched."]


def test_the_article_container_wins_over_navigation_and_link_lists() -> None:
    nav = "".join(f"<a href='/{i}'>栏目{i}</a> " for i in range(40))
    related = "".join(f"<li><a href='/r{i}'>相关新闻标题第{i}条内容</a></li>" for i in range(15))
    html = (
        f"<html><body><div id='nav'>{nav}</div><table><tr>"
        f"<td id='main'><h1>算力中心开工</h1><p>{PARA}</p><p>{PARA}</p><p>{PARA}</p></td>"
        f"<td id='side'><ul>{related}</ul></td></tr></table></body></html>"
    )
    result = extract_dense(_tree(html))
    assert result.text.count(PARA) == 3
    assert "算力中心开工" in result.text  # a short heading inside the container is kept
    assert "栏目" not in result.text and "相关新闻" not in result.text
    assert result.content_length == result.page_content_length


def test_old_table_layout_with_br_paragraphs() -> None:
    html = (
        f"<table><tr><td><a href='/'>首页</a> <a href='/n'>新闻</a></td></tr>"
        f"<tr><td>{PARA}<br><br>{PARA}<br>{PARA}</td></tr></table>"
    )
    result = extract_dense(_tree(html))
    assert result.text.split("\n") == [PARA, PARA, PARA]


def test_link_statistics_per_line() -> None:
    page = analyse_page(
        _tree("<p><a href='/1'>首页</a> | <a href='/2'>科技</a></p><p>正文内容很长。</p>")
    )
    assert page.link_density("首页 | 科技") == 1.0
    assert page.link_density("正文内容很长。") == 0.0
    assert page.link_density("not on the page") is None
    assert page.lines == ["首页 | 科技", "正文内容很长。"]


def test_pages_without_prose() -> None:
    assert extract_dense(_tree("<p><a href='/1'>Home</a></p>")).text == ""
    assert extract_dense(_tree("<html><body></body></html>")).content_length == 0
