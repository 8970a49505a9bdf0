"""Quantity extraction on NewsQuant-style gold: ours (`sinoscope quantities`) vs quantulum3.

usage: eval_quantities.py GOLD.json [--scorer PATH] [--keep DIR]
  GOLD.json   e.g. ../shared/data/quantities-newsquant/dev.json
  --scorer    score_quantities.py (default: the shared tools folder next to the data folder)

Both systems write PRED.jsonl in the `sinoscope quantities` contract and are scored by the
shared scorer, called by path, in the same run: on the whole file, and on its first 60% and
last 40% (the rules were developed looking at the first 60% only). Throughput is measured
in-process (median of 5 passes) and for the command line as a whole.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path
from typing import Any

from sinoscope.understand.quantities import extract_quantities

KEYS = ("value", "value+unit", "value+change")


def sinoscope_command() -> list[str]:
    script = Path(sys.executable).with_name("sinoscope")
    if script.exists():
        return [str(script), "quantities"]
    return [sys.executable, "-c", "from sinoscope.cli import main; main()", "quantities"]


def run_ours(gold: list[dict[str, Any]], out: Path) -> float:
    lines = "".join(json.dumps({"text": g["text"]}, ensure_ascii=False) + "\n" for g in gold)
    started = time.perf_counter()
    done = subprocess.run(
        sinoscope_command(), input=lines, capture_output=True, text=True, check=True
    )
    elapsed = time.perf_counter() - started
    out.write_text(done.stdout, encoding="utf-8")
    return elapsed


def run_quantulum(gold: list[dict[str, Any]], out: Path) -> float:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            from quantulum3 import parser
        except ImportError:
            sys.exit("quantulum3 is not installed: .venv/bin/pip install -e '.[dev]'")

        started = time.perf_counter()
        rows = []
        for g in gold:
            found = []
            for q in parser.parse(g["text"]):
                found.append(
                    {
                        "text": q.surface,
                        "start": q.span[0],
                        "end": q.span[1],
                        "value": q.value,
                        "unit": q.unit.name,
                        "change": "=",
                    }
                )
            rows.append(json.dumps({"quantities": found}, ensure_ascii=False))
        elapsed = time.perf_counter() - started
    out.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return elapsed


_LINE = re.compile(r"^(value\+unit|value\+change|value)\s+P=([\d.]+) R=([\d.]+) F1=([\d.]+)", re.M)


def score(scorer: Path, gold: Path, pred: Path) -> dict[str, tuple[float, float, float]]:
    done = subprocess.run(
        [sys.executable, str(scorer), str(gold), str(pred)], capture_output=True, text=True
    )
    if done.returncode != 0:
        sys.exit(f"scorer failed: {done.stdout}{done.stderr}")
    return {m[0]: (float(m[1]), float(m[2]), float(m[3])) for m in _LINE.findall(done.stdout)}


def throughput(texts: list[str]) -> float:
    """Sentences per second of extract_quantities, median of 5 passes (after a warm-up)."""
    for t in texts[:20]:
        extract_quantities(t)
    rates = []
    for _ in range(5):
        started = time.perf_counter()
        for t in texts:
            extract_quantities(t)
        rates.append(len(texts) / (time.perf_counter() - started))
    return statistics.median(rates)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold", type=Path)
    ap.add_argument("--scorer", type=Path)
    ap.add_argument("--keep", type=Path, help="write the PRED.jsonl files here")
    args = ap.parse_args()
    scorer = args.scorer or args.gold.resolve().parents[2] / "tools" / "score_quantities.py"
    if not scorer.exists():
        sys.exit(f"scorer not found at {scorer}; pass --scorer PATH")
    gold = json.loads(args.gold.read_text(encoding="utf-8"))
    cut = int(len(gold) * 0.6)
    parts = {"all": gold, "first60": gold[:cut], "last40": gold[cut:]}
    work = args.keep or Path(tempfile.mkdtemp(prefix="eval_quantities_"))
    work.mkdir(parents=True, exist_ok=True)

    results: dict[str, dict[str, dict[str, tuple[float, float, float]]]] = {}
    times: dict[str, float] = {}
    for system, runner in (("ours", run_ours), ("quantulum3", run_quantulum)):
        pred_all = work / f"pred_{system}.jsonl"
        times[system] = runner(gold, pred_all)
        lines = pred_all.read_text(encoding="utf-8").splitlines()
        results[system] = {}
        for name, subset in parts.items():
            gpath, ppath = work / f"gold_{name}.json", work / f"pred_{system}_{name}.jsonl"
            gpath.write_text(json.dumps(subset, ensure_ascii=False), encoding="utf-8")
            offset = 0 if name != "last40" else cut
            ppath.write_text(
                "\n".join(lines[offset : offset + len(subset)]) + "\n", encoding="utf-8"
            )
            results[system][name] = score(scorer, gpath, ppath)

    n_quantities = sum(len(g["quantities"]) for g in gold)
    print(f"gold: {args.gold} ({len(gold)} sentences, {n_quantities} quantities)")
    print(f"scorer: {scorer}")
    for name in parts:
        print(f"\n[{name}: {len(parts[name])} sentences]")
        print(f"{'system':11s} {'measure':13s} {'P':>6s} {'R':>6s} {'F1':>6s}")
        for system in results:
            for key in KEYS:
                p, r, f = results[system][name][key]
                print(f"{system:11s} {key:13s} {p:6.3f} {r:6.3f} {f:6.3f}")
    rate = throughput([g["text"] for g in gold])
    print(
        f"\nthroughput: {rate:,.0f} sentences/s in-process (median of 5); command line "
        f"{len(gold) / times['ours']:,.0f} sentences/s incl. start-up ({times['ours']:.2f}s); "
        f"quantulum3 {len(gold) / times['quantulum3']:,.0f} sentences/s"
    )
    summary: dict[str, Any] = {}
    for system, prefix in (("ours", ""), ("quantulum3", "quantulum3_")):
        for name in parts:
            suffix = "" if name == "all" else f"_{name}"
            for key in KEYS:
                label = key.replace("+", "_")
                summary[f"{prefix}{label}_f1{suffix}"] = results[system][name][key][2]
        summary[f"{prefix}value_p"] = results[system]["all"]["value"][0]
        summary[f"{prefix}value_r"] = results[system]["all"]["value"][1]
    summary["sentences_per_s"] = round(rate, 1)
    summary["cli_seconds"] = round(times["ours"], 3)
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
