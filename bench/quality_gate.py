"""The CI quality gate: run each evaluation on the public sets, compare with pinned floors.

    python bench/quality_gate.py DATA_DIR        (DATA_DIR: ../shared/data)

bench/floors.json maps an evaluation script to the floors of the figures it prints on its
last line (and "ceilings" for figures that must stay low, like unsupported numbers), and the
arguments it takes (with {data} for DATA_DIR). A figure below its floor (or above its
ceiling) fails the gate. Floors only go up: a floor lower than in the previous commit fails
too, unless bench/floors-lowered.md names that figure and says why.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent


def previous_floors() -> dict[str, dict[str, object]]:
    try:
        out = subprocess.run(
            ["git", "show", "HEAD~1:bench/floors.json"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    except (subprocess.CalledProcessError, FileNotFoundError):
        return {}
    return json.loads(out)


def main() -> int:
    if len(sys.argv) != 2:
        print(__doc__)
        return 2
    data = Path(sys.argv[1]).resolve()
    floors = json.loads((BENCH / "floors.json").read_text())
    lowered_note = BENCH / "floors-lowered.md"
    lowered = lowered_note.read_text() if lowered_note.exists() else ""
    problems = []
    for script, spec in previous_floors().items():
        for name, old in spec.get("floors", {}).items():  # type: ignore[attr-defined]
            new = floors.get(script, {}).get("floors", {}).get(name)
            if (new is None or new < old) and f"{script}:{name}" not in lowered:
                problems.append(
                    f"floor {script}:{name} went from {old} to {new} without a reason in "
                    "bench/floors-lowered.md"
                )
    for script, spec in floors.items():
        args = [a.replace("{data}", str(data)) for a in spec["args"]]
        print(f"== {script} {' '.join(args)}", flush=True)
        proc = subprocess.run(
            [sys.executable, str(BENCH / script), *args],
            capture_output=True,
            text=True,
            cwd=ROOT,
        )
        print(proc.stdout[-3000:])
        if proc.returncode != 0:
            print(proc.stderr[-3000:])
            problems.append(f"{script} exited with {proc.returncode}")
            continue
        lines = [line for line in proc.stdout.splitlines() if line.strip()]
        figures = json.loads(lines[-1]) if lines else {}
        for name, floor in spec["floors"].items():
            value = figures.get(name)
            status = "ok" if isinstance(value, int | float) and value >= floor else "BELOW"
            print(f"   {name}: {value} (floor {floor}) {status}")
            if status != "ok":
                problems.append(f"{script}: {name} = {value} is below its floor {floor}")
        for name, ceiling in spec.get("ceilings", {}).items():
            value = figures.get(name)
            status = "ok" if isinstance(value, int | float) and value <= ceiling else "ABOVE"
            print(f"   {name}: {value} (ceiling {ceiling}) {status}")
            if status != "ok":
                problems.append(f"{script}: {name} = {value} is above its ceiling {ceiling}")
    if problems:
        print("\nquality gate FAILED:")
        for p in problems:
            print(" -", p)
        return 1
    print("\nquality gate passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
