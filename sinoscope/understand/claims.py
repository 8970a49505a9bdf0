"""Claims: one sentence's quantities, metric, time, subject, attribution and hedge.

Which sentences become claims, and of which kind (first rule that applies; headings — short
lines without final punctuation — make none):
1. `target`   — the sentence keeps a quantity whose time is a deadline ("by 2030", "到2027年",
   "2030年前") or a year after publication, and a goal word stands shortly before it ("aims",
   "target", "plans to", "expected to", "will", "should", "目标", "力争", "计划", "提出", "将",
   "要"); a deadline after the publication date is a target even without one. A past "by the
   end of 2023" without a goal is an as-of date.
2. `quantity` — any other sentence with a kept quantity. An event that carries a number ("the
   US added 140 entities to the Entity List") is a quantity claim: its number is what an
   analyst compares; `event` is kept for dated happenings without one.
3. `assessment` — no quantity, a citation cue in the sentence, and the cue judges (believe,
   argue, question, warn, 认为, 质疑, 提醒) or its source is a judging group (analysts,
   experts, economists, 专家, 业内人士, 分析人士), or the sentence carries a doubt/opinion hedge.
4. `event`    — no quantity, an event verb (launched, released, issued, announced, added to
   the Entity List, banned, approved, registered, took effect; 发布, 推出, 印发, 施行, 列入,
   宣布, 成立, 立案调查, 约谈 …), a time anchor (a date or year, a weekday, 当地时间, 日前,
   近日) and a named entity other than a place.

Quantities: those of `extract_quantities`, minus calendar durations that are the claim's time
("in five years", "两个月"), small counts written in words ("two countries", "六部门"), vague
magnitudes ("hundreds of millions", "数千万") and dates misread as numbers.

Metric (see `metrics`): the nearest alias in the sentence that fits the quantity's kind; else
"the figure"/"该数字" takes the previous claim's metric; else, in a sentence naming no metric,
the previous claim's metric when it directly precedes in the paragraph with the same unit, or
the last fitting alias of the previous sentence ("… the number of AI companies. The count went
from 1,400 to 4,500."). A percentage after "grew"/"增速" is a rate of change: no level metric.

One claim per sentence, except: quantities of different metrics, or of one metric at
different times (two deadlines, two as-of years), become separate claims over the same
sentence. A quantity without a metric joins the claim before it when it fits that metric (a
currency conversion, "more than tripled"), else stands alone ("300 EFLOPS … 35 percent").

Time: see `claim_time`. A claim without its own time takes a deadline that precedes it in a
goal sentence, or a time opening the sentence, or the sentence's only time when the sentence
makes one claim; otherwise `as_of` stays None and indicators fall back to the document date.

Attribution: the cue nearest the claim's first quantity, named entities before unnamed names
before generic groups; else the document's wire credit; else the publisher. Subject: for an
event the cited actor ("MOFCOM announced …"); otherwise the first mention before the first
quantity that is neither a cited source, a place nor an outlet (then one after it); else the
cited company ("Nvidia said it expects …"); else "the company"/"the chipmaker" → the last
company mentioned; else a place before the quantity ("China"; "我国"/"全国"/"国内" count as
the beat's China). Ids: the first 16 hex digits of sha256(f"{document_id}:{start}:{end}:
{index}") with `index` the claim's position within its sentence, so re-analysis of the same
text gives the same ids. Topics: the sentence's keyword topics, else the document's first.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import datetime

from ..records import Attribution, Claim, Entity, Mention, Metric, Quantity
from .claim_time import (
    first_time,
    is_target_time,
    relative_times,
    scope_time,
    time_compatible,
    time_for,
    time_ref,
)
from .cues import Cue, MentionIndex
from .facts import SentenceFacts
from .hedges import hedge_text
from .metrics import AliasHit, MetricMatcher
from .quantities import TimeExpression

__all__ = ["ClaimContext", "SentenceFacts", "build_claims", "claim_id", "relative_times"]

_GOAL_EN = re.compile(
    r"\b(?:aims?|aimed|aiming|targets?|targeted|goals?|plans?\s+to|planned|seeks?\s+to|wants?|"
    r"pledged?|pledges|vow(?:ed|s)?|striv(?:e|es|ing)|envisag\w*|envision\w*|expected\s+to|"
    r"expects?\s+to|should|will|would|set\s+(?:out|the\s+goal)|sets\s+(?:out|the\s+goal)|"
    r"calls?\s+for|objectives?|ambitions?|intends?|projected\s+to|forecast\s+to|(?:is|are)\s+to|"
    r"to\s+(?:raise|lift|reach|increase|exceed|boost|double|triple|expand))\b",
    re.I,
)
_GOAL_ZH = re.compile(
    r"目标|力争|计划|预计|将|要|提出|规划|争取|确保|有望|预期|力求|努力|部署|方案"
)
_EVENT_EN = re.compile(
    r"(?<!-)\b(?:launch(?:ed|es)?|unveil(?:ed|s)?|releas(?:ed|es)|issu(?:ed|es)|announc(?:ed|es)|"
    r"introduc(?:ed|es)|adopt(?:ed|s)|approv(?:ed|es)|register(?:ed|s)|sanction(?:ed|s)|"
    r"ban(?:ned|s)|blacklist(?:ed|s)|imposed?|impos(?:es|ing)|restrict(?:ed|s)|tighten(?:ed|s)|"
    r"added\s+(?:\S+\s+){0,6}?to\s+(?:the|its)\s+(?:Entity|Unverified)\s+List|proposed|"
    r"propos(?:es)|signed|set\s+up|established|acquir(?:ed|es)|invest(?:ed|s)|open(?:ed|s)\s+an?\s+"
    r"(?:investigation|probe)|fined|summon(?:ed|s)|took\s+effect|came\s+into\s+(?:force|effect)|"
    r"in\s+force|went\s+public|listed|filed|unveiled|rolled\s+out|open-sourced|published)\b"
)
_EVENT_ZH = re.compile(
    r"发布|推出|上线|开源|宣布|印发|出台|施行|实施|签署|成立|注册|收购|立案调查|约谈|列入|纳入|禁止|"
    r"批准|通过|提出|上市|生效|启动|举行|召开|制裁|加征"
)
_ANCHOR = re.compile(
    r"\b(?:on|last|this|next)\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b|"
    r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b|当地时间|日前|近日|"
    r"\d{1,2}日|[一二三四五六七八九十]{1,3}日"
)
_ANAPHOR_METRIC = re.compile(
    r"\b(?:the|that|this)\s+(?:figure|number|total|tally|count)\b|该数字|这一数字|这一数据|"
    r"这一指标|该数据",
    re.I,
)
_HOME_ZH = re.compile(r"我国|全国|国内")
_GROWTH = re.compile(
    r"(?:增速|增长|增幅|同比|环比|提升|下降|降幅|涨幅|跌幅|上涨|下跌)(?:了|达|约|超过|为|近)?$|"
    r"\b(?:grew|grow|growth|rose|rise|risen|increased?|jumped|fell|dropped|declined|up|down|"
    r"climbed|surged|slid)\s+(?:by\s+)?(?:about\s+|nearly\s+|some\s+|more\s+than\s+)?$|"
    r"\b(?:growth|increase|decline|drop|rise)\s+of\s+(?:about\s+|nearly\s+)?$",
    re.I,
)
_COMPANY_ANAPHOR = re.compile(
    r"\b[Tt]he\s+(?:company|firm|chipmaker|start-?up|group|developer)(?:['’]s)?\b|该公司|这家公司"
)


@dataclass(slots=True)
class ClaimContext:
    """Per-document inputs (and the little state claims pass along a document)."""

    document_id: str
    text: str
    published: datetime | None
    entities: dict[str, Entity]
    matcher: MetricMatcher
    fallback: Attribution
    credit: Cue | None = None
    home: Entity | None = None
    document_topics: tuple[str, ...] = ()
    last: _Last | None = None  # the previous claim's metric, for "the figure", "The second …"
    index: MentionIndex | None = None


@dataclass(frozen=True, slots=True)
class _Last:
    metric: Metric
    paragraph: int
    index: int
    kind: str
    unit: str


@dataclass(slots=True)
class _Group:
    quantities: list[Quantity]
    metric: Metric | None
    alias: AliasHit | None
    time: TimeExpression | None


def claim_id(document_id: str, start: int, end: int, index: int) -> str:
    return hashlib.sha256(f"{document_id}:{start}:{end}:{index}".encode()).hexdigest()[:16]


_TERMINAL = re.compile(r"[.!?。！？;；…:：\"”’)）」』]\s*$")


def build_claims(facts: SentenceFacts, ctx: ClaimContext) -> list[Claim]:
    """The claims of one sentence (often none). Headings (short, no final punctuation) make
    none: they restate what the body says."""
    text = facts.sentence.text
    if len(text) < 100 and not _TERMINAL.search(text):
        return []
    if facts.quantities:
        groups = _groups(facts, ctx)
        return [
            _claim(facts, ctx, g, i, _kind(facts, ctx, g, groups)) for i, g in enumerate(groups)
        ]
    kind = _qualitative_kind(facts, ctx)
    if kind is None:
        return []
    time = first_time(facts.times)
    group = _Group([], None, None, time)
    return [_claim(facts, ctx, group, 0, kind)]


# ----------------------------------------------------------------------------------- groups
def _groups(facts: SentenceFacts, ctx: ClaimContext) -> list[_Group]:
    lang = facts.language
    goal = _has_goal(facts)

    def compatible(a: TimeExpression | None, b: TimeExpression | None) -> bool:
        return time_compatible(a, b, goal, ctx.published)

    anaphor = _ANAPHOR_METRIC.search(facts.sentence.text) is not None
    last = ctx.last
    follows = last is not None and (last.paragraph, last.index + 1) == (
        facts.paragraph,
        facts.index,
    )
    no_alias = not facts.aliases
    groups: list[_Group] = []
    pending: list[tuple[Quantity, TimeExpression | None]] = []
    for q in facts.quantities:
        metric, alias = ctx.matcher.assign(q, list(facts.aliases), lang)
        if metric is not None and q.kind == "percent" and _is_growth(facts, q):
            metric, alias = None, None  # "增速超过70%", "grew 30%": a rate of change, not a level
        if metric is None and last is not None and ctx.matcher.fits(last.metric, q):
            same = (q.kind, q.unit) == (last.kind, last.unit)
            if anaphor or (follows and no_alias and same):
                metric = last.metric
        if metric is None and no_alias and facts.previous is not None:
            metric, alias = _from_previous(facts, ctx, q)
        time = time_for(q, facts, lang)
        if metric is None:
            pending.append((q, time))
            continue
        target = next((g for g in groups if g.metric is metric and compatible(g.time, time)), None)
        if target is None:
            groups.append(_Group([q], metric, alias, time))
        else:
            target.quantities.append(q)
            target.time = target.time or time
    for q, time in pending:  # quantities without a metric
        host = None
        if groups:
            before = [g for g in groups if g.quantities[0].start < q.start]
            host = before[-1] if before else groups[0]
            fits = host.metric is None or q.kind == "multiplier" or ctx.matcher.fits(host.metric, q)
            if not fits or not compatible(host.time, time):
                host = None  # "300 EFLOPS … 35 percent": a share is not a capacity
        if host is None:
            host = next((g for g in groups if g.metric is None and compatible(g.time, time)), None)
        if host is None:
            groups.append(_Group([q], None, None, time))
        else:
            host.quantities.append(q)
            host.quantities.sort(key=lambda x: x.start)
            host.time = host.time or time
    groups.sort(key=lambda g: g.quantities[0].start)
    _fallback_times(facts, groups)
    return groups


def _from_previous(
    facts: SentenceFacts, ctx: ClaimContext, q: Quantity
) -> tuple[Metric | None, AliasHit | None]:
    """A sentence naming no metric continues the previous one of its paragraph ("… the number
    of AI companies. The count went from 1,400 to 4,500."): its last fitting alias counts."""
    prev = facts.previous
    if prev is None or _is_growth(facts, q):
        return None, None
    for hit in reversed(ctx.matcher.find(prev.text, prev.start)):
        if hit.excluded:
            continue
        metric = ctx.matcher.metrics[hit.metric_id]
        if ctx.matcher.fits(metric, q):
            return metric, hit
    return None, None


def _is_growth(facts: SentenceFacts, q: Quantity) -> bool:
    local = q.start - facts.sentence.start
    return _GROWTH.search(facts.sentence.text[max(0, local - 24) : local]) is not None


def _fallback_times(facts: SentenceFacts, groups: list[_Group]) -> None:
    goal = _has_goal(facts)
    deadlines = [t for t in facts.times if t.deadline]
    scope = scope_time(facts)
    for g in groups:
        if g.time is not None:
            continue
        first = g.quantities[0]
        preceding = [t for t in deadlines if t.end <= first.start]
        if goal and preceding:
            g.time = preceding[-1]
        elif scope is not None and scope.end <= first.start:
            g.time = scope
        elif len(groups) == 1:
            g.time = first_time(facts.times)


def _has_goal(facts: SentenceFacts) -> bool:
    pattern = _GOAL_ZH if facts.language == "zh" else _GOAL_EN
    return pattern.search(facts.sentence.text) is not None


# ------------------------------------------------------------------------------------- kind
def _kind(facts: SentenceFacts, ctx: ClaimContext, g: _Group, groups: list[_Group]) -> str:
    t = g.time
    if t is not None and is_target_time(t, _goal_near(facts, g, t), ctx.published):
        return "target"
    return "quantity"


def _goal_near(facts: SentenceFacts, g: _Group, t: TimeExpression) -> bool:
    """A goal word shortly before the claim's quantity (or between it and its deadline)."""
    reach = 30 if facts.language == "zh" else 100
    q = g.quantities[0]
    lo = max(facts.sentence.start, min(q.start, t.start) - reach)
    hi = max(q.end, t.end)
    pattern = _GOAL_ZH if facts.language == "zh" else _GOAL_EN
    base = facts.sentence.start
    return pattern.search(facts.sentence.text, lo - base, hi - base) is not None


def _qualitative_kind(facts: SentenceFacts, ctx: ClaimContext) -> str | None:
    cues = [c for c in facts.cues if not c.credit]
    if cues and any(c.judgement or c.expert for c in cues):
        return "assessment"
    if cues and any(h.kind in ("doubt", "opinion") for h in facts.hedges):
        return "assessment"
    text = facts.sentence.text
    pattern = _EVENT_ZH if facts.language == "zh" else _EVENT_EN
    if len(text) > 400 or text.rstrip().endswith(("?", "？")) or not pattern.search(text):
        return None
    anchored = any(t.kind != "duration" for t in facts.times) or _ANCHOR.search(text)
    named = any(
        (e := ctx.entities.get(m.entity_id)) is not None and e.type != "place"
        for m in facts.mentions
    )
    return "event" if anchored and named else None


# ------------------------------------------------------------------------------------ claim
def _claim(facts: SentenceFacts, ctx: ClaimContext, g: _Group, index: int, kind: str) -> Claim:
    s = facts.sentence
    attribution, cue = _attribution(facts, ctx, g)
    subject = _subject(facts, ctx, g, cue, kind)
    metric_text = g.alias.text if g.alias is not None else _unit_text(g.quantities)
    if g.metric is not None and g.quantities:
        q = g.quantities[0]
        ctx.last = _Last(g.metric, facts.paragraph, facts.index, q.kind, q.unit)
    entities = list(dict.fromkeys(m.entity_id for m in facts.mentions))
    return Claim(
        id=claim_id(ctx.document_id, s.start, s.end, index),
        document_id=ctx.document_id,
        kind=kind,
        sentence=s.text,
        start=s.start,
        end=s.end,
        language=facts.language,
        quantities=tuple(g.quantities),
        metric=g.metric.id if g.metric is not None else None,
        metric_text=metric_text,
        subject=subject.entity_id if subject is not None else None,
        subject_text=subject.text if subject is not None else None,
        attribution=attribution,
        hedge=hedge_text(list(facts.hedges)),
        time=time_ref(g.time, kind, ctx.text, ctx.published),
        topics=facts.topics or ctx.document_topics[:1],
        entities=tuple(entities),
    )


def _unit_text(quantities: list[Quantity]) -> str | None:
    for q in quantities:
        if q.unit and q.kind not in ("multiplier",):
            return q.unit
    return None


def _attribution(
    facts: SentenceFacts, ctx: ClaimContext, g: _Group
) -> tuple[Attribution, Cue | None]:
    cues = [c for c in facts.cues if not c.credit]
    if cues:
        anchor = g.quantities[0].start if g.quantities else facts.sentence.start

        def rank(c: Cue) -> tuple[int, int]:
            level = 0 if c.entity_id else (1 if not c.generic else 2)
            return (level, abs(c.start - anchor))

        cue = min(cues, key=rank)
        return Attribution(cue.name, cue.entity_id, cue.text, "cited", cue.start, cue.end), cue
    if ctx.credit is not None:
        c = ctx.credit
        return Attribution(c.name, c.entity_id, c.text, "cited", c.start, c.end), None
    return ctx.fallback, None


def _subject(
    facts: SentenceFacts, ctx: ClaimContext, g: _Group, cue: Cue | None, kind: str
) -> Mention | None:
    pivot = g.quantities[0].start if g.quantities else facts.sentence.end
    if kind == "event" and cue is not None and cue.entity_id and not cue.generic:
        actor = ctx.entities.get(cue.entity_id)
        if actor is not None and actor.type not in ("outlet", "place"):  # "MOFCOM announced …"
            return Mention(actor.id, cue.source_start, cue.source_end,
                           ctx.text[cue.source_start : cue.source_end])  # fmt: skip
    skip_ids = {cue.entity_id} if cue is not None and cue.entity_id else set()

    def usable(m: Mention) -> bool:
        if cue is not None and cue.source_start <= m.start < cue.source_end:
            return False
        if any(c.source_start <= m.start < c.source_end for c in facts.cues):
            return False
        return m.entity_id not in skip_ids

    candidates = [m for m in facts.mentions if usable(m)]
    kinds = {m.entity_id: (ctx.entities[m.entity_id].type if m.entity_id in ctx.entities else "")
             for m in candidates}  # fmt: skip
    before = [m for m in candidates if m.start < pivot]
    after = [m for m in candidates if m.start >= pivot]
    for pool in (before, after):
        for m in pool:
            if kinds[m.entity_id] not in ("place", "outlet"):
                return m
    if cue is not None and cue.entity_id and not cue.generic:
        entity = ctx.entities.get(cue.entity_id)
        if entity is not None and entity.type == "company":  # "Nvidia said it expects …"
            return Mention(entity.id, cue.source_start, cue.source_end,
                           ctx.text[cue.source_start : cue.source_end])  # fmt: skip
    anaphor = _COMPANY_ANAPHOR.search(ctx.text, facts.sentence.start, pivot)
    if anaphor is not None and ctx.index is not None:
        for m in ctx.index.before(anaphor.start()):
            entity = ctx.entities.get(m.entity_id)
            if entity is not None and entity.type == "company":  # "The chipmaker's shares fell"
                return Mention(m.entity_id, anaphor.start(), anaphor.end(), anaphor.group())
    places = [m for m in before if kinds[m.entity_id] == "place"]
    if places:
        return places[0]
    if ctx.home is not None and facts.language == "zh":
        home = _HOME_ZH.search(ctx.text, facts.sentence.start, pivot)
        if home is not None:
            return Mention(ctx.home.id, home.start(), home.end(), home.group())
    return None
