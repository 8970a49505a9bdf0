"""A small real HTTP server on 127.0.0.1 for tests: serves a dict of routes, records requests.

    from tests.httpserver import LocalServer, Route

    routes = {
        "/feed.xml": Route(body=rss_bytes, headers={"Content-Type": "application/rss+xml"}),
        "/slow": Route(body=b"late", delay=2.0),
        "/flaky": [Route(status=503), Route(body=b"ok")],      # served in turn, last repeats
        "/echo": lambda req: Route(body=req.headers.get("User-Agent", "").encode()),
        "/big": Route(body=iter_chunks(), headers={"Content-Type": "text/plain"}),  # streamed
    }
    with LocalServer(routes) as srv:
        url = srv.url("/feed.xml")           # "http://127.0.0.1:PORT/feed.xml"
        ...
        srv.requests                          # [RecordedRequest(method, path, headers, at, …)]
        srv.requests_to("/flaky")             # only those for one path (query ignored)

A route value is a `Route`, a list of `Route`s (one per request, the last one repeats), a
callable `RecordedRequest -> Route`, or plain `bytes`/`str` (a 200 with that body). Routes are
looked up by the full path with query first, then by the path alone; unknown paths get a 404.
`srv.routes` may be changed while the server runs.

A `Route` body is bytes (sent with Content-Length unless the headers already set one, so a
test can lie about the length) or an iterable of byte chunks (sent with chunked transfer
encoding, so a huge body is produced lazily; a generator is used up by the first request, so
use a callable route to stream one per request). `delay` sleeps before the response is sent;
`close` closes the connection after it. Only GET and HEAD are served.
Each `RecordedRequest` records when it arrived (`time.monotonic()`), how many body bytes the
server managed to send and whether the client hung up early (`completed`).
Call `srv.wait_idle()` before asserting on `sent_bytes`/`completed` of a request that the
client abandoned: the server thread notices the closed socket only on its next write.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any, TypeAlias
from urllib.parse import urlsplit


@dataclass
class Route:
    """One canned response."""

    status: int = 200
    headers: Mapping[str, str] | Iterable[tuple[str, str]] = ()
    body: bytes | Iterable[bytes] = b""
    delay: float = 0.0
    close: bool = False  # close the connection after this response


@dataclass
class RecordedRequest:
    """A request the server received (mutable: `sent_bytes`/`completed` fill in later)."""

    method: str
    path: str
    headers: dict[str, str]
    at: float
    client_port: int
    sent_bytes: int = 0
    completed: bool = False

    @property
    def route_path(self) -> str:
        return urlsplit(self.path).path


RouteSpec: TypeAlias = Route | list[Route] | Callable[[RecordedRequest], Route] | bytes | str


class LocalServer:
    """A threaded HTTP/1.1 server on 127.0.0.1 with a random port; use it as a context manager."""

    def __init__(self, routes: Mapping[str, RouteSpec] | None = None) -> None:
        self.routes: dict[str, RouteSpec] = dict(routes or {})
        self.requests: list[RecordedRequest] = []
        self._served: dict[str, int] = {}
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._active = 0
        self._idle = threading.Condition(self._lock)
        self._httpd = _Server(("127.0.0.1", 0), _Handler)
        self._httpd.owner = self
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    # ---------------------------------------------------------------- lifecycle
    def __enter__(self) -> LocalServer:
        self._thread.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        self._stopping.set()
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)

    # ---------------------------------------------------------------- access
    @property
    def port(self) -> int:
        return int(self._httpd.server_address[1])

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def url(self, path: str = "/") -> str:
        return self.origin + path

    def requests_to(self, path: str) -> list[RecordedRequest]:
        with self._lock:
            return [r for r in self.requests if r.route_path == path]

    def wait_idle(self, timeout: float = 5.0) -> bool:
        """Wait until no request is being served; False if that did not happen in time."""
        deadline = time.monotonic() + timeout
        with self._idle:
            while self._active:
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self._idle.wait(left)
        return True

    # ---------------------------------------------------------------- internals
    def _record(self, request: RecordedRequest) -> None:
        with self._lock:
            self.requests.append(request)
            self._active += 1

    def _done(self) -> None:
        with self._idle:
            self._active -= 1
            self._idle.notify_all()

    def _route_for(self, request: RecordedRequest) -> Route:
        spec = self.routes.get(request.path, self.routes.get(request.route_path))
        if spec is None:
            return Route(status=404, body=b"not found")
        if isinstance(spec, Route):
            return spec
        if isinstance(spec, bytes | str):
            return Route(body=spec.encode() if isinstance(spec, str) else spec)
        if isinstance(spec, list):
            with self._lock:
                n = self._served.get(request.route_path, 0)
                self._served[request.route_path] = n + 1
            return spec[min(n, len(spec) - 1)]
        return spec(request)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    owner: LocalServer

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # clients hanging up mid-response is what several tests do on purpose


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body go in separate writes
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        self._serve(send_body=True)

    def do_HEAD(self) -> None:
        self._serve(send_body=False)

    def _serve(self, *, send_body: bool) -> None:
        owner = self.server.owner
        request = RecordedRequest(
            method=self.command,
            path=self.path,
            headers={k: v for k, v in self.headers.items()},
            at=time.monotonic(),
            client_port=self.client_address[1],
        )
        owner._record(request)
        try:
            route = owner._route_for(request)
            if route.delay and owner._stopping.wait(route.delay):
                return
            self._respond(route, request, send_body)
            request.completed = True
            if route.close:
                self.close_connection = True
        except (BrokenPipeError, ConnectionResetError, ConnectionAbortedError):
            self.close_connection = True
        finally:
            owner._done()

    def _respond(self, route: Route, request: RecordedRequest, send_body: bool) -> None:
        pairs = list(route.headers.items() if isinstance(route.headers, Mapping) else route.headers)
        names = {k.lower() for k, _ in pairs}
        self.send_response(route.status)
        for name, value in pairs:
            self.send_header(name, value)
        body = route.body
        if isinstance(body, bytes):
            if "content-length" not in names:
                self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if send_body and body:
                self.wfile.write(body)
                self.wfile.flush()
                request.sent_bytes = len(body)
            return
        if "transfer-encoding" not in names:
            self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        if not send_body:
            return
        for chunk in body:
            if not chunk:
                continue
            self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
            request.sent_bytes += len(chunk)
        self.wfile.write(b"0\r\n\r\n")
        self.wfile.flush()
