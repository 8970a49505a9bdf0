"""Facts: the same statement made by several documents, found by wording and merged.

    terms = passage_terms("China now has more than 5,000 AI companies", "en")
    weights = TermWeights.of(all_terms)
    groups = merge_passages(terms_list, order, weights, threshold=0.5)   # lists of indices

A passage's terms are its content words (English: lower-cased, stop words dropped, cut to six
letters so company/companies meet; Chinese: character bigrams) plus its numbers as written
in digits ("#5000"). Two passages state the same fact when the IDF-weighted cosine of their
terms reaches the threshold and their numbers do not disagree (both state numbers and
neither's are all among the other's: "1,025 hp" and "900 hp" are different facts).
Merging is greedy and order-driven: passages are taken best first and each joins the most
similar earlier leader at or above the threshold, else leads a new group, so a group never
chains away from its leader and the result does not depend on set order.
Candidate leaders are the few sharing most of the passage's rarest terms (an inverted index
of the leaders' terms, terms shared by hundreds of leaders ignored; no scan of all leaders),
so merging stays near-linear. Passages in different languages never meet here
(the bridge across languages is corroboration of claims: same metric, compatible values; see
select.py).
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

__all__ = [
    "TermWeights",
    "merge_passages",
    "number_terms",
    "passage_terms",
    "similarity",
    "word_terms",
]

_CJK_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_WORD = re.compile(r"[a-z][a-z0-9'’\-]*[a-z0-9]|[a-z]")
_DIGITS = re.compile(r"\d+(?:[.,]\d+)*")
_THOUSANDS = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")
_FULLWIDTH = str.maketrans("０１２３４５６７８９％，．", "0123456789%,.")
_PROBE_TERMS = 12  # rarest terms of a passage used to find candidate leaders
_MAX_POSTING = 400  # leaders sharing a term beyond which the term finds no candidates
_MAX_CANDIDATES = 60  # leaders compared with a passage (those sharing most rare terms)

STOP_WORDS = frozenset(
    """
    a an the this that these those it its is are was were be been being has have had do does
    did will would shall should can could may might must of in on at by for from to as with
    into onto about over under after before between among than then so such and or but nor
    not no yes if while when where which who whom whose what why how all any both each few
    more most other some own same very just also only still yet now up down out off again
    further once here there their they them he she his her him we our us you your i me my
    said says say saying according reported reports report told tells noted added stated
    per cent percent year years around nearly almost roughly approximately least last
    however meanwhile moreover furthermore additionally notably nevertheless nonetheless
    indeed thus therefore hence instead otherwise whether though although because since
    until via amid despite within without across along upon s t
    """.split()
)


def word_terms(text: str, language: str) -> list[str]:
    """Content words (English: six-letter stems) or character bigrams (Chinese), in order,
    with repeats (for term frequencies)."""
    if not text.isascii():
        text = text.translate(_FULLWIDTH)
    if language == "zh":
        out: list[str] = []
        for run in _CJK_RUN.findall(text):
            if len(run) == 1:
                out.append(run)
            out.extend(run[i : i + 2] for i in range(len(run) - 1))
        out.extend(w[:6] for w in _WORD.findall(text.lower()) if w not in STOP_WORDS and len(w) > 1)
        return out
    words = _WORD.findall(text.lower())
    return [w.replace("’", "'")[:6] for w in words if w not in STOP_WORDS and len(w) > 1]


def number_terms(text: str) -> frozenset[str]:
    """Numbers written in digits, normalised ("1,025" -> "#1025", "1.66" -> "#1.66")."""
    out: set[str] = set()
    if not text.isascii():
        text = text.translate(_FULLWIDTH)
    for m in _DIGITS.finditer(text):
        raw = m.group()
        if "," in raw and _THOUSANDS.fullmatch(raw):
            raw = raw.replace(",", "")
        out.add("#" + raw.rstrip(".,"))
    return frozenset(out)


def passage_terms(text: str, language: str) -> frozenset[str]:
    """The set of a passage's content terms and numbers (what `similarity` compares)."""
    return frozenset(word_terms(text, language)) | number_terms(text)


@dataclass(frozen=True, slots=True)
class TermWeights:
    """Inverse document frequencies over a pool of passages (a passage is a "document")."""

    idf: dict[str, float]
    default: float

    @classmethod
    def of(cls, pool: Iterable[Iterable[str]]) -> TermWeights:
        df: dict[str, int] = defaultdict(int)
        n = 0
        for terms in pool:
            n += 1
            for t in set(terms):
                df[t] += 1
        idf = {t: math.log(1 + (n + 1) / (c + 0.5)) for t, c in df.items()}
        return cls(idf, math.log(1 + (n + 1) / 0.5))

    def weight(self, term: str) -> float:
        return self.idf.get(term, self.default)

    def norm(self, terms: Iterable[str]) -> float:
        return math.sqrt(sum(self.weight(t) ** 2 for t in terms))


def _numbers(terms: frozenset[str]) -> frozenset[str]:
    return frozenset(t for t in terms if t[0] == "#")


def _disagree(a: frozenset[str], b: frozenset[str]) -> bool:
    """Both state numbers and neither's are all among the other's ("1,025 hp" vs "900 hp")."""
    na, nb = _numbers(a), _numbers(b)
    return bool(na and nb and not (na <= nb or nb <= na))


def similarity(a: frozenset[str], b: frozenset[str], weights: TermWeights) -> float:
    """IDF-weighted cosine of two term sets; 0 when their numbers disagree."""
    if _disagree(a, b):
        return 0.0
    common = a & b
    if not common:
        return 0.0
    top = sum(weights.weight(t) ** 2 for t in common)
    bottom = weights.norm(a) * weights.norm(b)
    return top / bottom if bottom else 0.0


def merge_passages(
    terms: Sequence[frozenset[str]],
    order: Sequence[int],
    weights: TermWeights,
    *,
    threshold: float,
    groups: Sequence[int | None] | None = None,
) -> list[list[int]]:
    """Greedy groups of passages that state the same fact, leaders first.

    `order` lists passage indices best first; `groups` (optional) gives passages a group
    label known beforehand (claims corroborating one figure): a passage whose label already
    has a leader joins it whatever its wording. Returns lists of indices, each led by its
    best passage, in order of their leaders.
    """
    leaders: list[int] = []
    members: dict[int, list[int]] = {}
    norms = [weights.norm(t) for t in terms]
    numbers = [_numbers(t) for t in terms]
    postings: dict[str, list[int]] = defaultdict(list)
    label_leader: dict[int, int] = {}
    for i in order:
        label = groups[i] if groups is not None else None
        if label is not None and label in label_leader:
            members[label_leader[label]].append(i)
            continue
        probe = sorted(terms[i], key=lambda t: (-weights.weight(t), t))[:_PROBE_TERMS]
        shared: dict[int, int] = {}
        for t in probe:
            posting = postings.get(t, ())
            if len(posting) > _MAX_POSTING:
                continue  # a term too common to find the same fact with
            for leader in posting:
                shared[leader] = shared.get(leader, 0) + 1
        seen = sorted(shared, key=lambda leader: (-shared[leader], leader))[:_MAX_CANDIDATES]
        best, best_sim = -1, threshold
        for leader in seen:
            a, b = numbers[i], numbers[leader]
            if a and b and not (a <= b or b <= a):
                continue
            common = terms[i] & terms[leader]
            if not common or not norms[i] or not norms[leader]:
                continue
            sim = sum(weights.weight(t) ** 2 for t in common) / (norms[i] * norms[leader])
            if sim > best_sim or (sim == best_sim and best < 0):
                best, best_sim = leader, sim
        if best >= 0:
            members[best].append(i)
            if label is not None:
                label_leader[label] = best
            continue
        leaders.append(i)
        members[i] = [i]
        if label is not None:
            label_leader[label] = i
        for t in terms[i]:
            postings[t].append(i)
    return [members[leader] for leader in leaders]
