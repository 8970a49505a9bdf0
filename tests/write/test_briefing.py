"""write_briefing on small hand-made corpora: merging, syndication, the single-source rule,
filters, what changed, the LLM writer, determinism. Claims come from the real Understander."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from sinoscope.beats import load_beat
from sinoscope.records import Briefing, BriefingSentence, Claim, Story
from sinoscope.understand import Understander
from sinoscope.understand.entities import EntityLinker
from sinoscope.write import (
    BriefDocument,
    BriefInputs,
    BriefOptions,
    BriefResult,
    LLMWriter,
    LLMWriterOptions,
    OpenAICompatibleLLM,
    render_markdown,
    verify_briefing,
    write_briefing,
)
from sinoscope.write.extractive import Checker, Prose
from sinoscope.write.figures import indicators, latest_figure
from sinoscope.write.scope import Scope
from sinoscope.write.select import Passage, build_facts, gather_passages
from tests.llmserver import LLMServer

BEAT = load_beat()
UNDERSTANDER = Understander(BEAT)
LINKER = EntityLinker(BEAT.entities)
WINDOW = (datetime(2025, 10, 20, tzinfo=UTC), datetime(2025, 10, 27, tzinfo=UTC))
FILLER = (
    "The announcement came during a week of busy industry events in Beijing and Shanghai. "
    "Several provincial governments have published their own support measures this year."
)
COMPANIES = (
    "China had more than 5,000 artificial intelligence companies by the end of September, "
    "the Ministry of Industry and Information Technology said on Monday."
)


def doc(
    doc_id: str,
    source_id: str,
    text: str,
    *,
    day: int = 22,
    original: str | None = None,
    story: str | None = None,
    title: str | None = None,
) -> BriefDocument:
    source = BEAT.source(source_id)
    assert source is not None
    return BriefDocument(
        id=doc_id,
        title=title or f"Report by {source.name}",
        url=f"https://example.com/{source_id}/{doc_id}",
        source_id=source_id,
        source_name=source.name,
        source_kind=source.kind,
        published=datetime(2025, 10, day, 8, tzinfo=UTC),
        language="zh" if any("\u4e00" <= ch <= "\u9fff" for ch in text[:40]) else "en",
        text=text,
        original_id=original,
        story_id=story,
        source_name_zh=source.name_zh,
    )


def analyse(docs: list[BriefDocument]) -> list[Claim]:
    claims: list[Claim] = []
    for d in docs:
        analysis = UNDERSTANDER.analyze(
            d.id,
            d.text,
            language=d.language,
            publisher=BEAT.source(d.source_id or ""),
            published=d.published,
            title=d.title,
        )
        claims.extend(analysis.claims)
    return claims


def inputs(docs: list[BriefDocument], **more: object) -> BriefInputs:
    fields: dict[str, object] = {
        "window": WINDOW,
        "documents": {d.id: d for d in docs},
        "claims": analyse(docs),
        "topics": BEAT.topics,
        "metrics": BEAT.metrics,
        "entities": BEAT.entities,
    }
    fields.update(more)
    return BriefInputs(**fields)  # type: ignore[arg-type]


def verified(data: BriefInputs, briefing: Briefing) -> None:
    claims = {c.id: c for c in data.claims}
    report = verify_briefing(
        briefing,
        lambda d: data.documents[d].text if d in data.documents else None,
        linker=LINKER,
        claims=claims.get,
        metrics=data.metrics,
    )
    assert report.cited_share == 1.0
    assert report.ok, [r.reasons for r in report.results if not r.ok]


def sentences(briefing: Briefing, title: str | None = None) -> list[str]:
    return [
        s.text for sec in briefing.sections if title in (None, sec.title) for s in sec.sentences
    ]


def cited(briefing: Briefing) -> set[str]:
    return {c.document_id for sec in briefing.sections for s in sec.sentences for c in s.citations}


# ------------------------------------------------------------------------------ merging
def three_outlets() -> list[BriefDocument]:
    return [
        doc("x1", "xinhua", f"{COMPANIES} {FILLER}"),
        doc(
            "c1",
            "caixin",
            "China had more than 5,000 artificial intelligence companies by the end of "
            "September, the Ministry of Industry and Information Technology said. "
            "Investors expect consolidation among model developers.",
        ),
        doc(
            "r1",
            "reuters",
            "China had more than 5,000 artificial intelligence companies by the end of "
            "September, the industry ministry said on Monday, as Beijing pushes adoption.",
        ),
    ]


def test_one_fact_from_independent_outlets_is_one_sentence_citing_them_all() -> None:
    data = inputs(three_outlets())
    result = write_briefing(data, linker=LINKER)
    verified(data, result.briefing)
    merged = [
        s
        for sec in result.briefing.sections
        for s in sec.sentences
        if "5,000" in s.text and len({c.document_id for c in s.citations}) == 3
    ]
    assert len(merged) == 1
    text = merged[0].text
    assert "Xinhua News Agency" in text and "Caixin" in text and "Reuters" in text
    assert not any("5,000" in s for s in sentences(result.briefing, "Single-source reports"))


def test_a_syndicated_copy_is_not_independent_confirmation() -> None:
    original = doc("x1", "xinhua", f"{COMPANIES} {FILLER}")
    copy = doc("g1", "global-times", f"{COMPANIES} {FILLER}", original="x1", day=23)
    other = doc(
        "c1",
        "caixin",
        "China had more than 5,000 artificial intelligence companies by the end of September, "
        "the Ministry of Industry and Information Technology said.",
    )
    data = inputs([original, copy, other])
    result = write_briefing(data, linker=LINKER)
    verified(data, result.briefing)
    # two originals from two publishers: below the default three documents
    (line,) = [s for s in sentences(result.briefing, "Single-source reports") if "5,000" in s]
    assert line.startswith("Only Xinhua News Agency and Caixin reported")
    assert "Global Times" not in line
    assert "g1" not in cited(result.briefing)

    relaxed = write_briefing(data, BriefOptions(min_documents=2), linker=LINKER)
    verified(data, relaxed.briefing)
    (line,) = [s for s in sentences(relaxed.briefing) if "5,000" in s]
    assert line.endswith("as reported by Xinhua News Agency and Caixin.")
    assert not any("Global Times" in s for s in sentences(relaxed.briefing))
    assert any("syndicated" in n for n in relaxed.notes)


# --------------------------------------------------------------------------- stories
def storied() -> tuple[list[BriefDocument], list[Story]]:
    docs = [
        doc("a1", "xinhua", f"{COMPANIES} {FILLER}", story="s-big"),
        doc(
            "a2",
            "caixin",
            "Analysts said consolidation among Chinese model developers is likely to speed up "
            "next year as funding tightens. Smaller start-ups are merging with rivals.",
            story="s-big",
        ),
        doc(
            "a3",
            "reuters",
            "Beijing is pushing factories and hospitals to adopt AI tools, and provincial "
            "governments are offering computing vouchers to small firms. Demand is rising.",
            story="s-big",
        ),
        doc(
            "b1",
            "scmp",
            "Huawei plans to ship its next Ascend accelerator to domestic cloud providers in "
            "the first quarter, people familiar with the matter said. The company declined "
            "to comment.",
            story="s-small",
        ),
    ]
    stories = [
        Story("s-big", "AI companies", ("a1", "a2", "a3"), None, None, (), (), (), 3),
        Story("s-small", "Ascend", ("b1",), None, None, (), (), (), 1),
    ]
    return docs, stories


def test_a_story_below_the_threshold_is_listed_as_single_source() -> None:
    docs, stories = storied()
    data = inputs(docs, stories=stories)
    result = write_briefing(data, linker=LINKER)
    verified(data, result.briefing)
    single = sentences(result.briefing, "Single-source reports")
    assert len(single) == 1 and single[0].startswith("Only South China Morning Post reported")
    topical = sentences(result.briefing, "Key facts")
    assert topical and not any("Ascend" in s for s in topical)
    assert any("1 of 2 stories meet the threshold" in n for n in result.notes)

    included = write_briefing(data, BriefOptions(include_single_source=("s-small",)), linker=LINKER)
    verified(data, included.briefing)
    assert "Single-source reports" not in [s.title for s in included.briefing.sections]
    assert any("Ascend" in s for s in sentences(included.briefing))


def test_a_small_story_of_two_publishers_is_listed_without_saying_only() -> None:
    docs, stories = storied()
    other = doc("b2", "leiphone", "华为计划明年第一季度向国内云服务商交付新一代昇腾加速器，"
                "知情人士说。", story="s-small")  # fmt: skip
    stories[1] = Story("s-small", "Ascend", ("b1", "b2"), None, None, (), (), (), 2)
    data = inputs([*docs, other], stories=stories)
    result = write_briefing(data, linker=LINKER)
    verified(data, result.briefing)
    single = sentences(result.briefing, "Single-source reports")
    assert single and not any(s.startswith("Only") for s in single)  # Leiphone has it too


# --------------------------------------------------------------------------- filters
def mixed() -> list[BriefDocument]:
    chips = (
        "Huawei plans to ship its next Ascend accelerator to domestic cloud providers in the "
        "first quarter, the company said. The chip is made by SMIC on a 7nm-class process."
    )
    return [
        *three_outlets(),
        doc("h1", "scmp", chips),
        doc("h2", "yicai", chips.replace("the company said", "its executives said")),
        doc("h3", "36kr", chips.replace("the company said", "a spokesperson said")),
    ]


def test_topic_and_entity_filters_narrow_the_briefing() -> None:
    docs = mixed()
    topics = {
        "x1": [("companies-investment", 3.0)],
        "c1": [("companies-investment", 2.0)],
        "r1": [("companies-investment", 2.0)],
        "h1": [("semiconductors-compute", 4.0)],
        "h2": [("semiconductors-compute", 4.0)],
        "h3": [("semiconductors-compute", 4.0)],
    }
    everything = inputs(docs, document_topics=topics)
    both = write_briefing(everything, linker=LINKER).briefing
    assert {"x1", "h1"} <= cited(both)
    ordered = [s.topic for s in both.sections if s.topic]
    assert sorted(ordered) == ["companies-investment", "semiconductors-compute"]
    one = write_briefing(everything, BriefOptions(max_sections=1), linker=LINKER)
    assert [s.topic for s in one.briefing.sections if s.topic] == ordered[:1]
    assert any("too many sections" in n for n in one.notes)

    on_chips = replace(everything, topic="semiconductors-compute")
    briefing = write_briefing(on_chips, linker=LINKER).briefing
    verified(on_chips, briefing)
    assert cited(briefing) and cited(briefing) <= {"h1", "h2", "h3"}
    assert briefing.topic == "semiconductors-compute"
    assert briefing.title.startswith("Semiconductors & compute: ")

    on_huawei = replace(everything, entity="huawei")
    briefing = write_briefing(on_huawei, linker=LINKER).briefing
    verified(on_huawei, briefing)
    assert cited(briefing) and cited(briefing) <= {"h1", "h2", "h3"}

    asked = replace(everything, query="Ascend accelerator shipments")
    briefing = write_briefing(asked, linker=LINKER).briefing
    verified(asked, briefing)
    assert cited(briefing) and cited(briefing) <= {"h1", "h2", "h3"}


# ------------------------------------------------------------------------- previous
LAST_WEEK = (WINDOW[0] - timedelta(days=7), WINDOW[0])
OLD_COUNT = ("China had more than 4,500 artificial intelligence companies, "
             "the Ministry of Industry and Information Technology said. ")  # fmt: skip


def three_reports(
    prefix: str, text: str, sources: tuple[str, ...], day: int = 22
) -> list[BriefDocument]:
    """One sentence (and filler) reported by each of `sources`: ids prefix1, prefix2 …"""
    return [doc(f"{prefix}{i}", s, text + FILLER, day=day) for i, s in enumerate(sources, 1)]


def week_after(
    before: list[BriefDocument], now: list[BriefDocument], stories: list[Story]
) -> BriefResult:
    """Last week's briefing of `before` (it must cite them all), then this week's of
    `before` and `now` with it as the previous one."""
    previous = write_briefing(
        inputs(before, window=LAST_WEEK, stories=stories), linker=LINKER
    ).briefing
    assert cited(previous) == {d.id for d in before}
    data = inputs([*before, *now], previous=previous, stories=stories)
    result = write_briefing(data, linker=LINKER)
    verified(data, result.briefing)
    return result


def test_what_changed_since_the_last_briefing() -> None:
    before = [
        doc(
            "o1",
            "xinhua",
            "China had more than 4,500 artificial intelligence companies, "
            "the Ministry of Industry and Information Technology said. " + FILLER,
            day=14,
        ),
        doc(
            "o2",
            "caixin",
            "China had more than 4,500 artificial intelligence companies, "
            "the ministry said. Investors expect consolidation among model developers.",
            day=14,
        ),
        doc(
            "o3",
            "reuters",
            "China had more than 4,500 artificial intelligence companies, "
            "the ministry said on Monday, as Beijing pushes adoption.",
            day=15,
        ),
    ]
    stories = [
        Story("s-old", "4,500", ("o1", "o2", "o3"), None, None, (), (), (), 3),
        Story("s-new", "5,000", ("x1", "c1", "r1"), None, None, (), (), (), 3),
    ]
    result = week_after(before, three_outlets(), stories)
    changed = result.briefing.sections[0]
    assert changed.title == "What changed since the last briefing"
    texts = [s.text for s in changed.sentences]
    figure = next(t for t in texts if "the last briefing cited" in t)
    assert "5,000" in figure and "4,500" in figure
    assert figure.startswith("On the number of AI companies, ")
    assert any(t.startswith("New since the last briefing: ") for t in texts)
    # the new figure is said once, in the line that compares it with last week's
    assert not any("5,000" in t for t in texts if t.startswith(("New since", "Also new")))
    (quiet,) = [s for s in changed.sentences if s.text.startswith("No new reports this period")]
    assert {c.document_id for c in quiet.citations} <= {"o1", "o2", "o3"}
    assert "4,500" in quiet.text
    # the documents of last week are context, not news
    topical = [
        c.document_id
        for sec in result.briefing.sections[1:]
        if sec.topic
        for s in sec.sentences
        for c in s.citations
    ]
    assert topical and not {"o1", "o2", "o3"} & set(topical)


def test_a_story_is_not_called_quiet_while_its_figure_is_reported_again() -> None:
    """Last week's story has nothing new, but this week three other outlets state its
    figure in a story of their own: saying "no new reports on" it would be wrong."""
    before = three_reports("o", OLD_COUNT, ("xinhua", "caixin", "reuters"), day=14)
    again = three_reports(
        "a",
        "Officials count more than 4,500 artificial intelligence companies in China, a "
        "figure that includes many small software firms. ",
        ("scmp", "bloomberg", "ft"),
    )
    stories = [
        Story("s-old", "4,500", ("o1", "o2", "o3"), None, None, (), (), (), 3),
        Story("s-again", "4,500 again", ("a1", "a2", "a3"), None, None, (), (), (), 3),
    ]
    result = week_after(before, again, stories)
    texts = [s.text for sec in result.briefing.sections for s in sec.sentences]
    assert any("4,500" in t for t in texts)  # reported this week…
    assert not any(t.startswith("No new reports this period") for t in texts)  # …so not quiet
    assert any("not called quiet" in n for n in result.notes)


def test_a_shared_bare_number_does_not_keep_a_story_from_being_quiet() -> None:
    """Last week: 4,500 AI companies. This week nothing on them, only a story about 4,500
    farmers at a fair: the same digits are not the same figure, so the old story is
    still called quiet."""
    before = three_reports("o", OLD_COUNT, ("xinhua", "caixin", "reuters"), day=14)
    other = three_reports(
        "a",
        "Provincial officials said 4,500 farmers attended the spring planting fair in Henan "
        "this week. ",
        ("scmp", "bloomberg", "ft"),
    )
    stories = [
        Story("s-old", "4,500", ("o1", "o2", "o3"), None, None, (), (), (), 3),
        Story("s-fair", "fair", ("a1", "a2", "a3"), None, None, (), (), (), 3),
    ]
    result = week_after(before, other, stories)
    texts = [s.text for sec in result.briefing.sections for s in sec.sentences]
    assert any("4,500 farmers" in t for t in texts)
    assert any(t.startswith("No new reports this period") and "companies" in t for t in texts)


# ------------------------------------------------------------------------------ other
def test_same_inputs_same_briefing_whatever_their_order() -> None:
    docs, stories = storied()
    data = inputs([*docs, *mixed()], stories=stories)
    first = write_briefing(data, linker=LINKER)
    shuffled_docs = list(data.documents.items())
    random.Random(7).shuffle(shuffled_docs)
    claims = list(data.claims)
    random.Random(8).shuffle(claims)
    again = write_briefing(
        replace(data, documents=dict(shuffled_docs), claims=claims, stories=stories[::-1]),
        linker=LINKER,
    )
    assert again.briefing == first.briefing
    assert again.notes == first.notes


def test_nothing_in_the_window_gives_an_empty_briefing_that_says_so() -> None:
    data = inputs(
        three_outlets(), window=(datetime(2020, 1, 1, tzinfo=UTC), datetime(2020, 1, 8, tzinfo=UTC))
    )
    result = write_briefing(data)
    assert result.briefing.sections == ()
    assert result.briefing.title.startswith("No qualifying reports")


def test_bad_options_say_what_to_do() -> None:
    with pytest.raises(ValueError, match="language must be one of en, zh"):
        BriefOptions(language="fr")
    with pytest.raises(ValueError, match="min_documents must be at least 1"):
        BriefOptions(min_documents=0)
    with pytest.raises(ValueError, match="must end after it starts"):
        BriefInputs(window=(WINDOW[1], WINDOW[0]), documents={})


def test_an_llm_writes_the_sections_and_its_unsupported_sentences_are_reported() -> None:
    data = inputs(three_outlets())
    reply = (
        "The industry ministry said China had more than 5,000 AI companies by the end of "
        "September. [c:1] The ministry said there were 9,000 AI companies. [c:1]"
    )
    with LLMServer(reply) as srv, OpenAICompatibleLLM(srv.base_url, "m", retries=0) as llm:
        writer = LLMWriter(llm, LLMWriterOptions(language="en"), linker=LINKER)
        result = write_briefing(data, llm=writer, linker=LINKER)
        assert srv.requests
    verified(data, result.briefing)
    assert result.briefing.writer == "llm"
    text = sentences(result.briefing)
    assert any(t.startswith("The industry ministry said China had more than 5,000") for t in text)
    assert not any("9,000" in t for t in text)
    assert [r.text for r in result.llm_report] == [
        "The ministry said there were 9,000 AI companies."
    ]
    kept = next(
        s
        for sec in result.briefing.sections
        for s in sec.sentences
        if "industry ministry" in s.text
    )
    assert {c.document_id for c in kept.citations} == {"x1", "c1", "r1"}

    with pytest.raises(ValueError, match="LLMWriterOptions"):
        write_briefing(data, BriefOptions(language="zh"), llm=writer)


def test_markdown_shows_numbered_citations_and_the_source_list() -> None:
    data = inputs(three_outlets())
    markdown = render_markdown(write_briefing(data, linker=LINKER).briefing)
    assert "## Sources" in markdown and "[1][2][3]" in markdown


def test_a_province_figure_is_not_the_latest_national_figure() -> None:
    national = doc(
        "n",
        "xinhua",
        "China had more than 4,500 AI companies at the end of 2023, "
        "the Ministry of Industry and Information Technology said. " + FILLER,
        day=21,
    )
    province = doc("p", "caixin", "广东省人工智能企业数量到2025年9月超过1500家，省工业和信息化厅"
                   "表示。" + "该省还发布了算力建设方案。", day=24)  # fmt: skip
    data = inputs([national, province], place="china")
    scope = Scope(data, BriefOptions())
    assert "guangdong" in scope.elsewhere
    latest = latest_figure(scope, "ai-company-count")
    assert latest is not None and latest.document_id == "n"  # not the newer Guangdong count
    everywhere = Scope(replace(data, place=None), BriefOptions())
    newest = latest_figure(everywhere, "ai-company-count")
    assert newest is not None and newest.document_id == "p"  # without a scope it would be


def test_the_earlier_figure_is_another_value_in_a_sentence_that_reads_alone() -> None:
    texts = {
        "new": ("xinhua", "China had more than 5,000 artificial intelligence companies at the "
                "end of September 2025, up from about 1,400 five years earlier, the ministry "
                "said. "),
        "rep": ("cgtn", "The number of AI companies in China exceeded 5,000 in August 2025, "
                "spread over 30 provinces, officials said. "),  # 5,000 again, with another number
        "old": ("caixin", "China had more than 4,500 artificial intelligence companies at the "
                "end of 2024, the ministry said. "),
        "lean": ("scmp", "It counted 4,800 artificial intelligence companies in China in March "
                 "2025, the ministry said. "),  # more recent, but "It" (who?) reads badly alone
    }  # fmt: skip
    data = inputs([doc(d, source, text + FILLER) for d, (source, text) in texts.items()])
    lines = indicators(Scope(data, BriefOptions()))
    (line,) = [x for x in lines if x.metric == "ai-company-count"]
    assert line.latest.document_id == "new"
    assert line.earlier is not None and line.earlier.document_id == "old"  # 4,500, not 5,000


def test_a_shared_count_of_something_else_does_not_hide_an_earlier_figure() -> None:
    texts = {
        "new": ("xinhua", "China had more than 5,000 artificial intelligence companies in "
                "September 2025, spread over 31 provinces, the ministry said. "),
        "old": ("caixin", "China had 4,300 artificial intelligence companies at the end of "
                "2024, spread over 31 provinces, the ministry said. "),
    }  # fmt: skip
    data = inputs([doc(d, source, text + FILLER) for d, (source, text) in texts.items()])
    (line,) = [x for x in indicators(Scope(data, BriefOptions())) if x.metric == "ai-company-count"]
    assert line.latest.document_id == "new"
    assert line.earlier is not None and line.earlier.document_id == "old"  # 31 is not a count


def test_two_figures_of_one_chinese_sentence_stay_two_facts() -> None:
    both = ("据工信部数据，2023年底我国算力总规模为230EFLOPS；"
            "截至2024年6月底我国算力总规模为246EFLOPS。")  # fmt: skip
    only_230 = "工信部数据显示，2023年底我国算力总规模为230EFLOPS。"
    only_246 = "工信部数据显示，截至2024年6月底我国算力总规模为246EFLOPS。"
    docs = [
        doc("x", "xinhua", "各地纷纷出台支持政策，推动人工智能产业加快发展；" + both, day=25),
        doc("c", "caixin", only_230 + "多地智算中心陆续投产。", day=21),
        doc("y", "yicai", only_230 + "算力需求继续增长。", day=21),
        doc("g", "cgtn", only_246 + "智能算力增长最快。", day=23),
        doc("p", "peoples-daily", only_246 + "东数西算工程稳步推进。", day=23),
    ]
    data = inputs(docs)
    scope = Scope(data, BriefOptions())
    for fact in build_facts(gather_passages(scope), scope):
        cited = {p.document_id for p in fact.sources}
        assert not ({"c", "y"} & cited and {"g", "p"} & cited), fact.lead.text  # 230 ≠ 246
    result = write_briefing(data, BriefOptions(language="zh"), linker=LINKER)
    verified(data, result.briefing)
    text = render_markdown(result.briefing)
    assert "246EFLOPS" in text and "230EFLOPS" in text


def test_a_figure_under_another_definition_is_not_the_latest_figure() -> None:
    firms_text = (
        "China's AI penetration rate among industrial firms reached 30% at the end of 2024, "
        "the ministry said. "
    )
    people_text = (
        "Generative AI users reached about 36.5% of the population in June 2025, a "
        "penetration rate that few expected. "
    )
    firms = doc("f", "xinhua", firms_text + FILLER, day=21)
    people = doc("h", "techcrunch", people_text + FILLER, day=24)
    data = inputs([firms, people], place="china")
    by_doc = {c.document_id: c.metric for c in data.claims if c.metric}
    assert by_doc == {"f": "ai-adoption-rate", "h": "ai-adoption-rate"}  # both read as the rate
    latest = latest_figure(Scope(data, BriefOptions()), "ai-adoption-rate")
    assert latest is not None and latest.document_id == "f"  # not the newer share of people


def test_a_sentence_quoted_in_a_section_is_not_listed_again_as_single_source() -> None:
    figure = doc("a", "xinhua", "China's core AI industry reached nearly 600 billion yuan in "
                 "2024, the ministry said. " + FILLER, day=23)  # fmt: skip
    target = doc("b", "yicai", "The State Council plan targets a core AI industry worth more "
                 "than 1 trillion yuan by 2030. " + FILLER, day=24)  # fmt: skip
    data = inputs([figure, target])
    briefing = write_briefing(data, linker=LINKER).briefing
    verified(data, briefing)
    by_title = {sec.title: sec for sec in briefing.sections}
    targets = by_title["Targets and latest figures"]
    assert {(c.document_id, c.start) for s in targets.sentences for c in s.citations} == {
        ("a", 0),
        ("b", 0),
    }
    single = by_title["Single-source reports"]
    listed = {(c.document_id, c.start) for s in single.sentences for c in s.citations}
    assert listed and not listed & {("a", 0), ("b", 0)}


def test_a_sentence_naming_its_own_speaker_is_quoted_after_its_carrier() -> None:
    """ "CSET reported that Stanford's AI Index reported that …" stutters: such a sentence
    is quoted whole after the outlet that carried it."""
    own = (
        "Stanford's AI Index 2025 reported that American institutions produced 40 notable "
        "AI models in 2024, compared with 15 from China."
    )
    plain = "Stanford researchers counted 40 notable American AI models in 2024."
    more = "Researchers at Stanford's institute compile it."
    data = inputs([doc("s", "cset", f"{own} {plain} {more}")])
    scope = Scope(data, BriefOptions())
    prose = Prose(scope, Checker(scope, LINKER))
    text = data.documents["s"].text
    claims = tuple(c for c in data.claims if c.document_id == "s")

    def passage(sentence: str) -> Passage:
        start = text.index(sentence)
        return Passage(
            sentence[:8], "s", start, start + len(sentence), sentence, "en", claims, "s",
            "cset", None, None, True, 1.0, frozenset(),
        )  # fmt: skip

    assert prose._clause("CSET", passage(own)) == f"CSET reported: “{own.rstrip('.')}”"
    assert prose._clause("CSET", passage(plain)).startswith("CSET reported that Stanford ")
    for index in range(3):  # every frame a topic section may use, whatever its rotation
        forms = prose._fact_texts(passage(own), "CSET", index)
        assert forms and not any(f.count("reported that") > 1 for f in forms), forms


def test_also_new_follows_a_line_that_said_new_since(monkeypatch: pytest.MonkeyPatch) -> None:
    """When the first new fact can only be stated bare (no frame passed the checks), the
    lead-in moves to the next line: "Also new" never opens the list."""
    data = inputs([doc("a", "xinhua", COMPANIES), doc("b", "caixin", FILLER)])
    scope = Scope(data, BriefOptions())
    prose = Prose(scope, Checker(scope, LINKER))
    facts = build_facts(gather_passages(scope), scope)
    assert len(facts) >= 2

    def fact(self: Prose, f: object, index: int = 0, prefix: str = "") -> BriefingSentence:
        text = "A bare first line." if index == 0 else f"{prefix}line {index}."
        return BriefingSentence(text, ())

    monkeypatch.setattr(Prose, "fact", fact)
    lines = prose.new_facts(facts[:2])
    assert [x.text for x in lines if x is not None] == [
        "A bare first line.",
        "New since the last briefing: line 1.",
    ]


def test_a_chinese_sentence_with_its_own_source_is_not_framed_with_a_second_ju() -> None:
    """ "据澎湃新闻报道，据国家网信办公布的信息，…" stutters: such a sentence keeps its own
    据 and names its carriers after it (来源：…)."""
    sentence = "据国家网信办公布的信息，截至2024年底，共有302款生成式人工智能服务完成备案。"
    docs = [
        doc(d, source, f"{sentence}业内人士认为备案数量仍将增长。", story="s")
        for d, source in (("p", "the-paper"), ("y", "yicai"), ("x", "jiemian"))
    ]
    stories = [Story("s", "302", ("p", "y", "x"), None, None, (), (), (), 3)]
    data = inputs(docs, stories=stories)
    briefing = write_briefing(data, BriefOptions(language="zh"), linker=LINKER).briefing
    verified(data, briefing)
    texts = [s.text for sec in briefing.sections for s in sec.sentences]
    stated = [t for t in texts if "302款" in t]
    assert stated and all(t.startswith(sentence.rstrip("。") + "（来源：") for t in stated), stated
