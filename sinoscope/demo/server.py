"""A local HTTP server for the demo corpus, so `sinoscope demo` runs the real fetch path.

Serves sinoscope/demo/corpus/site on 127.0.0.1, on `PORT` when it is free (document ids
derive from URLs, and ties between equally good sentences are broken by id, so a fixed address
makes one demo run read like the next), else on a random free port. Feeds and sitemaps are
written with a `{BASE}` placeholder that becomes this server's address when served. HTML is
sent with `charset=utf-8` only when the file is valid UTF-8, so GBK pages arrive the way old
Chinese government sites send them: with no charset at all.
"""

from __future__ import annotations

import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

SITE = Path(__file__).parent / "corpus" / "site"
PORT = 8642

_TYPES = {
    ".html": "text/html",
    ".htm": "text/html",
    ".xml": "application/xml",
    ".txt": "text/plain",
    ".pdf": "application/pdf",
}


class CorpusServer:
    """`with CorpusServer() as server: server.base` → "http://127.0.0.1:PORT"."""

    def __init__(self, root: Path = SITE, host: str = "127.0.0.1", port: int | None = None) -> None:
        """`port` None: `PORT` if free, else any free port; 0: any free port."""
        self.root = root.resolve()
        handler = _handler_for(self)
        try:
            self._httpd = ThreadingHTTPServer((host, PORT if port is None else port), handler)
        except OSError:
            if port is not None:
                raise
            self._httpd = ThreadingHTTPServer((host, 0), handler)
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)
        self.requests: list[str] = []

    @property
    def base(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host!s}:{port}"

    def start(self) -> CorpusServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    def __enter__(self) -> CorpusServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def resolve(self, url_path: str) -> Path | None:
        path = (self.root / unquote(url_path).lstrip("/")).resolve()
        if not path.is_relative_to(self.root) or not path.is_file():
            return None
        return path

    def body_for(self, path: Path) -> tuple[bytes, str]:
        body = path.read_bytes()
        ctype = _TYPES.get(path.suffix.lower(), "application/octet-stream")
        if path.suffix.lower() == ".xml":
            body = body.replace(b"{BASE}", self.base.encode("ascii"))
        if ctype.startswith("text/"):
            try:
                body.decode("utf-8")
                ctype += "; charset=utf-8"
            except UnicodeDecodeError:
                pass  # legacy encodings go out undeclared, as on the real sites
        return body, ctype


def _handler_for(server: CorpusServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            path = urlsplit(self.path).path
            server.requests.append(path)
            if path == "/robots.txt":
                self._send(HTTPStatus.OK, b"User-agent: *\nAllow: /\n", "text/plain")
                return
            file = server.resolve(path)
            if file is None:
                self._send(HTTPStatus.NOT_FOUND, b"not found", "text/plain")
                return
            body, ctype = server.body_for(file)
            self._send(HTTPStatus.OK, body, ctype)

        def _send(self, status: HTTPStatus, body: bytes, ctype: str) -> None:
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    return Handler
