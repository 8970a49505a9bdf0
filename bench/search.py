"""Search latency over N synthetic documents on SQLite (FTS5): p50/p95 per query kind.

    python bench/search.py [--docs 100000] [--queries 200] [--db PATH]

Documents are generated deterministically (seeded) from English and Chinese vocabularies with
realistic lengths; queries mix rare and common words, two-word ANDs, phrases, Chinese words
(bigram phrases), and filters (language, since, source). Goal: p95 ≤ 50 ms at 100,000 docs.
The peer measured in the same run is a plain LIKE scan (the obvious alternative without an
index) on a sample of the queries. Last line: one JSON object.
"""

from __future__ import annotations

import argparse
import bisect
import json
import random
import statistics
import tempfile
import time
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import sqlalchemy as sa

from sinoscope.records import Document
from sinoscope.store import SearchQuery, Store

SOURCES = ("xinhua", "caixin", "reuters", "scmp", "36kr", "miit", "bloomberg", "jiemian")
T0 = datetime(2023, 1, 1, tzinfo=UTC)
VOCAB = 30_000  # word types per language; frequencies follow Zipf's law (s = 1.1)


def vocabularies(seed: int = 3) -> tuple[list[str], list[str]]:
    """Pseudo-words: English-like from syllables, Chinese-like from common Han characters."""
    rng = random.Random(seed)
    syllables = [c + v for c in "bcdfghjklmnprstvwz" for v in ("a", "e", "i", "o", "u", "ai", "ou")]
    en: list[str] = []
    seen: set[str] = set()
    while len(en) < VOCAB:
        w = "".join(rng.choice(syllables) for _ in range(rng.choice((1, 2, 2, 3, 3, 4))))
        if w not in seen:
            seen.add(w)
            en.append(w)
    han = [chr(c) for c in range(0x4E00, 0x4E00 + 3500)]
    zh: list[str] = []
    seen.clear()
    while len(zh) < VOCAB:
        w = "".join(rng.choice(han) for _ in range(rng.choice((1, 2, 2, 2, 3, 4))))
        if w not in seen:
            seen.add(w)
            zh.append(w)
    return en, zh


def _zipf_sampler(rng: random.Random, n: int) -> list[float]:
    weights = [1.0 / (rank**1.1) for rank in range(1, n + 1)]
    total = sum(weights)
    cum, acc = [], 0.0
    for w in weights:
        acc += w / total
        cum.append(acc)
    return cum


def make_docs(n: int, seed: int = 7) -> list[Document]:
    rng = random.Random(seed)
    en, zh = vocabularies()
    cum = _zipf_sampler(rng, VOCAB)
    docs = []
    for i in range(n):
        is_zh = rng.random() < 0.45
        vocab = zh if is_zh else en
        length = rng.randint(150, 600) if is_zh else rng.randint(200, 900)
        picks = [vocab[bisect.bisect_left(cum, rng.random())] for _ in range(length + 8)]
        sep = "" if is_zh else " "
        text, title = sep.join(picks[8:]), sep.join(picks[:8])
        published = T0 + timedelta(minutes=rng.randint(0, 3 * 365 * 24 * 60))
        docs.append(
            Document(
                id=f"{i:016x}",
                url=f"https://example.org/{i}",
                canonical_url=f"https://example.org/{i}",
                source_id=rng.choice(SOURCES),
                title=title,
                author=None,
                published=published,
                date_source="meta",
                language="zh" if is_zh else "en",
                text=text,
                content_hash=f"{i:064x}",
                fetched_at=published,
            )
        )
    return docs


def make_queries(n: int, seed: int = 11) -> list[tuple[str, SearchQuery]]:
    """Query words drawn by frequency rank: common (top 50), mid (50-2,000), rare (2,000+)."""
    rng = random.Random(seed)
    en, zh = vocabularies()
    bands = {"common": (0, 50), "mid": (50, 2000), "rare": (2000, 20000)}

    def word(vocab: list[str], band: str) -> str:
        lo, hi = bands[band]
        return vocab[rng.randrange(lo, hi)]

    out = []
    for _ in range(n):
        lang = rng.choice(("en", "zh"))
        vocab = en if lang == "en" else zh
        kind = rng.choice(("common", "mid", "rare", "and", "phrase", "filtered"))
        if kind in bands:
            q = SearchQuery(word(vocab, kind))
        elif kind == "and":
            q = SearchQuery(f"{word(vocab, 'common')} {word(vocab, 'mid')}")
        elif kind == "phrase":
            q = SearchQuery(f'"{word(vocab, "common")} {word(vocab, "common")}"')
        else:
            q = SearchQuery(
                word(vocab, rng.choice(("common", "mid"))),
                language=lang,
                since=T0 + timedelta(days=rng.randint(300, 1000)),
                source_ids=(rng.choice(SOURCES),),
            )
        out.append((f"{lang}-{kind}", q))
    return out


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, round(p / 100 * (len(values) - 1)))]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--docs", type=int, default=100_000)
    ap.add_argument("--queries", type=int, default=200)
    ap.add_argument("--db", type=Path, default=None, help="reuse/keep this SQLite file")
    args = ap.parse_args()

    path = args.db or Path(tempfile.mkdtemp()) / "bench.db"
    store = Store.open(f"sqlite:///{path}")
    have = store.count_documents()
    if have < args.docs:
        t = time.perf_counter()
        docs = make_docs(args.docs)[have:]
        for i in range(0, len(docs), 2000):
            store.insert_documents(docs[i : i + 2000])
        print(f"indexed {len(docs)} documents in {time.perf_counter() - t:.1f}s")
    with store.engine.begin() as conn:
        conn.exec_driver_sql("INSERT INTO search_fts(search_fts) VALUES ('optimize')")
        conn.exec_driver_sql("ANALYZE")

    queries = make_queries(args.queries)
    for _kind, q in queries[:10]:  # warm the page cache
        store.search(q)
    results = {}
    for sort in ("date", "relevance"):
        times: dict[str, list[float]] = {}
        for kind, q in queries:
            q = replace(q, sort=sort)
            t = time.perf_counter()
            store.search(q)
            times.setdefault(kind, []).append((time.perf_counter() - t) * 1000)
        results[sort] = times

    # peer: LIKE '%word%' (no index) for the rare-word queries, the case an index is for
    like_times = []
    with store.engine.connect() as conn:
        rare = [q for kind, q in queries if kind.endswith("-rare")][:6]
        for q in rare:
            t = time.perf_counter()
            conn.execute(
                sa.text(
                    "SELECT id FROM documents WHERE text LIKE :w ORDER BY published DESC LIMIT 20"
                ),
                {"w": f"%{q.text}%"},
            ).all()
            like_times.append((time.perf_counter() - t) * 1000)

    figures: dict[str, object] = {"docs": max(have, args.docs), "queries": len(queries)}
    for sort, times in results.items():
        every = [x for ts in times.values() for x in ts]
        print(f"\nsort={sort}")
        print(f"{'query kind':<12} {'n':>4} {'p50 ms':>8} {'p95 ms':>8}")
        for kind, ts in sorted(times.items()):
            print(f"{kind:<12} {len(ts):>4} {statistics.median(ts):>8.1f} {pct(ts, 95):>8.1f}")
        p50, p95 = statistics.median(every), pct(every, 95)
        print(f"{'all':<12} {len(every):>4} {p50:>8.1f} {p95:>8.1f}")
        prefix = "" if sort == "date" else "relevance_"
        figures[f"{prefix}p50_ms"] = round(p50, 2)
        figures[f"{prefix}p95_ms"] = round(p95, 2)
    rare_fts = [x for kind in ("en-rare", "zh-rare") for x in results["date"].get(kind, [])]
    like50, rare50 = statistics.median(like_times), statistics.median(rare_fts)
    print(
        f"\nrare words: LIKE scan p50 {like50:.1f} ms vs full-text {rare50:.1f} ms "
        f"({like50 / rare50:.0f}x)"
    )
    figures["like_rare_p50_ms"] = round(like50, 2)
    figures["fts_rare_p50_ms"] = round(rare50, 2)
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
