"""Briefings out: JSON (the contract), Markdown and self-contained printable HTML.

    render_json(briefing)      # {"title", "dek", "window", "sections": [...], "sources": [...]}
    render_markdown(briefing)  # "# Title … text.[1] … ## Sources\n1. …\n[1]: <url>"
    render_html(briefing)      # one page, inline CSS, no script; citations link to the sources
    render(briefing, "html" | "md" | "json")

Citations are shown as the numbers of `briefing.sources` (by document id; several spans of
one document share its number). A sentence that paraphrases a source in another language
shows the source's own sentence beside it (`BriefingSentence.original`). A sentence that
quotes a Chinese source in an English briefing without a paraphrase says so, once per
section (the first such sentence carries the note): with the extractive writer "(original
Chinese quoted; no translation configured)"; with an LLM writer (its translation was
rejected by the verifier, or the model was unreachable) "(original Chinese quoted; no
verified translation)".
Everything from sources is escaped (HTML by Jinja2's autoescaping, Markdown by backslashes)
and only http(s) URLs become links.

`Briefing.language` says which language the briefing is written in unless given.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from functools import lru_cache
from typing import Any
from urllib.parse import quote, urlsplit

import jinja2

from ..errors import ConfigError
from ..records import Briefing, BriefingSection, BriefingSentence, BriefingSource, Citation
from ..understand.quantities import detect_language

__all__ = [
    "FORMATS",
    "briefing_from_json",
    "briefing_language",
    "render",
    "render_html",
    "render_json",
    "render_markdown",
]

FORMATS = ("html", "md", "json")

_CJK_RUN = re.compile(
    r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]"
    r"(?:[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef"
    r"0-9.,%\s“”‘’]*[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef”’])?"
)
_LABELS = {
    "en": {
        "sources": "Sources",
        "original": "Original",
        "zh": "Chinese",
        "en": "English",
        "quoted_extractive": "(original {lang} quoted; no translation configured)",
        "quoted_llm": "(original {lang} quoted; no verified translation)",
        "window": "Covers",
        "writer": "written by",
    },
    "zh": {
        "sources": "来源",
        "original": "原文",
        "zh": "中文",
        "en": "英文",
        "quoted_extractive": "（引用{lang}原文；未配置翻译）",
        "quoted_llm": "（引用{lang}原文；无经核查的译文）",
        "window": "时间范围",
        "writer": "撰写方式",
    },
}


def briefing_language(briefing: Briefing) -> str:
    """ "zh" or "en": the language the briefing is written in."""
    return briefing.language


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _safe_url(url: str | None) -> str | None:
    """`url` when it is an absolute http(s) URL, else None (no javascript:, data: …)."""
    if not url:
        return None
    parts = urlsplit(url.strip())
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return url.strip()


# -------------------------------------------------------------------------------- json
def render_json(briefing: Briefing) -> dict[str, Any]:
    """The JSON contract, plus "writer", "beat", "topic", "entity", citation "claim_id" and
    "source" (its number in "sources"), and "original" on sentences that paraphrase."""
    numbers = _numbers(briefing)
    return {
        "title": briefing.title,
        "dek": briefing.dek,
        "window": {"start": _iso(briefing.window[0]), "end": _iso(briefing.window[1])},
        "writer": briefing.writer,
        "language": briefing.language,
        "beat": briefing.beat,
        "topic": briefing.topic,
        "entity": briefing.entity,
        "sections": [
            {
                "title": section.title,
                "topic": section.topic,
                "sentences": [_sentence_json(s, numbers) for s in section.sentences],
            }
            for section in briefing.sections
        ],
        "sources": [_source_json(s) for s in briefing.sources],
    }


def briefing_from_json(data: Mapping[str, Any]) -> Briefing:
    """The Briefing that `render_json` wrote (to compare a new briefing with the last one)."""

    def when(value: str | None) -> datetime | None:
        return datetime.fromisoformat(value) if value else None

    start, end = when(data["window"]["start"]), when(data["window"]["end"])
    if start is None or end is None:
        raise ValueError("a stored briefing has no window")
    return Briefing(
        title=data["title"],
        dek=data["dek"],
        window=(start, end),
        sections=tuple(
            BriefingSection(
                title=sec["title"],
                topic=sec.get("topic"),
                sentences=tuple(
                    BriefingSentence(
                        text=s["text"],
                        citations=tuple(
                            Citation(c["document_id"], c["start"], c["end"], c.get("claim_id"))
                            for c in s["citations"]
                        ),
                        original=s.get("original"),
                    )
                    for s in sec["sentences"]
                ),
            )
            for sec in data["sections"]
        ),
        sources=tuple(
            BriefingSource(
                number=src["number"],
                document_id=src["document_id"],
                title=src.get("title"),
                url=src["url"],
                source_id=src.get("source_id"),
                source_name=src.get("source"),
                published=when(src.get("published")),
            )
            for src in data["sources"]
        ),
        writer=data.get("writer", "extractive"),
        language=data.get("language", "en"),
        beat=data.get("beat"),
        topic=data.get("topic"),
        entity=data.get("entity"),
    )


def _sentence_json(sentence: BriefingSentence, numbers: dict[str, int]) -> dict[str, Any]:
    out: dict[str, Any] = {
        "text": sentence.text,
        "citations": [_citation_json(c, numbers) for c in sentence.citations],
    }
    if sentence.original is not None:
        out["original"] = sentence.original
    return out


def _citation_json(citation: Citation, numbers: dict[str, int]) -> dict[str, Any]:
    return {
        "document_id": citation.document_id,
        "start": citation.start,
        "end": citation.end,
        "claim_id": citation.claim_id,
        "source": numbers.get(citation.document_id),
    }


def _source_json(source: BriefingSource) -> dict[str, Any]:
    return {
        "number": source.number,
        "document_id": source.document_id,
        "title": source.title,
        "url": source.url,
        "source": source.source_name,
        "source_id": source.source_id,
        "published": _iso(source.published),
    }


# ------------------------------------------------------------------------ shared view
def _numbers(briefing: Briefing) -> dict[str, int]:
    out: dict[str, int] = {}
    for source in briefing.sources:
        out.setdefault(source.document_id, source.number)
    return out


@dataclass(frozen=True, slots=True)
class _SentenceView:
    text: str
    segments: tuple[tuple[str, str | None], ...]  # (text, lang) pieces; lang for quotes
    cites: tuple[int | None, ...]  # source numbers; None for a document not in the sources
    original: str | None
    original_lang: str | None
    note: str | None


def _segments(text: str, language: str) -> tuple[tuple[str, str | None], ...]:
    if language == "zh":
        return ((text, None),)
    out: list[tuple[str, str | None]] = []
    pos = 0
    for m in _CJK_RUN.finditer(text):
        if m.start() > pos:
            out.append((text[pos : m.start()], None))
        out.append((m.group(), "zh"))
        pos = m.end()
    if pos < len(text):
        out.append((text[pos:], None))
    return tuple(out)


def _view(
    sentence: BriefingSentence, numbers: dict[str, int], language: str, llm: bool
) -> _SentenceView:
    labels = _LABELS.get(language, _LABELS["en"])
    cites: list[int | None] = []
    for c in sentence.citations:
        n = numbers.get(c.document_id)
        if n not in cites:
            cites.append(n)
    note = None
    original_lang = None
    if sentence.original is not None:
        original_lang = detect_language(sentence.original)
    else:
        quoted = detect_language(sentence.text) if language == "zh" else None
        if language != "zh" and _CJK_RUN.search(sentence.text):
            quoted = "zh"
        if quoted is not None and quoted != language:
            key = "quoted_llm" if llm else "quoted_extractive"
            note = labels[key].format(lang=labels[quoted])
    return _SentenceView(
        text=sentence.text,
        segments=_segments(sentence.text, language),
        cites=tuple(cites),
        original=sentence.original,
        original_lang=original_lang,
        note=note,
    )


def _views(briefing: Briefing, language: str) -> Iterator[tuple[str, tuple[_SentenceView, ...]]]:
    numbers = _numbers(briefing)
    llm = briefing.writer != "extractive"
    for section in briefing.sections:
        views = []
        said: set[str] = set()
        for sentence in section.sentences:
            view = _view(sentence, numbers, language, llm)
            if view.note in said:  # once per section: the quotes show it themselves
                view = replace(view, note=None)
            elif view.note is not None:
                said.add(view.note)
            views.append(view)
        yield section.title, tuple(views)


def _window(briefing: Briefing) -> str:
    start, end = briefing.window
    return f"{start.date().isoformat()} – {end.date().isoformat()}"


# ---------------------------------------------------------------------------- markdown
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~!])")


def _md(text: str) -> str:
    """Inline Markdown text that renders as itself (no links, emphasis or raw HTML)."""
    text = re.sub(r"\s+", " ", text).strip()
    return _MD_SPECIAL.sub(r"\\\1", text)


def _line_start(text: str) -> str:
    """Escaped inline text made safe at the start of a line (not a list item or rule)."""
    text = re.sub(r"^(\d+)([.)])", r"\1\\\2", text)
    return re.sub(r"^([-+=])", r"\\\1", text)


def _md_url(url: str) -> str:
    return quote(url, safe=":/?#[]@!$&'()*+,;=%~-._")


def render_markdown(briefing: Briefing, language: str | None = None) -> str:
    language = language or briefing_language(briefing)
    labels = _LABELS.get(language, _LABELS["en"])
    lines = [f"# {_md(briefing.title)}", ""]
    if briefing.dek:
        lines += [f"*{_md(briefing.dek)}*", ""]
    meta = f"{labels['window']}: {_window(briefing)} · {labels['writer']}: {_md(briefing.writer)}"
    lines += [meta, ""]
    for title, views in _views(briefing, language):
        lines += [f"## {_md(title)}", ""]
        paragraph: list[str] = []
        originals: list[str] = []
        for view in views:
            cites = "".join(f"[{n}]" if n is not None else "[?]" for n in view.cites)
            piece = _md(view.text) + cites
            if view.note:
                piece += f" {_md(view.note)}"
            paragraph.append(piece)
            if view.original:
                tag = labels.get(view.original_lang or "", view.original_lang or "")
                originals.append(f"> {labels['original']} ({tag}){cites}: {_md(view.original)}")
        if paragraph:
            lines += [_line_start(paragraph[0]) + "".join(" " + p for p in paragraph[1:]), ""]
        for quote_line in originals:
            lines += [quote_line, ">"]
        if originals:
            lines[-1] = ""
    if briefing.sources:
        lines += [f"## {labels['sources']}", ""]
        references: list[str] = []
        for source in briefing.sources:
            title = _md(source.title or source.url)
            url = _safe_url(source.url)
            entry = f"[{title}](<{_md_url(url)}>)" if url else title
            details = [d for d in (source.source_name, _date(source.published)) if d]
            if details:
                entry += " — " + _md(", ".join(details))
            lines.append(f"{source.number}. {entry}")
            if url:
                references.append(f"[{source.number}]: <{_md_url(url)}>")
        lines.append("")
        lines += [*references, ""] if references else []
    return "\n".join(lines).rstrip() + "\n"


def _date(value: datetime | None) -> str | None:
    return value.date().isoformat() if value is not None else None


# -------------------------------------------------------------------------------- html
@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("sinoscope.write", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render_html(briefing: Briefing, language: str | None = None) -> str:
    language = language or briefing_language(briefing)
    labels = _LABELS.get(language, _LABELS["en"])
    sources = [
        {
            "number": s.number,
            "title": s.title or s.url,
            "title_lang": _foreign_lang(s.title, language),
            "href": _safe_url(s.url),
            "source": s.source_name,
            "source_lang": _foreign_lang(s.source_name, language),
            "published": _date(s.published),
        }
        for s in briefing.sources
    ]
    template = _environment().get_template("briefing.html")
    return template.render(
        lang="zh-Hans" if language == "zh" else language,
        title=briefing.title,
        dek=briefing.dek,
        window_from=briefing.window[0].date().isoformat(),
        window_to=briefing.window[1].date().isoformat(),
        window_start=_iso(briefing.window[0]),
        window_end=_iso(briefing.window[1]),
        writer=briefing.writer,
        labels=labels,
        sections=list(_views(briefing, language)),
        sources=sources,
        quote_lang=lambda lang: "zh-Hans" if lang == "zh" else lang,
    )


def _foreign_lang(text: str | None, language: str) -> str | None:
    """The HTML lang of `text` when it is Chinese in an English briefing or vice versa."""
    if not text:
        return None
    lang = detect_language(text)
    if lang == language:
        return None
    return "zh-Hans" if lang == "zh" else lang


# ---------------------------------------------------------------------------- dispatch
def render(briefing: Briefing, fmt: str, language: str | None = None) -> str:
    """The briefing as text in `fmt`: "html", "md" (or "markdown") or "json"."""
    fmt = fmt.lower().strip()
    if fmt == "json":
        return json.dumps(render_json(briefing), ensure_ascii=False, indent=2)
    if fmt in ("md", "markdown"):
        return render_markdown(briefing, language)
    if fmt == "html":
        return render_html(briefing, language)
    raise ConfigError(f"unknown briefing format {fmt!r}; use one of: {', '.join(FORMATS)}")
