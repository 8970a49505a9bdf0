from __future__ import annotations

import gzip
import time
import tracemalloc
import zlib
from collections.abc import Iterator

from sinoscope.fetch import HttpFetcher
from sinoscope.records import FetchResult
from sinoscope.settings import Settings
from tests.httpserver import LocalServer, RecordedRequest, Route

from .support import SleepRecorder, local_settings, run

MB = 1_000_000


async def _fetch(settings: Settings, url: str, **kwargs: object) -> FetchResult:
    sleep = kwargs.pop("sleep", None)
    extra = {"sleep": sleep} if sleep is not None else {}
    async with HttpFetcher(settings, **extra) as fetcher:  # type: ignore[arg-type]
        return await fetcher.fetch(url, **kwargs)  # type: ignore[arg-type]


def test_ok_page_sends_our_user_agent() -> None:
    routes = {"/a": Route(body=b"<p>hi</p>", headers={"Content-Type": "text/html"})}
    settings = local_settings(user_agent="TestBot/1.0 (+https://example.org/bot)")
    with LocalServer(routes) as srv:
        result = run(_fetch(settings, srv.url("/a")))
    assert result.ok and result.error is None
    assert result.body == b"<p>hi</p>"
    assert result.header("content-type") == "text/html"
    assert result.final_url == result.url == srv.url("/a")
    assert result.fetched_at.tzinfo is not None and result.elapsed >= 0
    assert srv.requests[0].headers["User-Agent"] == "TestBot/1.0 (+https://example.org/bot)"


def test_http_errors_are_results_not_exceptions() -> None:
    with LocalServer({"/gone": Route(status=410, body=b"gone")}) as srv:
        missing = run(_fetch(local_settings(), srv.url("/nothing-here")))
        gone = run(_fetch(local_settings(), srv.url("/gone")))
    assert (missing.status, missing.error, missing.ok) == (404, "HTTP 404", False)
    assert (gone.status, gone.error) == (410, "HTTP 410")


def test_connection_refused() -> None:
    with LocalServer() as srv:
        port = srv.port
    result = run(_fetch(local_settings(), f"http://127.0.0.1:{port}/"))
    assert result.status is None
    assert result.error == "connection refused"


def test_conditional_get_gives_not_modified() -> None:
    def page(request: RecordedRequest) -> Route:
        if request.headers.get("If-None-Match") == '"v1"':
            return Route(status=304, headers={"ETag": '"v1"'})
        return Route(body=b"article", headers={"ETag": '"v1"', "Last-Modified": "Mon, 01 Jan 2024"})

    with LocalServer({"/a": page}) as srv:
        first = run(_fetch(local_settings(), srv.url("/a")))
        again = run(
            _fetch(
                local_settings(),
                srv.url("/a"),
                etag=first.header("etag"),
                last_modified=first.header("last-modified"),
            )
        )
    assert first.ok and first.body == b"article" and not first.not_modified
    assert again.status == 304 and again.not_modified
    assert again.error is None and again.body == b""
    sent = srv.requests[1].headers
    assert sent["If-None-Match"] == '"v1"'
    assert sent["If-Modified-Since"] == "Mon, 01 Jan 2024"
    assert "If-None-Match" not in srv.requests[0].headers


def test_429_with_retry_after_then_success() -> None:
    sleep = SleepRecorder()
    routes = {"/busy": [Route(status=429, headers={"Retry-After": "7"}), Route(body=b"ok")]}
    with LocalServer(routes) as srv:
        result = run(_fetch(local_settings(retries=2, backoff=0.5), srv.url("/busy"), sleep=sleep))
    assert result.ok and result.body == b"ok"
    assert sleep.calls == [7.0]  # Retry-After wins over the 0.5 s backoff
    assert len(srv.requests_to("/busy")) == 2


def test_503_exhausts_retries_with_exponential_backoff() -> None:
    sleep = SleepRecorder()
    with LocalServer({"/down": Route(status=503)}) as srv:
        result = run(_fetch(local_settings(retries=2, backoff=0.5), srv.url("/down"), sleep=sleep))
    assert result.status == 503
    assert result.error == "HTTP 503 (after 3 attempts)"
    assert sleep.calls == [0.5, 1.0]
    assert len(srv.requests_to("/down")) == 3


def test_retry_after_beyond_the_cap_is_reported_not_waited_for() -> None:
    sleep = SleepRecorder()
    with LocalServer({"/later": Route(status=503, headers={"Retry-After": "3600"})}) as srv:
        result = run(_fetch(local_settings(retries=3), srv.url("/later"), sleep=sleep))
    assert result.error is not None
    assert "Retry-After 3600s is over the 60s cap" in result.error
    assert sleep.calls == []
    assert len(srv.requests) == 1


def test_timeout() -> None:
    with LocalServer({"/slow": Route(body=b"late", delay=3.0)}) as srv:
        started = time.monotonic()
        result = run(_fetch(local_settings(timeout=0.5), srv.url("/slow")))
        took = time.monotonic() - started
    assert result.error == "timed out after 0.5s"
    assert result.status is None
    assert took < 2.5


def _endless(total: int, chunk: int = 65536) -> Iterator[bytes]:
    block = b"x" * chunk
    for _ in range(total // chunk):
        yield block


def test_streamed_50mb_body_is_refused_without_reading_it() -> None:
    routes = {"/huge": Route(body=_endless(50 * MB), headers={"Content-Type": "text/html"})}
    with LocalServer(routes) as srv:
        tracemalloc.start()
        try:
            result = run(_fetch(local_settings(max_bytes=10 * MB), srv.url("/huge")))
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
        assert srv.wait_idle()
        served = srv.requests_to("/huge")[0]
    assert result.error == "body larger than 10000000 bytes"
    assert result.body == b""
    assert peak < 30 * MB
    assert not served.completed  # the client hung up …
    assert served.sent_bytes < 30 * MB  # … long before the 50 MB were out


def test_declared_length_over_the_cap_is_refused_before_reading() -> None:
    routes = {"/big": Route(body=_endless(2 * MB), headers={"Content-Length": str(2 * MB)})}
    with LocalServer(routes) as srv:
        result = run(_fetch(local_settings(max_bytes=MB), srv.url("/big")))
    assert result.error == "body larger than 1000000 bytes"


def test_gzip_bomb_is_capped_while_inflating() -> None:
    bomb = gzip.compress(b"\0" * (20 * MB))
    assert len(bomb) < 50_000
    routes = {"/bomb": Route(body=bomb, headers={"Content-Encoding": "gzip"})}
    with LocalServer(routes) as srv:
        result = run(_fetch(local_settings(max_bytes=MB), srv.url("/bomb")))
    assert result.error == "body larger than 1000000 bytes"


def test_gzip_and_deflate_bodies_are_decoded() -> None:
    text = "中国人工智能企业超过4500家。".encode() * 50
    raw_deflate = zlib.compressobj(wbits=-15)
    routes = {
        "/gz": Route(body=gzip.compress(text), headers={"Content-Encoding": "gzip"}),
        "/zlib": Route(body=zlib.compress(text), headers={"Content-Encoding": "deflate"}),
        "/raw": Route(
            body=raw_deflate.compress(text) + raw_deflate.flush(),
            headers={"Content-Encoding": "deflate"},
        ),
        "/two": Route(
            body=gzip.compress(text[:30]) + gzip.compress(text[30:]),
            headers={"Content-Encoding": "gzip"},
        ),
    }
    with LocalServer(routes) as srv:
        for path in routes:
            result = run(_fetch(local_settings(), srv.url(path)))
            assert result.ok, (path, result.error)
            assert result.body == text, path
    assert srv.requests[0].headers["Accept-Encoding"].startswith("gzip, deflate")


def test_truncated_gzip_is_an_error_not_a_crash() -> None:
    body = gzip.compress(b"<html>" + b"news " * 2000 + b"</html>")
    routes = {
        "/cut": Route(body=body[: len(body) // 2], headers={"Content-Encoding": "gzip"}),
        "/junk": Route(body=b"this is not gzip at all", headers={"Content-Encoding": "gzip"}),
        "/zstd": Route(body=b"whatever", headers={"Content-Encoding": "zstd"}),
    }
    with LocalServer(routes) as srv:
        cut = run(_fetch(local_settings(), srv.url("/cut")))
        junk = run(_fetch(local_settings(), srv.url("/junk")))
        zstd = run(_fetch(local_settings(), srv.url("/zstd")))
    assert cut.error == "truncated gzip body" and cut.body == b""
    assert junk.error is not None and junk.error.startswith("corrupt gzip body")
    assert zstd.error == "unsupported content encoding 'zstd'"


def test_connection_closed_mid_body() -> None:
    routes = {"/short": Route(body=b"only half", headers={"Content-Length": "100"}, close=True)}
    with LocalServer(routes) as srv:
        result = run(_fetch(local_settings(), srv.url("/short")))
    assert result.error is not None
    assert result.error.startswith("connection closed before the response was complete")


def test_redirects_are_followed_up_to_the_limit() -> None:
    routes: dict[str, Route] = {
        f"/r{i}": Route(status=302, headers={"Location": f"/r{i + 1}"}) for i in range(10)
    }
    routes["/start"] = Route(status=301, headers={"Location": "r8"})  # relative to /start
    routes["/r9"] = Route(body=b"landed")
    with LocalServer(routes) as srv:
        chained = run(_fetch(local_settings(max_redirects=3), srv.url("/r0")))
        short = run(_fetch(local_settings(max_redirects=3), srv.url("/start")))
    assert chained.error == "too many redirects (3)"
    assert chained.status == 302 and chained.final_url == srv.url("/r3")
    assert [r.path for r in srv.requests[:4]] == ["/r0", "/r1", "/r2", "/r3"]
    assert short.ok and short.body == b"landed"
    assert short.url == srv.url("/start") and short.final_url == srv.url("/r9")


def test_redirect_without_location_is_an_error() -> None:
    with LocalServer({"/odd": Route(status=302)}) as srv:
        result = run(_fetch(local_settings(), srv.url("/odd")))
    assert (result.status, result.error) == (302, "HTTP 302")


def test_non_string_url_is_a_programming_error() -> None:
    import pytest

    with pytest.raises(TypeError, match="URL string"):
        run(_fetch(local_settings(), b"http://example.com/"))  # type: ignore[arg-type]
