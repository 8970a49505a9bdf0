"""Time to write a weekly briefing over N stored documents (goal: 5,000 in under 10 s).

    python bench/brief.py [--docs 5000] [--db PATH] [--repeat 3]

The store is filled through the real pipeline (`Ingestor.ingest_pages`: extract, claims,
dedupe, stories, agreements) with N distinct synthetic articles made from the sentences of
the bundled demo corpus (each article 8-16 sentences drawn from 2-4 demo articles of one
topic, dated over the last 7 days, from the beat's sources), so claims, entities and stories
are real. Then `briefs.brief` (gather from the store → write → verify) runs --repeat times
for the last 7 days; the median is reported, with the verifier's figures. Last line: JSON.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sinoscope.beats import load_beat
from sinoscope.briefs import BriefRequest, brief
from sinoscope.demo.server import SITE
from sinoscope.extract import extract
from sinoscope.pipeline import Ingestor
from sinoscope.records import Page
from sinoscope.settings import Settings
from sinoscope.store import Store
from sinoscope.understand import split_sentences

END = datetime(2026, 11, 29, tzinfo=UTC)


def demo_articles() -> list[tuple[str, str, list[str]]]:
    """(language, title, sentences) of every demo article."""
    out = []
    for path in sorted(SITE.rglob("*.htm*")):
        page = Page(
            url=f"http://demo.local/{path.relative_to(SITE)}",
            body=path.read_bytes(),
            fetched_at=END,
        )
        ex = extract(page)
        sentences = [s.text for s in split_sentences(ex.text, ex.language) if len(s.text) > 30]
        if ex.language in ("en", "zh") and len(sentences) >= 4:
            out.append((ex.language, ex.title or "", sentences))
    return out


def synthetic_pages(n: int, seed: int = 5) -> list[Page]:
    rng = random.Random(seed)
    articles = demo_articles()
    beat = load_beat()
    sources = [s for s in beat.sources if s.language in ("en", "zh")]
    pages = []
    for i in range(n):
        lang, title, _ = rng.choice(articles)
        pool = [a for a in articles if a[0] == lang]
        picked = rng.sample(pool, k=min(len(pool), rng.randint(2, 4)))
        sentences = [s for _, _, ss in picked for s in rng.sample(ss, k=min(len(ss), 4))]
        rng.shuffle(sentences)
        sep = "" if lang == "zh" else " "
        paragraphs = [sep.join(sentences[j : j + 3]) for j in range(0, len(sentences), 3)]
        published = END - timedelta(minutes=rng.randint(1, 7 * 24 * 60))
        source = rng.choice([s for s in sources if s.language == lang] or sources)
        body = "\n".join(
            [
                f"<html><head><title>{title} ({i})</title>",
                f'<meta property="article:published_time" content="{published.isoformat()}">',
                f"</head><body><article><h1>{title} ({i})</h1>",
            ]
            + [f"<p>{p}</p>" for p in paragraphs]
            + ["</article></body></html>"]
        ).encode()
        pages.append(
            Page(
                url=f"https://{source.id}.example.org/a/{i}.html",
                body=body,
                fetched_at=END,
                source_id=source.id,
                content_type="text/html; charset=utf-8",
            )
        )
    return pages


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--docs", type=int, default=5000)
    ap.add_argument("--db", type=Path, default=None, help="keep/reuse this SQLite file")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()

    path = args.db or Path(tempfile.mkdtemp()) / "brief-bench.db"
    beat = load_beat()
    settings = Settings(data_dir=path.parent, db=str(path))
    with Store.open(settings.db_url) as store:
        have = store.count_documents()
        if have < args.docs:
            pages = synthetic_pages(args.docs)[have:]
            t = time.perf_counter()
            report = Ingestor(settings, beat, store).ingest_pages(pages)
            print(
                f"ingested {report.new} documents ({report.claims} claims) "
                f"in {time.perf_counter() - t:.0f}s"
            )
        stored = store.count_documents()
        times = []
        done = None
        for _ in range(args.repeat):
            t = time.perf_counter()
            done = brief(store, beat, BriefRequest((END - timedelta(days=7), END)), keep=False)
            times.append(time.perf_counter() - t)
    assert done is not None
    median = statistics.median(times)
    r = done.report
    print(
        f"{stored} documents; weekly briefing in {median:.2f}s (median of {len(times)}); "
        f"{r.sentences} sentences, {r.cited_share:.0%} cited, "
        f"{len(r.unsupported_numbers)} unsupported numbers; goal < 10 s"
    )
    print(
        json.dumps(
            {
                "documents": stored,
                "seconds_median": round(median, 2),
                "seconds": [round(x, 2) for x in times],
                "sentences": r.sentences,
                "cited_share": r.cited_share,
                "unsupported_numbers": len(r.unsupported_numbers),
            }
        )
    )


if __name__ == "__main__":
    main()
