"""`sinoscope quantities`: JSON lines in, one JSON line of quantities out per input line."""

from __future__ import annotations

import json
import sys
from typing import Any

from ..understand.quantities import extract_quantities
from ._app import app


def quantities_line(line: str) -> dict[str, Any]:
    """The output object for one input line; bad input gives an "error" and no quantities."""
    if not line.strip():
        return {"quantities": [], "error": "empty line"}
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        return {"quantities": [], "error": f"not JSON: {exc.msg}"}
    if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
        return {"quantities": [], "error": 'expected an object with a "text" string'}
    language = obj.get("language")
    if language is not None and not isinstance(language, str):
        return {"quantities": [], "error": '"language" must be a string such as "en" or "zh"'}
    found = extract_quantities(obj["text"], language)
    return {"quantities": [q.to_json() for q in found]}


@app.command("quantities")
def quantities_command() -> None:
    """Read {"text": …, "language"?: …} JSON lines on stdin; print {"quantities": […]} lines."""
    out = sys.stdout
    for line in sys.stdin:
        out.write(json.dumps(quantities_line(line), ensure_ascii=False) + "\n")
    out.flush()
