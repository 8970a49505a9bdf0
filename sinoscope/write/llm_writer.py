"""The optional LLM writer: one section's selected claims -> a short cited paragraph.

    writer = LLMWriter(OpenAICompatibleLLM(url, model), LLMWriterOptions(language="en"))
    result = writer.rewrite([SourcedClaim(claim, source_name="Xinhua"), …])
    result.sentences    # BriefingSentences, each cited and verified
    result.rejected     # (sentence, reason, replaced_by) for every draft sentence dropped

The model sees each claim under a short label ([c:1], [c:2] …: long ids get mistyped) with
its source, attribution, language, hedge and numbers, and is told to use only those facts,
keep numbers exact, say who said what, translate faithfully and end every sentence with the
markers of the claims it uses. Its reply is split into sentences; each sentence's markers
become citations of the claims' spans and the sentence goes through the verifier
(verify.py) against those claims' sentences. A sentence that fails (no marker, unknown
claims only, a number or name not in its claims, too few of its words in them) is dropped
and, with `fallback="replace"`, its claims not used by a kept sentence are stated
extractively instead: the claim's own sentence, quoted, with who said it.

When the LLM cannot be reached the whole section is written extractively and `error` says
why; that is a status, not an exception. A paraphrase of a claim in the other language
keeps the claim's sentence in `BriefingSentence.original` (the Chinese beside the English).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

from ..records import BriefingSentence, Citation, Claim
from ..understand.entities import EntityLinker
from ..understand.quantities import detect_language
from .llm import LLM, ChatMessage, LLMError
from .verify import CitedSpan, SentenceCheck, VerifyOptions, verify_sentence

log = logging.getLogger(__name__)

__all__ = [
    "LLMWriter",
    "LLMWriterOptions",
    "Rejection",
    "RewriteResult",
    "SourcedClaim",
    "build_messages",
    "extractive_sentence",
]


@dataclass(frozen=True, slots=True)
class SourcedClaim:
    """A claim with what a writer says about where it comes from."""

    claim: Claim
    source_name: str | None = None
    title: str | None = None
    published: datetime | None = None

    @property
    def language(self) -> str:
        lang = (self.claim.language or "").lower()
        if lang.startswith("zh"):
            return "zh"
        return lang[:2] if lang else detect_language(self.claim.sentence)

    @property
    def who(self) -> str | None:
        """Whom the claim is attributed to: the cited source, else the publisher."""
        return self.claim.attribution.name or self.source_name

    def citation(self) -> Citation:
        c = self.claim
        return Citation(c.document_id, c.start, c.end, c.id)

    def cited_span(self) -> CitedSpan:
        c = self.claim
        names = tuple(n for n in (c.attribution.name, self.source_name) if n)
        ids = frozenset(i for i in (*c.entities, c.subject, c.attribution.entity_id) if i)
        return CitedSpan(self.citation(), c.sentence, None, names, ids)


@dataclass(frozen=True, slots=True)
class LLMWriterOptions:
    """`language`: the briefing's ("en" or "zh"); `fallback`: what becomes of a rejected
    sentence's claims ("replace": stated extractively; "drop": left out)."""

    language: str = "en"
    fallback: Literal["replace", "drop"] = "replace"
    max_sentences: int = 5
    temperature: float = 0.0
    max_tokens: int = 800
    verify: VerifyOptions = field(default_factory=VerifyOptions)


@dataclass(frozen=True, slots=True)
class Rejection:
    """A sentence the model wrote that did not pass, why, and what replaced it."""

    text: str
    reason: str
    replaced_by: tuple[str, ...] = ()

    def to_json(self) -> dict[str, object]:
        return {"text": self.text, "reason": self.reason, "replaced_by": list(self.replaced_by)}


@dataclass(frozen=True, slots=True)
class RewriteResult:
    sentences: tuple[BriefingSentence, ...]
    rejected: tuple[Rejection, ...] = ()
    reply: str = ""  # the model's raw reply
    error: str | None = None  # why the model gave nothing usable (then all is extractive)
    unused_claims: tuple[str, ...] = ()  # ids of claims no kept sentence cites

    def to_json(self) -> dict[str, object]:
        return {
            "sentences": [s.text for s in self.sentences],
            "rejected": [r.to_json() for r in self.rejected],
            "error": self.error,
            "unused_claims": list(self.unused_claims),
        }


# ------------------------------------------------------------------------------ extractive
def extractive_sentence(item: SourcedClaim, language: str = "en") -> BriefingSentence:
    """The claim's own sentence, quoted, with who said it unless the sentence already says."""
    claim = item.claim
    text = claim.sentence.strip()
    attribution = claim.attribution
    named = bool(attribution.text) and attribution.text in text
    who = item.who
    if not named and who:
        if language == "zh":
            text = f"据{who}，“{text}”"
        elif item.language == "zh":
            text = f"According to {who} (in Chinese): “{text}”"
        else:
            text = f"According to {who}, “{text}”"
    return BriefingSentence(text, (item.citation(),))


# ---------------------------------------------------------------------------------- prompt
_LANGUAGE_NAMES = {"en": "English", "zh": "Simplified Chinese"}

_SYSTEM = """\
You are a careful analyst writing one section of a briefing{topic}. You are given numbered \
facts, each taken word for word from a news source. Write one concise paragraph of at most \
{max_sentences} sentences in {language}.
Rules:
1. Use only the facts given. Add no number, name, date, cause or opinion that is not in them.
2. Keep every number exactly as given (you may change the notation, e.g. 3440亿元 = \
344 billion yuan, but never round or change a value).
3. Say who said what: name the source or the organisation each fact is attributed to, and \
keep hedges such as "reportedly" or "plans to".
4. Translate Chinese facts faithfully, without embellishment.
5. End EVERY sentence with the markers of the facts it uses, like [c:2] or [c:1][c:3]. \
A sentence without a marker is deleted.
6. Reply with the paragraph only: no heading, list, preamble or notes."""


def build_messages(
    items: Sequence[SourcedClaim], options: LLMWriterOptions, topic: str | None = None
) -> list[ChatMessage]:
    """The system and user messages for one section; fact i is labelled [c:i]."""
    system = _SYSTEM.format(
        topic=f" on {topic}" if topic else "",
        max_sentences=options.max_sentences,
        language=_LANGUAGE_NAMES.get(options.language, options.language),
    )
    blocks = []
    for label, item in enumerate(items, start=1):
        claim = item.claim
        meta = [f"source: {item.source_name or 'unknown'}"]
        if item.published:
            meta.append(f"published {item.published.date().isoformat()}")
        if claim.attribution.name and claim.attribution.name != item.source_name:
            meta.append(f"attributed to: {claim.attribution.name}")
        meta.append(f"language: {item.language}")
        if claim.hedge:
            meta.append(f"hedged: {claim.hedge}")
        lines = [f"[c:{label}] " + "; ".join(meta), f"Text: {claim.sentence.strip()}"]
        if claim.quantities:
            lines.append("Numbers: " + "; ".join(q.text for q in claim.quantities))
        blocks.append("\n".join(lines))
    user = "Facts:\n\n" + "\n\n".join(blocks) + "\n\nWrite the paragraph now."
    return [ChatMessage("system", system), ChatMessage("user", user)]


# ----------------------------------------------------------------------------------- parse
_MARKER = re.compile(r"\s*\[\s*c\s*:\s*([^\]]*)\]|\s*\[(\d+(?:\s*[,;]\s*\d+)*)\]")
_END = re.compile(r"[.!?]+[\"”’)]*(?=\s|$|\[)|[。！？]+[」”’）)]*")
_ABBREVIATION = re.compile(
    r"(?:\b(?:[A-Z]\.?)+|\b(?:Mr|Ms|Mrs|Dr|Prof|Inc|Co|Corp|Ltd|No|vs|St|Jr|Sr|e\.g|i\.e))$"
)


def _split_sentences(reply: str) -> list[str]:
    text = re.sub(r"\s+", " ", reply).strip()
    out: list[str] = []
    start = 0
    for m in _END.finditer(text):
        end = m.end()
        while (marker := _MARKER.match(text, end)) is not None:
            end = marker.end()
        before = text[start : m.start()]
        if end == m.end() and m.group().startswith(".") and _ABBREVIATION.search(before):
            continue  # "U.S. officials": no marker after the dot, so not an end
        out.append(text[start:end].strip())
        start = end
    if text[start:].strip():
        out.append(text[start:].strip())
    return [s for s in out if s.strip(" -*•")]


@dataclass(frozen=True, slots=True)
class _Draft:
    text: str
    labels: tuple[str, ...]


def _parse(sentence: str) -> _Draft:
    labels: list[str] = []
    for m in _MARKER.finditer(sentence):
        for part in re.split(r"[,;\s]+", m.group(1) or m.group(2)):
            part = re.sub(r"^c\s*:\s*", "", part.strip())
            if part and part not in labels:
                labels.append(part)
    text = _MARKER.sub("", sentence)
    text = re.sub(r"\s+([,.;:!?。，；：！？])", r"\1", text).strip()
    text = re.sub(r"^[-*•]\s+", "", text)
    return _Draft(text, tuple(labels))


# ---------------------------------------------------------------------------------- writer
class LLMWriter:
    """Rewrites one section's claims with `llm`, keeping only sentences the verifier passes."""

    def __init__(
        self,
        llm: LLM,
        options: LLMWriterOptions | None = None,
        *,
        linker: EntityLinker | None = None,
    ) -> None:
        self.llm = llm
        self.options = options or LLMWriterOptions()
        self.linker = linker

    def rewrite(self, items: Sequence[SourcedClaim], *, topic: str | None = None) -> RewriteResult:
        if not items:
            return RewriteResult(())
        options = self.options
        try:
            reply = self.llm.complete(
                build_messages(items, options, topic),
                temperature=options.temperature,
                max_tokens=options.max_tokens,
            )
        except LLMError as err:
            log.warning("LLM writer fell back to extractive sentences: %s", err)
            sentences = tuple(extractive_sentence(i, options.language) for i in items)
            return RewriteResult(sentences, error=str(err))
        return self._check(reply, items)

    def _check(self, reply: str, items: Sequence[SourcedClaim]) -> RewriteResult:
        options = self.options
        lookup: dict[str, SourcedClaim] = {}
        for label, item in enumerate(items, start=1):
            lookup[str(label)] = item
            lookup[item.claim.id] = item
        verdicts: list[tuple[str, BriefingSentence | None, list[SourcedClaim], str]] = []
        for raw in _split_sentences(reply):
            draft = _parse(raw)
            cited = list({id(lookup[x]): lookup[x] for x in draft.labels if x in lookup}.values())
            unknown = [x for x in draft.labels if x not in lookup]
            if not draft.text:
                continue
            if not cited:
                reason = f"cites unknown facts {', '.join(unknown)}" if unknown else "no citation"
                verdicts.append((draft.text, None, [], reason))
                continue
            sentence = BriefingSentence(
                draft.text,
                tuple(i.citation() for i in cited),
                self._original(draft.text, cited),
            )
            check = verify_sentence(
                sentence,
                [i.cited_span() for i in cited],
                linker=self.linker,
                options=options.verify,
            )
            if unknown:
                log.info("LLM sentence cites unknown facts %s: %s", unknown, draft.text)
            reason = _why(check)
            written_in = detect_language(draft.text)
            if written_in != options.language:
                wanted = _LANGUAGE_NAMES.get(options.language, options.language)
                reason = "; ".join(filter(None, [f"not written in {wanted}", reason]))
            verdicts.append((draft.text, None if reason else sentence, cited, reason))

        used = {c.claim.id for _, kept, cited, _ in verdicts if kept is not None for c in cited}
        sentences: list[BriefingSentence] = []
        rejected: list[Rejection] = []
        for text, kept, cited, reason in verdicts:
            if kept is not None:
                sentences.append(kept)
                continue
            replacements: list[BriefingSentence] = []
            if options.fallback == "replace":
                for item in cited:
                    if item.claim.id not in used:
                        used.add(item.claim.id)
                        replacements.append(extractive_sentence(item, options.language))
            sentences.extend(replacements)
            rejected.append(Rejection(text, reason, tuple(r.text for r in replacements)))
        unused = tuple(i.claim.id for i in items if i.claim.id not in used)
        return RewriteResult(tuple(sentences), tuple(rejected), reply, None, unused)

    def _original(self, text: str, cited: Sequence[SourcedClaim]) -> str | None:
        """The cited claims' own sentences when they are in another language than the text."""
        lang = self.options.language
        if detect_language(text) != lang:
            return None
        foreign = [i.claim.sentence.strip() for i in cited if i.language != lang]
        if not foreign:
            return None
        return ("" if all(detect_language(f) == "zh" for f in foreign) else " ").join(foreign)


def _why(check: SentenceCheck) -> str:
    return "; ".join(check.reasons)
