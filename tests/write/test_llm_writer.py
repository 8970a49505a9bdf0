from __future__ import annotations

from dataclasses import replace

from sinoscope.records import Attribution
from sinoscope.understand.entities import EntityLinker
from sinoscope.write import (
    LLMWriter,
    LLMWriterOptions,
    OpenAICompatibleLLM,
    SourcedClaim,
    VerifyOptions,
    build_messages,
    extractive_sentence,
)
from tests.llmserver import LLMServer, Reply, refused_url

from .briefings import CLAIMS, EN_COMPANIES, EN_INDUSTRY, ENTITIES, ZH_COMPANIES

COMPANIES = SourcedClaim(CLAIMS["c-companies"], source_name="Xinhua")
INDUSTRY = SourcedClaim(CLAIMS["c-industry"], source_name="Xinhua")
ZH = SourcedClaim(CLAIMS["c-zh-companies"], source_name="工信部")
LINKER = EntityLinker(ENTITIES)


def rewrite(reply: str | Reply, items: list[SourcedClaim], **options: object):
    with LLMServer(reply) as srv, OpenAICompatibleLLM(srv.base_url, "m", retries=0) as llm:
        writer = LLMWriter(llm, LLMWriterOptions(**options), linker=LINKER)  # type: ignore[arg-type]
        result = writer.rewrite(items, topic="companies & investment")
        return result, srv.requests


def test_supported_sentences_are_kept_with_their_citations() -> None:
    reply = (
        "China now has more than 5,000 AI companies, up from about 1,400 five years ago, "
        "the Ministry of Industry and Information Technology said. [c:1] The ministry put "
        "the core AI industry at 344 billion yuan in 2023 [c:2]."
    )
    result, requests = rewrite(reply, [COMPANIES, INDUSTRY])
    assert result.rejected == ()
    assert result.error is None
    assert [s.text for s in result.sentences] == [
        "China now has more than 5,000 AI companies, up from about 1,400 five years ago, "
        "the Ministry of Industry and Information Technology said.",
        "The ministry put the core AI industry at 344 billion yuan in 2023.",
    ]
    first, second = result.sentences
    assert [c.claim_id for c in first.citations] == ["c-companies"]
    (c,) = second.citations
    assert (c.document_id, c.start, c.end) == ("doc-en", INDUSTRY.claim.start, INDUSTRY.claim.end)
    assert first.original is None
    assert result.unused_claims == ()
    prompt = requests[0].last_user
    assert "[c:1]" in prompt and EN_COMPANIES in prompt and EN_INDUSTRY in prompt
    assert "Ministry of Industry and Information Technology" in prompt


def test_invented_number_and_uncited_sentence_are_rejected_and_replaced() -> None:
    reply = (
        "China now has more than 5,000 AI companies, the ministry said [c:1]. "
        "The core AI industry was worth 400 billion yuan in 2023 [c:2]. "
        "This marks a turning point for the country."
    )
    result, _ = rewrite(reply, [COMPANIES, INDUSTRY])
    texts = [s.text for s in result.sentences]
    assert texts[0] == "China now has more than 5,000 AI companies, the ministry said."
    assert (
        texts[1] == f"According to Ministry of Industry and Information Technology, “{EN_INDUSTRY}”"
    )
    assert len(texts) == 2
    invented, uncited = result.rejected
    assert invented.text == "The core AI industry was worth 400 billion yuan in 2023."
    assert "number not in the cited text: 400 billion yuan" in invented.reason
    assert invented.replaced_by == (texts[1],)
    assert uncited.text == "This marks a turning point for the country."
    assert uncited.reason == "no citation"
    assert uncited.replaced_by == ()
    assert [c.claim_id for c in result.sentences[1].citations] == ["c-industry"]


def test_drop_fallback_leaves_rejected_claims_out() -> None:
    reply = "The core AI industry was worth 400 billion yuan in 2023 [c:2]."
    result, _ = rewrite(reply, [COMPANIES, INDUSTRY], fallback="drop")
    assert result.sentences == ()
    assert result.rejected[0].replaced_by == ()
    assert result.unused_claims == ("c-companies", "c-industry")


def test_rejected_claim_already_used_is_not_repeated() -> None:
    reply = (
        "The core AI industry was worth 344 billion yuan in 2023 [c:2]. "
        "It may double to 688 billion yuan [c:2]."
    )
    result, _ = rewrite(reply, [COMPANIES, INDUSTRY])
    assert [s.text for s in result.sentences] == [
        "The core AI industry was worth 344 billion yuan in 2023."
    ]
    assert result.rejected[0].replaced_by == ()
    assert result.unused_claims == ("c-companies",)


def test_chinese_claim_is_paraphrased_with_the_original_kept() -> None:
    reply = (
        "China has more than 4,500 AI companies and a core industry worth nearly "
        "600 billion yuan, according to MIIT [c:1]."
    )
    result, _ = rewrite(reply, [ZH])
    assert result.rejected == ()
    (s,) = result.sentences
    assert s.original == ZH_COMPANIES
    assert s.citations[0].document_id == "doc-zh"


def test_sentence_in_the_wrong_language_is_rejected() -> None:
    result, _ = rewrite("全国人工智能企业超过4500家。[c:1]", [ZH])
    assert result.rejected[0].reason == "not written in English"
    assert result.sentences == (extractive_sentence(ZH, "en"),)
    result, _ = rewrite("全国人工智能企业超过4500家。[c:1]", [ZH], language="zh")
    assert result.rejected == ()
    assert result.sentences[0].original is None


def test_entity_not_in_the_claim_is_rejected() -> None:
    reply = "Huawei says China has more than 4,500 AI companies [c:1]."
    result, _ = rewrite(reply, [ZH])
    assert "name not in the cited text: Huawei" in result.rejected[0].reason
    assert result.sentences == (extractive_sentence(ZH, "en"),)


def test_unknown_markers_and_full_claim_ids() -> None:
    reply = (
        "China now has more than 5,000 AI companies [c:c-companies]. "
        "Investment doubled [c:9]. The core AI industry was worth 344 billion yuan in 2023 "
        "[c:2, c:7]."
    )
    result, _ = rewrite(reply, [COMPANIES, INDUSTRY], fallback="drop")
    assert [s.text for s in result.sentences] == [
        "China now has more than 5,000 AI companies.",
        "The core AI industry was worth 344 billion yuan in 2023.",
    ]
    assert [(r.text, r.reason) for r in result.rejected] == [
        ("Investment doubled.", "cites unknown facts 9")
    ]


def test_abbreviations_do_not_split_sentences_but_markers_do() -> None:
    reply = (
        "U.S. observers noted China now has more than 5,000 AI companies [c:1]. "
        "They counted more than 5,000 AI companies in the U.S. [c:1] "
        "The core AI industry was worth 344 billion yuan in 2023 [c:2]."
    )
    result, _ = rewrite(reply, [COMPANIES, INDUSTRY], verify=VerifyOptions(min_support=0.0))
    assert [s.text for s in result.sentences] == [
        "U.S. observers noted China now has more than 5,000 AI companies.",
        "They counted more than 5,000 AI companies in the U.S.",
        "The core AI industry was worth 344 billion yuan in 2023.",
    ]


def test_unreachable_llm_falls_back_to_extractive_sentences() -> None:
    with OpenAICompatibleLLM(refused_url(), "m", retries=0) as llm:
        result = LLMWriter(llm).rewrite([COMPANIES, ZH])
    assert result.error is not None and "cannot reach" in result.error
    assert result.sentences == (extractive_sentence(COMPANIES), extractive_sentence(ZH))


def test_server_error_falls_back_too() -> None:
    result, _ = rewrite(Reply(status=500, error="boom"), [INDUSTRY])
    assert result.error is not None and "boom" in result.error
    assert [s.text for s in result.sentences] == [extractive_sentence(INDUSTRY).text]


def test_extractive_sentence_forms() -> None:
    # "工信部表示" (the attribution) is outside this claim's sentence, so it is added
    assert (
        extractive_sentence(ZH, "en").text == f"According to 工信部 (in Chinese): “{ZH_COMPANIES}”"
    )
    assert extractive_sentence(ZH, "zh").text == f"据工信部，“{ZH_COMPANIES}”"
    said = "the Ministry of Industry and Information Technology said"
    named = replace(COMPANIES.claim, attribution=Attribution(name="MIIT", text=said))
    assert extractive_sentence(SourcedClaim(named)).text == EN_COMPANIES
    anonymous = replace(COMPANIES.claim, attribution=Attribution(name=""))
    assert extractive_sentence(SourcedClaim(anonymous, source_name="Xinhua")).text == (
        f"According to Xinhua, “{EN_COMPANIES}”"
    )


def test_prompt_lists_facts_with_labels_and_rules() -> None:
    messages = build_messages([COMPANIES, ZH], LLMWriterOptions(language="en"), "compute")
    system, user = messages
    assert system.role == "system" and "English" in system.content
    assert "[c:2]" in system.content and "only the facts" in system.content
    assert "[c:1] source: Xinhua" in user.content
    assert "[c:2] source: 工信部; language: zh" in user.content
    assert ZH_COMPANIES in user.content and "Numbers: 4500家" in user.content
