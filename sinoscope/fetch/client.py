"""The fetch stage's seam to the web: `Fetcher`, and `HttpFetcher` over httpx.

    async with HttpFetcher(settings, archive=WarcArchive(settings.warc_dir)) as fetcher:
        result = await fetcher.fetch(url, etag=old_etag, purpose="page")
        if result.ok: ...                     # else result.error says why, in a few words

`fetch` never raises for network or HTTP trouble; it returns a FetchResult with `error` set
("timed out after 20s", "HTTP 404", "blocked by robots.txt", "refused: private address
10.0.0.5 (use --allow-private)" …). It raises only for programming errors.

One fetch, in order, for each hop of a redirect chain (redirects are followed here, not by
httpx, so that every hop goes through all of this):
  1. SSRF guard (guard.py): scheme, resolution, every address public; the addresses are
     pinned so the connection goes to exactly those (transport.py).
  2. robots.txt of the origin, fetched once per run (purpose "robots" skips this step);
     its Crawl-delay raises the host's delay.
  3. per-host slot (concurrency + spacing, limits.py), then a global slot.
  4. GET with the User-Agent, conditional headers, a per-operation timeout and an overall
     deadline (3 × timeout); the body streamed under the size cap (body.py).
  5. retries with exponential backoff on 429, 5xx and network errors (Retry-After wins,
     up to 60 s; a longer Retry-After is reported, not waited for).
  6. every complete response archived (archive.py), error statuses included.
"""

from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from types import TracebackType
from typing import Protocol

import httpx

from ..errors import FetchRefused
from ..records import FetchResult
from ..settings import Settings
from .archive import WarcArchive, archived_headers
from .body import ACCEPT_ENCODING, read_body
from .guard import Resolver, UnresolvableHost, check_url, redact
from .limits import (
    MAX_RETRY_AFTER,
    Clock,
    HostPacer,
    Sleep,
    backoff_delay,
    is_retryable_status,
    parse_retry_after,
)
from .robots import RobotsRules, parse_robots
from .transport import PinnedTransport, PinTable

log = logging.getLogger(__name__)

REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
Headers = tuple[tuple[str, str], ...]


class Fetcher(Protocol):
    """Anything that can fetch a URL: the real `HttpFetcher`, or a test double of the seam."""

    async def fetch(
        self,
        url: str,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        purpose: str = "page",
    ) -> FetchResult: ...

    async def aclose(self) -> None: ...


@dataclass(frozen=True, slots=True)
class _Hop:
    """One request/response of a redirect chain."""

    url: str
    fetched_at: datetime
    status: int | None = None
    headers: Headers = ()
    body: bytes = b""
    error: str | None = None
    retry: bool = False
    retry_after: float | None = None
    warc_ref: str | None = None

    @property
    def location(self) -> str | None:
        if self.status not in REDIRECT_STATUSES:
            return None
        for name, value in self.headers:
            if name.lower() == "location" and value.strip():
                return value.strip()
        return None


class HttpFetcher:
    """The polite, guarded HTTP fetcher. Use `async with`, or call `aclose()` when done.

    `archive`: where responses go (None: not archived; the caller closes it).
    `transport`: replaces the pinning transport (tests); the guard still checks every URL but
    where connections go is then up to that transport.
    `resolver`: host name → addresses for the guard (default: the system resolver).
    `clock`/`sleep`: monotonic seconds and the sleep used for pacing and backoff.
    """

    def __init__(
        self,
        settings: Settings,
        *,
        archive: WarcArchive | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
        resolver: Resolver | None = None,
        clock: Clock = time.monotonic,
        sleep: Sleep = asyncio.sleep,
    ) -> None:
        self.settings = settings
        self._archive = archive
        self._resolver = resolver
        self._sleep = sleep
        self._pins = PinTable()
        if transport is None:
            transport = PinnedTransport(self._pins, max_connections=max(1, settings.concurrency))
        self._client = httpx.AsyncClient(
            transport=transport,
            headers={"User-Agent": settings.user_agent, "Accept-Encoding": ACCEPT_ENCODING},
            timeout=httpx.Timeout(settings.timeout),
            follow_redirects=False,
            trust_env=False,
        )
        self._global = asyncio.Semaphore(max(1, settings.concurrency))
        self._pacer = HostPacer(
            settings.per_host_concurrency, settings.per_host_delay, clock, sleep
        )
        self._clock = clock
        self._robots: dict[str, RobotsRules] = {}
        self._robots_locks: dict[str, asyncio.Lock] = {}
        self._owns_archive = False

    @classmethod
    def from_settings(cls, settings: Settings) -> HttpFetcher:
        """The fetcher the settings describe: archiving to settings.warc_dir when
        settings.archive is on (that archive is closed by `aclose`)."""
        archive = WarcArchive(settings.warc_dir, software=settings.user_agent)
        fetcher = cls(settings, archive=archive if settings.archive else None)
        fetcher._owns_archive = settings.archive
        return fetcher

    async def __aenter__(self) -> HttpFetcher:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        await self._client.aclose()
        if self._owns_archive and self._archive is not None:
            self._archive.close()

    def host_delay(self, host: str) -> float:
        """Seconds kept between two requests to `host` (robots Crawl-delay included)."""
        return self._pacer.delay_for(host.lower())

    # ---------------------------------------------------------------------------- fetch
    async def fetch(
        self,
        url: str,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        purpose: str = "page",
    ) -> FetchResult:
        """GET `url`, following redirects; see the module docstring. Never raises for the web.

        `purpose` ("page", "feed", "sitemap", "robots" …) is logged; "robots" skips the
        robots.txt check (it is how robots.txt itself is fetched). `etag`/`last_modified`
        make the request conditional: a 304 gives `not_modified=True`, an empty body and no
        error.
        """
        if not isinstance(url, str):
            raise TypeError(f"fetch() takes a URL string, not {type(url).__name__}")
        started = self._clock()
        conditional = {}
        if etag:
            conditional["If-None-Match"] = etag
        if last_modified:
            conditional["If-Modified-Since"] = last_modified
        log.debug("fetch %s (%s)", redact(url), purpose)
        current = url
        for _ in range(self.settings.max_redirects + 1):
            hop = await self._hop(current, conditional, purpose)
            location = hop.location if hop.error is None else None
            if location is None:
                return self._result(url, hop, started)
            try:
                current = str(httpx.URL(current).join(location))
            except (httpx.InvalidURL, UnicodeError):
                hop = replace(hop, error=f"bad redirect location {location[:100]!r}")
                return self._result(url, hop, started)
            log.debug("%s redirects to %s", redact(hop.url), redact(current))
        hop = replace(hop, error=f"too many redirects ({self.settings.max_redirects})")
        return self._result(url, hop, started)

    def _result(self, url: str, hop: _Hop, started: float) -> FetchResult:
        error = hop.error
        if error is None and hop.status is not None and hop.status >= 300 and hop.status != 304:
            error = f"HTTP {hop.status}"
        if error:
            log.info("fetch %s: %s", redact(url), error)
        return FetchResult(
            url=url,
            final_url=hop.url,
            status=hop.status,
            headers=hop.headers,
            body=hop.body,
            fetched_at=hop.fetched_at,
            elapsed=max(0.0, self._clock() - started),
            error=error,
            not_modified=hop.status == 304 and error is None,
            warc_ref=hop.warc_ref,
        )

    async def _hop(self, url: str, conditional: dict[str, str], purpose: str) -> _Hop:
        now = datetime.now(UTC)
        try:
            addresses = await asyncio.to_thread(
                check_url, url, self._resolver, self.settings.allow_private
            )
        except UnresolvableHost as exc:
            return _Hop(url, now, error=exc.reason)
        except FetchRefused as exc:
            return _Hop(url, now, error=f"refused: {exc.reason}")
        parsed = httpx.URL(url)
        host = parsed.raw_host.decode("ascii").lower()
        self._pins.pin(host, addresses)
        if self.settings.respect_robots and purpose != "robots":
            blocked = await self._robots_verdict(parsed, host)
            if blocked:
                return _Hop(url, now, error=blocked)
        attempt = 0
        while True:
            hop = await self._exchange(url, host, conditional)
            if not hop.retry or attempt >= self.settings.retries:
                break
            wait = backoff_delay(attempt, self.settings.backoff)
            if hop.retry_after is not None:
                if hop.retry_after > MAX_RETRY_AFTER:
                    note = f"Retry-After {hop.retry_after:g}s is over the {MAX_RETRY_AFTER:g}s cap"
                    return replace(hop, error=f"{hop.error}; {note}, not retried")
                wait = hop.retry_after
            attempt += 1
            log.info("%s: %s; retry %d in %.1fs", redact(url), hop.error, attempt, wait)
            await self._sleep(wait)
        if attempt and hop.error:
            told = f"; last Retry-After {hop.retry_after:g}s" if hop.retry_after is not None else ""
            hop = replace(hop, error=f"{hop.error} (after {attempt + 1} attempts{told})")
        return hop

    async def _exchange(self, url: str, host: str, conditional: dict[str, str]) -> _Hop:
        timeout = self.settings.timeout
        async with self._pacer.slot(host), self._global:
            fetched_at = datetime.now(UTC)
            try:
                async with (
                    asyncio.timeout(timeout * 3),
                    self._client.stream("GET", url, headers=conditional) as response,
                ):
                    body = await read_body(response, self.settings.max_bytes)
            except TimeoutError:
                return _Hop(url, fetched_at, error=f"timed out after {timeout * 3:g}s", retry=True)
            except httpx.TimeoutException:
                return _Hop(url, fetched_at, error=f"timed out after {timeout:g}s", retry=True)
            except httpx.HTTPError as exc:
                message = _network_error(exc)
                retry = not message.startswith("refused")
                return _Hop(url, fetched_at, error=message, retry=retry)
        status = response.status_code
        headers = archived_headers(response.headers.multi_items())
        error = body.error
        retry = False
        retry_after = None
        if error is None and is_retryable_status(status):
            retry = True
            retry_after = parse_retry_after(response.headers.get("retry-after"))
            error = f"HTTP {status}"
        hop = _Hop(
            url,
            fetched_at,
            status=status,
            headers=headers,
            body=body.decoded,
            error=error,
            retry=retry,
            retry_after=retry_after,
        )
        if self._archive is not None and body.complete:
            record = FetchResult(
                url=url,
                final_url=url,
                status=status,
                headers=headers,
                body=body.decoded,
                fetched_at=fetched_at,
                error=error,
            )
            request_headers = tuple(response.request.headers.multi_items())
            try:
                ref = await asyncio.to_thread(
                    self._archive.write, record, request_headers, raw_body=body.raw
                )
            except OSError as exc:  # a full disk must not stop the crawl; warc_ref stays None
                log.error("could not archive %s: %s", redact(url), exc)
            else:
                hop = replace(hop, warc_ref=ref)
        return hop

    # ---------------------------------------------------------------------------- robots
    async def _robots_verdict(self, url: httpx.URL, host: str) -> str | None:
        origin = f"{url.scheme}://{url.netloc.decode('ascii')}"
        rules = self._robots.get(origin)
        if rules is None:
            lock = self._robots_locks.setdefault(origin, asyncio.Lock())
            async with lock:
                rules = self._robots.get(origin)
                if rules is None:
                    rules = await self._load_robots(origin)
                    self._robots[origin] = rules
                    if rules.crawl_delay:
                        delay = self._pacer.raise_delay(host, rules.crawl_delay)
                        log.info("%s: robots.txt Crawl-delay, now %.1fs apart", host, delay)
        if rules.unavailable_reason is not None:
            return (
                f"blocked: robots.txt unavailable ({rules.unavailable_reason}); "
                f"not fetching from {host} this run (RFC 9309)"
            )
        if not rules.allows(url.raw_path.decode("ascii")):
            return "blocked by robots.txt"
        return None

    async def _load_robots(self, origin: str) -> RobotsRules:
        result = await self.fetch(origin + "/robots.txt", purpose="robots")
        if result.ok:
            return parse_robots(result.body.decode("utf-8", "replace"), self.settings.user_agent)
        status = result.status
        if status is not None and 400 <= status < 500 and status != 429:
            return RobotsRules()  # no robots.txt: everything is allowed
        if result.error and result.error.startswith("too many redirects"):
            return RobotsRules()  # RFC 9309 2.3.1.2: treat as unavailable (4xx)
        return RobotsRules.unavailable(result.error or f"HTTP {status}")


def _causes(exc: BaseException) -> list[BaseException]:
    """`exc` and everything it was raised from (anyio hides refusals in an ExceptionGroup)."""
    out: list[BaseException] = []
    todo = [exc]
    while todo and len(out) < 20:
        current = todo.pop()
        out.append(current)
        if isinstance(current, BaseExceptionGroup):
            todo.extend(current.exceptions)
        todo.extend(e for e in (current.__cause__, current.__context__) if e is not None)
    return out


def _network_error(exc: httpx.HTTPError) -> str:
    text = str(exc) or type(exc).__name__
    lowered = text.lower()
    if "refused: " in lowered:  # the pinning transport's own refusal
        return text[lowered.index("refused: ") :]
    if any(isinstance(e, ConnectionRefusedError) for e in _causes(exc)):
        return "connection refused"
    if isinstance(exc, httpx.RemoteProtocolError):
        return f"connection closed before the response was complete ({text[:80]})"
    if "certificate" in lowered or "ssl" in lowered:
        return f"TLS error ({text[:100]})"
    if isinstance(exc, httpx.ConnectError):
        return f"could not connect ({text[:100]})"
    return f"network error ({text[:100]})"
