"""The analyzer over every article of the bundled demo corpus: planted claims come out right."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest

import sinoscope.demo
from sinoscope.extract import extract
from sinoscope.records import CLAIM_KINDS, Analysis, Beat, Claim, Page
from sinoscope.understand import Understander

CORPUS = Path(sinoscope.demo.__file__).parent / "corpus"


@dataclass(frozen=True)
class Article:
    path: str
    language: str
    topics: tuple[str, ...]
    text: str
    analysis: Analysis


@pytest.fixture(scope="module")
def corpus(beat: Beat, understander: Understander) -> dict[str, Article]:
    out: dict[str, Article] = {}
    for lang in ("en", "zh"):
        manifest = tomllib.loads((CORPUS / f"manifest-{lang}.toml").read_text("utf-8"))
        for entry in manifest["article"]:
            page = Page(
                url=f"http://127.0.0.1/{entry['path']}",
                body=(CORPUS / "site" / entry["path"]).read_bytes(),
                fetched_at=datetime(2026, 12, 1, tzinfo=UTC),
                source_id=entry["source"],
            )
            extraction = extract(page)
            analysis = understander.analyze(
                entry["path"],
                extraction.text,
                language=extraction.language,
                publisher=beat.source(entry["source"]),
                published=extraction.published,
                title=extraction.title,
            )
            out[entry["path"]] = Article(
                entry["path"], lang, tuple(entry["topics"]), extraction.text, analysis
            )
    return out


def claims_of(corpus: dict[str, Article], path: str) -> tuple[Claim, ...]:
    return corpus[path].analysis.claims


def test_every_article_is_analysed_with_exact_offsets(corpus: dict[str, Article]) -> None:
    assert len(corpus) >= 80
    for article in corpus.values():
        assert article.analysis.topics, article.path
        for claim in article.analysis.claims:
            assert claim.kind in CLAIM_KINDS
            assert article.text[claim.start : claim.end] == claim.sentence
            for q in claim.quantities:
                assert article.text[q.start : q.end] == q.text
    with_claims = sum(1 for a in corpus.values() if a.analysis.claims)
    assert with_claims >= len(corpus) - 3


def test_miit_company_count_story(corpus: dict[str, Article]) -> None:
    claims = claims_of(corpus, "xinhua/2024/07/china-ai-enterprises-exceed-4500.html")
    count = next(c for c in claims if c.metric == "ai-company-count")
    assert count.kind == "quantity"
    assert [q.value for q in count.quantities] == [4500]
    assert count.attribution.entity_id == "miit"
    size = next(c for c in claims if c.metric == "core-ai-industry-size" and c.kind == "quantity")
    assert size.time.as_of == "2023"
    targets = [c.time.deadline for c in claims if c.kind == "target"]
    assert targets == [2020, 2025, 2030]


def test_ai_plus_targets(corpus: dict[str, Article]) -> None:
    claims = claims_of(corpus, "xinhua/2025/08/china-issues-guideline-on-ai-plus-initiative.html")
    targets = {
        (c.metric, c.time.deadline, c.quantities[0].value) for c in claims if c.kind == "target"
    }
    assert ("ai-adoption-rate", 2030, 90) in targets
    assert ("ai-adoption-rate", 2027, 70) in targets
    zh = claims_of(corpus, "xinhua-cn/2025-08/26/c_1131456120.htm")
    zh_targets = {(c.metric, c.time.deadline) for c in zh if c.kind == "target"}
    assert {("ai-adoption-rate", 2027), ("ai-adoption-rate", 2030)} <= zh_targets


def test_wire_dateline_attributes_uncited_claims(corpus: dict[str, Article]) -> None:
    claims = claims_of(corpus, "cgtn/2025/10/china-ai-firms-more-than-triple-in-five-years.html")
    earlier = next(c for c in claims if any(q.value == 1400 for q in c.quantities))
    assert earlier.metric == "ai-company-count"
    assert (earlier.attribution.entity_id, earlier.attribution.kind) == ("xinhua", "cited")
    assert earlier.time.period == "five years ago"


def test_chinese_company_count_and_compute(corpus: dict[str, Article]) -> None:
    claims = claims_of(corpus, "xinhua-cn/2024-07/05/c_1130170511.htm")
    count = next(c for c in claims if c.metric == "ai-company-count")
    assert (count.kind, count.attribution.entity_id) == ("quantity", "miit")
    assert count.quantities[0].text == "4500家"
    compute = claims_of(corpus, "xinhua-cn/2024-09/27/c_1130204516.htm")
    latest = next(c for c in compute if c.quantities and c.quantities[0].value == 246)
    assert (latest.metric, latest.time.as_of, latest.attribution.entity_id) == (
        "compute-capacity",
        "2024-06",
        "miit",
    )


def test_hedged_doubts_about_the_adoption_target(corpus: dict[str, Article]) -> None:
    yicai = claims_of(corpus, "yicai/news/102893645.html")
    doubt = next(c for c in yicai if c.kind == "assessment" and c.hedge and "质疑" in c.hedge)
    assert doubt.attribution.entity_id is None
    target = next(c for c in yicai if c.kind == "target" and c.time.deadline == 2030 and c.hedge)
    assert target.quantities[0].unit == "%"
    economist = claims_of(
        corpus, "economist/2026/11/can-china-really-put-ai-into-90-per-cent-of-everything.html"
    )
    assessment = next(c for c in economist if c.kind == "assessment" and c.hedge)
    assert "economists" in assessment.attribution.name
    assert any(c.kind == "target" and c.metric == "ai-adoption-rate" for c in economist)


def test_registry_count_is_the_regulators(corpus: dict[str, Article]) -> None:
    claims = claims_of(corpus, "cac/2025-01/08/c_1738012562431205.htm")
    registry = next(c for c in claims if c.metric == "registered-genai-services")
    assert registry.quantities[0].value == 302
    assert registry.time.as_of == "2024-12-31"
    assert registry.attribution.entity_id == "cac"


def test_topics_agree_with_the_manifest_most_of_the_time(corpus: dict[str, Article]) -> None:
    tp = fp = fn = 0
    for article in corpus.values():
        got = {t for t, _ in article.analysis.topics}
        gold = set(article.topics)
        tp, fp, fn = tp + len(got & gold), fp + len(got - gold), fn + len(gold - got)
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    assert precision >= 0.65 and recall >= 0.7, (precision, recall)
