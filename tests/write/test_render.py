from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime

import lxml.html
import pytest

from sinoscope.errors import ConfigError
from sinoscope.records import Briefing, BriefingSection, BriefingSource, Citation
from sinoscope.write import render, render_html, render_json, render_markdown

from .briefings import (
    EN_COMPANIES,
    EN_INDUSTRY,
    SOURCES,
    ZH_COMPANIES,
    briefing,
    sentence,
    span,
)

EVIL = "<script>alert('x')</script>"


def sample(writer: str = "extractive") -> Briefing:
    return briefing(
        sentence(EN_COMPANIES, span("doc-en", EN_COMPANIES)),
        sentence(EN_INDUSTRY, span("doc-en", EN_INDUSTRY), span("doc-zh", ZH_COMPANIES)),
        sentence(
            f"According to 工信部 (in Chinese): “{ZH_COMPANIES}”", span("doc-zh", ZH_COMPANIES)
        ),
        writer=writer,
    )


def test_json_contract() -> None:
    data = render_json(sample())
    json.dumps(data)  # serialisable as is
    assert {"title", "dek", "window", "sections", "sources"} <= data.keys()
    assert data["window"] == {
        "start": "2024-05-01T00:00:00+00:00",
        "end": "2024-05-08T00:00:00+00:00",
    }
    assert data["writer"] == "extractive"
    (section,) = data["sections"]
    assert section["title"] == "Companies & investment"
    first = section["sentences"][0]
    assert first["text"] == EN_COMPANIES
    citation = span("doc-en", EN_COMPANIES)
    assert first["citations"] == [
        {
            "document_id": "doc-en",
            "start": citation.start,
            "end": citation.end,
            "claim_id": None,
            "source": 1,
        }
    ]
    assert "original" not in first
    assert data["sources"][1] == {
        "number": 2,
        "document_id": "doc-zh",
        "title": "全国人工智能企业超过4500家",
        "url": "https://www.miit.gov.cn/xwdt/art.html",
        "source": "工信部",
        "source_id": "miit",
        "published": "2024-05-03T00:00:00+00:00",
    }


def test_json_keeps_originals() -> None:
    b = briefing(
        sentence(
            "China has over 4,500 AI firms.", span("doc-zh", ZH_COMPANIES), original=ZH_COMPANIES
        ),
        writer="llm:qwen",
    )
    assert render_json(b)["sections"][0]["sentences"][0]["original"] == ZH_COMPANIES


def test_markdown_numbers_citations_and_lists_sources() -> None:
    md = render_markdown(sample())
    assert md.startswith("# China's AI drive this week\n\n*Company counts and industry size")
    assert "Covers: 2024-05-01 – 2024-05-08 · written by: extractive" in md
    assert "## Companies & investment" in md
    assert "Thursday.[1] The core AI industry" in md
    assert "the ministry added.[1][2]" in md
    assert "(original Chinese quoted; no translation configured)" in md
    assert "## Sources\n\n1. [China has more than 5,000 AI firms]" in md
    assert "(<https://english.news.cn/20240502/ai.html>) — Xinhua, 2024-05-02" in md
    assert "2. [全国人工智能企业超过4500家](<https://www.miit.gov.cn/xwdt/art.html>)" in md
    assert "[1]: <https://english.news.cn/20240502/ai.html>" in md


def test_markdown_escapes_source_text() -> None:
    b = briefing(
        sentence(f"1. A *bold* [link](http://x) {EVIL}", span("doc-en", EN_COMPANIES)),
        title=f"Evil {EVIL}",
        sources=(
            BriefingSource(
                1, "doc-en", "t](javascript:alert(1))", "javascript:alert(1)", None, None, None
            ),
        ),
    )
    md = render_markdown(b)
    assert "<script>" not in md
    assert "\\<script\\>" in md
    assert "\\*bold\\* \\[link\\](http://x)" in md
    assert "1\\. A" in md  # not a list item
    assert "\n1. t\\](javascript:alert(1))\n" in md  # plain text: the bracket is escaped
    assert "[1]: " not in md  # no reference to a javascript: URL


def test_markdown_shows_originals_beside_paraphrases() -> None:
    b = briefing(
        sentence(
            "China has over 4,500 AI firms.", span("doc-zh", ZH_COMPANIES), original=ZH_COMPANIES
        ),
        writer="llm:qwen",
    )
    md = render_markdown(b)
    assert "China has over 4,500 AI firms.[2]" in md
    assert f"> Original (Chinese)[2]: {ZH_COMPANIES}" in md
    assert "no translation configured" not in md


def parse(html: str) -> lxml.html.HtmlElement:
    return lxml.html.document_fromstring(html)


def test_html_is_self_contained_and_links_citations_to_sources() -> None:
    html = render_html(sample())
    doc = parse(html)
    assert doc.get("lang") == "en"
    assert doc.xpath("//script") == [] and doc.xpath("//link") == []
    assert doc.xpath("//style")
    assert doc.xpath("//h1")[0].text_content() == "China's AI drive this week"
    sups = [a.get("href") for a in doc.xpath("//sup[@class='cite']/a")]
    assert sups == ["#source-1", "#source-1", "#source-2", "#source-2"]
    items = doc.xpath("//ol[@class='sources']/li")
    assert [li.get("id") for li in items] == ["source-1", "source-2"]
    assert items[0].xpath("cite/a")[0].get("href") == "https://english.news.cn/20240502/ai.html"
    assert "Xinhua, 2024-05-02" in items[0].text_content()


def test_html_marks_chinese_quotes_and_says_they_are_untranslated() -> None:
    doc = parse(render_html(sample()))
    zh = doc.xpath("//span[@class='sentence']//span[@lang='zh-Hans']")
    assert [z.text_content() for z in zh] == ["工信部", f"{ZH_COMPANIES}”"]
    notes = [n.text_content() for n in doc.xpath("//span[@class='note']")]
    assert notes == ["(original Chinese quoted; no translation configured)"]


def test_html_with_llm_writer_shows_the_original_beside_the_paraphrase() -> None:
    b = briefing(
        sentence(
            "China has over 4,500 AI firms.", span("doc-zh", ZH_COMPANIES), original=ZH_COMPANIES
        ),
        sentence(
            f"According to 工信部 (in Chinese): “{ZH_COMPANIES}”", span("doc-zh", ZH_COMPANIES)
        ),
        writer="llm:qwen2.5",
    )
    doc = parse(render_html(b))
    (q,) = doc.xpath("//q[@class='original']")
    assert q.get("lang") == "zh-Hans"
    assert q.text_content() == "Original" + ZH_COMPANIES
    notes = [n.text_content() for n in doc.xpath("//span[@class='note']")]
    assert notes == ["(original Chinese quoted; no verified translation)"]
    cites = doc.xpath("//ol[@class='sources']/li/cite")
    assert [c.get("lang") for c in cites] == [None, "zh-Hans"]


def test_html_escapes_everything_from_sources() -> None:
    evil_source = BriefingSource(
        1,
        "doc-en",
        f"Title {EVIL}",
        "javascript:alert(1)",
        "x",
        f"Outlet {EVIL}",
        datetime(2024, 5, 2, tzinfo=UTC),
    )
    b = briefing(
        sentence(f"Sentence {EVIL} & more", span("doc-en", EN_COMPANIES)),
        title=f"Headline {EVIL}",
        dek=f'Dek "{EVIL}"',
        sources=(evil_source,),
    )
    html = render_html(b)
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    doc = parse(html)
    assert doc.xpath("//script") == []
    assert doc.xpath("//title")[0].text_content() == f"Headline {EVIL}"
    assert f"Sentence {EVIL} & more" in doc.xpath("//span[@class='sentence']")[0].text_content()
    (li,) = doc.xpath("//ol[@class='sources']/li")
    assert li.xpath(".//a") == []  # a javascript: URL is not a link
    assert f"Title {EVIL}" in li.text_content()
    assert all("javascript" not in (a.get("href") or "") for a in doc.xpath("//a"))


def test_citation_of_a_document_missing_from_sources() -> None:
    b = briefing(sentence(EN_COMPANIES, Citation("doc-x", 0, 5)), sources=SOURCES[:1])
    assert "[?]" in render_markdown(b)
    doc = parse(render_html(b))
    assert [s.text_content() for s in doc.xpath("//sup[@class='cite']")] == ["?"]


def test_chinese_briefing() -> None:
    b = briefing(
        sentence(ZH_COMPANIES, span("doc-zh", ZH_COMPANIES)),
        title="本周中国人工智能动态",
        dek="企业数量与产业规模",
        language="zh",
    )
    doc = parse(render_html(b))
    assert doc.get("lang") == "zh-Hans"
    assert "来源" in doc.xpath("//footer/h2")[0].text_content()
    assert doc.xpath("//span[@class='note']") == []
    assert "## 来源" in render_markdown(b)


def test_render_dispatch() -> None:
    b = sample()
    assert json.loads(render(b, "json"))["title"] == b.title
    assert render(b, "md") == render(b, "markdown") == render_markdown(b)
    assert render(b, "HTML") == render_html(b)
    with pytest.raises(ConfigError, match="use one of: html, md, json"):
        render(b, "pdf")


def test_the_untranslated_note_comes_once_per_section() -> None:
    quote = sentence(f"工信部表示：“{ZH_COMPANIES}”", span("doc-zh", ZH_COMPANIES))
    again = sentence(f"According to 工信部: “{ZH_COMPANIES}”", span("doc-zh", ZH_COMPANIES))
    two = briefing(quote, again)
    two = replace(
        two, sections=(*two.sections, BriefingSection("Targets and latest figures", (quote,)))
    )
    md = render_markdown(two)
    assert md.count("(original Chinese quoted; no translation configured)") == 2  # 2 sections
    notes = [n.text_content() for n in parse(render_html(two)).xpath("//span[@class='note']")]
    assert len(notes) == 2
