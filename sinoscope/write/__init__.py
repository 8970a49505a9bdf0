"""write: cited briefings from selected claims, checked by the verifier, rendered for people.

verify.py      every sentence's citations, numbers, names and words against its sources
evidence.py    how numbers, names and words are compared (notation- and language-blind)
llm.py         the LLM seam and a client for OpenAI-compatible chat APIs
llm_writer.py  the optional LLM writer: claims -> cited paragraph, verified sentence by sentence
render.py      HTML (templates/briefing.html), Markdown, JSON
briefing.py    the briefing writer: inputs (inputs.py) -> selection (scope.py, select.py,
               facts.py, figures.py) -> prose (extractive.py, labels.py) -> Briefing
"""

from __future__ import annotations

from .briefing import BriefDocument, BriefInputs, BriefOptions, BriefResult, write_briefing
from .llm import LLM, ChatMessage, LLMError, OpenAICompatibleLLM, chat_completions_url
from .llm_writer import (
    LLMWriter,
    LLMWriterOptions,
    Rejection,
    RewriteResult,
    SourcedClaim,
    build_messages,
    extractive_sentence,
)
from .render import (
    FORMATS,
    briefing_from_json,
    briefing_language,
    render,
    render_html,
    render_json,
    render_markdown,
)
from .verify import (
    DEFAULT_MIN_SUPPORT,
    CitedSpan,
    DanglingCitation,
    SentenceCheck,
    VerificationReport,
    VerifyOptions,
    resolve_citations,
    verify_briefing,
    verify_sentence,
)

__all__ = [
    "DEFAULT_MIN_SUPPORT",
    "FORMATS",
    "LLM",
    "BriefDocument",
    "BriefInputs",
    "BriefOptions",
    "BriefResult",
    "ChatMessage",
    "CitedSpan",
    "DanglingCitation",
    "LLMError",
    "LLMWriter",
    "LLMWriterOptions",
    "OpenAICompatibleLLM",
    "Rejection",
    "RewriteResult",
    "SentenceCheck",
    "SourcedClaim",
    "VerificationReport",
    "VerifyOptions",
    "briefing_from_json",
    "briefing_language",
    "build_messages",
    "chat_completions_url",
    "extractive_sentence",
    "render",
    "render_html",
    "render_json",
    "render_markdown",
    "resolve_citations",
    "verify_briefing",
    "verify_sentence",
    "write_briefing",
]
