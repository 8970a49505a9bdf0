"""The SSRF guard as the fetcher applies it: every hop checked, connections pinned."""

from __future__ import annotations

import httpx
import pytest

from sinoscope.fetch import HttpFetcher
from sinoscope.fetch.transport import PinnedTransport, PinTable
from sinoscope.records import FetchResult
from sinoscope.settings import Settings
from tests.httpserver import LocalServer, Route

from .support import ToLocalServer, local_settings, run

# what the pretend internet's DNS answers
DNS = {
    "news.example": ["93.184.216.34"],
    "mirror.example": ["93.184.216.35"],
    "intranet.example": ["10.0.0.5"],
}


def resolver(host: str) -> list[str]:
    return DNS.get(host, [])


def _routes(port: int) -> dict[str, Route]:
    def redirect(to: str) -> Route:
        return Route(status=302, headers={"Location": to})

    return {
        "/robots.txt": Route(status=404),
        "/to-intranet": redirect("http://intranet.example/secret"),
        "/to-mirror": redirect("http://mirror.example/secret"),
        "/to-loopback": redirect(f"http://127.0.0.1:{port}/secret"),
        "/to-decimal": redirect(f"http://2130706433:{port}/secret"),
        "/to-file": redirect("file:///etc/passwd"),
        "/secret": Route(body=b"internal data"),
    }


async def _guarded_fetch(settings: Settings, transport: ToLocalServer, url: str) -> FetchResult:
    async with HttpFetcher(settings, transport=transport, resolver=resolver) as fetcher:
        return await fetcher.fetch(url)


@pytest.mark.parametrize(
    ("path", "error"),
    [
        ("/to-intranet", "refused: private address 10.0.0.5 (use --allow-private)"),
        ("/to-loopback", "refused: loopback address 127.0.0.1 (use --allow-private)"),
        ("/to-decimal", "refused: loopback address 127.0.0.1 (use --allow-private)"),
        ("/to-file", "refused: unsupported scheme 'file' (only http and https)"),
    ],
)
def test_redirect_to_a_private_address_is_refused(path: str, error: str) -> None:
    settings = local_settings(allow_private=False, respect_robots=True)
    with LocalServer() as srv:
        srv.routes.update(_routes(srv.port))
        transport = ToLocalServer(srv.port)
        result = run(_guarded_fetch(settings, transport, f"http://news.example{path}"))
    assert result.error == error
    assert result.final_url != result.url  # the refusal is about the redirect target
    assert srv.requests_to(path), "the public first hop was fetched"
    assert not srv.requests_to("/secret"), "the private target was never asked"


def test_redirect_to_a_public_address_is_followed() -> None:
    # the control for the test above: same set-up, a public target, and the page is fetched
    settings = local_settings(allow_private=False, respect_robots=True)
    with LocalServer() as srv:
        srv.routes.update(_routes(srv.port))
        transport = ToLocalServer(srv.port)
        result = run(_guarded_fetch(settings, transport, "http://news.example/to-mirror"))
    assert result.ok and result.body == b"internal data"
    assert result.final_url == "http://mirror.example/secret"
    assert "mirror.example" in transport.hosts
    assert srv.requests_to("/secret")[0].headers["Host"] == "mirror.example"


def test_allow_private_lets_the_redirect_through() -> None:
    settings = local_settings(allow_private=True)
    with LocalServer() as srv:
        srv.routes.update(_routes(srv.port))
        result = run(
            _guarded_fetch(settings, ToLocalServer(srv.port), "http://news.example/to-intranet")
        )
    assert result.ok and result.final_url == "http://intranet.example/secret"


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:{port}/secret",
        "http://2130706433:{port}/secret",
        "http://0x7f000001:{port}/secret",
        "http://[::ffff:127.0.0.1]:{port}/secret",
        "http://localhost:{port}/secret",
    ],
)
def test_loopback_literals_are_refused_by_the_real_fetcher(url: str) -> None:
    settings = local_settings(allow_private=False)
    with LocalServer({"/secret": Route(body=b"internal")}) as srv:
        result = run(_fetch_plain(settings, url.format(port=srv.port)))
    assert result.error is not None and result.error.startswith("refused: loopback")
    assert result.status is None and srv.requests == []


def test_invalid_schemes_are_refused_even_when_private_is_allowed() -> None:
    for url in ("file:///etc/passwd", "ftp://example.com/", "gopher://example.com/"):
        result = run(_fetch_plain(local_settings(allow_private=True), url))
        assert result.error is not None and "unsupported scheme" in result.error


async def _fetch_plain(settings: Settings, url: str, **kwargs: object) -> FetchResult:
    async with HttpFetcher(settings, **kwargs) as fetcher:  # type: ignore[arg-type]
        return await fetcher.fetch(url)


def test_the_connection_goes_to_the_checked_address() -> None:
    """site.example is unknown to the system resolver: success means the pinned address
    (from our resolver, asked once) was used, and the name still reached the server."""
    calls: list[str] = []

    def pinning_resolver(host: str) -> list[str]:
        calls.append(host)
        return ["127.0.0.1"]

    with LocalServer({"/a": Route(body=b"pinned")}) as srv:
        url = f"http://site.example:{srv.port}/a"
        result = run(_fetch_plain(local_settings(), url, resolver=pinning_resolver))
    assert result.ok and result.body == b"pinned"
    assert calls == ["site.example"]
    assert srv.requests[0].headers["Host"] == f"site.example:{srv.port}"


def test_the_resolver_answer_is_where_we_connect() -> None:
    # the server listens on 127.0.0.1 only; an answer of 127.0.0.2 must not reach it
    with LocalServer({"/a": Route(body=b"pinned")}) as srv:
        url = f"http://site.example:{srv.port}/a"
        result = run(_fetch_plain(local_settings(), url, resolver=lambda host: ["127.0.0.2"]))
    assert result.error == "connection refused"
    assert srv.requests == []


def test_pinned_transport_refuses_hosts_the_guard_never_saw() -> None:
    async def go(url: str) -> str:
        pins = PinTable()
        async with httpx.AsyncClient(transport=PinnedTransport(pins)) as client:
            try:
                await client.get(url)
            except httpx.ConnectError as exc:
                return str(exc)
        return "connected"

    with LocalServer({"/": Route(body=b"x")}) as srv:
        message = run(go(srv.url("/")))
    assert message.startswith("refused:")
    assert srv.requests == []
