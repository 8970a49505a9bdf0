"""A weekly briefing over 5,000 documents and 25,000 claims is written in well under 10 s."""

from __future__ import annotations

import random
import time
from datetime import UTC, datetime, timedelta

from sinoscope.records import Attribution, Claim, Story, TimeRef
from sinoscope.write import BriefDocument, BriefInputs, write_briefing

DOCUMENTS = 5_000
CLAIMS_PER_DOCUMENT = 5
STORY_SIZE = 5
START = datetime(2025, 10, 20, tzinfo=UTC)
WORDS = (
    "chip fund model company ministry export rule capacity compute cloud factory robot data "
    "centre power grid investment startup license talent patent standard agency province "
    "adoption target growth market share revenue order shipment supply demand"
).split()
OUTLETS = [(f"outlet-{i}", f"Outlet {chr(65 + i % 26)}{i}") for i in range(40)]


def synthetic(seed: int = 1) -> BriefInputs:
    rng = random.Random(seed)
    documents: dict[str, BriefDocument] = {}
    claims: list[Claim] = []
    stories: list[Story] = []
    for s in range(DOCUMENTS // STORY_SIZE):
        topic_words = rng.sample(WORDS, 4)
        ids = []
        for k in range(STORY_SIZE):
            doc_id = f"d{s}-{k}"
            sentences = []
            for n in range(12):
                words = " ".join(rng.choice(WORDS) for _ in range(14))
                figure = rng.randint(10, 9000)
                sentences.append(
                    f"The {topic_words[n % 4]} {words} reached {figure:,} units in {2020 + n % 6}."
                )
            text = " ".join(sentences)
            source_id, name = OUTLETS[(s + k) % len(OUTLETS)]
            documents[doc_id] = BriefDocument(
                doc_id, f"Story {s} report {k}", f"https://example.com/{doc_id}", source_id,
                name, "newspaper", START + timedelta(minutes=s * 5 + k), "en", text,
                original_id=f"d{s}-0" if k == STORY_SIZE - 1 else None,
            )  # fmt: skip
            offset = 0
            for n, sentence in enumerate(sentences):
                if n < CLAIMS_PER_DOCUMENT:
                    claims.append(
                        Claim(
                            f"c{doc_id}-{n}", doc_id, "quantity", sentence, offset,
                            offset + len(sentence), "en",
                            attribution=Attribution(name, kind="publisher"),
                            time=TimeRef(as_of=str(2020 + n % 6)),
                        )
                    )  # fmt: skip
                offset += len(sentence) + 1
            ids.append(doc_id)
        stories.append(Story(f"s{s}", f"Story {s}", tuple(ids), None, None, (), (), (), 4))
    return BriefInputs(
        (START, START + timedelta(days=7)), documents, claims, stories, beat="synthetic"
    )


def test_five_thousand_documents_in_well_under_ten_seconds() -> None:
    data = synthetic()
    assert len(data.documents) == DOCUMENTS and len(data.claims) == 25_000
    started = time.perf_counter()
    result = write_briefing(data)
    elapsed = time.perf_counter() - started
    assert result.briefing.sections
    assert elapsed < 10.0, f"{elapsed:.1f} s"
