from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from sinoscope.durations import parse_duration, parse_since
from sinoscope.errors import ConfigError

NOW = datetime(2026, 11, 29, 12, tzinfo=UTC)


def test_durations() -> None:
    assert parse_duration("15m") == timedelta(minutes=15)
    assert parse_duration("2H") == timedelta(hours=2)
    assert parse_duration("1.5d") == timedelta(hours=36)
    with pytest.raises(ConfigError, match="15m"):
        parse_duration("fortnight")


def test_since() -> None:
    assert parse_since("7d", NOW) == NOW - timedelta(days=7)
    assert parse_since("2024-04-19", NOW) == datetime(2024, 4, 19, tzinfo=UTC)
    assert parse_since("2019", NOW) == datetime(2019, 1, 1, tzinfo=UTC)
    with pytest.raises(ConfigError, match="30d"):
        parse_since("last week", NOW)
