from __future__ import annotations

from sinoscope.records import Beat, Topic
from sinoscope.understand.topics import TopicTagger

from .conftest import Analyze

CHIPS = Topic("chips", "Chips", "芯片", ("chip", "chips", "EUV", "foundry"), ("芯片", "晶圆厂"))
TALKS = Topic("talks", "Talks", "对话", ("summit", "UN", "dialogue"), ("峰会", "联合国"))


def test_english_keywords_match_whole_words_case_insensitively() -> None:
    tagger = TopicTagger([CHIPS, TALKS], threshold=0.1)
    hits = tagger.hits("Chipmakers met. The CHIP shortage and chips at the foundry.")
    assert [(h.topic_id, h.keyword) for h in hits] == [
        ("chips", "chip"),
        ("chips", "chips"),
        ("chips", "foundry"),
    ]


def test_acronyms_match_only_in_capitals() -> None:
    tagger = TopicTagger([CHIPS, TALKS], threshold=0.1)
    assert [h.keyword for h in tagger.hits("un-named sources at the UN; euv is not EUV")] == [
        "UN",
        "EUV",
    ]


def test_chinese_keywords_match_as_substrings() -> None:
    tagger = TopicTagger([CHIPS, TALKS], threshold=0.1)
    assert [h.topic_id for h in tagger.hits("新建晶圆厂，国产芯片；联合国峰会")] == [
        "chips",
        "chips",
        "talks",
        "talks",
    ]


def test_scores_rank_best_first_and_title_hits_weigh_more() -> None:
    tagger = TopicTagger([CHIPS, TALKS], threshold=0.5)
    text = "The summit ended. Leaders discussed chips and a new foundry for chips."
    assert [t for t, _ in tagger.score(text)] == ["chips", "talks"]
    with_title = tagger.score(text, title="Summit diplomacy at the UN")
    assert [t for t, _ in with_title] == ["talks", "chips"]


def test_an_on_beat_document_gets_at_least_its_best_topic() -> None:
    tagger = TopicTagger([CHIPS, TALKS], threshold=100)
    assert [t for t, _ in tagger.score("A long story mentioning one chip.")] == ["chips"]
    assert tagger.score("Nothing on the beat here.") == []


def test_repeated_keyword_counts_at_most_three_times() -> None:
    tagger = TopicTagger([CHIPS, TALKS], threshold=0.0)
    (one,) = tagger.score("chip " * 3)
    (many,) = tagger.score("chip " * 30)
    assert many[1] < one[1] * 1.1  # longer text, same capped hits: no higher score


def test_document_and_claim_topics_from_the_beat(analyze: Analyze, beat: Beat) -> None:
    text = (
        "The US added 80 Chinese chipmakers to the Entity List, tightening export controls "
        "on lithography tools and high-bandwidth memory.\nThe weather was fine."
    )
    analysis = analyze(text, title="US blacklists Chinese chip firms")
    topics = [t for t, _ in analysis.topics]
    assert topics[0] in ("export-controls-rivalry", "semiconductors-compute")
    assert set(topics[:2]) == {"export-controls-rivalry", "semiconductors-compute"}
    (claim,) = analysis.claims
    assert "export-controls-rivalry" in claim.topics
    assert all(t in {topic.id for topic in beat.topics} for t in topics)
