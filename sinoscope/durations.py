"""Durations and points in time as users type them: 15m, 2h, 7d, 4w, 2024-04-19."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from .errors import ConfigError

_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(s|m|h|d|w|y)\s*$", re.IGNORECASE)
_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 7 * 86400, "y": 365 * 86400}


def parse_duration(text: str) -> timedelta:
    """ "15m" → 15 minutes. Units: s, m, h, d, w, y."""
    m = _DURATION.match(text)
    if not m:
        raise ConfigError(
            f"cannot read the duration {text!r}: write a number and a unit, e.g. 15m, 2h, 7d"
        )
    return timedelta(seconds=float(m.group(1)) * _UNITS[m.group(2).lower()])


def parse_since(text: str, now: datetime | None = None) -> datetime:
    """A point in time: a duration back from now ("30d") or a date ("2024-04-19", "2019")."""
    now = now or datetime.now(UTC)
    if _DURATION.match(text):
        return now - parse_duration(text)
    value = text.strip()
    if re.fullmatch(r"\d{4}", value):
        value += "-01-01"
    try:
        when = datetime.fromisoformat(value)
    except ValueError:
        raise ConfigError(
            f"cannot read {text!r} as a time: give a duration back from now (30d, 12h) "
            "or a date (2024-04-19)"
        ) from None
    return when if when.tzinfo else when.replace(tzinfo=UTC)
