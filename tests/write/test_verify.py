from __future__ import annotations

import json
from dataclasses import replace

from sinoscope.records import BriefingSentence, BriefingSource, Citation, Entity, Metric
from sinoscope.understand.entities import EntityLinker
from sinoscope.write import (
    CitedSpan,
    VerifyOptions,
    verify_briefing,
    verify_sentence,
)

from .briefings import (
    CLAIMS,
    DOCUMENTS,
    EN_COMPANIES,
    EN_INDUSTRY,
    ENTITIES,
    ZH_COMPANIES,
    ZH_HUAWEI,
    ZH_TARGET,
    briefing,
    sentence,
    span,
)

LINKER = EntityLinker(ENTITIES)


def check(text: str, *citations: Citation, linker: EntityLinker | None = None, **kw: object):
    report = verify_briefing(
        briefing(sentence(text, *citations, **kw)),  # type: ignore[arg-type]
        DOCUMENTS.get,
        linker=linker,
    )
    assert report.sentences == 1
    return report.results[0]


def test_verbatim_cited_sentence_passes() -> None:
    result = check(EN_COMPANIES, span("doc-en", EN_COMPANIES))
    assert result.ok, result.reasons
    assert result.support == 1.0


def test_uncited_sentence_is_reported() -> None:
    report = verify_briefing(
        briefing(
            sentence(EN_INDUSTRY, span("doc-en", EN_INDUSTRY)),
            sentence("Analysts expect the boom to continue."),
        ),
        DOCUMENTS.get,
    )
    assert not report.ok
    assert report.cited_share == 0.5
    assert report.uncited == ["Analysts expect the boom to continue."]
    assert report.results[0].ok


def test_wrong_number_is_unsupported() -> None:
    text = "China now has more than 6,000 AI companies, up from about 1,400 five years ago."
    result = check(text, span("doc-en", EN_COMPANIES))
    assert result.unsupported_numbers == ("6,000 AI companies",)
    assert not result.ok


def test_wrong_year_is_unsupported() -> None:
    result = check("Adoption is to reach 90% by 2031.", span("doc-zh", ZH_TARGET))
    assert result.unsupported_numbers == ("by 2031",)


def test_numbers_match_in_another_scale_and_language() -> None:
    text = (
        "China has more than 4,500 AI companies and a core industry worth nearly "
        "600 billion yuan; adoption is to reach 90% by 2030."
    )
    result = check(text, span("doc-zh", ZH_COMPANIES), span("doc-zh", ZH_TARGET))
    assert result.unsupported_numbers == ()
    assert result.support is None  # English paraphrase of Chinese spans: not measurable


def test_number_notations_all_match() -> None:
    doc = {"d": "企业超过五千家，规模3440亿元，约5千人，比例达百分之九十。"}
    text = "Over 5 000 firms (5000), 344 billion yuan, 5,000 people and 90 per cent."
    report = verify_briefing(
        briefing(sentence(text, Citation("d", 0, len(doc["d"])))), doc.get, linker=None
    )
    assert report.unsupported_numbers == []


def test_percent_must_match_a_percent() -> None:
    doc = {"d": "到2030年将有90家企业接入。"}
    report = verify_briefing(
        briefing(sentence("Adoption will reach 90% by 2030.", Citation("d", 0, len(doc["d"])))),
        doc.get,
    )
    assert report.unsupported_numbers == [("Adoption will reach 90% by 2030.", "90%")]


def test_citation_markers_are_not_numbers() -> None:
    text = "China now has more than 5,000 AI companies [c:12345][7]."
    result = check(text, span("doc-en", EN_COMPANIES))
    assert result.unsupported_numbers == ()


def test_entity_matches_by_id_across_languages() -> None:
    good = check(
        "Huawei released a new generation of Ascend chips.",
        span("doc-zh", ZH_HUAWEI),
        linker=LINKER,
    )
    assert good.unsupported_entities == ()
    bad = check(
        "SMIC released a new generation of Ascend chips.", span("doc-zh", ZH_HUAWEI), linker=LINKER
    )
    assert bad.unsupported_entities == ("SMIC",)
    assert "name not in the cited text: SMIC" in bad.reasons


def test_unknown_capitalised_name_must_be_in_an_english_span() -> None:
    text = "Tencent now has more than 5,000 AI companies, the ministry said."
    result = check(text, span("doc-en", EN_COMPANIES), linker=LINKER)
    assert result.unsupported_entities == ("Tencent",)


def test_publisher_and_attribution_may_be_named() -> None:
    text = "According to Xinhua, China has more than 5,000 AI companies, MIIT said."
    citation = span("doc-en", EN_COMPANIES)
    citation = Citation(citation.document_id, citation.start, citation.end, "c-companies")
    report = verify_briefing(
        briefing(sentence(text, citation)), DOCUMENTS.get, linker=LINKER, claims=CLAIMS.get
    )
    assert report.unsupported_entities == []
    assert report.ok, report.results[0].reasons


def test_dangling_citations() -> None:
    length = len(DOCUMENTS["doc-en"])
    report = verify_briefing(
        briefing(
            sentence(EN_COMPANIES, Citation("doc-gone", 0, 10)),
            sentence(EN_COMPANIES, Citation("doc-en", length - 5, length + 5)),
            sentence(EN_COMPANIES, Citation("doc-en", 10, 10)),
        ),
        DOCUMENTS.get,
    )
    reasons = [d.reason for _, d in report.dangling_citations]
    assert reasons[0] == "document not found"
    assert reasons[1].startswith("span outside the document")
    assert reasons[2].startswith("span outside the document")
    assert not report.ok
    assert report.cited_share == 1.0  # cited, but to nowhere


def test_off_topic_sentence_has_low_support() -> None:
    text = "Semiconductor exports to Europe collapsed in 2023 amid sanctions and weak demand."
    result = check(text, span("doc-en", EN_INDUSTRY))
    assert result.unsupported_numbers == ()
    assert result.low_support
    assert result.support is not None and result.support < 0.4


def test_threshold_is_configurable() -> None:
    text = "Semiconductor exports to Europe collapsed in 2023 amid sanctions and weak demand."
    s = sentence(text, span("doc-en", EN_INDUSTRY))
    spans = [CitedSpan(c, DOCUMENTS["doc-en"][c.start : c.end]) for c in s.citations]
    assert not verify_sentence(s, spans, options=VerifyOptions(min_support=0.0)).low_support


def test_chinese_sentence_support_uses_character_bigrams() -> None:
    result = check("我国人工智能企业数量超过4500家。", span("doc-zh", ZH_COMPANIES))
    assert result.ok, result.reasons
    assert result.support is not None and result.support > 0.5


def test_original_must_be_in_the_cited_span() -> None:
    cited = span("doc-zh", ZH_COMPANIES)
    good = check("China has more than 4,500 AI firms.", cited, original=ZH_COMPANIES)
    assert good.original_found is True
    bad = check(
        "China has more than 4,500 AI firms.", cited, original="全国人工智能企业超过九千家。"
    )
    assert bad.original_found is False
    assert not bad.ok


def test_report_json_summary() -> None:
    report = verify_briefing(
        briefing(
            sentence(EN_COMPANIES, span("doc-en", EN_COMPANIES)),
            sentence("The industry is worth 999 billion yuan.", span("doc-en", EN_INDUSTRY)),
            BriefingSentence("No source for this."),
        ),
        DOCUMENTS.get,
    )
    data = json.loads(json.dumps(report.to_json()))
    assert data["ok"] is False
    assert data["sentences"] == 3
    assert data["cited_sentences"] == 2
    assert data["unsupported_numbers"] == [
        {"sentence": "The industry is worth 999 billion yuan.", "number": "999 billion yuan"}
    ]
    assert data["uncited_sentences"] == ["No source for this."]
    assert data["min_support"] == 0.4
    assert "semantic" in data["notes"][0]
    assert [r["ok"] for r in data["results"]] == [True, False, False]


def test_documents_are_read_once() -> None:
    calls: list[str] = []

    def lookup(document_id: str) -> str | None:
        calls.append(document_id)
        return DOCUMENTS.get(document_id)

    verify_briefing(
        briefing(
            sentence(EN_COMPANIES, span("doc-en", EN_COMPANIES)),
            sentence(EN_INDUSTRY, span("doc-en", EN_INDUSTRY)),
        ),
        lookup,
    )
    assert calls == ["doc-en"]


def test_digits_in_a_cited_outlet_name_are_not_figures() -> None:
    citation = span("doc-en", EN_COMPANIES)
    herald = (
        BriefingSource(1, "doc-en", "AI firms", "https://example.com/a", "21jingji",
                       "21st Century Business Herald", None),
    )  # fmt: skip
    named = "21st Century Business Herald reported that China now has more than 5,000 AI companies."
    report = verify_briefing(briefing(sentence(named, citation), sources=herald), DOCUMENTS.get)
    assert report.unsupported_numbers == [], report.results[0].reasons
    stray = "21st Century Business Herald reported 21 more than 5,000 AI companies."
    report = verify_briefing(briefing(sentence(stray, citation), sources=herald), DOCUMENTS.get)
    assert [n for _, n in report.unsupported_numbers] == ["21"]  # a 21 of its own still counts


def test_a_cited_claim_vouches_for_the_name_of_its_metric() -> None:
    fund = Entity("big-fund", "fund", "China Integrated Circuit Industry Investment Fund",
                  aliases=("Big Fund",))  # fmt: skip
    linker = EntityLinker((*ENTITIES, fund))
    text = "On the Big Fund size, China now has more than 5,000 AI companies, the ministry said."
    citation = span("doc-en", EN_COMPANIES)
    citation = Citation(citation.document_id, citation.start, citation.end, "c-companies")
    claims = {"c-companies": replace(CLAIMS["c-companies"], metric="big-fund-size")}
    metric = Metric("big-fund-size", "Big Fund size", "yuan")
    ok = verify_briefing(
        briefing(sentence(text, citation)), DOCUMENTS.get, linker=linker, claims=claims.get,
        metrics=(metric,),
    )  # fmt: skip
    assert ok.unsupported_entities == [], ok.results[0].reasons
    without = verify_briefing(
        briefing(sentence(text, citation)), DOCUMENTS.get, linker=linker, claims=claims.get
    )
    assert [e for _, e in without.unsupported_entities] == ["Big Fund"]
