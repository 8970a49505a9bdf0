"""Fixtures for the understand tests: the bundled beat and one Understander built from it."""

from __future__ import annotations

from datetime import datetime

import pytest

from sinoscope.beats import load_beat
from sinoscope.records import Analysis, Beat, Source
from sinoscope.understand import Understander


@pytest.fixture(scope="session")
def beat() -> Beat:
    return load_beat()


@pytest.fixture(scope="session")
def understander(beat: Beat) -> Understander:
    return Understander(beat)


class Analyze:
    """Calls `analyze` with a publisher looked up by id and a date, and checks the offsets of
    everything it returns against the text (every test gets that check for free)."""

    def __init__(self, understander: Understander, beat: Beat) -> None:
        self.understander = understander
        self.beat = beat

    def __call__(
        self,
        text: str,
        *,
        language: str | None = None,
        publisher: str | None = "reuters",
        published: datetime | None = datetime(2025, 6, 1),
        title: str | None = None,
    ) -> Analysis:
        source: Source | None = self.beat.source(publisher) if publisher else None
        analysis = self.understander.analyze(
            "doc-1", text, language=language, publisher=source, published=published, title=title
        )
        for s in analysis.sentences:
            assert text[s.start : s.end] == s.text
        for claim in analysis.claims:
            assert text[claim.start : claim.end] == claim.sentence
            for q in claim.quantities:
                assert text[q.start : q.end] == q.text
                assert claim.start <= q.start and q.end <= claim.end
            a = claim.attribution
            if a.start is not None and a.end is not None:
                assert text[a.start : a.end] == a.text
        for m in analysis.mentions:
            assert text[m.start : m.end] == m.text
        return analysis


@pytest.fixture(scope="session")
def analyze(understander: Understander, beat: Beat) -> Analyze:
    return Analyze(understander, beat)
