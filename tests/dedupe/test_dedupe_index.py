"""The near-duplicate index: groups, originals, links (sinoscope.dedupe.index)."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta, timezone

import numpy as np
import pytest

from sinoscope.dedupe import (
    DedupeItem,
    DedupeOptions,
    Link,
    NearDuplicateIndex,
    apply_link,
    fingerprint,
    lsh_params,
    signature,
    signature_from_bytes,
    signature_to_bytes,
    similarity,
)
from sinoscope.errors import NotFound
from sinoscope.records import Document
from sinoscope.settings import Settings

T0 = datetime(2025, 3, 5, 8, 0, tzinfo=UTC)

MIIT_STORY = """China's industry ministry said on Tuesday that the number of artificial intelligence
companies in the country has passed 5,000, up from about 1,400 five years ago, as local
governments compete to attract start-ups with subsidies and cheap computing power.

Officials told a news conference in Beijing that the core AI industry was now worth close to
600 billion yuan, and that the ministry would publish new guidelines on data centres before
the end of the year.

The ministry said computing capacity had reached 246 EFLOPS by the middle of the year, with
intelligent computing making up a growing share. It did not say how many of the new companies
were profitable.

Analysts said the figures should be read with care. Many firms registered as AI companies
sell ordinary software, one Shanghai-based researcher said, and the definition used by the
ministry has changed twice since 2020.

The announcement comes as Washington tightens export controls on advanced chips. Huawei and
other domestic suppliers have been asked to increase production of accelerators for training
large models.

The ministry plans to support 100 pilot zones for industrial AI applications by 2027, a
spokesman said, adding that more details would follow in a joint notice with the development
commission."""

# the same story with its third paragraph rewritten
MIIT_EDITED = MIIT_STORY.replace(
    """The ministry said computing capacity had reached 246 EFLOPS by the middle of the year, with
intelligent computing making up a growing share. It did not say how many of the new companies
were profitable.""",
    """Computing capacity stood at 246 EFLOPS in June, the ministry said, and intelligent
computing accounted for about a third of it. The ministry gave no figures on how many of the
companies make a profit.""",
)

# another story on the same subject: same entities, other numbers and events
COMPUTE_PLAN = """China's industry ministry on Friday announced a plan to raise the country's
computing capacity to 300 EFLOPS by 2025, with intelligent computing making up 35 percent, as
it seeks to close the gap with the United States in artificial intelligence.

The plan, published jointly with five other agencies, asks provinces to build new data centres
in the west of the country, where electricity is cheaper, and to link them to demand in
eastern cities through a national network.

Huawei, which makes the Ascend accelerators used in many state-backed data centres, said it
welcomed the plan. The company has said it expects demand for its chips to double next year.

The ministry said the number of AI companies had grown to more than 4,500 and that the core
industry was worth about 500 billion yuan, but it gave no new figures on profits.

Some analysts questioned whether the targets could be met while export controls limit access
to advanced chipmaking tools. A Beijing-based economist said the new centres risked standing
idle.

The plan also sets goals for storage capacity and for the share of green power used by data
centres by 2025."""

ZH_STORY = (
    "新华社北京3月5日电 工业和信息化部5日表示，我国人工智能企业数量已超过5000家，较五年前的1400多家"
    "大幅增长，人工智能核心产业规模接近6000亿元。工业和信息化部有关负责人在新闻发布会上介绍，截至去年底，"
    "全国算力总规模达到每秒230百亿亿次浮点运算，其中智能算力占比持续提升。下一步，工业和信息化部将加快"
    "推进人工智能与实体经济深度融合，支持建设一批行业大模型创新应用平台，推动人工智能在制造业、医疗、"
    "交通等领域规模化应用。该负责人表示，将进一步完善人工智能标准体系，加强数据安全和算法治理，引导企业"
    "有序发展，防止低水平重复建设。业内专家认为，企业数量快速增长反映出产业活力，但也需要关注部分企业"
    "核心技术能力不足、同质化竞争等问题。"
)
ZH_EDITED = (
    ZH_STORY.replace(
        "业内专家认为，企业数量快速增长反映出产业活力，但也需要关注部分企业核心技术能力不足、同质化竞争等问题。",
        "有专家指出，企业数量增长较快，说明产业活力较强，但部分企业仍存在核心技术薄弱、同质化竞争等问题。",
    )
    + "\n（来源：新华网）责任编辑：王明"
)
ZH_OTHER = (
    "工业和信息化部等六部门近日联合印发算力基础设施高质量发展行动计划，提出到2025年，我国算力规模超过"
    "每秒300百亿亿次浮点运算，智能算力占比达到35%。计划要求，优化算力基础设施布局，推动西部地区数据中心"
    "建设，提升东西部算力协同调度能力。工业和信息化部有关负责人表示，将支持华为等企业加快国产人工智能"
    "芯片研发和应用，推动算力、存力、运力协同发展。专家表示，实现上述目标需要在芯片、网络和能源供给等"
    "方面持续投入，同时防止一些地方盲目建设、重复建设。"
)


def item(
    doc_id: str,
    text: str,
    source: str | None = "src",
    published: datetime | None = T0,
    language: str | None = None,
) -> DedupeItem:
    fp = fingerprint(text, language)
    return DedupeItem(doc_id, source, published, fp.content_hash, fp.signature)


def links(index: NearDuplicateIndex, ids: list[str]) -> dict[str, Link]:
    return {i: index.verdict_for(i).link for i in ids}


# ------------------------------------------------------------------------ detection
def test_english_edited_paragraph_is_a_near_duplicate() -> None:
    index = NearDuplicateIndex()
    index.add(item("first", MIIT_STORY))
    verdict = index.add(item("edited", MIIT_EDITED, published=T0 + timedelta(hours=2)))
    assert verdict.link.near_duplicate_of == "first"
    assert verdict.link.kind == "near_duplicate"
    assert verdict.original == "first" and verdict.group_size == 2
    assert verdict.link.similarity is not None and verdict.link.similarity >= 0.5


def test_english_story_on_the_same_subject_is_not_a_near_duplicate() -> None:
    assert similarity(signature(MIIT_STORY), signature(COMPUTE_PLAN)) < 0.2
    index = NearDuplicateIndex()
    index.add(item("first", MIIT_STORY))
    verdict = index.add(item("plan", COMPUTE_PLAN, published=T0 + timedelta(days=3)))
    assert verdict.link.kind == "original" and verdict.group_size == 1


@pytest.mark.parametrize("language", ["zh", "zh-CN", None])
def test_chinese_near_duplicate_by_character_shingles(language: str | None) -> None:
    index = NearDuplicateIndex()
    index.add(item("zh1", ZH_STORY, language=language))
    edited = index.add(item("zh2", ZH_EDITED, published=T0 + timedelta(hours=1), language=language))
    other = index.add(item("zh3", ZH_OTHER, published=T0 + timedelta(days=1), language=language))
    assert edited.link.near_duplicate_of == "zh1"
    assert other.link.kind == "original" and other.group_size == 1


def test_wire_copy_is_syndicated_from_the_first_publisher() -> None:
    index = NearDuplicateIndex()
    # the copy arrives first: it heads its group until the earlier original shows up
    copy = MIIT_STORY + "\n\nThis article was first published by Xinhua News Agency."
    first = index.add(item("cd", copy, source="china-daily", published=T0 + timedelta(hours=3)))
    assert first.link.kind == "original"
    wire = index.add(item("xh", MIIT_STORY, source="xinhua", published=T0))
    assert wire.link.kind == "original" and wire.original == "xh"
    assert {u.id: u.syndicated_from for u in wire.links} == {"xh": None, "cd": "xh"}
    # an exact copy (other spacing) by a third outlet, an update by Xinhua, an unknown source
    exact = index.add(
        item("gt", "  " + MIIT_STORY.replace("\n", " "), "global-times", T0 + timedelta(hours=5))
    )
    update = index.add(item("xh2", MIIT_EDITED, source="xinhua", published=T0 + timedelta(hours=6)))
    unknown = index.add(item("web", copy, source=None, published=None))
    # a verbatim copy by another outlet is still a wire copy, not a duplicate
    assert exact.link.syndicated_from == "xh" and exact.link.similarity == 1.0
    assert update.link.near_duplicate_of == "xh"
    assert unknown.link.near_duplicate_of == "xh"  # unknown publisher: a near duplicate
    assert index.verdict_for("cd").link.syndicated_from == "xh"
    assert index.group("web") == ("xh", "cd", "gt", "xh2", "web")
    assert index.stats.groups == 1  # one story, counted once; nothing dropped
    assert len(index) == 5


def test_apply_link_sets_the_document_fields() -> None:
    now = datetime(2025, 3, 5, tzinfo=UTC)
    doc = Document(
        id="cd", url="https://example.com/cd", canonical_url="https://example.com/cd",
        source_id="china-daily", title="Ministry counts 5,000 AI firms", author=None,
        published=now, date_source="meta", language="en", text=MIIT_STORY, content_hash="h",
        fetched_at=now,
    )  # fmt: skip
    linked = apply_link(doc, Link("cd", syndicated_from="xh", similarity=0.9))
    assert (linked.syndicated_from, linked.similarity, linked.duplicate_of) == ("xh", 0.9, None)
    with pytest.raises(ValueError, match="not cd"):
        apply_link(doc, Link("other"))


def test_dates_decide_the_original_unknown_last_ties_by_id() -> None:
    index = NearDuplicateIndex()
    index.add(item("b", MIIT_STORY, published=None))
    index.add(item("c", MIIT_STORY, published=T0))
    index.add(item("a", MIIT_STORY, published=T0))  # tie with c: the smaller id wins
    naive_earlier = datetime(2025, 3, 5, 7, 0)  # naive: read as UTC, so 07:00 < 08:00
    index.add(item("d", MIIT_STORY, published=naive_earlier))
    east = datetime(2025, 3, 5, 14, 30, tzinfo=timezone(timedelta(hours=8)))  # 06:30 UTC
    index.add(item("e", MIIT_STORY, published=east))
    assert index.group("a") == ("e", "d", "a", "c", "b")


def test_texts_without_tokens_are_only_exact_duplicates() -> None:
    index = NearDuplicateIndex()
    index.add(item("p1", "……"))
    assert index.add(item("p2", "!!!")).group_size == 1
    assert index.add(item("p3", "……")).link.duplicate_of == "p1"


# ------------------------------------------------------------------ order independence
def _families(seed: int) -> list[DedupeItem]:
    """Planted families (edited chains, exact copies, wire copies) and singletons."""
    rng = random.Random(seed)
    vocab = [f"w{i}" for i in range(3000)]
    items: list[DedupeItem] = []

    def edit(tokens: list[str], rate: float) -> list[str]:
        return [rng.choice(vocab) if rng.random() < rate else t for t in tokens]

    for f in range(8):
        base = [rng.choice(vocab) for _ in range(rng.randint(150, 400))]
        chain = [base]
        for _ in range(rng.randint(1, 3)):
            chain.append(edit(chain[-1], 0.06))
        for k, tokens in enumerate(chain):
            day = rng.choice([None, 1, 1, 2, 3])  # ties and unknown dates on purpose
            when = None if day is None else T0 + timedelta(days=day)
            source = rng.choice(["xinhua", "ap", None, "reuters"])
            items.append(item(f"f{f}.{k}", " ".join(tokens), source, when))
        if rng.random() < 0.6:
            items.append(item(f"f{f}.dup", " ".join(base).upper(), "copycat", T0))
    for s in range(10):
        items.append(item(f"s{s}", " ".join(rng.choice(vocab) for _ in range(200))))
    return items


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_links_do_not_depend_on_arrival_order(seed: int) -> None:
    items = _families(seed)
    ids = [it.id for it in items]
    results = []
    for order_seed in range(6):
        shuffled = list(items)
        random.Random(order_seed).shuffle(shuffled)
        index = NearDuplicateIndex()
        stored: dict[str, Link] = {}  # what a caller storing only the updates would hold
        for it in shuffled:
            for link in index.add(it).links:
                stored[link.id] = link
        assert stored == links(index, ids)
        results.append((links(index, ids), sorted(index.groups())))
    assert all(r == results[0] for r in results[1:])
    groups = results[0][1]
    assert sum(1 for g in groups if len(g) > 1) == 8  # every planted family found, no merges
    assert all(len({i.split(".")[0] for i in g}) == 1 for g in groups)


def test_rebuild_from_persisted_items_gives_the_same_links() -> None:
    items = _families(4)
    index = NearDuplicateIndex()
    for it in items:
        index.add(it)
    persisted = [
        (it.id, it.source_id, it.published, it.content_hash, signature_to_bytes(it.signature))
        for it in items
    ]
    rebuilt = NearDuplicateIndex(DedupeOptions())
    count = rebuilt.load(
        DedupeItem(i, s, p, h, signature_from_bytes(b, 128))
        for i, s, p, h, b in reversed(persisted)
    )
    ids = [it.id for it in items]
    assert count == len(items)
    assert links(rebuilt, ids) == links(index, ids)
    assert sorted(rebuilt.groups()) == sorted(index.groups())


# ----------------------------------------------------------------- updates, removals
def _blocks(n: int, seed: int = 9) -> list[str]:
    rng = random.Random(seed)
    return [" ".join(f"b{b}t{rng.randint(0, 10**6)}" for _ in range(60)) for b in range(n)]


def test_removing_the_middle_of_a_chain_splits_the_group() -> None:
    blocks = _blocks(6)
    a, b, c = (" ".join(blocks[i : i + 4]) for i in range(3))
    assert similarity(signature(a), signature(b)) >= 0.5
    assert similarity(signature(b), signature(c)) >= 0.5
    assert similarity(signature(a), signature(c)) < 0.5
    index = NearDuplicateIndex()
    for doc_id, text, hours in (("a", a, 0), ("b", b, 1), ("c", c, 2)):
        index.add(item(doc_id, text, published=T0 + timedelta(hours=hours)))
    assert index.group("c") == ("a", "b", "c")
    assert index.verdict_for("c").link.near_duplicate_of == "a"
    updates = index.remove("b")
    assert updates == (Link("c"),)  # c heads its own group again
    assert index.group("a") == ("a",) and index.group("c") == ("c",)
    assert "b" not in index
    with pytest.raises(NotFound):
        index.verdict_for("b")


def test_re_adding_is_idempotent_and_an_updated_text_is_relinked() -> None:
    index = NearDuplicateIndex()
    index.add(item("xh", MIIT_STORY, "xinhua", T0))
    first = index.add(item("cd", MIIT_STORY + " Source: Xinhua.", "china-daily", T0 + timedelta(1)))
    again = index.add(item("cd", MIIT_STORY + " Source: Xinhua.", "china-daily", T0 + timedelta(1)))
    assert again.links == () and again.link == first.link
    # the outlet replaces the article at the same URL with another story
    changed = index.add(item("cd", COMPUTE_PLAN, "china-daily", T0 + timedelta(1)))
    assert changed.link == Link("cd") and changed.links == (Link("cd"),)
    assert index.group("xh") == ("xh",)
    assert len(index) == 2


# -------------------------------------------------------------------------- options
def test_options_from_settings_and_lsh_parameters() -> None:
    options = DedupeOptions.from_settings(
        Settings(near_duplicate_threshold=0.6, minhash_permutations=64)
    )
    assert (options.threshold, options.num_perm) == (0.6, 64)
    for threshold in (0.3, 0.5, 0.8, 0.95):
        bands, rows = lsh_params(threshold, 128)
        assert bands * rows <= 128
        assert 1 - (1 - threshold**rows) ** bands >= 0.95
    assert DedupeOptions().lsh == lsh_params(0.5, 128)
    assert DedupeOptions(bands=16, rows=8).lsh == (16, 8)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"threshold": 0.0}, "threshold"),
        ({"threshold": 1.5}, "threshold"),
        ({"num_perm": 0}, "num_perm"),
        ({"char_shingle": 9}, "shingle sizes"),
        ({"bands": 20, "rows": 8}, "bands"),
        ({"bands": 4}, "bands"),
    ],
)
def test_bad_options_say_what_to_do(kwargs: dict[str, float], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        DedupeOptions(**kwargs)  # type: ignore[arg-type]


def test_signature_of_the_wrong_size_is_refused() -> None:
    index = NearDuplicateIndex(DedupeOptions(num_perm=64))
    with pytest.raises(ValueError, match="num_perm"):
        index.add(item("x", MIIT_STORY))
    sig = signature(MIIT_STORY, num_perm=64)
    assert index.add(DedupeItem("x", None, None, "h", sig)).group_size == 1
    assert isinstance(index.verdict_for("x").link, Link)
    assert np.array_equal(sig, signature(MIIT_STORY, num_perm=64))


def test_an_edge_needs_a_shared_band_and_a_verified_similarity() -> None:
    bands, rows = DedupeOptions().lsh
    rng = np.random.default_rng(11)
    a = rng.integers(0, 2**32 - 1, 128, dtype=np.uint64).astype(np.uint32)
    fresh = rng.integers(0, 2**32 - 1, 128, dtype=np.uint64).astype(np.uint32)
    # b agrees with a on two rows of every band: similar, but never in one bucket
    b = np.where(np.arange(128) % rows != rows - 1, a, fresh)
    half = bands // 2 * rows
    c = np.concatenate([a[:half], b[half:]])  # shares buckets with both a and b
    # d shares one whole band with a and nothing else: a candidate, rejected when verified
    d = np.where(np.arange(128) < rows, a, fresh ^ np.uint32(1))
    assert similarity(a, b) >= 0.5 and similarity(a, d) < 0.1
    index = NearDuplicateIndex()
    for doc_id, sig in (("a", a), ("b", b), ("d", d)):
        index.add(DedupeItem(doc_id, None, T0, doc_id, sig))
    assert index.group("a") == ("a",) and index.group("b") == ("b",)
    assert index.stats.candidates_checked == 1  # d met a in one bucket
    index.add(DedupeItem("c", None, T0, "c", c))
    assert index.group("c") == ("a", "b", "c")
    index.remove("c")  # a and b were joined only through c
    assert index.group("a") == ("a",) and index.group("b") == ("b",)
