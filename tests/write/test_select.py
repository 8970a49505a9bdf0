"""Selection: facts merged by wording, relevance to a query, roots of syndicated copies."""

from __future__ import annotations

from datetime import UTC, datetime

from sinoscope.records import Agreement, Claim, Quantity, TimeRef
from sinoscope.write.facts import TermWeights, merge_passages, passage_terms, similarity
from sinoscope.write.inputs import BriefDocument, BriefInputs, BriefOptions
from sinoscope.write.relevance import relevance
from sinoscope.write.scope import Scope
from sinoscope.write.select import (
    _whole_sentence,
    build_facts,
    choose,
    claim_passage,
    gather_passages,
    leans_on_previous,
)

WINDOW = (datetime(2025, 1, 1, tzinfo=UTC), datetime(2025, 1, 8, tzinfo=UTC))


def doc(doc_id: str, source: str, text: str, original: str | None = None) -> BriefDocument:
    return BriefDocument(
        doc_id, None, f"https://example.com/{doc_id}", source, source.title(), "newspaper",
        datetime(2025, 1, 3, tzinfo=UTC), "en", text, original,
    )  # fmt: skip


def test_paraphrases_merge_and_different_figures_do_not() -> None:
    texts = [
        "The Demon 170 can reach 1,025 hp when running on E85 fuel.",
        "When running on E85, the Demon 170 can reach an astonishing 1,025 hp.",
        "The Demon 170 can reach 900 hp when running on premium gasoline.",
        "Dealers expect strong demand for the car in Canada.",
    ]
    terms = [passage_terms(t, "en") for t in texts]
    weights = TermWeights.of(terms)
    assert similarity(terms[0], terms[1], weights) >= 0.4
    assert similarity(terms[0], terms[2], weights) == 0.0  # numbers disagree
    groups = merge_passages(terms, range(4), weights, threshold=0.4)
    assert groups == [[0, 1], [2], [3]]
    # a label known beforehand (corroborating claims) joins whatever the wording
    labelled = merge_passages(terms, range(4), weights, threshold=0.4, groups=[None, None, 5, 5])
    assert labelled == [[0, 1], [2, 3]]


def test_chinese_passages_merge_on_character_bigrams() -> None:
    a = passage_terms("我国人工智能企业数量已超过5000家。", "zh")
    b = passage_terms("记者获悉，我国人工智能企业数量超过5000家。", "zh")
    c = passage_terms("我国人工智能企业数量超过4500家。", "zh")
    weights = TermWeights.of([a, b, c])
    assert similarity(a, b, weights) >= 0.6
    assert similarity(a, c, weights) == 0.0


def test_relevance_finds_answers_in_other_words() -> None:
    texts = [
        "Fuel types matter for performance: E85 ethanol fuel gives the engine more power.",
        "Running on E85 ethanol lets the engine make 1,025 hp thanks to its octane rating.",
        "The car comes in several paint colours and two seat layouts.",
        "Ethanol blends such as E85 are sold at many pumps across the Midwest.",
    ]
    scores = relevance("Impact of fuel types on performance?", texts, ["en"] * 4)
    assert scores[0] == 1.0
    assert scores[1] > 0 and scores[3] > 0  # no query word, but the feedback terms
    assert scores[2] == 0.0


def test_a_copy_and_its_original_are_one_document_of_one_publisher() -> None:
    sentence = "China had more than 5,000 AI companies by the end of 2024, officials said."
    docs = {
        "a": doc("a", "xinhua", sentence),
        "b": doc("b", "global-times", sentence, original="a"),
        "c": doc("c", "global-times", sentence, original="b"),  # a copy of a copy
        "d": doc("d", "caixin", sentence),
    }
    scope = Scope(BriefInputs(WINDOW, docs), BriefOptions(lead_sentences=1))
    assert [scope.root(d) for d in "abcd"] == ["a", "a", "a", "d"]
    assert scope.publisher("c") == scope.publisher("a") == "xinhua"
    (fact,) = build_facts(gather_passages(scope), scope)
    assert (fact.documents, fact.publishers) == (2, 2)
    assert sorted(p.document_id for p in fact.sources) == ["a", "d"]
    assert sorted(p.document_id for p in fact.copies) == ["b", "c"]
    picked = choose([fact], scope)
    assert picked.sections == () and picked.single_source == (fact,)  # 2 < 3 documents


def test_without_a_query_only_leading_usable_sentences_are_read() -> None:
    text = (
        "Click here to subscribe to our newsletter for more stories like this one today. "
        "China had more than 5,000 AI companies by the end of 2024, officials said on Monday. "
        "Is this the end of the boom? "
        "Provincial governments have published support measures for small AI firms this year. "
        "A third usable sentence about factories adopting AI tools closes the report here."
    )
    scope = Scope(
        BriefInputs(WINDOW, {"a": doc("a", "xinhua", text)}), BriefOptions(lead_sentences=2)
    )
    texts = [p.text for p in gather_passages(scope)]
    assert len(texts) == 2
    assert texts[0].startswith(("China had", "Provincial")) and not any("Click" in t for t in texts)


def test_sentences_that_point_back_are_told_apart() -> None:
    leaning = [
        ("The figures have risen quickly since 2020.", "en"),
        ("This is the third such fund.", "en"),
        ("They said the rules take effect in March.", "en"),
        ("The numbers do not include small software firms.", "en"),
        ("The first phase, set up in 2014, had 138.7 billion yuan.", "en"),
        ("The second, in 2019, raised about 204 billion yuan.", "en"),
        ("The announcement came a week after the export rules.", "en"),
        ("该基金注册资本3440亿元。", "zh"),
        ("上述数据不含小型软件企业。", "zh"),
    ]
    standing = [
        ("The number of AI companies passed 5,000 in 2025.", "en"),
        ("The figures for 2024 were revised up by MIIT.", "en"),
        ("Thistle Capital led the round.", "en"),
        ("Huawei said it shipped 1 million chips.", "en"),
        ("The data security law takes effect in September.", "en"),
        ("The total investment in AI reached 1 trillion yuan.", "en"),
        ("The figures released by MIIT show 5,000 firms.", "en"),
        ("The first phase of the Big Fund raised 138.7 billion yuan.", "en"),
        ("The first half of 2025 saw 302 filings.", "en"),
        ("The latest data from the statistics bureau show growth.", "en"),
        ("The first domestic 7nm chip was made by SMIC in 2022.", "en"),
        ("The second-largest chipmaker in China, Hua Hong, rose.", "en"),
        ("The same rules apply to imports.", "en"),
        ("The announcement of the new fund lifted stocks.", "en"),
        ("而今，算力需求大增。", "zh"),
        ("但凡涉及数据的企业都需备案。", "zh"),
        ("The firstborn of the family runs the company.", "en"),
        ("国家集成电路产业投资基金三期注册资本3440亿元。", "zh"),
    ]
    assert all(leans_on_previous(t, lang) for t, lang in leaning)
    assert not any(leans_on_previous(t, lang) for t, lang in standing)


def test_a_chinese_clause_after_a_semicolon_is_quoted_with_its_sentence_in_figure_lines() -> None:
    text = (
        "算力发展提速。据工信部数据，2023年底我国算力总规模为230EFLOPS；"
        "截至2024年6月底为246EFLOPS。新的行动计划已经发布。"
    )
    d = BriefDocument(
        "z", None, "https://example.com/z", "xinhua", "Xinhua", "state media",
        datetime(2025, 1, 3, tzinfo=UTC), "zh", text,
    )  # fmt: skip
    clause = "截至2024年6月底为246EFLOPS。"
    first = "据工信部数据，2023年底我国算力总规模为230EFLOPS；"
    claims = [
        Claim("c1", "z", "quantity", clause, text.index(clause),
              text.index(clause) + len(clause), "zh"),
        Claim("c2", "z", "quantity", first, text.index(first),
              text.index(first) + len(first), "zh"),
    ]  # fmt: skip
    scope = Scope(BriefInputs(WINDOW, {"z": d}, claims), BriefOptions(lead_sentences=0))
    whole = first + clause
    quoted = claim_passage(scope, claims[0])  # a figure line quotes the whole sentence
    assert quoted.text == whole == text[quoted.start : quoted.end]
    assert claim_passage(scope, claims[1]).text == first  # it has its subject: as it is
    # facts keep the clause, so two figures of one sentence stay two facts
    by_key = {p.key: p for p in gather_passages(scope)}
    assert by_key["c1"].text == clause and by_key["c2"].text == first
    mixed = "The ministry said so. 2023年底为230EFLOPS；截至6月底为246EFLOPS。"
    at = mixed.index("截至")
    # an English sentence before it is not part of the Chinese sentence
    assert _whole_sentence(mixed, at, len(mixed), mixed[at:])[2] == mixed[22:]


def test_a_sentence_with_two_figures_meets_others_on_its_latest_one_whatever_the_ids() -> None:
    en = "CNNIC said generative AI users reached 515m by June 2025, up from 249m in December 2024."
    zh = (
        "中国互联网络信息中心数据显示，生成式人工智能用户从2024年12月的2.49亿人"
        "增至2025年6月的5.15亿人。"
    )
    docs = {
        "e": BriefDocument(
            "e", None, "https://example.com/e", "economist", "The Economist", "magazine",
            datetime(2025, 1, 3, tzinfo=UTC), "en", en,
        ),
        "y": BriefDocument(
            "y", None, "https://example.com/y", "yicai", "Yicai", "business_press",
            datetime(2025, 1, 4, tzinfo=UTC), "zh", zh,
        ),
    }  # fmt: skip

    def figure(claim_id: str, d: str, value: float, as_of: str) -> Claim:
        text = docs[d].text
        quantity = Quantity(text=str(value), value=value, unit="people", start=0, end=1)
        return Claim(
            claim_id, d, "quantity", text, 0, len(text), docs[d].language, (quantity,),
            metric="genai-users", time=TimeRef(as_of=as_of),
        )  # fmt: skip

    # ids ordered so that the first claim of each sentence is of a different month
    claims = [
        figure("a-old", "e", 249e6, "2024-12"), figure("b-new", "e", 515e6, "2025-06"),
        figure("c-new", "y", 515e6, "2025-06"), figure("d-old", "y", 249e6, "2024-12"),
    ]  # fmt: skip

    def agreement(agreement_id: str, period: str, ids: tuple[str, str]) -> Agreement:
        return Agreement(
            agreement_id, "corroborates", "genai-users", period, False, (ids,), ids,
            ("e", "y"), ("CNNIC",), ("The Economist", "Yicai"), 2, None, "",
        )  # fmt: skip

    agreements = (
        agreement("agr-1", "2024-12", ("a-old", "d-old")),
        agreement("agr-2", "2025-06", ("b-new", "c-new")),
    )
    scope = Scope(
        BriefInputs(WINDOW, docs, claims, agreements=agreements), BriefOptions(lead_sentences=0)
    )
    facts = [f for f in build_facts(gather_passages(scope), scope) if f.lead.claims]
    assert len(facts) == 1 and {p.document_id for p in facts[0].sources} == {"e", "y"}
