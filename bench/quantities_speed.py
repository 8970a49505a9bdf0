"""Speed of the quantity and time extractors, sentence by sentence, as the claims stage calls them.

usage: quantities_speed.py [CORPUS_DIR] [--repeat N]
  CORPUS_DIR  a folder of saved HTML pages (default: the demo corpus in the package,
              sinoscope/demo/corpus/site); feeds and sitemaps in it are skipped.
  --repeat    timed passes over all sentences (default 7); the median pass is reported.

Each page goes through `sinoscope.extract.extract`, its text is cut into sentences by
`sinoscope.understand.sentences.segment`, and a pass calls `extract_quantities(sentence,
lang)` and then `extract_times(sentence, lang)` on every sentence, as the claims stage does.
Figures are milliseconds per 1,000 words for English and Chinese separately (a Chinese
"word" is one ideograph, plus any Latin word): both calls together, and each apart (the
time spent inside it during the same pass). Each pass starts with the extractor's caches
emptied, as for sentences never seen. The machine is shared and noisy: medians.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
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


def clear_caches() -> None:
    """Empty every functools cache of the extractor, so that a pass over the same sentences
    costs what a pass over new ones would (numerals and sentences seen before are cached)."""
    for name, module in list(sys.modules.items()):
        if name.startswith("sinoscope.understand.quantities"):
            for obj in list(vars(module).values()):
                clear = getattr(obj, "cache_clear", None)
                if callable(clear):
                    clear()


def one_pass(sentences: list[str], lang: str) -> tuple[float, float]:
    """Seconds spent in extract_quantities and in extract_times over all sentences, starting
    with empty caches."""
    clear_caches()
    in_quantities = in_times = 0.0
    clock = time.perf_counter
    for s in sentences:
        t0 = clock()
        extract_quantities(s, lang)
        t1 = clock()
        extract_times(s, lang)
        t2 = clock()
        in_quantities += t1 - t0
        in_times += t2 - t1
    return in_quantities, in_times


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    default = Path(sinoscope.__file__).parent / "demo" / "corpus" / "site"
    ap.add_argument("corpus", nargs="?", type=Path, default=default)
    ap.add_argument("--repeat", type=int, default=7)
    args = ap.parse_args()
    by_lang = load_sentences(args.corpus)
    figures: dict[str, float | int] = {}
    for lang, sentences in by_lang.items():
        n_words = sum(words(s, lang) for s in sentences)
        if not n_words:
            continue
        one_pass(sentences, lang)  # warm-up
        passes = [one_pass(sentences, lang) for _ in range(args.repeat)]
        per_k = 1000.0 / n_words * 1000.0  # seconds per pass -> ms per 1,000 words
        both = statistics.median(q + t for q, t in passes) * per_k
        quantities = statistics.median(q for q, _ in passes) * per_k
        times = statistics.median(t for _, t in passes) * per_k
        figures[f"{lang}_sentences"] = len(sentences)
        figures[f"{lang}_words"] = n_words
        figures[f"{lang}_ms_per_1k_words"] = round(both, 3)
        figures[f"{lang}_quantities_ms_per_1k_words"] = round(quantities, 3)
        figures[f"{lang}_times_ms_per_1k_words"] = round(times, 3)
        print(
            f"{lang}: {len(sentences):,} sentences, {n_words:,} words; quantities+times "
            f"{both:.2f} ms per 1,000 words (quantities {quantities:.2f}, times {times:.2f}; "
            f"median of {args.repeat} passes)"
        )
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
