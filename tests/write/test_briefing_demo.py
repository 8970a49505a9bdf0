"""The default writer on the demo corpus: the real pipeline into a SQLite store, stories
clustered, then briefings in English and Chinese that the verifier must pass in full."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from sinoscope.beats import load_beat
from sinoscope.connect import StoryClusterer, StoryInput, ordered
from sinoscope.demo.run import run_demo
from sinoscope.records import Beat, Briefing, Document
from sinoscope.settings import Settings
from sinoscope.store import Store
from sinoscope.understand.entities import EntityLinker
from sinoscope.write import (
    BriefDocument,
    BriefInputs,
    BriefOptions,
    VerificationReport,
    render_markdown,
    verify_briefing,
    write_briefing,
)

EVERYTHING = (datetime(2023, 1, 1, tzinfo=UTC), datetime(2027, 1, 1, tzinfo=UTC))


def _aware(when: datetime | None) -> datetime | None:
    if when is None or when.utcoffset() is not None:
        return when
    return when.replace(tzinfo=UTC)


def _original(d: Document) -> str | None:
    return d.syndicated_from or d.duplicate_of or d.near_duplicate_of


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Beat, BriefInputs]:
    data_dir = tmp_path_factory.mktemp("demo") / "store"
    result = run_demo(Settings(), data_dir)
    beat = load_beat(data_dir / "beat")
    sources = {s.id: s for s in beat.sources}
    with Store.open(result.settings.db_url) as store:
        docs = list(store.iter_documents())
        claims = [sc.claim for sc in store.claims()]
        agreements = store.agreements()
        topics = store.document_topics([d.id for d in docs])
    clusterer = StoryClusterer()
    for item in ordered(
        StoryInput(
            d.id,
            d.text,
            d.language,
            d.title,
            d.source_id,
            sources[d.source_id].kind if d.source_id in sources else None,
            _aware(d.published),
            syndicated_from=_original(d),
        )
        for d in docs
    ):
        clusterer.add(item)
    documents = {}
    for d in docs:
        source = sources.get(d.source_id or "")
        documents[d.id] = BriefDocument(
            id=d.id,
            title=d.title,
            url=d.url,
            source_id=d.source_id,
            source_name=source.name if source else None,
            source_kind=source.kind if source else None,
            published=_aware(d.published),
            language=d.language,
            text=d.text,
            original_id=_original(d),
            source_name_zh=source.name_zh if source else None,
        )
    inputs = BriefInputs(
        window=EVERYTHING,
        documents=documents,
        claims=claims,
        stories=clusterer.stories(),
        agreements=agreements,
        topics=beat.topics,
        document_topics=topics,
        metrics=beat.metrics,
        entities=beat.entities,
        beat=beat.id,
    )
    return beat, inputs


def check(beat: Beat, inputs: BriefInputs, briefing: Briefing) -> VerificationReport:
    claims = {c.id: c for c in inputs.claims}
    report = verify_briefing(
        briefing,
        lambda d: inputs.documents[d].text if d in inputs.documents else None,
        linker=EntityLinker(beat.entities),
        claims=claims.get,
        metrics=inputs.metrics,
    )
    assert report.cited_share == 1.0
    assert report.unsupported_numbers == []
    assert report.dangling_citations == []
    assert report.ok, [r.reasons for r in report.results if not r.ok]
    return report


@pytest.mark.parametrize("language", ["en", "zh"])
def test_the_whole_corpus_is_fully_cited_and_verified(
    corpus: tuple[Beat, BriefInputs], language: str
) -> None:
    beat, inputs = corpus
    result = write_briefing(
        inputs, BriefOptions(language=language), linker=EntityLinker(beat.entities)
    )
    briefing = result.briefing
    report = check(beat, inputs, briefing)
    assert report.sentences >= 20
    titles = [s.title for s in briefing.sections]
    disputes = "Contradictions & disputed figures" if language == "en" else "分歧与存疑数字"
    single = "Single-source reports" if language == "en" else "单一来源报道"
    targets = "Targets and latest figures" if language == "en" else "目标与最新数字"
    assert disputes in titles and single in titles and targets in titles
    # a sentence quoted in a section is not listed again among the single-source reports,
    # even when another outlet reported it too (the quoted sentence is the first citation)
    quoted = {
        (c.document_id, c.start, c.end)
        for sec in briefing.sections
        if sec.title != single
        for x in sec.sentences
        for c in x.citations
    }
    (listed,) = [sec for sec in briefing.sections if sec.title == single]
    for x in listed.sentences:
        lead = x.citations[0]
        assert (lead.document_id, lead.start, lead.end) not in quoted, x.text
    topic_names = {t.name_zh if language == "zh" else t.name for t in beat.topics}
    assert len(topic_names & set(titles)) >= 3
    assert briefing.title and briefing.dek
    numbers = [s.number for s in briefing.sources]
    assert numbers == list(range(1, len(numbers) + 1))
    markdown = render_markdown(briefing)
    assert "[1]" in markdown
    if language == "en":
        assert "as reported by" in markdown or "reported that" in markdown
    else:
        assert "据" in markdown


def test_weekly_briefings_and_what_changed(corpus: tuple[Beat, BriefInputs]) -> None:
    beat, inputs = corpus
    linker = EntityLinker(beat.entities)
    april = replace(
        inputs, window=(datetime(2025, 4, 1, tzinfo=UTC), datetime(2025, 5, 1, tzinfo=UTC))
    )
    previous = write_briefing(april, linker=linker).briefing
    check(beat, april, previous)
    later = replace(
        inputs,
        window=(datetime(2025, 5, 1, tzinfo=UTC), datetime(2025, 11, 1, tzinfo=UTC)),
        previous=previous,
    )
    result = write_briefing(later, linker=linker)
    check(beat, later, result.briefing)
    first = result.briefing.sections[0]
    assert first.title == "What changed since the last briefing"
    leads = [s.text for s in first.sentences if s.text.startswith("New since the last briefing")]
    assert len(leads) == 1  # said once; the other new facts follow with "Also new"
    old = {c.document_id for s in previous.sections for x in s.sentences for c in x.citations}
    window_docs = {
        d
        for d, doc in inputs.documents.items()
        if doc.published and later.window[0] <= doc.published < later.window[1]
    }
    for sentence in first.sentences:
        if sentence.text.startswith(("New since", "Also new")):
            assert {c.document_id for c in sentence.citations} <= window_docs - old
