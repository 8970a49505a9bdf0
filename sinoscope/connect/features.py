"""What story clustering compares: three blocks of hashed features per document.

- ``lex`` — the words, within one language: English content words (lower-cased, function
  words dropped, plural -s removed), Chinese character bigrams (traditional folded to
  simplified) plus the Latin words inside Chinese text. Title words count twice.
- ``names`` — proper names from the text itself (`names.extract_names`): each full name
  ("betty ford center") and, at half weight, each of its words ("ford"), so a later "Lohan"
  still meets "Lindsay Lohan". Latin script only.
- ``bridge`` — what reads the same in every language: the beat's entity ids (华为 and Huawei
  are one id), numbers with their unit normalised (344 billion yuan and 3440亿元 are both
  money:CNY:3.4e+11), and calendar dates (2013-06-13, 2013-06, 2013). The days named
  are also kept apart (`DocFeatures.dates`): they stand in for a missing publication date.

A feature is hashed (CRC-32 of block, kind and token, folded to `HASH_BITS` bits), so the
vocabulary is open and a document frequency table is a fixed numpy array. Within a block a
document's weights are 1 + ln(count) times the kind's weight, scaled to unit length; IDF is
applied later, when vectors are compared (see `stories`), so the vectors themselves never go
stale and a story's vector is just the sum of its documents'.
"""

from __future__ import annotations

import math
import re
import zlib
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime

import numpy as np
import numpy.typing as npt

from ..records import Quantity
from ..understand.entities import normalize as normalize_zh
from ..understand.quantities import extract_quantities, extract_times
from .names import extract_names

__all__ = [
    "BLOCKS",
    "EN_STOP_WORDS",
    "HASH_BITS",
    "DocFeatures",
    "SparseVector",
    "document_features",
    "epoch_days",
    "lexical_tokens",
    "number_keys",
]

HASH_BITS = 22  #: 4 million buckets: a 16 MB frequency table, few collisions per 100k terms
_MASK = (1 << HASH_BITS) - 1
BLOCKS = ("lex", "names", "bridge")

# weights of feature kinds inside their block
_NAME_WEIGHT = 1.0
_NAME_PART_WEIGHT = 1.0
_ENTITY_WEIGHT = 1.0
_NUMBER_WEIGHT = 1.0
_DAY_WEIGHT = 1.0
_MONTH_WEIGHT = 1.0
_YEAR_WEIGHT = 1.0
_TITLE_REPEAT = 2
_SMALL_NUMBER = 10.0  # bare whole numbers below this ("two", "3") say nothing of an event

_EN_WORD = re.compile(r"[a-z][a-z'’\-]*[a-z]|[a-z]")
_CJK_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_LATIN_IN_ZH = re.compile(r"[A-Za-z][A-Za-z0-9\-]*[A-Za-z0-9]|[A-Za-z]")
#: English function words the lexical block drops (and the baseline of bench/eval_clustering)
EN_STOP_WORDS = frozenset(
    """a about above across after again against ago all almost also although always am among
    an and another any are around as at be became because been before being below between
    both but by can could did do does doing done down during each either else even ever every
    few for from further get gets got had has have having he her here hers herself him himself
    his how however i if in into is it its itself just last least less like made make many may
    me might more most much must my myself near nearly never new no nor not now of off often on
    once one only or other others our ours ourselves out over own per perhaps rather said same
    say says see she should since so some still such than that the their theirs them themselves
    then there these they this those though through thus to too under until up upon us very
    via was we well were what when where whether which while who whom whose why will with
    within without would yet you your yours yourself also told according including two
    three four five six seven eight nine ten first second third mr mrs ms s t re ve ll d
    """.split()
)


SparseVector = tuple[npt.NDArray[np.int64], npt.NDArray[np.float64]]  # sorted ids, weights


@dataclass(frozen=True, slots=True)
class DocFeatures:
    """A document's three blocks, each a unit-length sparse vector (empty when absent), and
    the calendar days its text names (`dates`, in days since 1970-01-01), which stand in for
    a publication date the document lacks."""

    language: str
    lex: SparseVector
    names: SparseVector
    bridge: SparseVector
    dates: tuple[float, ...] = ()

    def block(self, name: str) -> SparseVector:
        if name == "lex":
            return self.lex
        if name == "names":
            return self.names
        if name == "bridge":
            return self.bridge
        raise ValueError(f"unknown feature block {name!r}; use one of {', '.join(BLOCKS)}")


def _hash(key: str) -> int:
    return zlib.crc32(key.encode("utf-8")) & _MASK


def _vector(weights: dict[str, float]) -> SparseVector:
    """Hashed, unit-length vector of named weights (colliding keys add up)."""
    if not weights:
        return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.float64)
    ids = np.fromiter((_hash(k) for k in weights), dtype=np.int64, count=len(weights))
    values = np.fromiter(weights.values(), dtype=np.float64, count=len(weights))
    order = np.argsort(ids, kind="stable")
    ids, values = ids[order], values[order]
    unique, starts = np.unique(ids, return_index=True)
    if unique.size != ids.size:
        values = np.add.reduceat(values, starts)
        ids = unique
    norm = float(np.sqrt(np.dot(values, values)))
    return ids, values / norm if norm > 0 else values


def _sublinear(counts: Counter[str], prefix: str, weight: float, out: dict[str, float]) -> None:
    for token, count in counts.items():
        key = prefix + token
        out[key] = out.get(key, 0.0) + weight * (1.0 + math.log(count))


def _stem(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is", "'s")):
        return word[:-1]
    return word.removesuffix("'s").removesuffix("’s")


def lexical_tokens(text: str, language: str) -> list[str]:
    """The words of `text` the lexical block counts (see the module docstring)."""
    if language == "zh":
        norm = normalize_zh(text)
        tokens: list[str] = []
        for run in _CJK_RUN.findall(norm):
            if len(run) == 1:
                tokens.append(run)
            tokens.extend(run[i : i + 2] for i in range(len(run) - 1))
        tokens.extend(w.lower() for w in _LATIN_IN_ZH.findall(norm))
        return tokens
    words = _EN_WORD.findall(text.lower())
    return [_stem(w) for w in words if w not in EN_STOP_WORDS and len(w) > 1]


def _significant(value: float, digits: int = 2) -> str:
    if value == 0:
        return "0"
    return f"{float(f'{value:.{digits - 1}e}'):g}"


def number_keys(quantities: tuple[Quantity, ...] | list[Quantity]) -> list[str]:
    """Language-independent keys of the quantities worth matching ("money:CNY:3.4e+11").

    Values are rounded to two significant digits, so "about 590 billion" meets "589 billion";
    bare small whole numbers and ranks say little and are skipped (a magnitude 4.6 stays).
    """
    keys = []
    for q in quantities:
        small = abs(q.value) < _SMALL_NUMBER and float(q.value).is_integer()
        if q.kind == "rank" or (q.kind == "number" and small):
            continue
        unit = q.currency or ("%" if q.kind == "percent" else "")
        keys.append(f"{q.kind}:{unit}:{_significant(q.value)}")
    return keys


def _date_keys(text: str, language: str, out: dict[str, float]) -> tuple[float, ...]:
    """Add the date features of `text` to `out`; return the days it names."""
    named: set[float] = set()
    days: Counter[str] = Counter()
    months: Counter[str] = Counter()
    years: Counter[str] = Counter()
    for t in extract_times(text, language):
        if t.year is None or t.kind not in ("date", "year"):
            continue
        years[str(t.year)] += 1
        if t.month is not None:
            months[f"{t.year}-{t.month:02d}"] += 1
            if t.day is not None:
                days[f"{t.year}-{t.month:02d}-{t.day:02d}"] += 1
                named.update(_epoch_day(t.year, t.month, t.day))
    _sublinear(days, "d:", _DAY_WEIGHT, out)
    _sublinear(months, "m:", _MONTH_WEIGHT, out)
    _sublinear(years, "y:", _YEAR_WEIGHT, out)
    return tuple(sorted(named))


def epoch_days(moment: datetime) -> float:
    """Days since 1970-01-01T00:00Z (fractional)."""
    return moment.timestamp() / 86400.0


def _epoch_day(year: int, month: int, day: int) -> tuple[float, ...]:
    try:
        return (epoch_days(datetime(year, month, day, 12, tzinfo=UTC)),)
    except ValueError:  # "February 30"
        return ()


def document_features(
    text: str,
    language: str,
    *,
    title: str | None = None,
    entity_ids: tuple[str, ...] = (),
    quantities: tuple[Quantity, ...] | None = None,
) -> DocFeatures:
    """The three blocks of one document. `quantities` None means: find them in the text."""
    body = f"{title}\n{text}" if title else text
    lex_counts = Counter(lexical_tokens(text, language))
    if title:
        for token in lexical_tokens(title, language):
            lex_counts[token] += _TITLE_REPEAT
    lex: dict[str, float] = {}
    _sublinear(lex_counts, f"w:{language}:", 1.0, lex)

    names: dict[str, float] = {}
    if language != "zh":
        found = extract_names(body)
        _sublinear(Counter(found), "n:", _NAME_WEIGHT, names)
        parts = Counter(p for name in found for p in name.split(" ") if len(p) > 2)
        _sublinear(parts, "p:", _NAME_PART_WEIGHT, names)

    bridge: dict[str, float] = {}
    _sublinear(Counter(entity_ids), "e:", _ENTITY_WEIGHT, bridge)
    found_quantities = extract_quantities(body, language) if quantities is None else quantities
    _sublinear(Counter(number_keys(found_quantities)), "q:", _NUMBER_WEIGHT, bridge)
    dates = _date_keys(body, language, bridge)
    return DocFeatures(language, _vector(lex), _vector(names), _vector(bridge), dates)
