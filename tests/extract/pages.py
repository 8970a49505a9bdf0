"""Helpers for the extract tests: our own hand-written pages (in samples/), built into Pages."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from sinoscope.records import Hints, Page

PAGES = Path(__file__).parent / "samples"
FETCHED = datetime(2024, 5, 1, 12, 0)


def read_page(name: str) -> str:
    return (PAGES / name).read_text("utf-8")


def make_page(
    body: bytes,
    url: str = "https://news.example.com/tech/story.html",
    content_type: str | None = None,
    hints: Hints | None = None,
) -> Page:
    return Page(
        url=url,
        body=body,
        fetched_at=FETCHED,
        content_type=content_type,
        hints=hints or Hints(),
    )
