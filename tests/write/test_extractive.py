"""Prose: disagreements stated with both sides, Chinese quoted in the original, frames that
add no number and no name, sentences that read after a frame."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, datetime

from sinoscope.beats import load_beat
from sinoscope.records import Agreement, Attribution, Briefing, Claim, TimeRef
from sinoscope.understand.entities import EntityLinker
from sinoscope.understand.quantities import extract_quantities
from sinoscope.write import (
    BriefDocument,
    BriefInputs,
    BriefOptions,
    render_markdown,
    verify_briefing,
    write_briefing,
)
from sinoscope.write.extractive import _clean, join_names

BEAT = load_beat()
LINKER = EntityLinker(BEAT.entities)
WINDOW = (datetime(2025, 1, 1, tzinfo=UTC), datetime(2025, 1, 8, tzinfo=UTC))


def doc(doc_id: str, source_id: str, text: str, language: str = "en") -> BriefDocument:
    source = BEAT.source(source_id)
    assert source is not None
    return BriefDocument(
        doc_id, f"Title {doc_id}", f"https://example.com/{doc_id}", source_id, source.name,
        source.kind, datetime(2025, 1, 3, tzinfo=UTC), language, text,
        source_name_zh=source.name_zh,
    )  # fmt: skip


def claim(claim_id: str, d: BriefDocument, sentence: str, metric: str) -> Claim:
    start = d.text.index(sentence)
    quantities = tuple(
        replace(q, start=q.start + start, end=q.end + start)
        for q in extract_quantities(sentence, d.language)
    )
    return Claim(
        claim_id, d.id, "quantity", sentence, start, start + len(sentence), d.language,
        quantities, metric=metric, attribution=Attribution(d.source_name or "", kind="publisher"),
        time=TimeRef(as_of="2024"),
    )  # fmt: skip


def verified(data: BriefInputs, briefing: Briefing) -> None:
    claims = {c.id: c for c in data.claims}
    report = verify_briefing(
        briefing, lambda d: data.documents[d].text, linker=LINKER, claims=claims.get,
        metrics=data.metrics,
    )  # fmt: skip
    assert report.cited_share == 1.0
    assert report.ok, [r.reasons for r in report.results if not r.ok]


FUND_A = "The third phase of the Big Fund has registered capital of 344 billion yuan."
FUND_B = "The fund's third phase was capitalised at 60 billion yuan, company records show."


def disputed() -> BriefInputs:
    a = doc("a", "xinhua", f"{FUND_A} It was registered in Beijing.")
    b = doc("b", "caixin", f"{FUND_B} The finance ministry is the largest shareholder.")
    ca, cb = claim("ca", a, FUND_A, "big-fund-size"), claim("cb", b, FUND_B, "big-fund-size")
    agreement = Agreement(
        "agr-1", "contradicts", "big-fund-size", "2024", False, (("ca",), ("cb",)),
        ("ca", "cb"), ("a", "b"), ("Xinhua News Agency", "Caixin"),
        ("Xinhua News Agency", "Caixin"), 2, None, "Xinhua (344) contradicts Caixin (60)",
    )  # fmt: skip
    return BriefInputs(
        WINDOW, {"a": a, "b": b}, (ca, cb), agreements=(agreement,), metrics=BEAT.metrics
    )


def test_a_disagreement_is_stated_with_both_sides_and_who_said_them() -> None:
    data = disputed()
    briefing = write_briefing(data, linker=LINKER).briefing
    verified(data, briefing)
    (section,) = [s for s in briefing.sections if s.title == "Contradictions & disputed figures"]
    (sentence,) = section.sentences
    assert sentence.text == (
        "On the Big Fund size, Xinhua News Agency reported that the third phase of the Big Fund "
        "has registered capital of 344 billion yuan, while Caixin reported that the fund's "
        "third phase was capitalised at 60 billion yuan, company records show."
    )
    assert [c.claim_id for c in sentence.citations] == ["ca", "cb"]
    assert "Sources disagree" in briefing.dek


def test_zh_briefing_states_a_disagreement_in_chinese_frames() -> None:
    data = disputed()
    briefing = write_briefing(data, BriefOptions(language="zh"), linker=LINKER).briefing
    verified(data, briefing)
    (section,) = [s for s in briefing.sections if s.title == "分歧与存疑数字"]
    text = section.sentences[0].text
    assert text.startswith(
        "关于国家集成电路产业投资基金规模，新华社报道（英文原文）：“The third phase"
    )
    assert "；而财新报道（英文原文）：“The fund's third phase" in text


ZH = "据新华社报道，我国人工智能企业数量已超过5000家。"


def chinese() -> BriefInputs:
    documents = {
        f"z{i}": doc(f"z{i}", source, f"{ZH}产业规模持续扩大，应用场景不断丰富。", "zh")
        for i, source in enumerate(("xinhua", "peoples-daily", "yicai"))
    }
    return BriefInputs(WINDOW, documents)


def test_chinese_sources_are_quoted_in_the_original_in_an_english_briefing() -> None:
    data = chinese()
    briefing = write_briefing(data, linker=LINKER).briefing
    verified(data, briefing)
    first = briefing.sections[0].sentences[0]
    assert first.text.startswith("Xinhua News Agency, People's Daily and Yicai reported: “")
    assert ZH.rstrip("。") in first.text
    assert first.original is None
    assert "(original Chinese quoted; no translation configured)" in render_markdown(briefing)


def test_a_chinese_briefing_attributes_with_ju() -> None:
    data = chinese()
    briefing = write_briefing(data, BriefOptions(language="zh"), linker=LINKER).briefing
    verified(data, briefing)
    first = briefing.sections[0].sentences[0]
    # the sentence names its own source (据新华社报道): the carriers follow it, not a second 据
    assert first.text == ZH.rstrip("。") + "（来源：新华社、人民日报和第一财经）。"
    assert briefing.sections[0].title == "要点"
    assert {s.source_name for s in briefing.sources} == {"新华社", "人民日报", "第一财经"}


def test_frames_add_no_digits_and_keep_the_sources_wording() -> None:
    text = (
        "However, the company shipped 1.2 million accelerators last year, its filings show. "
        "Analysts expect the figure to keep rising."
    )
    documents = {
        "k": doc("k", "36kr", text),
        "r": doc("r", "reuters", text),
        "c": doc("c", "caixin", text),
    }
    data = BriefInputs(WINDOW, documents)
    briefing = write_briefing(data, linker=LINKER).briefing
    verified(data, briefing)
    first = briefing.sections[0].sentences[0]
    assert "36Kr" not in first.text  # its digits would read as a figure no source states
    assert "Reuters" in first.text and "other outlets" in first.text
    assert "ompany shipped 1.2 million accelerators last year, its filings show" in first.text
    assert "However" not in first.text


def test_an_opening_but_is_dropped_not_framed() -> None:
    text = (
        "But China still relies heavily on imports: customs data show it bought about $349 "
        "billion of integrated circuits from abroad in 2023. Officials want that to change."
    )
    documents = {d: doc(d, s, text) for d, s in (("r", "reuters"), ("c", "caixin"), ("b", "scmp"))}
    data = BriefInputs(WINDOW, documents)
    briefing = write_briefing(data, linker=LINKER).briefing
    verified(data, briefing)
    first = briefing.sections[0].sentences[0].text
    assert "China still relies heavily on imports" in first
    assert not re.search(r"\bbut\b", first, re.IGNORECASE)  # not "reported that but China …"


def test_dropping_an_opening_but_keeps_names_and_meaning() -> None:
    assert _clean("But iFlytek's revenue rose 18%.", "en") == "iFlytek's revenue rose 18%."
    assert _clean("And xAI said so.", "en") == "xAI said so."
    kept = "But for state subsidies, SMIC would have lost money."  # "were it not for"
    assert _clean(kept, "en") == kept


def test_join_names() -> None:
    assert join_names(["Xinhua"], "en") == "Xinhua"
    assert join_names(["Xinhua", "Caixin", "Xinhua"], "en") == "Xinhua and Caixin"
    assert join_names(["A", "B", "C"], "en", more=True) == "A, B, C and other outlets"
    assert join_names(["新华社", "财新", "路透社"], "zh") == "新华社、财新和路透社"
    assert join_names(["新华社"], "zh", more=True) == "新华社等媒体"


def test_hedges_and_attribution_stay_in_the_sentence() -> None:
    text = (
        "Huawei reportedly plans to ship 100,000 Ascend accelerators next quarter, people "
        "familiar with the matter said. The company declined to comment on the report."
    )
    documents = {
        d: doc(d, source, text) for d, source in (("a", "scmp"), ("b", "reuters"), ("c", "caixin"))
    }
    data = BriefInputs(WINDOW, documents)
    briefing = write_briefing(data, linker=LINKER).briefing
    verified(data, briefing)
    first = briefing.sections[0].sentences[0].text
    assert "reportedly plans to ship 100,000 Ascend accelerators" in first
    assert "people familiar with the matter said" in first
