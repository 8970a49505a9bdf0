"""Plain-text documents (.txt, text/plain): decode, tidy lines, title, byline and date."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .encoding import decode

_BLANK_RUNS = re.compile(r"\n{3,}")
_MAX_TITLE = 120  # characters of a first line that can be a title


@dataclass(frozen=True, slots=True)
class PlainText:
    text: str
    title: str | None
    encoding: str


def read_text(body: bytes, content_type: str | None = None) -> PlainText:
    """Decode a plain-text body and tidy it; the first short line is taken as its title."""
    decoded = decode(body, content_type)
    text = tidy(decoded.text)
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    title = first if first and len(first) <= _MAX_TITLE and first != text.strip() else None
    return PlainText(text, title, decoded.encoding)


def tidy(text: str) -> str:
    """Unix newlines, no trailing spaces, no NUL or other control characters, ≤2 blank lines."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
    text = "".join(c for c in text if c in "\n\t" or c >= " ")
    lines = [line.rstrip() for line in text.split("\n")]
    return _BLANK_RUNS.sub("\n\n", "\n".join(lines)).strip()
