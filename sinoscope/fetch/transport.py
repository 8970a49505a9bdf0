"""An httpx transport that connects only to addresses the SSRF guard has vetted.

The fetcher checks each URL with `guard.check_url`, which resolves the host and returns the
vetted addresses; it stores them in a `PinTable` under the host name. `PinnedTransport` is
httpx's own transport with one change: its network backend opens TCP connections to the pinned
addresses instead of resolving the name again. The URL, the Host header, TLS SNI and
certificate checks still use the name (httpcore passes the name to TLS), and connection pooling
is keyed by the name. A host that was never vetted cannot be connected to at all, so a second
DNS answer (DNS rebinding) is never used.
"""

from __future__ import annotations

import ssl
from collections.abc import Iterable
from typing import Any

import certifi
import httpcore
import httpx


class PinTable:
    """host name → addresses vetted for it (latest check wins)."""

    def __init__(self) -> None:
        self._pins: dict[str, tuple[str, ...]] = {}

    def pin(self, host: str, addresses: Iterable[str]) -> None:
        self._pins[host.lower()] = tuple(addresses)

    def get(self, host: str) -> tuple[str, ...]:
        return self._pins.get(host.lower(), ())


class PinnedBackend(httpcore.AsyncNetworkBackend):
    """Connects to the pinned addresses of a host, trying each in turn."""

    def __init__(self, pins: PinTable) -> None:
        self._pins = pins
        self._inner = httpcore.AnyIOBackend()

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        addresses = self._pins.get(host)
        if not addresses:
            raise httpcore.ConnectError(f"refused: {host} was not checked by the SSRF guard")
        error: Exception | None = None
        for address in addresses:
            try:
                return await self._inner.connect_tcp(
                    address,
                    port,
                    timeout=timeout,
                    local_address=local_address,
                    socket_options=socket_options,
                )
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                error = exc
        assert error is not None
        raise error

    async def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        raise httpcore.ConnectError("unix sockets are not allowed")

    async def sleep(self, seconds: float) -> None:
        await self._inner.sleep(seconds)


class PinnedTransport(httpx.AsyncHTTPTransport):
    """httpx's HTTP/1.1 transport over a `PinnedBackend`; no proxies, no environment."""

    def __init__(self, pins: PinTable, *, max_connections: int = 100) -> None:
        context = ssl.create_default_context(cafile=certifi.where())
        super().__init__(verify=context, trust_env=False)
        # httpx takes no network backend argument, so replace the pool it built with one
        # that uses ours (tests/fetch/test_transport.py fails if this stops working).
        self._pool = httpcore.AsyncConnectionPool(
            ssl_context=context,
            max_connections=max_connections,
            max_keepalive_connections=min(20, max_connections),
            keepalive_expiry=5.0,
            http1=True,
            http2=False,
            network_backend=PinnedBackend(pins),
        )
