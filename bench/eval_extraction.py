"""Measure the extract stage against trafilatura alone, on the shared extraction sets.

    .venv/bin/python bench/eval_extraction.py DATA_DIR [--scorer PATH] [--per-page]
                                                       [--ablate] [--repeat N]

DATA_DIR holds extraction-scrapinghub (html/*.html.gz + ground-truth.json), extraction-zh
(original/*.html + cleaned_ground.json, date_ground.json, author_ground.json) and, as a
sanity check, extraction-trafilatura-zh (tests/evaldata.json + tests/eval/*.html: snippets
that must / must not be in the text). Sets that are missing are skipped.

Scoring: token-shingle precision, recall and F1 from the shared scorer (loaded from its file,
default DATA_DIR/../tools/shingle_f1.py), computed per page and *averaged over pages* (the
F1 column is the mean of per-page F1 — the aggregation that reproduces the reference figures
for trafilatura alone: 0.943 on scrapinghub, 0.706 on zh).

Rows: "sinoscope" is `sinoscope.extract.extract` (text, title, author, date, language);
"trafilatura" is `trafilatura.extract(body_bytes, url=url)` with its defaults (text only; its
date and author come from a separate, untimed `bare_extraction(with_metadata=True)` run).
Speed: both run on each page in turn, so machine noise hits both alike; docs/s is over the
whole set, and the ratio is trafilatura's time / ours (≥ 0.71 means ours costs ≤ 1.4×).

Date accuracy: pages whose gold date is a date; same calendar day = correct. Author accuracy:
pages with a known author; the same set of names = correct.

The last line printed is one JSON object with every figure.
"""

from __future__ import annotations

import argparse
import gzip
import importlib.util
import json
import re
import statistics
import sys
import time
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from types import ModuleType
from typing import Any

import trafilatura

from sinoscope.extract import ExtractOptions, extract
from sinoscope.extract.boilerplate import ALL_RULES
from sinoscope.records import Page

FETCHED = datetime(2030, 1, 1, tzinfo=UTC)  # the sets are old: nothing is "in the future"


@dataclass(frozen=True, slots=True)
class Item:
    key: str
    body: bytes
    url: str
    gold: str
    date: str | None = None
    author: str | None = None


@dataclass(slots=True)
class Row:
    name: str
    precision: list[float] = field(default_factory=list)
    recall: list[float] = field(default_factory=list)
    f1: list[float] = field(default_factory=list)
    seconds: float = 0.0
    dates: list[bool] = field(default_factory=list)
    authors: list[bool] = field(default_factory=list)

    def summary(self) -> dict[str, float]:
        n = max(1, len(self.f1))
        return {
            "precision": statistics.fmean(self.precision) if self.precision else 0.0,
            "recall": statistics.fmean(self.recall) if self.recall else 0.0,
            "f1": statistics.fmean(self.f1) if self.f1 else 0.0,
            "docs_per_s": n / self.seconds if self.seconds else 0.0,
            "date_accuracy": statistics.fmean(self.dates) if self.dates else float("nan"),
            "author_accuracy": statistics.fmean(self.authors) if self.authors else float("nan"),
        }


def load_scorer(path: Path) -> ModuleType:
    if not path.is_file():
        sys.exit(f"no scorer at {path}: pass --scorer PATH/TO/shingle_f1.py")
    spec = importlib.util.spec_from_file_location("shingle_f1", path)
    if spec is None or spec.loader is None:
        sys.exit(f"cannot load the scorer {path}: pass --scorer PATH/TO/shingle_f1.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _gold(path: Path) -> dict[str, str]:
    if not path.exists():
        return {}
    return {k: v.get("articleBody", "") for k, v in json.loads(path.read_text("utf-8")).items()}


def scrapinghub(root: Path) -> Iterator[Item]:
    truth = json.loads((root / "ground-truth.json").read_text("utf-8"))
    for key, value in sorted(truth.items()):
        path = root / "html" / f"{key}.html.gz"
        if path.exists():
            yield Item(
                key, gzip.decompress(path.read_bytes()), value.get("url", ""), value["articleBody"]
            )


def chinese(root: Path) -> Iterator[Item]:
    text = _gold(root / "cleaned_ground.json")
    dates = _gold(root / "date_ground.json")
    authors = _gold(root / "author_ground.json")
    for key in sorted(text):
        path = root / "original" / f"{key}.html"
        if path.exists():
            yield Item(key, path.read_bytes(), "", text[key], dates.get(key), authors.get(key))


def gold_day(value: str | None) -> str | None:
    m = re.match(r"\s*(\d{4})-(\d{1,2})-(\d{1,2})", value or "")
    return f"{int(m[1]):04d}-{int(m[2]):02d}-{int(m[3]):02d}" if m else None


def names(value: str | None) -> frozenset[str]:
    text = unicodedata.normalize("NFKC", value or "").lower()
    return frozenset(n for n in re.split(r"[\s,，、;；/]+|\band\b", text) if n)


def gold_author(value: str | None) -> frozenset[str] | None:
    if not value or value.strip().upper() in ("UNKNOWN", "UNKNWON"):
        return None
    return names(value)


def ours(options: ExtractOptions) -> Callable[[Item], tuple[str, Any, str | None]]:
    def run(item: Item) -> tuple[str, Any, str | None]:
        page = Page(url=item.url, body=item.body, fetched_at=FETCHED, content_type="text/html")
        result = extract(page, options)
        return result.text, result.published, result.author

    return run


def trafilatura_alone(item: Item) -> tuple[str, Any, str | None]:
    return trafilatura.extract(item.body, url=item.url or None) or "", None, None


def trafilatura_metadata(item: Item) -> tuple[Any, str | None]:
    document = trafilatura.bare_extraction(item.body, url=item.url or None, with_metadata=True)
    if document is None:
        return None, None
    return getattr(document, "date", None), getattr(document, "author", None)


def evaluate(
    items: list[Item],
    scorer: ModuleType,
    options: ExtractOptions,
    per_page: bool = False,
    repeat: int = 1,
    baseline: bool = True,
) -> tuple[Row, Row]:
    mine, theirs = Row("sinoscope"), Row("trafilatura")
    run_ours = ours(options)
    for item in items:
        t_ours = t_theirs = float("inf")
        their_text = ""
        for _ in range(repeat):  # the fastest of `repeat` runs: the least disturbed one
            start = time.perf_counter()
            text, published, author = run_ours(item)
            t_ours = min(t_ours, time.perf_counter() - start)
            if baseline:
                start = time.perf_counter()
                their_text, _, _ = trafilatura_alone(item)
                t_theirs = min(t_theirs, time.perf_counter() - start)
        mine.seconds += t_ours
        theirs.seconds += t_theirs if baseline else 0.0
        their_date, their_author = trafilatura_metadata(item) if baseline else (None, None)
        for row, out in ((mine, text), (theirs, their_text)):
            p, r, f = scorer.prf(out, item.gold)
            row.precision.append(p)
            row.recall.append(r)
            row.f1.append(f)
        if item.date is not None and (day := gold_day(item.date)):
            mine.dates.append(published is not None and published.strftime("%Y-%m-%d") == day)
            theirs.dates.append(str(their_date or "")[:10] == day)
        if item.author is not None and (want := gold_author(item.author)) is not None:
            mine.authors.append(names(author) == want)
            theirs.authors.append(names(their_author) == want)
        if per_page:
            print(
                f"  {item.key[:12]}  ours F1 {mine.f1[-1]:.3f}  trafilatura F1 {theirs.f1[-1]:.3f}"
                f"  ({len(text)} / {len(their_text)} chars, gold {len(item.gold)})"
            )
    return mine, theirs


def snippets(root: Path) -> dict[str, float]:
    """extraction-trafilatura-zh: share of 'with' snippets found, 'without' snippets absent."""
    data = json.loads((root / "tests" / "evaldata.json").read_text("utf-8"))
    scores: dict[str, list[bool]] = {
        "ours_with": [],
        "ours_without": [],
        "traf_with": [],
        "traf_without": [],
    }
    for url, entry in data.items():
        path = root / "tests" / "eval" / entry["file"]
        if not path.exists():
            continue
        body = path.read_bytes()
        page = Page(url=url, body=body, fetched_at=FETCHED, content_type="text/html")
        texts = {"ours": extract(page).text, "traf": trafilatura.extract(body, url=url) or ""}
        for who, text in texts.items():
            scores[f"{who}_with"].extend(s in text for s in entry.get("with", []))
            scores[f"{who}_without"].extend(s not in text for s in entry.get("without", []))
    return {k: statistics.fmean(v) for k, v in scores.items() if v}


def print_table(name: str, n: int, mine: Row, theirs: Row) -> None:
    print(f"\n{name} ({n} pages; P, R, F1 = means of per-page values)")
    print(f"  {'':12} {'P':>6} {'R':>6} {'F1':>6} {'date':>6} {'author':>6} {'docs/s':>7}")
    for row in (mine, theirs):
        s = row.summary()
        print(
            f"  {row.name:12} {s['precision']:6.3f} {s['recall']:6.3f} {s['f1']:6.3f}"
            f" {s['date_accuracy']:6.3f} {s['author_accuracy']:6.3f} {s['docs_per_s']:7.1f}"
        )
    if mine.dates:
        print(
            f"  date: {len(mine.dates)} pages with a gold date; author: {len(mine.authors)} pages"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("data_dir", type=Path, help="the shared data folder (../shared/data)")
    parser.add_argument("--scorer", type=Path, help="shingle_f1.py (default DATA_DIR/../tools/)")
    parser.add_argument("--per-page", action="store_true", help="print each page's F1")
    parser.add_argument("--ablate", action="store_true", help="F1 without each boilerplate rule")
    parser.add_argument("--repeat", type=int, default=1, help="timing runs per page (min kept)")
    args = parser.parse_args(argv)
    data: Path = args.data_dir
    scorer_path = args.scorer or data.parent / "tools" / "shingle_f1.py"
    scorer = load_scorer(scorer_path)
    print(f"scorer: {scorer_path} (token-shingle P/R/F1 per page, averaged over pages)")
    options = ExtractOptions()
    sets = {
        "scrapinghub": data / "extraction-scrapinghub",
        "zh": data / "extraction-zh",
    }
    loaders = {"scrapinghub": scrapinghub, "zh": chinese}
    figures: dict[str, float | int] = {}
    total = {"ours": 0.0, "traf": 0.0, "n": 0}
    loaded = {name: list(loaders[name](path)) for name, path in sets.items() if path.exists()}
    for name, items in loaded.items():
        mine, theirs = evaluate(items, scorer, options, args.per_page, args.repeat)
        print_table(f"extraction-{name}", len(items), mine, theirs)
        s, t = mine.summary(), theirs.summary()
        figures |= {
            f"{name}_f1": round(s["f1"], 4),
            f"{name}_precision": round(s["precision"], 4),
            f"{name}_recall": round(s["recall"], 4),
            f"{name}_trafilatura_f1": round(t["f1"], 4),
            f"{name}_docs_per_s": round(s["docs_per_s"], 1),
            f"{name}_trafilatura_docs_per_s": round(t["docs_per_s"], 1),
            f"{name}_pages": len(items),
        }
        if mine.dates:
            figures[f"{name}_date_accuracy"] = round(s["date_accuracy"], 4)
            figures[f"{name}_trafilatura_date_accuracy"] = round(t["date_accuracy"], 4)
        if mine.authors:
            figures[f"{name}_author_accuracy"] = round(s["author_accuracy"], 4)
            figures[f"{name}_trafilatura_author_accuracy"] = round(t["author_accuracy"], 4)
        total["ours"] += mine.seconds
        total["traf"] += theirs.seconds
        total["n"] += len(items)
    if total["ours"]:
        ratio = total["traf"] / total["ours"]
        figures["throughput_ratio_vs_trafilatura"] = round(ratio, 3)
        print(
            f"\nthroughput: ours {total['n'] / total['ours']:.1f} docs/s, trafilatura "
            f"{total['n'] / total['traf']:.1f} docs/s: ratio {ratio:.2f} "
            f"(ours costs {1 / ratio:.2f}× trafilatura alone)"
        )
    if (snip := data / "extraction-trafilatura-zh").exists():
        found = snippets(snip)
        print("\nextraction-trafilatura-zh snippets (share found / share kept out):")
        print(
            f"  sinoscope    with {found.get('ours_with', 0):.3f}  without "
            f"{found.get('ours_without', 0):.3f}"
        )
        print(
            f"  trafilatura  with {found.get('traf_with', 0):.3f}  without "
            f"{found.get('traf_without', 0):.3f}"
        )
        figures |= {f"trafilatura_zh_{k}": round(v, 4) for k, v in found.items()}
    if args.ablate:
        print("\nablation: F1 without each boilerplate rule (negative delta: the rule helps)")
        for rule in sorted(ALL_RULES):
            without = ExtractOptions(boilerplate_rules=ALL_RULES - {rule})
            deltas = []
            for name, items in loaded.items():
                row, _ = evaluate(items, scorer, without, baseline=False)
                f1 = row.summary()["f1"]
                deltas.append(f"{name} {f1:.4f} ({f1 - figures[f'{name}_f1']:+.4f})")
                figures[f"ablate_{rule}_{name}_f1"] = round(f1, 4)
            print(f"  -{rule:10} " + "  ".join(deltas))
    print(json.dumps(figures, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
