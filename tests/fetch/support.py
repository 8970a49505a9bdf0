"""Shared helpers for the fetch tests: fast settings for the local server, a runner."""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from pathlib import Path
from typing import Any, TypeVar

import httpx

from sinoscope.settings import Settings

T = TypeVar("T")


def run(coro: Coroutine[Any, Any, T]) -> T:
    return asyncio.run(coro)


def local_settings(tmp_path: Path | None = None, **changes: Any) -> Settings:
    """Settings for talking to LocalServer: loopback allowed, no politeness delay, no retries."""
    base: dict[str, Any] = {
        "allow_private": True,
        "per_host_delay": 0.0,
        "retries": 0,
        "backoff": 0.01,
        "timeout": 5.0,
        "respect_robots": False,
    }
    if tmp_path is not None:
        base["data_dir"] = tmp_path
    base.update(changes)
    return Settings(**base)


class SleepRecorder:
    """An injectable `sleep` that records how long it was asked to wait and does not wait."""

    def __init__(self) -> None:
        self.calls: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.calls.append(seconds)
        await asyncio.sleep(0)


class ToLocalServer(httpx.AsyncBaseTransport):
    """Stands in for the internet: sends every request to one local port, whatever the host.

    The URL's host (and so the Host header) is kept as the test wrote it; only where the TCP
    connection goes changes. `hosts` records the host of each request.
    """

    def __init__(self, port: int) -> None:
        self.port = port
        self.hosts: list[str] = []
        self._inner = httpx.AsyncHTTPTransport()

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self.hosts.append(request.url.host)
        request.url = request.url.copy_with(host="127.0.0.1", port=self.port)
        return await self._inner.handle_async_request(request)

    async def aclose(self) -> None:
        await self._inner.aclose()
