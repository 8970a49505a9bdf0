"""Politeness and retry policy: per-host pacing, and how long to wait before a retry.

`HostPacer.slot(host)` admits at most `per_host_concurrency` requests to one host at a time
and spaces their starts at least `delay` seconds apart (a robots.txt Crawl-delay may raise
the delay of one host). Slots are reserved in arrival order, so concurrent callers queue up
instead of all waking at once.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

Clock = Callable[[], float]
Sleep = Callable[[float], Awaitable[None]]

MAX_RETRY_AFTER = 60.0  # seconds; a server asking for longer is not retried this run
MAX_CRAWL_DELAY = 60.0


@dataclass(slots=True)
class _Host:
    gate: asyncio.Semaphore
    delay: float
    next_start: float = 0.0
    last_start: float | None = None


class HostPacer:
    """Per-host concurrency and minimum spacing between request starts."""

    def __init__(self, concurrency: int, delay: float, clock: Clock, sleep: Sleep) -> None:
        if concurrency < 1:
            raise ValueError("per_host_concurrency must be at least 1; set it to 1 or more")
        self._concurrency = concurrency
        self._delay = max(0.0, delay)
        self._clock = clock
        self._sleep = sleep
        self._hosts: dict[str, _Host] = {}

    def _host(self, host: str) -> _Host:
        state = self._hosts.get(host)
        if state is None:
            state = _Host(asyncio.Semaphore(self._concurrency), self._delay)
            self._hosts[host] = state
        return state

    def delay_for(self, host: str) -> float:
        return self._host(host).delay

    def raise_delay(self, host: str, seconds: float) -> float:
        """Make the delay of `host` at least `seconds` (capped); returns the delay now in force."""
        state = self._host(host)
        state.delay = max(state.delay, min(seconds, MAX_CRAWL_DELAY))
        if state.last_start is not None:  # the request that taught us the delay counts too
            state.next_start = max(state.next_start, state.last_start + state.delay)
        return state.delay

    @asynccontextmanager
    async def slot(self, host: str) -> AsyncIterator[None]:
        state = self._host(host)
        async with state.gate:
            now = self._clock()
            start = max(now, state.next_start)
            state.next_start = start + state.delay
            state.last_start = start
            if start > now:
                await self._sleep(start - now)
            yield


def parse_retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds to wait from a Retry-After header (delta seconds or an HTTP date); None if bad."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


def backoff_delay(attempt: int, backoff: float) -> float:
    """Seconds before retry number `attempt` (0-based): backoff, 2×backoff, 4×backoff …"""
    return max(0.0, backoff) * (2**attempt)


def is_retryable_status(status: int) -> bool:
    return status == 429 or 500 <= status < 600
