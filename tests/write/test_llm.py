from __future__ import annotations

import json
import time
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from sinoscope.write import ChatMessage, LLMError, OpenAICompatibleLLM, chat_completions_url
from tests.llmserver import LLMServer, Reply, Script, refused_url

HELLO = [ChatMessage("system", "Be brief."), ChatMessage("user", "Say hello.")]


@contextmanager
def serving(
    script: Script, model: str = "m", **options: object
) -> Iterator[tuple[LLMServer, OpenAICompatibleLLM]]:
    """A scripted server and a client pointed at it (no retries unless asked)."""
    options.setdefault("retries", 0)
    with LLMServer(script) as srv, OpenAICompatibleLLM(srv.base_url, model, **options) as llm:  # type: ignore[arg-type]
        yield srv, llm


def test_complete_returns_the_reply_and_sends_the_openai_request() -> None:
    with serving("Hello.", "qwen2.5:7b", api_key="sk-test") as (srv, llm):
        assert llm.complete(HELLO, temperature=0.2, max_tokens=50) == "Hello."
    (request,) = srv.requests
    assert request.path == "/v1/chat/completions"
    assert request.body == {
        "model": "qwen2.5:7b",
        "messages": [
            {"role": "system", "content": "Be brief."},
            {"role": "user", "content": "Say hello."},
        ],
        "temperature": 0.2,
        "max_tokens": 50,
        "stream": False,
    }
    assert request.headers["Authorization"] == "Bearer sk-test"


def test_no_authorization_header_without_a_key() -> None:
    with serving("ok") as (srv, llm):
        llm.complete(HELLO)
    assert "Authorization" not in srv.requests[0].headers


def test_unicode_round_trips() -> None:
    with serving(lambda req: "回声：" + req.last_user) as (_, llm):
        assert llm.complete([ChatMessage("user", "华为")]) == "回声：华为"


@pytest.mark.parametrize(
    ("base", "path"),
    [
        ("{origin}/v1", "/v1/chat/completions"),
        ("{origin}/v1/", "/v1/chat/completions"),
        ("{origin}", "/v1/chat/completions"),
        ("{origin}/chat/completions", "/chat/completions"),
    ],
)
def test_base_url_forms(base: str, path: str) -> None:
    with LLMServer("ok") as srv:
        with OpenAICompatibleLLM(base.format(origin=srv.origin), "m") as llm:
            assert llm.complete(HELLO) == "ok"
        assert srv.requests[0].path == path


def test_chat_completions_url() -> None:
    assert chat_completions_url("http://127.0.0.1:11434/v1") == (
        "http://127.0.0.1:11434/v1/chat/completions"
    )
    assert chat_completions_url("https://api.deepseek.com") == (
        "https://api.deepseek.com/v1/chat/completions"
    )
    assert chat_completions_url("https://dashscope.aliyuncs.com/compatible-mode/v1") == (
        "https://dashscope.aliyuncs.com/compatible-mode/v1/chat/completions"
    )
    for bad in ("ftp://example.com/v1", "file:///etc/passwd", "127.0.0.1:11434", ""):
        with pytest.raises(LLMError, match="not an http"):
            chat_completions_url(bad)


def test_connection_refused_says_to_start_the_server() -> None:
    llm = OpenAICompatibleLLM(refused_url(), "m", retries=0)
    with llm, pytest.raises(LLMError, match=r"cannot reach the LLM at .*is the server running\?"):
        llm.complete(HELLO)


def test_server_error_carries_the_server_message() -> None:
    script = Reply(status=500, error="model is overloaded")
    with (
        serving(script) as (_, llm),
        pytest.raises(LLMError, match="HTTP 500: model is overloaded"),
    ):
        llm.complete(HELLO)


def test_server_error_is_retried() -> None:
    script: Script = [Reply(status=503, error="loading model"), "ready"]
    with serving(script, retries=1, backoff=0.01) as (srv, llm):
        assert llm.complete(HELLO) == "ready"
    assert len(srv.requests) == 2


def test_client_errors_are_not_retried_and_say_what_to_check() -> None:
    unauthorised = Reply(status=401, error="invalid api key")
    expected = r"HTTP 401: invalid api key \(check the API key\)"
    with (
        serving(unauthorised, retries=3, backoff=0.01) as (srv, llm),
        pytest.raises(LLMError, match=expected),
    ):
        llm.complete(HELLO)
    assert len(srv.requests) == 1
    missing = Reply(status=404, error="model 'nope' not found")
    expected = r"model 'nope' not found.*check the base URL"
    with serving(missing, "nope") as (_, llm), pytest.raises(LLMError, match=expected):
        llm.complete(HELLO)


def test_error_without_json_body_shows_the_text() -> None:
    script = Reply(status=502, body=b"Bad gateway from proxy")
    with serving(script) as (_, llm), pytest.raises(LLMError, match="HTTP 502: Bad gateway"):
        llm.complete(HELLO)


@pytest.mark.parametrize(
    ("reply", "message"),
    [
        (Reply(body=b"<html>welcome</html>"), "did not answer with JSON"),
        (Reply(body=json.dumps([1, 2]).encode()), "unexpected JSON"),
        (Reply(no_choices=True), "no choices"),
        (Reply(content=""), "empty reply"),
        (Reply(content=None, finish_reason="length"), r"empty reply \(finish_reason: length\)"),
    ],
)
def test_unusable_replies(reply: Reply, message: str) -> None:
    with serving(reply) as (_, llm), pytest.raises(LLMError, match=message):
        llm.complete(HELLO)


def test_timeout() -> None:
    with serving(Reply(content="too late", delay=3.0), timeout=0.3) as (_, llm):
        started = time.monotonic()
        with pytest.raises(LLMError, match=r"did not answer within 0.3s"):
            llm.complete(HELLO)
        assert time.monotonic() - started < 2.0


def test_bad_arguments() -> None:
    with pytest.raises(LLMError, match="model"):
        OpenAICompatibleLLM("http://127.0.0.1:1/v1", "")
    with pytest.raises(LLMError, match="retries"):
        OpenAICompatibleLLM("http://127.0.0.1:1/v1", "m", retries=-1)
    with serving("ok") as (_, llm), pytest.raises(LLMError, match="no messages"):
        llm.complete([])
