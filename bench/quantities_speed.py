"""Speed of the quantity and time extractors, sentence by sentence, as the claims stage calls them.

usage: quantities_speed.py [CORPUS_DIR] [--repeat N]
  CORPUS_DIR  a folder of saved HTML pages (default: the demo corpus in the package,
              sinoscope/demo/corpus/site); feeds and sitemaps in it are skipped.
  --repeat    timed passes over all sentences (default 7); the median pass is reported.

Each page goes through `sinoscope.extract.extract`, its text is cut into sentences by
`sinoscope.understand.sentences.segment`, and a pass calls `extract_quantities(sentence,
lang)` and `extract_times(sentence, lang)` on every sentence. Figures are milliseconds per
1,000 words for English and Chinese separately (a Chinese "word" is one ideograph, plus any
Latin word), quantities and times together and apart. The machine is shared and noisy, so
passes are interleaved and medians reported.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import sinoscope
from sinoscope.extract import extract
from sinoscope.records import Page
from sinoscope.understand.quantities import extract_quantities, extract_times
from sinoscope.understand.sentences import segment

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_LATIN_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’.,%-]*")


def words(text: str, lang: str) -> int:
    if lang == "zh":
        return len(_CJK.findall(text)) + len(_LATIN_WORD.findall(text))
    return len(text.split())


def load_sentences(folder: Path) -> dict[str, list[str]]:
    """Sentences by language ("en"/"zh") of every HTML page under `folder`."""
    out: dict[str, list[str]] = {"en": [], "zh": []}
    fetched = datetime(2025, 1, 1, tzinfo=UTC)
    for path in sorted(folder.rglob("*")):
        if not path.is_file() or path.suffix.lower() not in (".html", ".htm", ".shtml"):
            continue
        page = Page(url=f"http://127.0.0.1/{path.relative_to(folder)}", body=path.read_bytes(),
                    fetched_at=fetched, content_type="text/html")  # fmt: skip
        text = extract(page).text
        for seg in segment(text):
            lang = "zh" if seg.language == "zh" else "en"
            out[lang].append(seg.sentence.text)
    return out


def one_pass(sentences: list[str], lang: str, fn: Callable[[str, str], object]) -> float:
    started = time.perf_counter()
    for s in sentences:
        fn(s, lang)
    return time.perf_counter() - started


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    default = Path(sinoscope.__file__).parent / "demo" / "corpus" / "site"
    ap.add_argument("corpus", nargs="?", type=Path, default=default)
    ap.add_argument("--repeat", type=int, default=7)
    args = ap.parse_args()
    by_lang = load_sentences(args.corpus)
    figures: dict[str, float | int] = {}
    calls: dict[str, Callable[[str, str], object]] = {
        "quantities": extract_quantities,
        "times": extract_times,
    }
    for lang, sentences in by_lang.items():
        n_words = sum(words(s, lang) for s in sentences)
        if not n_words:
            continue
        for fn in calls.values():  # warm-up (first calls fill regex caches)
            one_pass(sentences, lang, fn)
        timings: dict[str, list[float]] = {name: [] for name in calls}
        for _ in range(args.repeat):
            for name, fn in calls.items():
                timings[name].append(one_pass(sentences, lang, fn))
        totals = [sum(t) for t in zip(*timings.values(), strict=True)]
        per_k = 1000.0 / n_words * 1000.0  # seconds per pass -> ms per 1,000 words
        figures[f"{lang}_sentences"] = len(sentences)
        figures[f"{lang}_words"] = n_words
        figures[f"{lang}_ms_per_1k_words"] = round(statistics.median(totals) * per_k, 3)
        for name, ts in timings.items():
            figures[f"{lang}_{name}_ms_per_1k_words"] = round(statistics.median(ts) * per_k, 3)
        print(
            f"{lang}: {len(sentences):,} sentences, {n_words:,} words; "
            f"quantities+times {figures[f'{lang}_ms_per_1k_words']:.2f} ms per 1,000 words "
            f"(quantities {figures[f'{lang}_quantities_ms_per_1k_words']:.2f}, "
            f"times {figures[f'{lang}_times_ms_per_1k_words']:.2f}; median of {args.repeat})"
        )
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
