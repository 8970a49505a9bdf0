"""Story clustering on hand-written reports: events apart, languages together, copies once."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from sinoscope.connect import ClusterOptions, StoryClusterer, StoryInput, ordered, story_id_for
from sinoscope.records import Document, Entity
from sinoscope.understand.entities import EntityLinker


def at(day: str, hour: int = 9) -> datetime:
    return datetime.fromisoformat(day).replace(hour=hour, tzinfo=UTC)


# Two rounds of US chip export controls: same agency, same subject, a year apart.
RULES_2022 = [
    (
        "reuters-2022",
        "reuters",
        "wire",
        "US curbs China's access to advanced chips and chipmaking tools",
        "The Commerce Department's Bureau of Industry and Security on October 7, 2022 published "
        "sweeping export controls that cut China off from advanced computing chips and the "
        "equipment to make them. Companies such as Nvidia must now seek a licence to ship the "
        "A100 and H100 accelerators to Chinese customers. The rules also bar US citizens from "
        "supporting chip production at Chinese fabs making logic chips at 16 nanometres or "
        "below. Under Secretary Alan Estevez said the measures protect national security. "
        "Shares of Applied Materials, Lam Research and KLA fell on Friday.",
    ),
    (
        "ap-2022",
        "ap",
        "wire",
        "Biden administration restricts chip exports to China",
        "Washington on Friday, October 7, 2022, unveiled export controls aimed at slowing "
        "China's military and artificial intelligence programmes. Nvidia said the licence "
        "requirement for its A100 and H100 chips could cost it 400 million dollars in sales "
        "this quarter. Alan Estevez, who heads export enforcement at the Commerce Department, "
        "told reporters the rules on 16 nanometre logic and 18 nanometre memory production "
        "were years in the making. Applied Materials and Lam Research warned of lower "
        "revenue from Chinese fabs.",
    ),
    (
        "csis-2022",
        "csis",
        "think_tank",
        "Choking off China's AI access",
        "The October 7, 2022 export controls are the most aggressive US technology policy "
        "toward China in decades. By denying the A100 and H100 accelerators and the tools from "
        "Applied Materials, Lam Research and KLA needed below 16 nanometres, the Bureau of "
        "Industry and Security under Alan Estevez aims to freeze China's chipmaking. Nvidia "
        "expects to lose 400 million dollars of sales in the quarter.",
    ),
]
RULES_2023 = [
    (
        "reuters-2023",
        "reuters",
        "wire",
        "US tightens curbs on AI chip exports to China, blocking Nvidia's tailored chips",
        "The Biden administration on October 17, 2023 updated its export controls to close "
        "loopholes, blocking Nvidia's A800 and H800, the chips it designed for China after the "
        "first round of rules. Commerce Secretary Gina Raimondo said the update targets "
        "performance density and extends licence requirements to more than 40 further "
        "countries. Chinese GPU designers Biren Technology and Moore Threads were added to "
        "the entity list. Nvidia shares fell 4.7 per cent on Tuesday.",
    ),
    (
        "ft-2023",
        "ft",
        "newspaper",
        "Washington closes loopholes in China chip controls",
        "Gina Raimondo's Commerce Department on Tuesday, October 17, 2023, widened the chip "
        "restrictions so that the A800 and H800 can no longer be sold to Chinese buyers. The "
        "new performance density test also catches chips from Intel and AMD, and Biren "
        "Technology and Moore Threads join the entity list. Nvidia, whose stock dropped 4.7 "
        "per cent, said it did not expect a near-term hit to earnings.",
    ),
    (
        "scmp-2023",
        "scmp",
        "newspaper",
        "New US rules hit Nvidia's China-only A800 and H800",
        "Nvidia's A800 and H800 accelerators are caught by the revised controls Commerce "
        "Secretary Gina Raimondo announced on October 17, 2023. Biren Technology and Moore "
        "Threads, two of China's best funded GPU start-ups, were placed on the entity list, "
        "and licence requirements now reach more than 40 countries to stop smuggling through "
        "third parties. Raimondo said the aim was to close the loopholes left a year ago.",
    ),
]


def inputs(rows, published: datetime | None) -> list[StoryInput]:
    return [
        StoryInput(
            id=doc_id,
            text=text,
            language="en",
            title=title,
            source_id=source,
            source_kind=kind,
            published=published + timedelta(hours=i) if published else None,
        )
        for i, (doc_id, source, kind, title, text) in enumerate(rows)
    ]


def groups(clusterer: StoryClusterer) -> set[frozenset[str]]:
    return {frozenset(s.document_ids) for s in clusterer.stories()}


def test_two_export_control_rounds_stay_apart_by_content_alone() -> None:
    """No dates given: names, products, dates and numbers in the text must tell them apart."""
    docs = inputs(RULES_2022, None) + inputs(RULES_2023, None)
    interleaved = [docs[0], docs[3], docs[1], docs[4], docs[2], docs[5]]
    clusterer = StoryClusterer()
    for item in interleaved:
        clusterer.add(item)
    assert groups(clusterer) == {
        frozenset({"reuters-2022", "ap-2022", "csis-2022"}),
        frozenset({"reuters-2023", "ft-2023", "scmp-2023"}),
    }


def test_two_export_control_rounds_stay_apart_with_dates() -> None:
    docs = inputs(RULES_2022, at("2022-10-07")) + inputs(RULES_2023, at("2023-10-17"))
    clusterer = StoryClusterer()
    for item in ordered(docs):
        clusterer.add(item)
    assert len(clusterer.stories()) == 2
    first, second = clusterer.stories()
    assert first.first_published == at("2022-10-07")
    assert second.first_published == at("2023-10-17")


# Big Fund III: an English and a Chinese report of one event, and a Chinese report of an
# earlier, different Big Fund event. The linker gives both languages the same entity ids.
ENTITIES = [
    Entity(
        "big-fund",
        "fund",
        "Big Fund",
        name_zh="大基金",
        aliases=(
            "National Integrated Circuit Industry Investment Fund",
            "国家集成电路产业投资基金",
        ),
    ),
    Entity("mof", "agency", "Ministry of Finance", name_zh="财政部"),
    Entity("icbc", "company", "ICBC", name_zh="工商银行"),
    Entity("china", "place", "China", name_zh="中国"),
]
BIG_FUND_EN = (
    "China sets up third phase of chip fund with 344 billion yuan",
    "China has set up the third phase of its National Integrated Circuit Industry Investment "
    "Fund with registered capital of 344 billion yuan, according to a filing dated May 24, "
    "2024. The Ministry of Finance is the largest shareholder with a 17% stake, and ICBC and "
    "five other state banks each contribute 21.5 billion yuan. The Big Fund III is larger "
    "than the first two phases combined.",
)
BIG_FUND_ZH = (
    "大基金三期注册资本3440亿元",
    "国家集成电路产业投资基金三期股份有限公司于2024年5月24日成立，注册资本3440亿元，超过前两期之和。"
    "财政部持股17%，为第一大股东；工商银行等六家国有大行各出资215亿元。",
)
BIG_FUND_2019_ZH = (
    "大基金二期成立 注册资本2041.5亿元",
    "国家集成电路产业投资基金二期股份有限公司于2019年10月22日注册成立，注册资本为2041.5亿元。"
    "财政部出资225亿元。二期将重点投向刻蚀机、薄膜设备等半导体设备和材料领域。",
)


def report(
    linker: EntityLinker, doc_id: str, language: str, title_text: tuple[str, str], **kw
) -> StoryInput:
    title, text = title_text
    mentions = tuple(m.entity_id for m in linker.find(f"{title}\n{text}"))
    return StoryInput(id=doc_id, text=text, title=title, language=language, mentions=mentions, **kw)


def test_english_and_chinese_reports_of_one_event_join() -> None:
    linker = EntityLinker(ENTITIES)
    clusterer = StoryClusterer()
    zh = clusterer.add(
        report(linker, "caixin", "zh", BIG_FUND_ZH, source_id="caixin",
               source_kind="business_press", published=at("2024-05-27", 8))
    )  # fmt: skip
    en = clusterer.add(
        report(linker, "xinhua", "en", BIG_FUND_EN, source_id="xinhua",
               source_kind="state_media", published=at("2024-05-27", 11))
    )  # fmt: skip
    assert not zh.joined
    assert en.joined and en.story_id == zh.story_id
    (story,) = clusterer.stories()
    assert story.languages == ("zh", "en")
    assert story.source_kinds == ("business_press", "state_media")
    assert story.independent_publishers == 2


def test_chinese_report_of_another_big_fund_event_stays_apart() -> None:
    """Same fund, same subject, different numbers and dates: not the same story (no
    publication dates, so the time window cannot help)."""
    linker = EntityLinker(ENTITIES)
    clusterer = StoryClusterer()
    clusterer.add(report(linker, "xinhua", "en", BIG_FUND_EN))
    clusterer.add(report(linker, "caixin", "zh", BIG_FUND_ZH))
    other = clusterer.add(report(linker, "caixin-2019", "zh", BIG_FUND_2019_ZH))
    assert not other.joined
    assert groups(clusterer) == {frozenset({"xinhua", "caixin"}), frozenset({"caixin-2019"})}


def test_syndicated_copy_joins_its_original_and_counts_once() -> None:
    original, *_ = inputs(RULES_2022, at("2022-10-07"))
    copy = StoryInput(
        id="scmp-copy",
        text=original.text,
        language="en",
        title=original.title,
        source_id="scmp",
        source_kind="newspaper",
        published=at("2022-10-07", 14),
        syndicated_from=original.id,
    )
    clusterer = StoryClusterer()
    clusterer.add(original)
    assignment = clusterer.add(copy)
    assert assignment.joined and assignment.copy_of == original.id
    assert assignment.similarity == 1.0
    (story,) = clusterer.stories()
    assert story.sources == ("reuters", "scmp")
    assert story.source_kinds == ("wire", "newspaper")
    assert story.independent_publishers == 1
    assert story.title == original.title
    assert [e.copy_of for e in clusterer.timeline(story.id)] == [None, original.id]


def test_copies_add_nothing_to_the_story_vectors() -> None:
    docs = inputs(RULES_2022, at("2022-10-07"))
    with_copies = StoryClusterer()
    without = StoryClusterer()
    for item in docs:
        with_copies.add(item)
        without.add(item)
        with_copies.add(
            StoryInput(
                id=f"copy-of-{item.id}", text=item.text, language="en",
                published=item.published, syndicated_from=item.id,
            )
        )  # fmt: skip
    probe = inputs(RULES_2023, at("2022-10-09"))[0]
    a = with_copies.add(probe)
    b = without.add(probe)
    assert a.similarity == pytest.approx(b.similarity)


def test_time_window_keeps_a_late_report_apart_unless_nearly_identical() -> None:
    docs = inputs(RULES_2022, at("2022-10-07"))
    options = ClusterOptions(window_days=14, outside_window=0.8)
    clusterer = StoryClusterer(options)
    for item in docs:
        clusterer.add(item)
    late = inputs(RULES_2022[1:2], at("2022-12-01"))[0]
    late = StoryInput(id="ap-follow-up", text=late.text, language="en", published=late.published)
    rewritten = StoryInput(
        id="ap-rewrite",
        text=RULES_2022[0][4],
        title=RULES_2022[0][3],
        language="en",
        published=at("2022-12-01", 12),
    )
    inside = StoryInput(id="ap-inside", text=late.text, language="en", published=at("2022-10-15"))
    assert not clusterer.add(late).joined  # similar, but 55 days later
    assert clusterer.add(rewritten).joined  # the same text again: very similar
    assert clusterer.add(inside).joined  # within 14 days of the story


def test_story_metadata_outlets_kinds_languages_and_first_report() -> None:
    docs = inputs(RULES_2023, at("2023-10-17", 6))
    clusterer = StoryClusterer()
    for item in reversed(docs):  # arrival order is not time order
        clusterer.add(item)
    (story,) = clusterer.stories()
    assert story.document_ids == ("reuters-2023", "ft-2023", "scmp-2023")
    assert story.title == RULES_2023[0][3]  # the first report's title
    assert story.first_published == at("2023-10-17", 6)
    assert story.last_published == at("2023-10-17", 8)
    assert set(story.sources) == {"reuters", "ft", "scmp"}
    assert set(story.source_kinds) == {"wire", "newspaper"}
    assert story.languages == ("en",)
    assert story.independent_publishers == 3
    assert clusterer.timeline(story.id)[0].document_id == "reuters-2023"
    assert clusterer.story(story.id) == story
    assert clusterer.story("no-such-story") is None


def all_docs() -> list[StoryInput]:
    linker = EntityLinker(ENTITIES)
    return (
        inputs(RULES_2022, at("2022-10-07"))
        + inputs(RULES_2023, at("2023-10-17"))
        + [
            report(linker, "xinhua", "en", BIG_FUND_EN, published=at("2024-05-27", 11)),
            report(linker, "caixin", "zh", BIG_FUND_ZH, published=at("2024-05-27", 8)),
            report(linker, "caixin-2019", "zh", BIG_FUND_2019_ZH, published=at("2019-10-25")),
        ]
    )


def test_same_order_gives_same_stories() -> None:
    runs = []
    for _ in range(2):
        clusterer = StoryClusterer()
        for item in ordered(all_docs()):
            clusterer.add(item)
        runs.append((clusterer.assignments(), clusterer.stories()))
    assert runs[0] == runs[1]
    assert len(runs[0][1]) == 4


def test_reload_from_assignments_continues_identically() -> None:
    docs = ordered(all_docs())
    head, tail = docs[:5], docs[5:]
    straight = StoryClusterer()
    for item in head:
        straight.add(item)
    stored = straight.assignments()
    later = [straight.add(item) for item in tail]

    restarted = StoryClusterer()
    assert restarted.load((item, stored[item.id]) for item in reversed(head)) == len(head)
    assert restarted.assignments() == stored
    assert [restarted.add(item) for item in tail] == later
    assert restarted.stories() == straight.stories()


def test_adding_twice_changes_nothing() -> None:
    clusterer = StoryClusterer()
    docs = inputs(RULES_2022, None)
    first = clusterer.add(docs[0])
    again = clusterer.add(docs[0])
    assert again.story_id == first.story_id == story_id_for(docs[0].id)
    assert len(clusterer) == 1


def test_ordered_puts_dated_documents_first_by_time_then_id() -> None:
    a = StoryInput(id="b", text="x", published=at("2024-01-02"))
    b = StoryInput(id="a", text="x", published=at("2024-01-02"))
    c = StoryInput(id="c", text="x", published=at("2024-01-01"))
    d = StoryInput(id="0", text="x")
    assert [i.id for i in ordered([d, a, b, c])] == ["c", "a", "b", "0"]


def test_bad_arguments_say_what_to_do() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        StoryInput(id="x", text="y", published=datetime(2024, 1, 1))
    with pytest.raises(ValueError, match="non-empty"):
        StoryInput(id="", text="y")
    with pytest.raises(ValueError, match="threshold"):
        ClusterOptions(threshold=0)
    with pytest.raises(ValueError, match="merge_above"):
        ClusterOptions(split_below=0.6, merge_above=0.5)
    with pytest.raises(ValueError, match="window_days"):
        ClusterOptions(window_days=-1)
    with pytest.raises(ValueError, match="split_neighbours"):
        ClusterOptions(split_neighbours=-1)


QUAKES = [
    ("bam-1", "A magnitude 6.1 earthquake struck Bam in Kerman province, the Iranian "
     "Seismological Center said, and 2,300 homes collapsed in the ancient citadel city."),
    ("bam-2", "The Iranian Seismological Center put the Bam earthquake at magnitude 6.1; "
     "rescuers in Kerman province counted 2,300 collapsed homes around the citadel."),
    ("bam-3", "Kerman province: 2,300 homes fell when the 6.1 quake hit Bam, according to "
     "the Iranian Seismological Center, which warned of aftershocks near the citadel."),
    ("sonoma-1", "A magnitude 4.6 earthquake shook Sonoma County near The Geysers, the US "
     "Geological Survey said; 12 homes in Healdsburg reported cracked chimneys."),
    ("sonoma-2", "The US Geological Survey measured the quake near The Geysers at 4.6; in "
     "Healdsburg and across Sonoma County 12 homes reported damage to chimneys."),
    ("sonoma-3", "Healdsburg residents woke to a 4.6 quake at The Geysers in Sonoma County; "
     "the US Geological Survey said 12 homes had cracked chimneys."),
]  # fmt: skip


def quake_inputs() -> list[StoryInput]:
    return [StoryInput(id=doc_id, text=text, language="en") for doc_id, text in QUAKES]


def test_a_story_holding_two_events_is_split_and_moves_are_reported() -> None:
    # a threshold this low lets every quake report join the first story; the split repairs it
    options = ClusterOptions(threshold=0.02, split_below=0.3)
    clusterer = StoryClusterer(options)
    docs = quake_inputs()
    assignments = [clusterer.add(item) for item in docs]
    assert all(a.joined for a in assignments[1:5])
    last = assignments[-1]  # the sixth document reaches the first checkpoint: 2 × 3
    assert groups(clusterer) == {
        frozenset({"bam-1", "bam-2", "bam-3"}),
        frozenset({"sonoma-1", "sonoma-2", "sonoma-3"}),
    }
    final = clusterer.assignments()
    assert final["sonoma-1"] == story_id_for("sonoma-1")  # the part that left opens a story
    assert final["bam-1"] == story_id_for("bam-1")  # the first report keeps the story
    moved = dict(last.moved)
    assert last.story_id == final["sonoma-3"]
    assert moved == {"sonoma-1": final["sonoma-1"], "sonoma-2": final["sonoma-1"]}


ARRESTS = [
    ("lee-1", "Harbor City Sharks guard Marcus Lee was arrested on suspicion of drunk driving "
     "early Tuesday on Route 52, police said."),
    ("ortiz-1", "Sharks centre Daniel Ortiz was arrested for drunk driving on Interstate 8 on "
     "Saturday, the team's second arrest this month."),
    ("lee-2", "Police stopped Sharks guard Marcus Lee on Route 52 at 2:30 a.m. Tuesday; Lee "
     "failed a sobriety test and was booked."),
    ("ortiz-2", "Daniel Ortiz, the Sharks centre, was booked after a Saturday stop on "
     "Interstate 8 for drunk driving."),
    ("lee-3", "Marcus Lee, the Sharks' starting guard, will play Sunday despite his Tuesday "
     "arrest for drunk driving on Route 52."),
    ("ortiz-3", "Prosecutors weigh charges against Sharks centre Daniel Ortiz over Saturday's "
     "Interstate 8 drunk-driving stop."),
    ("lee-4", "The Sharks said Marcus Lee apologised after the Route 52 drunk-driving arrest "
     "on Tuesday."),
    ("ortiz-4", "Sharks coach says Daniel Ortiz let the team down with his Interstate 8 "
     "drunk-driving arrest on Saturday."),
]  # fmt: skip


def test_two_events_on_one_subject_are_split_when_their_documents_stand_apart() -> None:
    """Two arrests of two players of one team: every report joins the first story (the
    threshold is that low) and the parts' sums are too alike for `split_below`; the
    documents of each arrest are far more alike than across, which `split_ratio` sees."""
    inputs = [StoryInput(id=i, text=t, language="en") for i, t in ARRESTS]
    by_ratio = {}
    for ratio in (0.5, 0.01):
        options = ClusterOptions(threshold=0.02, split_below=0.05, split_ratio=ratio)
        clusterer = StoryClusterer(options)
        for item in inputs:
            clusterer.add(item)
        by_ratio[ratio] = groups(clusterer)
    assert by_ratio[0.5] == {
        frozenset({"lee-1", "lee-2", "lee-3", "lee-4"}),
        frozenset({"ortiz-1", "ortiz-2", "ortiz-3", "ortiz-4"}),
    }
    assert by_ratio[0.01] == {frozenset(i for i, _ in ARRESTS)}  # without it: one story


def test_one_event_in_two_languages_stays_one_story() -> None:
    """Six reports of one event in each language: enough for the separation test to run
    within a language (3 a side), and no reason to split however the graph is cut."""
    fund = [
        ("en-1", "en", "China set up the third phase of its national chip fund with 344 billion "
         "yuan of registered capital on May 24, 2024, filings show."),
        ("zh-1", "zh", "国家集成电路产业投资基金三期于2024年5月24日注册成立，注册资本3440亿元。"),
        ("en-2", "en", "The Big Fund III, registered on May 24, 2024 with 344 billion yuan, is "
         "larger than the first two phases combined."),
        ("zh-2", "zh", "大基金三期2024年5月24日成立，注册资本3440亿元，超过前两期总和。"),
        ("en-3", "en", "Six state banks are among the backers of the 344 billion yuan Big Fund "
         "III registered on May 24, 2024."),
        ("zh-3", "zh", "六大国有银行入股大基金三期，该基金2024年5月24日注册，注册资本3440亿元。"),
        ("en-4", "en", "Big Fund III holds 344 billion yuan, registered May 24, 2024."),
        ("zh-4", "zh", "大基金三期注册资本3440亿元，2024年5月24日成立，财政部为第一大股东。"),
        ("en-5", "en", "The Finance Ministry is the largest shareholder of the 344 billion yuan "
         "Big Fund III set up on May 24, 2024."),
        ("zh-5", "zh", "3440亿元的大基金三期于2024年5月24日注册，规模超过一期和二期。"),
        ("en-6", "en", "Analysts expect the 344 billion yuan Big Fund III, registered May 24, "
         "2024, to back chipmaking equipment."),
        ("zh-6", "zh", "分析人士预计，2024年5月24日成立的大基金三期将投向设备，"
         "注册资本3440亿元。"),
    ]  # fmt: skip
    clusterer = StoryClusterer(ClusterOptions(threshold=0.02))
    for doc_id, language, text in fund:
        clusterer.add(
            StoryInput(id=doc_id, text=text, language=language, published=at("2024-05-27"),
                       mentions=("big-fund",))
        )  # fmt: skip
    assert groups(clusterer) == {frozenset(doc_id for doc_id, _, _ in fund)}


def test_a_report_placed_in_the_wrong_story_moves_when_its_own_story_grows() -> None:
    docs = {item.id: item for item in quake_inputs()}
    extra = StoryInput(
        id="sonoma-4",
        text="Another report: the 4.6 quake at The Geysers damaged 12 Healdsburg homes, the "
        "US Geological Survey said of Sonoma County.",
        language="en",
    )
    # the state an unlucky order leaves: the first Sonoma report sits with the Bam reports
    placed = {"bam-1": "A", "bam-2": "A", "bam-3": "A", "sonoma-1": "A",
              "sonoma-2": "B", "sonoma-3": "B"}  # fmt: skip
    for reassign in (True, False):
        clusterer = StoryClusterer(ClusterOptions(threshold=0.05, reassign=reassign))
        clusterer.load((docs[d], story) for d, story in placed.items())
        added = clusterer.add(extra)
        assert added.story_id == "B"
        if reassign:  # the Bam story without it is far less like it than the Sonoma story
            assert dict(added.moved) == {"sonoma-1": "B"}
            assert groups(clusterer) == {
                frozenset({"bam-1", "bam-2", "bam-3"}),
                frozenset({"sonoma-1", "sonoma-2", "sonoma-3", "sonoma-4"}),
            }
        else:
            assert added.moved == ()
            assert clusterer.assignments()["sonoma-1"] == "A"


def test_reload_after_a_split_continues_identically() -> None:
    options = ClusterOptions(threshold=0.02, split_below=0.3)
    docs = quake_inputs()
    straight = StoryClusterer(options)
    for item in docs:
        straight.add(item)
    extra = StoryInput(
        id="sonoma-4",
        text="Another report: the 4.6 quake at The Geysers damaged 12 Healdsburg homes.",
        language="en",
    )
    restarted = StoryClusterer(options)
    restarted.load((item, straight.assignments()[item.id]) for item in docs)
    assert restarted.add(extra) == straight.add(extra)
    assert restarted.stories() == straight.stories()


def test_a_bridging_report_merges_two_stories() -> None:
    options = ClusterOptions(threshold=0.3, merge_above=0.35, split_below=0.2)
    clusterer = StoryClusterer(options)
    a, b = quake_inputs()[0], quake_inputs()[3]
    clusterer.add(a)
    assert not clusterer.add(b).joined
    both = StoryInput(id="both", text=f"{a.text}\n{b.text}", language="en")
    result = clusterer.add(both)
    assert result.joined and result.merged == (story_id_for("sonoma-1"),)
    assert result.story_id == story_id_for("bam-1")  # the older story keeps its id
    assert dict(result.moved) == {"sonoma-1": story_id_for("bam-1")}
    assert groups(clusterer) == {frozenset({"bam-1", "sonoma-1", "both"})}
    assert clusterer.story(story_id_for("sonoma-1")) == clusterer.story(story_id_for("bam-1"))


def test_input_from_a_stored_document_follows_its_copy_link() -> None:
    doc = Document(
        id="d2", url="u", canonical_url="u", source_id="scmp", title="T", author=None,
        published=datetime(2024, 5, 27, 9), date_source="meta", language="en", text="Body",
        content_hash="h", fetched_at=at("2024-05-27"), near_duplicate_of="d1",
    )  # fmt: skip
    item = StoryInput.from_document(doc, source_kind="newspaper", mentions=["big-fund"])
    assert item.syndicated_from == "d1"
    assert item.published == at("2024-05-27", 9)
    assert (item.source_id, item.source_kind, item.mentions) == ("scmp", "newspaper", ("big-fund",))
    assert item.quantities is None


def test_story_ids_are_never_reused() -> None:
    """A split-off part whose first document once opened another story gets a fresh id."""
    options = ClusterOptions(threshold=0.02, split_below=0.3)
    docs = quake_inputs()
    clusterer = StoryClusterer(options)
    taken = story_id_for("sonoma-1")
    other = StoryInput(id="unrelated", text="Parliament passed the budget.", language="en")
    clusterer.load([(item, "mixed") for item in docs[:5]] + [(other, taken)])
    last = clusterer.add(docs[5])  # the sixth document: the mixed story is examined
    assert last.story_id == story_id_for("sonoma-1#1")
    assert clusterer.assignments()["unrelated"] == taken
    assert groups(clusterer) == {
        frozenset({"bam-1", "bam-2", "bam-3"}),
        frozenset({"sonoma-1", "sonoma-2", "sonoma-3"}),
        frozenset({"unrelated"}),
    }
