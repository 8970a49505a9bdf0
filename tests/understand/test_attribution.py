from __future__ import annotations

from datetime import datetime

import pytest

from .conftest import Analyze


def cited(analyze: Analyze, text: str, **kwargs: object) -> tuple[str | None, str, str]:
    analysis = analyze(text, **kwargs)  # type: ignore[arg-type]
    assert analysis.claims, "expected a claim"
    a = analysis.claims[0].attribution
    return a.entity_id, a.kind, a.text


@pytest.mark.parametrize(
    ("text", "entity_id", "cue"),
    [
        (
            "Output reached 4,200 robots in 2024, as reported by Xinhua.",
            "xinhua",
            "as reported by Xinhua",
        ),
        (
            "According to The Economist, chip imports fell 11% last year.",
            "economist",
            "According to The Economist",
        ),
        ("A Merics report put the number of AI start-ups at 4,100.", "merics", "A Merics report"),
        ("MIIT data show that 310 EFLOPS of capacity were in use.", "miit", "MIIT data show"),
        ("Xinhua, the state news agency, said 3,000 firms had applied.", "xinhua", None),
        (
            "The Ministry of Industry and Information Technology put the figure at 4,800.",
            "miit",
            None,
        ),
    ],
)
def test_english_cues_resolve_to_entities(
    analyze: Analyze, text: str, entity_id: str, cue: str | None
) -> None:
    got_id, kind, got_cue = cited(analyze, text)
    assert (got_id, kind) == (entity_id, "cited")
    if cue is not None:
        assert got_cue == cue


@pytest.mark.parametrize(
    ("text", "entity_id", "cue"),
    [
        ("据新华社报道，今年前五个月机器人产量增长35%。", "xinhua", "据新华社报道"),
        ("工信部表示，全国已建成5G基站400万个。", "miit", "工信部表示"),
        ("记者从工业和信息化部获悉，智能工厂超过3万家。", "miit", "记者从工业和信息化部获悉"),
        ("中国互联网络信息中心发布的报告显示，网民达11亿人。", "cnnic", None),
    ],
)
def test_chinese_cues_resolve_to_entities(
    analyze: Analyze, text: str, entity_id: str, cue: str | None
) -> None:
    got_id, kind, got_cue = cited(analyze, text)
    assert (got_id, kind) == (entity_id, "cited")
    if cue is not None:
        assert got_cue == cue


def test_a_quote_inside_an_attribution_still_names_the_speaker(analyze: Analyze) -> None:
    before = 'Xinhua said the count of robot makers "could exceed 6,000 this year".'
    after = '"The count of robot makers could exceed 6,000 this year," Xinhua said.'
    assert cited(analyze, before)[0] == "xinhua"
    assert cited(analyze, after)[0] == "xinhua"


def test_unknown_sources_keep_their_name(analyze: Analyze) -> None:
    analysis = analyze("Research firm Omdia estimated that 41 percent of phones ship with AI.")
    a = analysis.claims[0].attribution
    assert (a.name, a.entity_id, a.kind) == ("Omdia", None, "cited")
    generic = analyze("The fleet has grown to 2,300 vehicles, analysts said.")
    assert generic.claims[0].attribution.name == "analysts"
    assert generic.claims[0].attribution.entity_id is None


def test_publisher_fallback_when_nothing_is_cited(analyze: Analyze) -> None:
    analysis = analyze("The province added 150 data centres last year.", publisher="caixin")
    a = analysis.claims[0].attribution
    assert (a.name, a.entity_id, a.kind, a.text) == ("Caixin", "caixin", "publisher", "")
    nobody = analyze("The province added 150 data centres last year.", publisher=None)
    assert nobody.claims[0].attribution.kind == "publisher"
    assert nobody.claims[0].attribution.name == ""


def test_dateline_names_the_wire_for_uncited_claims(analyze: Analyze) -> None:
    text = (
        "HEFEI, May 9 (Xinhua) -- The city has 1,200 robotics firms.\n"
        "Their output rose 20 percent, the city government said."
    )
    analysis = analyze(text, publisher="china-daily")
    first, second = analysis.claims
    assert (first.attribution.entity_id, first.attribution.kind) == ("xinhua", "cited")
    assert first.attribution.text == "Xinhua"
    assert second.attribution.name == "the city government"
    # the wire's own copy: the dateline names the publisher, so it is the publisher's claim
    own = analyze(text, publisher="xinhua")
    assert own.claims[0].attribution.kind == "publisher"


def test_credit_lines_at_the_end_name_the_wire(analyze: Analyze) -> None:
    en = analyze("Drone deliveries reached 2.7 million parcels.\n(Xinhua)", publisher="cgtn")
    assert en.claims[0].attribution.entity_id == "xinhua"
    zh = analyze("无人机配送量达270万件。\n来源：新华社", publisher="the-paper")
    assert zh.claims[0].attribution.entity_id == "xinhua"
    assert zh.claims[0].attribution.text == "新华社"


def test_anaphora_points_back_to_the_ministry(analyze: Analyze) -> None:
    text = (
        "The Ministry of Industry and Information Technology released new figures on Monday. "
        "The ministry said 5,300 firms now make industrial robots. It added that exports "
        "rose 14 percent."
    )
    claims = [c for c in analyze(text).claims if c.quantities]
    assert [c.attribution.entity_id for c in claims] == ["miit", "miit"]


def test_chinese_pronoun_points_back_to_the_unnamed_group(analyze: Analyze) -> None:
    text = "业内人士指出，行业竞争加剧。他们认为，价格战可能持续。"
    claims = analyze(text, published=datetime(2025, 3, 1)).claims
    assert [c.kind for c in claims] == ["assessment", "assessment"]
    assert claims[1].attribution.name == "业内人士"
