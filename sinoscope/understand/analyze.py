"""The understand stage: a document's text -> sentences, mentions, topics, claims, candidates.

    understander = Understander(load_beat())          # once per beat (about 50 ms)
    analysis = understander.analyze("doc-1", text, language="en", publisher=source,
                                    published=datetime(2025, 10, 27), title="…")

`analyze` is pure and thread-safe (everything built in `__init__` is only read), does no I/O,
and never raises on messy text: an empty or garbage document gives an Analysis without
claims. Only a `text` that is not a string is refused (TypeError), as a programming error.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, replace
from datetime import datetime

import ahocorasick

from ..records import Analysis, Attribution, Beat, Quantity, Sentence, Source
from .attribution import Attributor, Cue, MentionIndex
from .candidates import find_candidates
from .claims import ClaimContext, SentenceFacts, build_claims, relative_times
from .entities import EntityLinker
from .hedges import find_hedges
from .metrics import MetricMatcher
from .quantities import TimeExpression, extract_quantities, extract_times
from .sentences import Segment, segment
from .topics import TopicTagger

__all__ = ["UnderstandOptions", "Understander"]

log = logging.getLogger(__name__)

# Cheap prefilters (false positives only cost time): a sentence goes to the quantity extractor
# when it has a digit or a number word, and is checked for events when it has an event stem.
_DIGIT = re.compile(r"[0-9０-９]")
# every digit in the sentence belongs to a year ("In 2023, …", "2024年"): years are never
# quantities, so the extractor is skipped (times are still read for events)
_ONLY_YEARS = re.compile(r"(?:[^0-9０-９]|(?<![0-9.,])(?:19|20)\d\d(?![0-9%]|[.,]\d))*", re.S)
_NUMBER_WORDS = (
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "dozen", "hundred", "thousand", "million", "billion", "trillion", "half", "twice",
    "double", "triple", "quadruple", "third", "quarter", "fifth",
)  # fmt: skip
_EVENT_STEMS = (
    "launch", "unveil", "releas", "issu", "announc", "introduc", "adopt", "approv", "regist",
    "sanction", "ban", "blacklist", "impos", "restrict", "tighten", "added", "propos", "sign",
    "set up", "establish", "acquir", "invest", "open", "fined", "summon", "took effect",
    "came into", "in force", "went public", "filed", "rolled out", "publish",
    "发布", "推出", "上线", "开源", "宣布", "印发", "出台", "施行", "实施", "签署", "成立", "注册",
    "收购", "立案", "约谈", "列入", "纳入", "禁止", "批准", "通过", "提出", "上市", "生效", "启动",
    "举行", "召开", "制裁", "加征",
)  # fmt: skip
# Chinese numerals worth extracting: large ones (三万, 十亿), money, multiples and shares; small
# counts in words ("三个方面", "六部门") are dropped as claims anyway
_NUMBER_ZH = re.compile(
    r"百分之|[一二两三四五六七八九十][百千万亿]|[一二两三四五六七八九十百千万亿]+(?:元|倍|成)"
)


def _keyword_automaton(groups: dict[str, tuple[str, ...]]) -> ahocorasick.Automaton:
    automaton = ahocorasick.Automaton()
    for group, words in groups.items():
        for word in words:
            automaton.add_word(word, group)
    automaton.make_automaton()
    return automaton


_KEYWORDS = _keyword_automaton({"number": _NUMBER_WORDS, "event": _EVENT_STEMS})


def _flags(sentence: str, lang: str) -> tuple[bool, bool]:
    """(may hold a number, may report an event)."""
    number = _DIGIT.search(sentence) is not None and not _ONLY_YEARS.fullmatch(sentence)
    if not number and lang == "zh":
        number = _NUMBER_ZH.search(sentence) is not None
    event = False
    for _, group in _KEYWORDS.iter(sentence.lower()):
        number = number or group == "number"
        event = event or group == "event"
        if number and event:
            break
    return number, event


_ZH_RISE_TO = re.compile(r"(?:增|升|降|提高|提升|扩大|减少|下降|上升|增长|跃升|攀升|回落|达)$")


@dataclass(frozen=True, slots=True)
class UnderstandOptions:
    """Knobs of the understand stage.

    max_chars: only the first `max_chars` characters are analysed for claims (sentences and
        mentions cover them too); a very long document is usually a dump, not an article.
    topic_threshold / max_topics: see `topics.TopicTagger`.
    max_candidates: unknown organisation names kept per document.
    """

    max_chars: int = 200_000
    topic_threshold: float = 1.2
    max_topics: int = 3
    max_candidates: int = 30


class Understander:
    """Analyses documents against one beat. Build once; `analyze` is thread-safe."""

    def __init__(self, beat: Beat, options: UnderstandOptions | None = None) -> None:
        self.beat = beat
        self.options = options or UnderstandOptions()
        self.entities = {e.id: e for e in beat.entities}
        self.linker = EntityLinker(beat.entities)
        self.matcher = MetricMatcher(beat.metrics)
        self.tagger = TopicTagger(
            beat.topics, threshold=self.options.topic_threshold, max_topics=self.options.max_topics
        )
        self.attributor = Attributor(beat.entities)
        self.home = next(
            (e for e in beat.entities if e.type == "place" and e.name in ("China", "PRC")), None
        )

    def analyze(
        self,
        document_id: str,
        text: str,
        *,
        language: str | None,
        publisher: Source | None,
        published: datetime | None,
        title: str | None = None,
    ) -> Analysis:
        """Sentences, mentions, claims, topics and candidate organisations of one document."""
        if not isinstance(text, str):
            raise TypeError(
                f"analyze() needs the document text as a str, got {type(text).__name__}; "
                "decode bytes first (sinoscope.extract does)"
            )
        text = text[: self.options.max_chars]
        if not text.strip():
            return Analysis(document_id, (), (), (), ())
        segments = segment(text, language)
        mentions = self.linker.find(text)
        index = MentionIndex(mentions)
        topic_hits = self.tagger.hits(text)
        topics = self.tagger.score(text, title, text_hits=topic_hits)
        publisher_id = publisher.id if publisher is not None else None
        credit = self.attributor.document_credit(text, index, publisher_id)
        ctx = ClaimContext(
            document_id=document_id,
            text=text,
            published=published,
            entities=self.entities,
            matcher=self.matcher,
            fallback=self._publisher_attribution(publisher),
            credit=credit,
            home=self.home,
            document_topics=tuple(t for t, _ in topics),
            index=index,
        )
        claims = []
        prior: list[Cue] = []
        for number_of_sentence, seg in enumerate(segments):
            s, lang = seg.sentence, seg.language
            if _is_credit_line(credit, s):
                continue  # the dateline or credit line itself
            cues = self.attributor.sentence_cues(text, s, lang, index, prior)
            number, eventish = _flags(s.text, lang)
            quantities: list[Quantity] = []
            times: list[TimeExpression] = []
            if number:
                quantities = [
                    replace(q, start=q.start + s.start, end=q.end + s.start)
                    for q in extract_quantities(s.text, lang)
                ]
            eventish = eventish and not quantities
            if not (quantities or cues or eventish):
                continue  # nothing here can become a claim
            if quantities or eventish:  # assessments need no time; the rest do
                times = _times(s.text, s.start, lang, published)
                quantities, times = _split_durations(quantities, times)
                times = [t for t in times if not _inside_mention(t, index)]
                quantities = [q for q in quantities if _comparable(q, s.text, s.start)]
            facts = SentenceFacts(
                sentence=s,
                language=lang,
                quantities=tuple(quantities),
                times=tuple(times),
                mentions=tuple(index.within(s.start, s.end)),
                cues=tuple(cues),
                hedges=tuple(find_hedges(s.text, lang, s.start)),
                aliases=tuple(self.matcher.find(s.text, s.start)) if quantities else (),
                topics=self.tagger.sentence_topics(topic_hits, s.start, s.end),
                paragraph=seg.paragraph,
                index=number_of_sentence,
                previous=_previous(segments, number_of_sentence),
            )
            claims.extend(build_claims(facts, ctx))
            prior.extend(cues)
        candidates = find_candidates(text, mentions, language, self.options.max_candidates)
        return Analysis(
            document_id=document_id,
            sentences=tuple(seg.sentence for seg in segments),
            mentions=tuple(mentions),
            claims=tuple(claims),
            topics=tuple(topics),
            candidates=candidates,
        )

    def _publisher_attribution(self, publisher: Source | None) -> Attribution:
        if publisher is None:
            return Attribution(name="", kind="publisher")
        entity = self.attributor.publisher_entity(publisher.id)
        return Attribution(
            name=publisher.name, entity_id=entity.id if entity else None, kind="publisher"
        )


def _previous(segments: list[Segment], i: int) -> Sentence | None:
    if i == 0 or segments[i - 1].paragraph != segments[i].paragraph:
        return None
    return segments[i - 1].sentence


def _is_credit_line(credit: Cue | None, s: Sentence) -> bool:
    if credit is None or not (credit.start >= s.start and credit.end <= s.end):
        return False
    return len(s.text) <= len(credit.text) + 40


def _times(
    sentence: str, offset: int, lang: str, published: datetime | None
) -> list[TimeExpression]:
    times = [
        replace(t, start=t.start + offset, end=t.end + offset)
        for t in extract_times(sentence, lang)
    ]
    if lang == "zh":
        times = _fix_zh(times, sentence, offset)
    relative = relative_times(sentence, offset, lang, published)
    taken = [(t.start, t.end) for t in times]
    times.extend(r for r in relative if not any(s < r.end and r.start < e for s, e in taken))
    times.sort(key=lambda t: t.start)
    return times


def _fix_zh(times: list[TimeExpression], sentence: str, offset: int) -> list[TimeExpression]:
    """ "增至2025年6月" is a date, not a deadline; "2014年至2023年" is one period."""
    out: list[TimeExpression] = []
    for t in times:
        local = t.start - offset
        if t.deadline and t.text.startswith(("至", "到")):
            prev = out[-1] if out else None
            if prev is not None and prev.end == t.start and prev.year is not None:
                out[-1] = TimeExpression(
                    sentence[prev.start - offset : t.end - offset], prev.start, t.end, "period",
                    year=prev.year,
                )  # fmt: skip
                continue
            if _ZH_RISE_TO.search(sentence[max(0, local - 2) : local]):
                t = replace(t, deadline=False, kind="date" if t.month else "year")
        out.append(t)
    return out


def _inside_mention(t: TimeExpression, index: MentionIndex) -> bool:
    """ "Made in China 2025" is a name, not a time."""
    return any(m.start <= t.start and t.end <= m.end for m in index.within(t.start - 40, t.end))


_VAGUE = re.compile(r"^(?:tens|dozens|hundreds|thousands|millions|billions|scores)\b", re.I)
_VAGUE_ZH_BEFORE = re.compile(r"(?:数|几|上|成)$")
_DATE_LIKE = re.compile(r"\d{4}[-/.]\d{1,2}")


def _comparable(q: Quantity, sentence: str, offset: int) -> bool:
    """Keep the numbers an analyst would compare: not "two countries", "one of the main
    tools", "六部门", "dozens of centres" (small counts written in words, vague magnitudes)."""
    text = q.text.strip()
    local = q.start - offset
    if _VAGUE.match(text) or _VAGUE_ZH_BEFORE.search(sentence[max(0, local - 1) : local]):
        return False  # "hundreds of millions of users", "数千万美元"
    if _DATE_LIKE.match(text):
        return False  # "2024-07-04" read as a number
    if q.value == 1 and q.kind != "multiplier" and not re.search(r"\d", text):
        return False  # "One EFLOPS equals …", "one of the main tools"
    if q.kind not in ("count", "number"):
        return True
    if q.value <= 10 and not re.search(r"\d", text):
        return False
    after = sentence[q.end - offset : q.end - offset + 8]
    return not (q.value == 1 and after.lstrip().startswith("of "))


_CALENDAR_UNITS = {
    "year": "year", "years": "year", "month": "month", "months": "month", "week": "week",
    "weeks": "week", "day": "day", "days": "day", "decade": "decade", "decades": "decade",
    "年": "year", "个月": "month", "月": "month", "周": "week", "星期": "week", "天": "day",
    "日": "day", "季度": "quarter", "quarter": "quarter", "quarters": "quarter",
}  # fmt: skip


def _split_durations(
    quantities: list[Quantity], times: list[TimeExpression]
) -> tuple[list[Quantity], list[TimeExpression]]:
    """Calendar durations ("in five years", "five years ago", "两个月") are the claim's time,
    not a quantity to compare; other durations ("2.79 million hours") stay quantities."""
    kept: list[Quantity] = []
    extra: list[TimeExpression] = []
    for q in quantities:
        unit = _CALENDAR_UNITS.get(q.unit.strip().lower())
        if q.kind != "duration" or unit is None:
            kept.append(q)
            continue
        if not any(t.start < q.end and q.start < t.end for t in times):
            extra.append(
                TimeExpression(q.text, q.start, q.end, "duration", amount=q.value, unit=unit)
            )
    if extra:
        times = sorted([*times, *extra], key=lambda t: t.start)
    return kept, times
