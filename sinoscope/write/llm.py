"""The write stage's seam to a language model: `LLM`, and `OpenAICompatibleLLM` over httpx.

    llm = OpenAICompatibleLLM("http://127.0.0.1:11434/v1", model="qwen2.5:7b")
    reply = llm.complete([ChatMessage("system", "…"), ChatMessage("user", "…")])

Any server speaking the OpenAI chat-completions API works: Ollama, vLLM, the llama.cpp
server, LM Studio, DeepSeek, Qwen (DashScope compatible mode) … The base URL is used as
given: `{base_url}/chat/completions` is posted to, so "http://127.0.0.1:11434/v1" and
"https://api.deepseek.com" both work; a bare origin with no path ("http://127.0.0.1:8080")
gets "/v1" added, which is where every such server listens. A URL that already ends in
"/chat/completions" is used unchanged.

The user configures this URL explicitly, so the fetcher's SSRF guard does not apply (a local
model server is the usual case); only http and https are accepted. Every failure becomes an
`LLMError` whose message says what went wrong and what to try. Retries (default one) cover
timeouts, connection resets, 429 and 5xx; a refused connection is reported at once.
"""

from __future__ import annotations

import json
import logging
import time
from dataclasses import dataclass
from types import TracebackType
from typing import Any, Literal, Protocol
from urllib.parse import urlsplit, urlunsplit

import httpx

from ..errors import SinoscopeError

log = logging.getLogger(__name__)

Role = Literal["system", "user", "assistant"]

__all__ = ["LLM", "ChatMessage", "LLMError", "OpenAICompatibleLLM", "chat_completions_url"]


class LLMError(SinoscopeError):
    """The language model could not be reached or gave no usable reply."""


@dataclass(frozen=True, slots=True)
class ChatMessage:
    role: Role
    content: str

    def to_json(self) -> dict[str, str]:
        return {"role": self.role, "content": self.content}


class LLM(Protocol):
    """Anything that completes a chat: the one seam between Sinoscope and a language model."""

    def complete(
        self, messages: list[ChatMessage], *, temperature: float = 0.0, max_tokens: int = 800
    ) -> str: ...


def chat_completions_url(base_url: str) -> str:
    """The chat-completions endpoint for a configured base URL (see the module docstring)."""
    parts = urlsplit(base_url.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise LLMError(
            f"the LLM URL {base_url!r} is not an http(s) URL; give the server's base URL, "
            "e.g. http://127.0.0.1:11434/v1"
        )
    path = parts.path.rstrip("/")
    if path.endswith("/chat/completions"):
        return urlunsplit((parts.scheme, parts.netloc, path, parts.query, ""))
    if not path:
        path = "/v1"
    return urlunsplit((parts.scheme, parts.netloc, path + "/chat/completions", parts.query, ""))


class OpenAICompatibleLLM:
    """A synchronous client for `POST {base_url}/chat/completions` (non-streaming).

    `api_key` is sent as a bearer token when given (local servers need none). `transport`
    replaces httpx's network transport (for an in-process server). Close it when done, or use
    it as a context manager.
    """

    def __init__(
        self,
        base_url: str,
        model: str,
        api_key: str | None = None,
        timeout: float = 60.0,
        transport: httpx.BaseTransport | None = None,
        *,
        retries: int = 1,
        backoff: float = 0.5,
    ) -> None:
        if not model:
            raise LLMError("no LLM model name given; pass the model the server serves")
        if retries < 0:
            raise LLMError(f"retries must be 0 or more, not {retries}")
        self.url = chat_completions_url(base_url)
        self.model = model
        self.retries = retries
        self.backoff = backoff
        self.timeout = timeout
        headers = {"Accept": "application/json"}
        if api_key:
            headers["Authorization"] = f"Bearer {api_key}"
        self._client = httpx.Client(
            timeout=httpx.Timeout(timeout), headers=headers, transport=transport
        )

    def __repr__(self) -> str:
        return f"OpenAICompatibleLLM({self.url!r}, model={self.model!r})"

    def __enter__(self) -> OpenAICompatibleLLM:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    def complete(
        self, messages: list[ChatMessage], *, temperature: float = 0.0, max_tokens: int = 800
    ) -> str:
        """The assistant's reply text; raises LLMError when there is none."""
        if not messages:
            raise LLMError("no messages to send to the LLM")
        payload = {
            "model": self.model,
            "messages": [m.to_json() for m in messages],
            "temperature": temperature,
            "max_tokens": max_tokens,
            "stream": False,
        }
        attempt = 0
        while True:
            try:
                return self._post(payload)
            except _Retryable as err:
                if attempt >= self.retries:
                    raise LLMError(str(err)) from err
                attempt += 1
                delay = self.backoff * 2 ** (attempt - 1)
                log.warning("%s; retry %d of %d in %.1fs", err, attempt, self.retries, delay)
                time.sleep(delay)

    def _post(self, payload: dict[str, Any]) -> str:
        try:
            response = self._client.post(self.url, json=payload)
        except httpx.ConnectError as err:
            raise LLMError(
                f"cannot reach the LLM at {self.url} ({_reason(err)}); is the server running?"
            ) from err
        except httpx.TimeoutException as err:
            raise _Retryable(
                f"the LLM at {self.url} did not answer within {self.timeout:g}s "
                "(raise the timeout or use a smaller model)"
            ) from err
        except httpx.TransportError as err:
            raise _Retryable(
                f"the connection to the LLM at {self.url} failed: {_reason(err)}"
            ) from err
        if response.status_code >= 400:
            message = (
                f"the LLM at {self.url} answered HTTP {response.status_code}: "
                f"{_error_message(response)}"
            )
            if response.status_code == 429 or response.status_code >= 500:
                raise _Retryable(message)
            if response.status_code in (401, 403):
                message += " (check the API key)"
            elif response.status_code == 404:
                message += f" (check the base URL and that model {self.model!r} exists)"
            raise LLMError(message)
        return _reply_text(response, self.url)


class _Retryable(Exception):
    """A failure worth another try (timeout, reset connection, 429, 5xx)."""


def _reason(err: Exception) -> str:
    text = str(err).strip()
    return text or type(err).__name__


def _error_message(response: httpx.Response) -> str:
    """The server's own error message: OpenAI's {"error": {"message"}}, or the body."""
    try:
        body = response.json()
    except ValueError:
        body = None
    if isinstance(body, dict):
        error = body.get("error")
        if isinstance(error, dict) and isinstance(error.get("message"), str):
            return str(error["message"])
        if isinstance(error, str):
            return error
        if isinstance(body.get("message"), str):
            return str(body["message"])
        if isinstance(body.get("detail"), str):
            return str(body["detail"])
    text = response.text.strip()
    return text[:300] if text else response.reason_phrase or "no error message"


def _reply_text(response: httpx.Response, url: str) -> str:
    try:
        body = response.json()
    except (ValueError, json.JSONDecodeError) as err:
        raise LLMError(
            f"the LLM at {url} did not answer with JSON (got {response.text[:80]!r}); "
            "is the base URL an OpenAI-compatible API?"
        ) from err
    if not isinstance(body, dict):
        raise LLMError(f"the LLM at {url} answered with unexpected JSON: {str(body)[:80]}")
    choices = body.get("choices")
    if not isinstance(choices, list) or not choices:
        raise LLMError(f"the LLM at {url} answered with no choices")
    first = choices[0]
    message = first.get("message") if isinstance(first, dict) else None
    content = message.get("content") if isinstance(message, dict) else None
    if not isinstance(content, str) or not content.strip():
        reason = first.get("finish_reason") if isinstance(first, dict) else None
        raise LLMError(
            f"the LLM at {url} gave an empty reply"
            + (f" (finish_reason: {reason})" if reason else "")
        )
    return content
