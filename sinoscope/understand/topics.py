"""Topic tagging by the beat's keywords, for documents and for single sentences.

English keywords match case-insensitively as whole words (phrases as whole phrases); keywords
written in capitals that are short acronyms ("UN", "PLA", "IPO", "EUV") match only in
capitals, so "un" or "pla" inside ordinary words and sentences do not count. Chinese keywords
match as substrings of the text (traditional characters are folded to simplified first by the
caller when it has the folded text).

A document's score for a topic is

    (sum over its keyword hits of weight) / (1 + length / 400)      length in words (en) or
                                                                    characters / 1.6 (zh)

where a hit weighs 1, a multi-word or 4+ character Chinese keyword 1.5, a hit in the title 3x,
and each keyword counts at most 3 times (one repeated word should not carry a topic). Topics
scoring at least `threshold` are returned best first; an on-beat document (any hit) always
gets its best topic, and at most `max_topics` are returned.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import ahocorasick

from ..records import Topic

__all__ = ["TopicHit", "TopicTagger"]

_ACRONYM = re.compile(r"[A-Z0-9&+]{2,5}s?")


@dataclass(frozen=True, slots=True)
class TopicHit:
    topic_id: str
    keyword: str
    start: int
    end: int


def _is_cjk(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff"


def _word_char(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


class TopicTagger:
    """Scores topics for a text. Build once per beat; methods are pure and thread-safe."""

    def __init__(
        self, topics: Iterable[Topic], *, threshold: float = 1.2, max_topics: int = 3
    ) -> None:
        self.threshold = threshold
        self.max_topics = max_topics
        folded: dict[str, list[tuple[str, str]]] = {}  # lowercased key -> (topic, keyword)
        exact: dict[str, list[tuple[str, str]]] = {}  # acronyms, matched as written
        self._weights: dict[tuple[str, str], float] = {}
        for topic in topics:
            for kw in (*topic.keywords_en, *topic.keywords_zh):
                kw = kw.strip()
                if not kw:
                    continue
                cjk = any(_is_cjk(c) for c in kw)
                if not cjk and _ACRONYM.fullmatch(kw):
                    exact.setdefault(kw, []).append((topic.id, kw))
                else:
                    folded.setdefault(kw.lower(), []).append((topic.id, kw))
                self._weights[(topic.id, kw)] = 1.5 if " " in kw or (cjk and len(kw) >= 4) else 1.0
        self._folded = _automaton(folded)
        self._exact = _automaton(exact)

    def hits(self, text: str) -> list[TopicHit]:
        """Every keyword hit in `text`, in order (a keyword of two topics hits both)."""
        if not text:
            return []
        out: list[TopicHit] = []
        for automaton, source in ((self._folded, text.lower()), (self._exact, text)):
            if automaton is None:
                continue
            for end_index, (length, values) in automaton.iter(source):
                start, end = end_index - length + 1, end_index + 1
                if not _is_cjk(source[start]) and not _boundaries(source, start, end):
                    continue
                out.extend(TopicHit(topic_id, kw, start, end) for topic_id, kw in values)
        out.sort(key=lambda h: h.start)
        return out

    def score(
        self, text: str, title: str | None = None, *, text_hits: list[TopicHit] | None = None
    ) -> list[tuple[str, float]]:
        """(topic id, score) above the threshold, best first (see the module docstring)."""
        body_hits = text_hits if text_hits is not None else self.hits(text)
        counts: Counter[tuple[str, str]] = Counter()
        scores: defaultdict[str, float] = defaultdict(float)
        for hit in body_hits:
            key = (hit.topic_id, hit.keyword)
            counts[key] += 1
            if counts[key] <= 3:
                scores[hit.topic_id] += self._weights[key]
        for hit in self.hits(title or ""):
            scores[hit.topic_id] += 3 * self._weights[(hit.topic_id, hit.keyword)]
        if not scores:
            return []
        length = _length(text)
        normalised = {t: s / (1 + length / 400) for t, s in scores.items()}
        ranked = sorted(normalised.items(), key=lambda kv: (-kv[1], kv[0]))
        chosen = [(t, round(v, 3)) for t, v in ranked if v >= self.threshold]
        if not chosen:
            chosen = [(ranked[0][0], round(ranked[0][1], 3))]
        return chosen[: self.max_topics]

    @staticmethod
    def sentence_topics(hits: list[TopicHit], start: int, end: int) -> tuple[str, ...]:
        """The topics with a keyword hit inside [start, end), in order of first hit (`hits`
        sorted by start, as `hits()` returns them)."""
        lo = bisect.bisect_left(hits, start, key=lambda h: h.start)
        found: dict[str, None] = {}
        for h in hits[lo:]:
            if h.start >= end:
                break
            if h.end <= end:
                found.setdefault(h.topic_id, None)
        return tuple(found)


def _automaton(entries: dict[str, list[tuple[str, str]]]) -> ahocorasick.Automaton | None:
    if not entries:
        return None
    automaton = ahocorasick.Automaton()
    for key, values in entries.items():
        automaton.add_word(key, (len(key), values))
    automaton.make_automaton()
    return automaton


def _boundaries(text: str, start: int, end: int) -> bool:
    if start > 0 and _word_char(text[start - 1]) and _word_char(text[start]):
        return False
    return not (end < len(text) and _word_char(text[end]) and _word_char(text[end - 1]))


_CJK_CHARS = re.compile(r"[\u3400-\u9fff]")
_WORDS = re.compile(r"[A-Za-z0-9]+")


def _length(text: str) -> float:
    """Length in words: English words plus CJK characters / 1.6."""
    return len(_WORDS.findall(text)) + len(_CJK_CHARS.findall(text)) / 1.6
