"""Whole-pipeline throughput against trafilatura-alone extraction of the same pages.

    python bench/ingest.py DATA_DIR [--docs 2000] [--workers 0]

Pages: extraction-scrapinghub and extraction-zh (DATA_DIR = ../shared/data), replicated with
distinct URLs until there are --docs of them. "Ours" is `Ingestor.ingest_pages`: extract
(+ encoding repair, fallbacks, dates), build documents, MinHash, entity mentions, dedupe,
store in a fresh SQLite file with full-text indexing — with the shipped default of one
worker process per core, and again with --workers 1 (everything in one process) so both
figures are visible. "Peer" is `trafilatura.extract(html, url=url)` on the same pages in
one process, run in the same session. Each is timed --repeat times; medians are reported.
Last line: one JSON object.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import statistics
import tempfile
import time
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from sinoscope.beats import load_beat
from sinoscope.pipeline import Ingestor
from sinoscope.records import Page
from sinoscope.settings import Settings
from sinoscope.store import Store


def load_pages(data: Path) -> list[tuple[str, bytes]]:
    pages = []
    for path in sorted((data / "extraction-scrapinghub" / "html").glob("*.html.gz")):
        pages.append(
            (f"https://en.example.org/{path.name[:-8]}", gzip.decompress(path.read_bytes()))
        )
    for path in sorted((data / "extraction-zh" / "original").glob("*.html")):
        pages.append((f"https://zh.example.org/{path.stem}", path.read_bytes()))
    return pages


def replicate(pages: list[tuple[str, bytes]], n: int) -> list[Page]:
    now = datetime(2026, 11, 29, tzinfo=UTC)
    out: list[Page] = []
    copy = 0
    while len(out) < n:
        for url, body in pages:
            if len(out) >= n:
                break
            out.append(Page(url=f"{url}?copy={copy}", body=body, fetched_at=now))
        copy += 1
    return out


def run_ours(pages: list[Page], workers: int) -> float:
    with tempfile.TemporaryDirectory() as tmp:
        settings = replace(Settings(data_dir=Path(tmp)), workers=workers)
        with Store.open(settings.db_url) as store:
            ingestor = Ingestor(settings, load_beat(), store)
            t = time.perf_counter()
            report = ingestor.ingest_pages(pages)
            elapsed = time.perf_counter() - t
            assert report.new > 0.9 * len(pages), report.as_dict()
    return elapsed


def run_trafilatura(pages: list[Page]) -> float:
    import trafilatura

    t = time.perf_counter()
    for page in pages:
        trafilatura.extract(page.body, url=page.url)
    return time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("data", type=Path)
    ap.add_argument("--docs", type=int, default=2000)
    ap.add_argument("--repeat", type=int, default=1)
    args = ap.parse_args()

    pages = replicate(load_pages(args.data), args.docs)
    n = len(pages)
    cores = os.cpu_count() or 1
    print(f"{n} pages ({sum(len(p.body) for p in pages) / 1e6:.0f} MB), {cores} cores")
    times: dict[str, list[float]] = {"trafilatura": [], "ours": [], "ours_1_process": []}
    for _ in range(args.repeat):
        times["trafilatura"].append(run_trafilatura(pages))
        times["ours"].append(run_ours(pages, workers=0))
        times["ours_1_process"].append(run_ours(pages, workers=1))
    rate = {k: n / statistics.median(v) for k, v in times.items()}
    for k, r in rate.items():
        print(f"{k:<16} {r:7.1f} docs/s   (median of {len(times[k])})")
    ratio = rate["ours"] / rate["trafilatura"]
    ratio1 = rate["ours_1_process"] / rate["trafilatura"]
    print(f"ours / trafilatura-alone: {ratio:.2f}x (one process: {ratio1:.2f}x); goal >= 0.6x")
    print(
        json.dumps(
            {
                "docs": n,
                "cores": cores,
                "ours_docs_per_s": round(rate["ours"], 1),
                "ours_1_process_docs_per_s": round(rate["ours_1_process"], 1),
                "trafilatura_docs_per_s": round(rate["trafilatura"], 1),
                "ratio": round(ratio, 2),
                "ratio_1_process": round(ratio1, 2),
            }
        )
    )


if __name__ == "__main__":
    main()
