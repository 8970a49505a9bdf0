"""HTML main text: parsing, the trafilatura/density choice, link lines, article chunks."""

from __future__ import annotations

import pytest

from sinoscope.extract import ExtractOptions, parse_html
from sinoscope.extract.density import analyse_page
from sinoscope.extract.html import add_sibling_chunks, drop_link_lines, main_text

PARA = (
    "人工智能企业加快布局算力中心，新建项目总投资超过数百亿元。"
    "据了解，这些算力中心将主要用于大模型的训练和推理。"
)


@pytest.mark.parametrize(
    "html",
    [
        "<p>A fragment</p>",
        '<?xml version="1.0" encoding="utf-8"?><html><body><p>A fragment</p></body></html>',
        "<text id='x' title='t'><div><p>A fragment</p></div></text>",  # saved by an old crawler
        "<html><body><p>A\x00 frag\x0bment</p></body></html>",
    ],
)
def test_parse_html_copes_with_odd_documents(html: str) -> None:
    tree = parse_html(html)
    assert tree is not None and tree.tag == "html"
    assert "fragment" in tree.text_content().replace("\x00", "").replace(" frag", "frag")


@pytest.mark.parametrize("html", ["", "   ", "\n\t"])
def test_parse_html_of_nothing(html: str) -> None:
    assert parse_html(html) is None


def test_density_fallback_when_trafilatura_finds_nothing() -> None:
    # ASP.NET pages wrap the whole page in one <form>; trafilatura drops forms
    html = (
        f"<html><body><form action='/post'><div>{PARA * 3}</div><div>{PARA * 2}</div>"
        "</form></body></html>"
    )
    tree = parse_html(html)
    assert tree is not None
    found = main_text(tree, None, ExtractOptions())
    assert found.method == "density"
    assert found.text.count(PARA) == 5
    none = main_text(tree, None, ExtractOptions(fallback=False))
    assert none.text == "" and none.warnings == ("no main text found",)


def test_link_lines_are_dropped() -> None:
    html = (
        "<table><tr><td><a href='/1'>首页</a></td><td><a href='/2'>新闻中心</a></td></tr></table>"
        f"<p>{PARA}</p><p>参见<a href='/3'>这里</a>的完整报告全文内容。</p>"
    )
    tree = parse_html(html)
    assert tree is not None
    page = analyse_page(tree)
    text = f"| 首页 | 新闻中心 |\n{PARA}\n参见这里的完整报告全文内容。"
    assert drop_link_lines(text, page) == f"{PARA}\n参见这里的完整报告全文内容。"


def test_sibling_chunks_of_a_split_article_are_added() -> None:
    more = (
        " It goes on with details about budgets, suppliers, power prices and the people involved"
        * 2
    )
    first = "First part of the story about compute clusters, which goes on for a while." + more
    second = "Second part of the story, after the advertisement, with facts and figures." + more
    third = "Third part of the story says what comes next for the domestic chip makers." + more
    html = (
        "<html><body><article><div class='chunks'>"
        f"<div class='row'><div class='story-body'><p>{first}</p></div></div>"
        "<div class='ad'><a href='/ad'>Buy now</a></div>"
        f"<div class='row'><div class='story-body'><p>{second}</p></div></div>"
        f"<div class='row'><div class='story-body'><p>{third}</p></div></div>"
        "</div></article><div class='teasers'><div class='story-body'>"
        f"<p>A teaser for another story, far away in the page, stays out of the text.{more}</p>"
        "</div></div></body></html>"
    )
    tree = parse_html(html)
    assert tree is not None
    page = analyse_page(tree)
    assert add_sibling_chunks(first, page) == f"{first}\n{second}\n{third}"
    assert add_sibling_chunks(f"{first}\n{second}\n{third}", page) == f"{first}\n{second}\n{third}"
    assert add_sibling_chunks("text not on the page", page) == "text not on the page"
