"""The parts story clustering is made of: names, number keys, vectors, retrieval, splitting."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from sinoscope.connect import document_features, extract_names
from sinoscope.connect.features import lexical_tokens, number_keys
from sinoscope.connect.retrieval import PostingIndex
from sinoscope.connect.split import (
    _Members,
    best_cut,
    bisect,
    checkpoint_crossed,
    normalized_cut,
    separation_of,
    shared_neighbours,
)
from sinoscope.connect.state import Profile, When, _distance, idf_of, similarity, sum_features
from sinoscope.connect.vectors import FrequencyTable, add_vectors, weighted_cosine
from sinoscope.understand.quantities import extract_quantities


def test_names_are_capitalised_runs_with_joiners() -> None:
    text = (
        "The Bank of America said on Monday that Mr. Smith, of NASA, met President Xi "
        "Jinping in Beijing. Police said Huawei launched the Mate 60 Pro."
    )
    assert extract_names(text) == [
        "bank of america",
        "nasa",
        "xi jinping",
        "beijing",
        "huawei",
        "mate 60 pro",
    ]


def test_sentence_openers_titles_possessives_and_headlines() -> None:
    text = (
        "Lindsay Lohan Leaves Betty Ford, Checks Into Malibu Rehab\n"
        "Lindsay Lohan has left the Betty Ford Center. Police confirmed it.\n"
        "British Columbia's Attorney General Wally Oppal spoke on Friday, March 3."
    )
    names = extract_names(text)
    assert names == ["lindsay lohan", "betty ford center", "british columbia", "wally oppal"]
    assert "police" not in names  # a capitalised sentence opener, "police" elsewhere is a word


def test_sentence_opening_name_is_kept_when_seen_inside_a_sentence() -> None:
    text = "Reporters asked Lohan about it.\nLohan said nothing."
    assert extract_names(text) == ["lohan", "lohan"]


def test_number_keys_bridge_languages_and_rounding() -> None:
    en = number_keys(extract_quantities("registered capital of 344 billion yuan", "en"))
    zh = number_keys(extract_quantities("注册资本3440亿元", "zh"))
    assert en == zh == ["money:CNY:3.4e+11"]
    approx = number_keys(extract_quantities("英伟达市值蒸发近5900亿美元", "zh"))
    exact = number_keys(extract_quantities("Nvidia lost $589 billion", "en"))
    assert approx == exact
    assert number_keys(extract_quantities("a magnitude 4.6 quake", "en")) == ["number::4.6"]
    assert number_keys(extract_quantities("two of the three", "en")) == []


def test_lexical_tokens_per_language() -> None:
    assert lexical_tokens("The rules were tightened on chips", "en") == [
        "rule",
        "tightened",
        "chip",
    ]
    assert lexical_tokens("華為發布", "zh") == ["华为", "为发", "发布"]  # folded to simplified


def test_document_features_blocks_and_dates() -> None:
    features = document_features(
        "Shares rose after Huawei said on May 24, 2024 that it shipped 1,200 units.",
        "en",
        title="Huawei ships",
        entity_ids=("huawei",),
    )
    for block in ("lex", "names", "bridge"):
        ids, values = features.block(block)
        assert ids.size and np.all(np.diff(ids) > 0)
        assert float(np.dot(values, values)) == pytest.approx(1.0)
    assert len(features.dates) == 1
    zh = document_features("华为2024年5月24日表示", "zh", entity_ids=("huawei",))
    assert zh.names[0].size == 0  # no capitalised names in Chinese text
    assert zh.dates == features.dates
    with pytest.raises(ValueError, match="use one of"):
        features.block("words")


def test_vectors_add_and_idf_weighted_cosine() -> None:
    a = (np.array([1, 5, 9]), np.array([1.0, 1.0, 1.0]))
    b = (np.array([5, 7]), np.array([2.0, 1.0]))
    ids, values = add_vectors(a, b)
    assert ids.tolist() == [1, 5, 7, 9] and values.tolist() == [1.0, 3.0, 1.0, 1.0]
    freq = FrequencyTable()
    for doc in ([1, 5], [5, 7], [5, 9], [5]):
        freq.add("bridge", np.array(doc))
    idf_a = freq.idf("bridge", a[0])
    assert idf_a[1] < idf_a[0]  # feature 5 is in every document
    same = weighted_cosine(a, idf_a, a, idf_a)
    assert same == pytest.approx(1.0)
    assert weighted_cosine(a, idf_a, b, freq.idf("bridge", b[0])) < 0.5


def test_posting_index_skips_common_features_and_ranks_by_shared_weight() -> None:
    index = PostingIndex()
    for story in range(5):
        index.add(story, np.array([100]))  # a feature every story has
    index.add(1, np.array([7]))
    index.add(3, np.array([7, 8]))
    found = index.candidates(
        np.array([7, 8, 100]), np.array([1.0, 1.0, 5.0]),
        query_features=10, max_posting=4, max_candidates=10,
    )  # fmt: skip
    assert found == [3, 1]  # feature 100 is in 5 > 4 stories: not looked up
    assert index.size(100) == 5


def test_checkpoints_grow_geometrically() -> None:
    crossed = [n for n in range(1, 40) if checkpoint_crossed(n - 1, n, 3)]
    assert crossed[:3] == [6, 7, 9]
    assert all(b / a < 1.5 for a, b in itertools.pairwise(crossed[2:]))
    assert checkpoint_crossed(3, 12, 3)  # a merge that jumps past several
    assert not checkpoint_crossed(3, 5, 3)


def test_bisect_finds_two_events_in_one_story() -> None:
    quake = "A magnitude {m} earthquake struck {place} on {day}, the {agency} said; {n} homes hit."
    texts = [
        quake.format(m="6.1", place="Bam in Kerman province", day="December 26, 2003",
                     agency="Iranian Seismological Center", n="2,300"),
        quake.format(m="6.1", place="Bam, Kerman", day="December 26, 2003",
                     agency="Iranian Seismological Center", n="2,300"),
        quake.format(m="6.1", place="the ancient city of Bam", day="December 26, 2003",
                     agency="Iranian Seismological Center", n="2,300"),
        quake.format(m="4.6", place="Sonoma County near The Geysers", day="March 14, 2013",
                     agency="US Geological Survey", n="12"),
        quake.format(m="4.6", place="Healdsburg in Sonoma County", day="March 14, 2013",
                     agency="US Geological Survey", n="12"),
        quake.format(m="4.6", place="Lake County and Sonoma County", day="March 14, 2013",
                     agency="US Geological Survey", n="12"),
    ]  # fmt: skip
    features = [document_features(t, "en") for t in texts]
    freq = FrequencyTable()
    for f in features:
        freq.add("lex:en", f.lex[0])
        freq.add("names", f.names[0])
        freq.add("bridge", f.bridge[0])
    weights = {"lex": 1.0, "names": 1.0, "bridge": 1.0}
    found = bisect(features, freq, weights, min_size=3)
    assert found is not None
    assert {frozenset(found.first), frozenset(found.second)} == {
        frozenset({0, 1, 2}),
        frozenset({3, 4, 5}),
    }
    assert found.similarity < 0.3
    assert bisect(features[:5], freq, weights, min_size=3) is None  # too small to split


def _two_groups(within: float, across: float, sizes: tuple[int, int]) -> np.ndarray:
    """A similarity matrix of two groups, interleaved (members 0, 2, 4 … first), with a
    little deterministic unevenness so no two members are alike."""
    n = sum(sizes)
    group = np.array([0, 1] * min(sizes) + [int(sizes[1] > sizes[0])] * abs(sizes[0] - sizes[1]))
    wobble = np.sin(np.add.outer(np.arange(n), 2 * np.arange(n))) * 0.03
    pairs = np.where(np.equal.outer(group, group), within, across) + (wobble + wobble.T) / 2
    np.fill_diagonal(pairs, 0.0)
    return pairs


def test_normalized_cut_finds_the_groups_and_their_separation() -> None:
    pairs = _two_groups(0.6, 0.25, (5, 5))
    first = normalized_cut(pairs, min_size=3)
    assert first is not None
    assert {frozenset(np.flatnonzero(first)), frozenset(np.flatnonzero(~first))} == {
        frozenset({0, 2, 4, 6, 8}),
        frozenset({1, 3, 5, 7, 9}),
    }
    assert separation_of(pairs, first, ["en"] * 10, 3) == pytest.approx(0.25 / 0.6, abs=0.02)
    uneven = normalized_cut(_two_groups(0.6, 0.25, (3, 7)), min_size=3)
    assert uneven is not None
    small = uneven if uneven.sum() == 3 else ~uneven
    assert np.flatnonzero(small).tolist() == [0, 2, 4]
    assert normalized_cut(pairs[:5, :5], min_size=3) is None  # too small to leave 3 a side


def test_shared_neighbours_thin_the_links_between_two_events_of_one_subject() -> None:
    # two events of one subject: within 0.5, across 0.3, raw separation 0.6 (not split at 0.5)
    pairs = _two_groups(0.5, 0.3, (6, 6))
    first = normalized_cut(pairs, min_size=3)
    assert first is not None
    assert separation_of(pairs, first, ["en"] * 12, 3) > 0.5
    sharpened = shared_neighbours(pairs, 5)
    cut = normalized_cut(sharpened, min_size=3)
    assert cut is not None
    assert (cut == first).all() or (cut == ~first).all()
    assert separation_of(sharpened, cut, ["en"] * 12, 3) < 0.5  # now two stories
    # one loose event (no structure): its links stay, it is not cut apart
    loose = _two_groups(0.4, 0.4, (6, 6))
    uniform = shared_neighbours(loose, 5)
    some = normalized_cut(uniform, min_size=3)
    assert some is not None and separation_of(uniform, some, ["en"] * 12, 3) > 0.5
    assert np.array_equal(shared_neighbours(pairs[:6, :6], 5), pairs[:6, :6])  # too few
    assert np.allclose(shared_neighbours(pairs, 5), shared_neighbours(pairs, 5).T)


def test_separation_compares_documents_within_one_language() -> None:
    pairs = _two_groups(0.6, 0.25, (5, 5))
    first = np.array([i % 2 == 0 for i in range(10)])
    # a split along the languages: no language on both sides, so it cannot be told
    by_language = ["en" if x else "zh" for x in first]
    assert separation_of(pairs, first, by_language, 3) == 1.0
    # English on both sides (3 and 3), Chinese on one: only the English pairs count
    mixed = ["en", "en", "en", "en", "en", "en", "zh", "zh", "zh", "zh"]
    english = np.arange(6)
    inside = [pairs[i, j] for i in english for j in english if i < j and first[i] == first[j]]
    across = [pairs[i, j] for i in english for j in english if i < j and first[i] != first[j]]
    assert separation_of(pairs, first, mixed, 3) == pytest.approx(np.mean(across) / np.mean(inside))
    assert separation_of(pairs, first, mixed, 4) == 1.0  # 3 a side is too few then
    # parts of one document each (min_split 1): no pair within a part, nothing to tell
    assert separation_of(pairs[:2, :2], np.array([True, False]), ["en", "en"], 1) == 1.0


def test_when_compares_publication_days_else_named_days() -> None:
    published = When(published=(100.0,))
    assert published.gap(When(published=(120.0,)), 14, 180)
    assert not published.gap(When(published=(110.0,)), 14, 180)
    # an undated side: the days the texts name, with the wider window
    assert not published.gap(When(named=(200.0,)), 14, 180)
    assert published.gap(When(named=(400.0,)), 14, 180)
    assert not When(named=(1.0, 500.0)).gap(When(published=(490.0,)), 14, 180)
    assert not When().gap(published, 14, 180)  # nothing to compare is never apart


def test_members_closeness_equals_similarity_member_by_member() -> None:
    """`bisect` compares every member with a part at once; it must give the figures that
    `state.similarity` gives one member at a time, in mixed-language stories too."""
    texts = [
        ("en", "Huawei unveiled the Ascend 910C chip in Shenzhen on March 3, 2025, at 800 TFLOPS."),
        ("en", "SMIC said on March 4, 2025 that it makes the Ascend 910C for Huawei in Shanghai."),
        ("en", "The Commerce Department added 140 Chinese firms to the Entity List in December."),
        ("zh", "华为于2025年3月3日在深圳发布昇腾910C芯片，算力达800 TFLOPS。"),
        ("zh", "中芯国际表示为华为代工昇腾910C芯片。"),
        ("en", "Baidu cut Ernie prices by 50% and Alibaba answered with Qwen cuts of 97%."),
    ]
    features = [
        document_features(t, lang, entity_ids=("huawei",) if "Huawei" in t or "华为" in t else ())
        for lang, t in texts
    ]
    freq = FrequencyTable()
    for f in features:
        freq.add(f"lex:{f.language}", f.lex[0])
        freq.add("names", f.names[0])
        freq.add("bridge", f.bridge[0])
    weights = {"lex": 1.0, "names": 0.5, "bridge": 2.0}
    members = _Members(features, freq)
    for part in ([0, 3], [1, 2, 4, 5], [5], list(range(6))):
        mask = np.zeros(len(features), dtype=bool)
        mask[part] = True
        summed = sum_features([features[i] for i in part])
        expected = [
            similarity(Profile.of(f), idf_of(freq, Profile.of(f)), summed.profile(f.language),
                       freq, weights)
            for f in features
        ]  # fmt: skip
        assert members.closeness(mask, weights) == pytest.approx(expected, abs=1e-12)
    pairs = members.pairwise(weights)
    for i, f in enumerate(features):
        for j, g in enumerate(features):
            other = sum_features([g]).profile(f.language)
            expected_pair = (
                0.0 if i == j else similarity(Profile.of(f), idf_of(freq, Profile.of(f)), other,
                                              freq, weights)
            )  # fmt: skip
            assert pairs[i, j] == pytest.approx(expected_pair, abs=1e-12)
    whole = sum_features(features)
    one_by_one = features[0].lex
    for f in features[1:]:
        one_by_one = add_vectors(one_by_one, f.lex) if f.language == "en" else one_by_one
    assert whole.lex["en"][0].tolist() == one_by_one[0].tolist()
    assert whole.lex["en"][1] == pytest.approx(one_by_one[1])


def test_time_distance_is_the_smallest_gap() -> None:
    rng = np.random.default_rng(3)
    for _ in range(200):
        mine = tuple(rng.uniform(0, 100, rng.integers(1, 4)).tolist())
        theirs = tuple(sorted(rng.uniform(0, 100, rng.integers(0, 20)).tolist()))
        brute = min((abs(a - b) for a in mine for b in theirs), default=float("inf"))
        assert _distance(mine, theirs) == pytest.approx(brute)


def test_a_cut_along_the_languages_gives_way_to_a_cut_within_one() -> None:
    """Two events, each reported in English and in Chinese: across languages documents
    share no words and score low, so the graph's cut may follow the languages. The cut
    within the larger language finds the events, and the other language follows."""
    event = np.array([0, 0, 0, 0, 1, 1, 1, 1, 0, 0, 0, 1, 1, 1])
    language = ["en"] * 8 + ["zh"] * 6
    same_event = np.equal.outer(event, event)
    same_language = np.equal.outer(np.array(language), np.array(language))
    pairs = np.select(
        [same_language & same_event, same_language, same_event], [0.6, 0.2, 0.15], 0.05
    )
    np.fill_diagonal(pairs, 0.0)
    by_language = normalized_cut(pairs, 3)
    assert by_language is not None  # the plain cut: along the languages
    assert separation_of(pairs, by_language, language, 3) == 1.0
    found = best_cut(pairs, language, 3)
    assert found is not None
    first, separation = found
    side = first if first[0] else ~first
    assert np.array_equal(side, event == 0)
    assert separation == pytest.approx(0.2 / 0.6, abs=0.05)
