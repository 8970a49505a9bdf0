"""A real OpenAI-compatible chat-completions server on 127.0.0.1, scripted by the test.

    from tests.llmserver import LLMServer, Reply

    with LLMServer(["first reply", Reply(status=500, error="overloaded"), "third"]) as srv:
        llm = OpenAICompatibleLLM(srv.base_url, model="test-model")   # ".../v1"
        llm.complete([ChatMessage("user", "hi")])                      # "first reply"
        srv.requests[0].messages                                        # what the client sent

    LLMServer(lambda req: Reply(content=req.last_user.upper()))         # computed replies
    LLMServer(Reply(body=b"not json"))                                  # malformed answer
    LLMServer(Reply(content="late", delay=2.0))                         # a slow model

The script is a `Reply`, a string (a 200 whose message content it is), a list of those (one
per request, the last one repeats) or a callable `ChatRequest -> Reply | str`; `srv.script`
may be replaced while the server runs. `POST /v1/chat/completions` and `POST
/chat/completions` are served in the OpenAI response shape; an error status gets OpenAI's
`{"error": {"message", "type"}}` body; `GET /v1/models` lists the model names seen so far.
`refused_url()` gives a base URL on which nothing listens (connection refused).
"""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any, TypeAlias

CHAT_PATHS = ("/v1/chat/completions", "/chat/completions")


@dataclass
class Reply:
    """One scripted answer. `body` (raw bytes) overrides everything else but the status."""

    content: str | None = "OK"
    status: int = 200
    delay: float = 0.0
    error: str | None = None
    body: bytes | None = None
    finish_reason: str = "stop"
    no_choices: bool = False
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class ChatRequest:
    """A request the server received; `body` is the parsed JSON (None if it was not JSON)."""

    method: str
    path: str
    headers: dict[str, str]
    raw: bytes
    body: dict[str, Any] | None
    at: float

    @property
    def messages(self) -> list[dict[str, Any]]:
        return list((self.body or {}).get("messages") or [])

    @property
    def model(self) -> str | None:
        return (self.body or {}).get("model")

    @property
    def last_user(self) -> str:
        for message in reversed(self.messages):
            if message.get("role") == "user":
                return str(message.get("content", ""))
        return ""


Script: TypeAlias = Reply | str | list[Reply | str] | Callable[[ChatRequest], Reply | str]


def refused_url() -> str:
    """An http://127.0.0.1 base URL on which nothing listens."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/v1"


class LLMServer:
    """A threaded chat-completions server on a random port; use it as a context manager."""

    def __init__(self, script: Script = "OK", model: str = "test-model") -> None:
        self.script: Script = script
        self.model = model
        self.requests: list[ChatRequest] = []
        self._served = 0
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._httpd = _Server(("127.0.0.1", 0), _Handler)
        self._httpd.owner = self
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    def __enter__(self) -> LLMServer:
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

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self._httpd.server_address[1]}"

    @property
    def base_url(self) -> str:
        return self.origin + "/v1"

    def _next(self, request: ChatRequest) -> Reply:
        with self._lock:
            self.requests.append(request)
            n = self._served
            self._served += 1
        script = self.script
        if isinstance(script, list):
            chosen: Reply | str = script[min(n, len(script) - 1)]
        elif isinstance(script, Reply | str):
            chosen = script
        else:
            chosen = script(request)
        return Reply(content=chosen) if isinstance(chosen, str) else chosen


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    owner: LLMServer

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a client that timed out hangs up before the slow reply is written


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        if self.path.rstrip("/") in ("/v1/models", "/models"):
            data = [{"id": self.server.owner.model, "object": "model"}]
            self._send(200, json.dumps({"object": "list", "data": data}).encode())
        else:
            self._send(404, _error_body("not found", "invalid_request_error"))

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        try:
            parsed = json.loads(raw)
            body = parsed if isinstance(parsed, dict) else None
        except ValueError:
            body = None
        owner = self.server.owner
        path = self.path.split("?")[0]
        if path not in CHAT_PATHS:
            self._send(404, _error_body(f"no route {path}", "invalid_request_error"))
            return
        request = ChatRequest("POST", path, dict(self.headers.items()), raw, body, time.monotonic())
        reply = owner._next(request)
        if reply.delay and owner._stopping.wait(reply.delay):
            return
        try:
            self._send(reply.status, _reply_body(reply, request, owner.model), reply.headers)
        except (BrokenPipeError, ConnectionResetError, ConnectionAbortedError):
            self.close_connection = True

    def _send(self, status: int, body: bytes, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        self.wfile.flush()


def _error_body(message: str, kind: str) -> bytes:
    return json.dumps({"error": {"message": message, "type": kind}}).encode()


def _reply_body(reply: Reply, request: ChatRequest, default_model: str) -> bytes:
    if reply.body is not None:
        return reply.body
    if reply.status >= 400:
        return _error_body(reply.error or f"HTTP {reply.status}", "server_error")
    model = request.model or default_model
    choices = []
    if not reply.no_choices:
        choices.append(
            {
                "index": 0,
                "message": {"role": "assistant", "content": reply.content},
                "finish_reason": reply.finish_reason,
            }
        )
    prompt = sum(len(str(m.get("content", ""))) for m in request.messages) // 4
    completion = len(reply.content or "") // 4
    payload = {
        "id": f"chatcmpl-{int(request.at * 1000)}",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": model,
        "choices": choices,
        "usage": {
            "prompt_tokens": prompt,
            "completion_tokens": completion,
            "total_tokens": prompt + completion,
        },
    }
    return json.dumps(payload, ensure_ascii=False).encode()
