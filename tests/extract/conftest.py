"""Fixtures for the extract tests."""

from __future__ import annotations

import pytest

from .pages import read_page


@pytest.fixture
def english_news() -> str:
    return read_page("news_en.html")


@pytest.fixture
def chinese_news() -> str:
    return read_page("news_zh.html")
