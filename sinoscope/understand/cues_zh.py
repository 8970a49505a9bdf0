"""Chinese citation cues (see `attribution` for the rules they implement)."""

from __future__ import annotations

import re

from .cues import SOURCE_TYPES, Cue, CueFinder

__all__ = ["find_cues_zh"]

_VERB = re.compile(
    r"(?P<verb>表示|指出|透露|显示|公布|披露|认为|预计|估计|估算|测算|提醒|强调|统计(?=[，,：:])|"
    r"质疑|怀疑|警告|坦言|直言|证实|确认|宣布|发文|介绍说?|分析(?=[，,：:])|"
    r"(?<![名简堪号自俗统总被对并声])称(?![为作之号])|"
    r"(?<![来以据可小传学听再虽就是如比])说(?![明服法道])|提出(?=[：:，,]|到\d))"
)
_JUDGE = re.compile(r"认为|质疑|怀疑|警告|提醒|预计|估计|分析|坦言|直言")
_JU = re.compile(
    r"据(?P<src>[^，。；：\n]{1,30}?)(?:公布|发布|披露)?的?(?:报道|消息|信息|统计|数据|介绍|测算|"
    r"估计|估算|披露|报告|了解|公告|透露|称|显示|表示|调查)"
)
_JU_BARE = re.compile(r"据(?:悉|报道|称|传|介绍|了解|统计|估计|测算|估算|分析|报告)")
_FROM = re.compile(r"(?:记者)?从(?P<src>[^，。；：\n]{2,30}?)(?:获悉|了解到|得知)")
_STOP_LEFT = re.compile(r"[，。；：！？“”、,;:!?\n]")
_LEAD = re.compile(
    r"(?:有(?!关)|也有|但有|另有|还有|不过|此外|同时|但|而|并|还|亦|另外|其中|对此|随后|此前|日前|近日|"
    r"当天|同日|目前|今年|去年|最终)+"
)
_TRAIL = re.compile(
    r"(?:也|还|则|都|均|曾|已|近日|日前|此前|同时|随即|随后|进一步|再次|公开|明确|对此|在报告中|"
    r"在声明中|方面|此次|当日|当天|\d+日|[0-9一二三四五六七八九十]+月[0-9一二三四五六七八九十]+日|"
    r"（[^）]{0,12}）)+$"
)
_PEOPLE = re.compile(
    r"(?:券商)?(?:专家|业内人士|分析人士|分析师|学者|经济学家|观察人士|市场人士|投资人士|从业者|"
    r"有关负责人|负责人|新闻发言人|发言人|研究人员|受访者|批评者|律师|官员|消息人士|知情人士|投资人|"
    r"人士|有分析|有观点|观点|媒体|外媒|记者|研究员)"
)
_EXPERT = re.compile(r"专家|业内|分析|学者|经济学家|观察|市场人士|投资|从业者|研究|观点")
_ORG = re.compile(r"(?:该|这家|这一|有关|相关|监管)?(?P<noun>部门|部|委|局|公司|企业|机构|官方)$")
_DOCS = re.compile(r"(?:该|这份|此份|同一份|这一)?(?:报告|数据|统计|公告|文件|白皮书|研究|调查)$")
_PRONOUN = re.compile(r"^(?:他|她|他们|其|对方|该人士)$")
_ORG_NAME = re.compile(
    r"[\u4e00-\u9fffA-Za-z]{2,12}?(?:大学|研究院|研究所|研究中心|信息中心|中心|协会|公司|集团|银行|"
    r"委员会|实验室|基金会|交易所)"
)
_ISSUERS = ("agency", "organization", "company", "outlet")
_LATIN = re.compile(r"[A-Z][A-Za-z0-9&.-]+(?:\s+[A-Z][A-Za-z0-9&.-]+)*")


def find_cues_zh(f: CueFinder) -> None:
    """Add the Chinese cues of `f`'s sentence to `f.cues`."""
    st, sent = f.s.start, f.s.text
    for m in _JU.finditer(sent):
        if _JU_BARE.match(sent, m.start()) and not f.inside(st + m.start(), st + m.end()):
            continue  # 据悉, 据报道: a hedge, nobody named
        f.add(_phrase(f, st + m.start(), st + m.end(), st + m.start("src"), st + m.end("src")))
    for m in _FROM.finditer(sent):
        f.add(_phrase(f, st + m.start(), st + m.end(), st + m.start("src"), st + m.end("src")))
    for m in _VERB.finditer(sent):
        verb_start = st + m.start()
        lo = max(st, verb_start - 40)
        for x in f.mentions:  # a name cut by the window's edge is still the source
            if x.start < lo < x.end:
                lo = x.start
        cut = lo
        for b in _STOP_LEFT.finditer(f.text, lo, verb_start):
            cut = b.end()
        lead = _LEAD.match(f.text, cut, verb_start)
        s = lead.end() if lead else cut
        trail = _TRAIL.search(f.text, s, verb_start)
        e = trail.start() if trail is not None and trail.end() == verb_start else verb_start
        if e <= s:
            continue
        judgement = _JUDGE.match(m.group("verb")) is not None
        f.add(_phrase(f, s, st + m.end(), s, e, judgement))


def _phrase(
    f: CueFinder, cue_start: int, cue_end: int, s: int, e: int, judgement: bool = False
) -> Cue | None:
    phrase = f.text[s:e]
    inside = f.inside(s, e)
    named = [m for m in inside if f.type_of(m) in (*SOURCE_TYPES, "policy")]
    text = f.text[cue_start:cue_end]
    if named:
        return f.entity_cue(named[-1], cue_start, cue_end, judgement)
    products = [(m.start - s, m.end - s) for m in inside if f.type_of(m) == "product"]
    latin = [x for x in _LATIN.finditer(phrase) if not any(a <= x.start() < b for a, b in products)]
    if latin:
        last = latin[-1]
        return Cue(last.group(), None, text, cue_start, cue_end, s + last.start(),
                   s + last.end(), judgement=judgement)  # fmt: skip
    org_name = _ORG_NAME.search(phrase)
    if org_name is not None:  # an organisation not in the gazetteer: "斯坦福大学"
        return Cue(org_name.group(), None, text, cue_start, cue_end, s + org_name.start(),
                   s + org_name.end(), judgement=judgement)  # fmt: skip
    pronoun = _PRONOUN.match(phrase) is not None
    if pronoun or _DOCS.search(phrase):
        cue = f.last_cited(s, include_generic=pronoun)
        if cue is not None:
            return Cue(cue.name, cue.entity_id, text, cue_start, cue_end, s, e,
                       generic=cue.generic, expert=cue.expert, judgement=judgement)  # fmt: skip
        entity = None if pronoun else f.last_entity(_ISSUERS, s)
        if entity is not None:
            return Cue(entity.name, entity.id, text, cue_start, cue_end, s, e,
                       judgement=judgement)  # fmt: skip
        if _DOCS.search(phrase) and len(phrase) <= 8:
            return Cue(phrase, None, text, cue_start, cue_end, s, e, generic=True,
                       judgement=judgement)  # fmt: skip
        return None
    people = _PEOPLE.search(phrase)
    if people is not None and len(phrase) <= 12:
        return Cue(phrase, None, text, cue_start, cue_end, s, e, generic=True,
                   expert=_EXPERT.search(phrase) is not None, judgement=judgement)  # fmt: skip
    org = _ORG.search(phrase)
    if org is not None and len(phrase) <= 6:
        company = org.group("noun") in ("公司", "企业")
        entity = f.last_entity(("company",) if company else ("agency", "organization"), s)
        if entity is not None:
            return Cue(entity.name, entity.id, text, cue_start, cue_end, s, e,
                       judgement=judgement)  # fmt: skip
        return Cue(phrase, None, text, cue_start, cue_end, s, e, generic=True,
                   judgement=judgement)  # fmt: skip
    places = [m for m in inside if f.type_of(m) == "place"]
    if places and len(phrase) <= 6:
        return f.entity_cue(places[-1], cue_start, cue_end, judgement)
    return None
