"""Pass rates on the Microsoft Recognizers-Text spec cases (Chinese numbers, percentages and
currencies; English currencies).

usage: eval_numbers_zh.py DATA_DIR [--failures N]
  DATA_DIR is the numbers-recognizers-text folder (it holds Specs/…).

A case passes when our output and the expected results agree as sets of (text, value):
every expected result is found with the same span text (compared after NFKC, case-folding and
removing spaces) and the same value (relative tolerance 1e-9; money also needs the same ISO
code when the spec gives one), and we return nothing else of that type. What "that type" is:
  Number spec   -> `extract_numbers` (every numeral)
  Percent spec  -> `extract_quantities` results of kind "percent" (value in percent)
  Currency spec -> `extract_quantities` results of kind "money"
A money quantity with a compound unit ("$2 per share") is compared without its "per share"
part, since the currency spec marks the amount only.
Expected results without a value (a bare currency name such as "人民币 美元", which is not
a quantity) are left out of the main figure; the strict figure counts them as misses.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
import time
import unicodedata
from pathlib import Path
from typing import Any

from sinoscope.understand.quantities import extract_numbers, extract_quantities

SPECS = [
    ("zh number", "Number/Chinese/NumberModel.json", "zh", "number"),
    ("zh percent", "Number/Chinese/PercentModel.json", "zh", "percent"),
    ("zh currency", "NumberWithUnit/Chinese/CurrencyModel.json", "zh", "money"),
    ("en currency", "NumberWithUnit/English/CurrencyModel.json", "en", "money"),
]


def _norm(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).casefold().split())


def _value(resolution: dict[str, Any]) -> float | None:
    raw = resolution.get("value")
    if raw is None:
        return None
    try:
        return float(str(raw).rstrip("%"))
    except ValueError:
        return None


def _close(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)


def ours(text: str, language: str, kind: str) -> list[tuple[str, float, str | None]]:
    if kind == "number":
        return [(m.text, m.value, None) for m in extract_numbers(text, language)]
    out = []
    for q in extract_quantities(text, language):
        if q.kind != kind:
            continue
        span = q.text
        per = re.search(r"(?:\s+(?:a|an|per)\s+|-a-|\s*/\s*)[A-Za-z]+$", span)
        if " per " in q.unit and per:
            span = span[: per.start()]  # "$2 per share": the spec marks the amount only
        out.append((span, q.value, q.currency))
    return out


def judge(case: dict[str, Any], language: str, kind: str, strict: bool) -> bool:
    got = ours(case["Input"], language, kind)
    expected = []
    for r in case.get("Results", []):
        value = _value(r.get("Resolution") or {})
        if value is None and not strict:
            continue
        iso = (r.get("Resolution") or {}).get("isoCurrency")
        expected.append((r["Text"], value, iso))
    if len(got) != len(expected):
        return False
    pending = list(got)
    for text, value, iso in expected:
        hit = next(
            (
                g
                for g in pending
                if _norm(g[0]) == _norm(text)
                and value is not None
                and _close(g[1], value)
                and (iso is None or g[2] == iso)
            ),
            None,
        )
        if hit is None:
            return False
        pending.remove(hit)
    return True


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("data_dir", type=Path)
    ap.add_argument("--failures", type=int, default=0, help="print up to N failing cases")
    args = ap.parse_args()
    specs_dir = args.data_dir / "Specs"
    if not specs_dir.is_dir():
        sys.exit(
            f"no Specs/ folder under {args.data_dir}: pass the numbers-recognizers-text folder"
        )
    summary: dict[str, Any] = {}
    print(f"{'spec':12s} {'cases':>5s} {'pass':>6s} {'strict':>7s} {'supported':>10s}")
    started = time.perf_counter()
    for name, rel, language, kind in SPECS:
        cases = json.loads((specs_dir / rel).read_text(encoding="utf-8-sig"))
        passed = [judge(c, language, kind, strict=False) for c in cases]
        strict = [judge(c, language, kind, strict=True) for c in cases]
        supported = [p for p, c in zip(passed, cases, strict=True) if not c.get("NotSupported")]
        rate = sum(passed) / len(cases)
        strict_rate = sum(strict) / len(cases)
        sup_rate = sum(supported) / max(1, len(supported))
        print(
            f"{name:12s} {len(cases):5d} {rate:6.1%} {strict_rate:7.1%} "
            f"{sup_rate:9.1%} (of {len(supported)})"
        )
        key = name.replace(" ", "_")
        summary[f"{key}_pass"] = round(rate, 4)
        summary[f"{key}_strict"] = round(strict_rate, 4)
        summary[f"{key}_supported_pass"] = round(sup_rate, 4)
        summary[f"{key}_cases"] = len(cases)
        shown = 0
        for case, ok in zip(cases, passed, strict=True):
            if not ok and shown < args.failures:
                shown += 1
                got = ours(case["Input"], language, kind)
                want = [
                    (r["Text"], (r.get("Resolution") or {}).get("value")) for r in case["Results"]
                ]
                print(f"   FAIL {case['Input'][:80]!r}\n        want {want}\n        got  {got}")
    zh = [
        k for k in summary if k.startswith("zh_") and k.endswith("_pass") and "supported" not in k
    ]
    summary["zh_mean_pass"] = round(sum(summary[k] for k in zh) / len(zh), 4)
    print(f"zh number/percent/currency mean pass rate {summary['zh_mean_pass']:.1%}")
    print("(supported = cases no reference implementation marks NotSupported)")
    print(f"time {time.perf_counter() - started:.2f}s")
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
