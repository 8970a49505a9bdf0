"""Candidate organisations: names that look like organisations but are not in the gazetteer.

Editors review them and promote the good ones to the beat's entities. Found:

- English: a run of Capitalised words (joiners "of", "and", "for", "&" allowed inside) that
  ends in an organisation word (Inc, Corp, Group, Technologies, Institute, Agency, Ministry,
  University, Lab(s), AI, Semiconductor, Robotics, Academy, Association …), or that directly
  follows or precedes "company", "startup", "start-up", "firm", "chipmaker", "developer",
  "lab" ("Chinese startup Moonshot AI", "Zhipu, a Beijing-based firm");
- Chinese: a run of CJK characters or Latin letters ending in 公司, 集团, 研究院, 研究所, 大学,
  实验室 or 科技, cut at punctuation and function characters (的, 和, 与, 由, 将 …), at
  least two characters before the ending, and not a generic phrase (该公司, 子公司, 科技公司).

Spans overlapping a gazetteer mention are skipped; results keep the first spelling of each
name, in order of appearance.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..records import Mention

__all__ = ["find_candidates"]

_CAP = r"(?:[A-Z][A-Za-z0-9&'’.-]*|[A-Z]{2,})"
_JOIN = r"(?:\s+(?:of|and|for|&|de|the)\s+|\s+)"
_ORG_END = (
    r"(?:Inc|Corp|Corporation|Co|Ltd|Limited|LLC|PLC|Group|Holdings?|Technolog(?:y|ies)|Tech|"
    r"Institute|Agency|Ministry|University|Lab|Labs|Laborator(?:y|ies)|Semiconductors?|"
    r"Robotics|Academy|Association|Foundation|Microelectronics|Electronics|"
    r"Systems|Networks|Capital|Ventures|Partners|Research|Bureau|Administration|Commission)"
)
_EN_ORG = re.compile(rf"\b{_CAP}(?:{_JOIN}{_CAP}){{0,5}}\s+{_ORG_END}\b\.?")
_EN_CUE_BEFORE = re.compile(
    rf"\b(?:company|startup|start-up|firm|chipmaker|developer|unicorn|lab|maker)\s+"
    rf"(?P<name>{_CAP}(?:\s+{_CAP}){{0,3}})"
)
_EN_CUE_AFTER = re.compile(
    rf"(?P<name>{_CAP}(?:\s+{_CAP}){{0,3}}),\s+an?\s+(?:[\w-]+\s+){{0,3}}"
    rf"(?:company|startup|start-up|firm|chipmaker|developer|unicorn|lab)\b"
)
_EN_STOP = {
    "The", "A", "An", "Chinese", "China", "US", "U.S.", "American", "Its", "It", "This", "That",
    "In", "On", "At", "By", "For", "And", "But", "Hangzhou-based", "Beijing-based", "State",
    "Shanghai-based", "Shenzhen-based", "Western", "European", "Japanese", "Korean", "Based",
    "Chicago-based", "New", "Their", "Other", "Some", "Many", "Several", "Both",
}  # fmt: skip

_ZH_SUFFIX = re.compile(r"股份有限公司|有限公司|公司|集团|研究院|研究所|大学|实验室|科技")
_ZH_NAME_CHAR = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]")
_ZH_BOUNDARY_WORDS = re.compile(
    r"(?:构建|组建|形成|打造|收购|投资|入股|控股|起诉|制裁|约谈|包括|联合|旗下|宣布|成立|设立|加入|支持|携手|推出|发布|"
    r"[的和与及或由将被在对向从为于是等了把让给据如其即称])$"
)
_ZH_GENERIC = re.compile(
    r"^[一二三四五六七八九十多两几数该这那各某本其子母分总新老大小]|人工智能|全球|中美|产业|行业|相关|"
    r"领域|上市|新一轮|成果|我国|国内|国际|双方|各方|多家|一些|部分|这些|一批|重点|前沿|互联网|"
    r"^科技$|性$|云服务|初创|创业|头部|龙头|国有|民营|外资|跨国|高校|高新|平台|终端"
)
_ZH_AFTER_KEJI = set("、，。；：）)》”等和与及旗")


def _zh_candidates(text: str) -> list[tuple[str, int, int]]:
    out: list[tuple[str, int, int]] = []
    for m in _ZH_SUFFIX.finditer(text):
        if m.group() == "科技" and text[m.end() : m.end() + 1] not in _ZH_AFTER_KEJI:
            continue
        start = m.start()
        while start > 0 and m.start() - start < 9 and _ZH_NAME_CHAR.match(text[start - 1]):
            if _ZH_BOUNDARY_WORDS.search(text[max(0, start - 2) : start]):
                break
            start -= 1
        stem = text[start : m.start()]
        bounded = (
            start == 0
            or not _ZH_NAME_CHAR.match(text[start - 1])
            or bool(_ZH_BOUNDARY_WORDS.search(text[max(0, start - 2) : start]))
        )
        if not bounded or not 2 <= len(stem) <= 8 or _ZH_GENERIC.search(stem):
            continue
        out.append((text[start : m.end()], start, m.end()))
    return out


def find_candidates(
    text: str, mentions: Iterable[Mention], language: str | None = None, limit: int = 30
) -> tuple[str, ...]:
    """Unknown organisation names in `text`, deduplicated, in order of appearance."""
    taken = sorted((m.start, m.end) for m in mentions)
    found: dict[str, int] = {}

    def add(name: str, start: int, end: int) -> None:
        name = name.strip(" .,'’")
        if len(name) < 3 or name in found or _overlaps(taken, start, end):
            return
        found[name] = start

    for pattern in (_EN_ORG, _EN_CUE_BEFORE, _EN_CUE_AFTER):
        for m in pattern.finditer(text):
            group = "name" if "name" in pattern.groupindex else 0
            for name, start, end in _split_joined(text, m.start(group), m.end(group)):
                tokens = [(t.group(), start + t.start()) for t in re.finditer(r"\S+", name)]
                while tokens and tokens[0][0] in _EN_STOP:
                    tokens.pop(0)
                if len(tokens) < (2 if pattern is _EN_ORG else 1):
                    continue
                first = tokens[0][1]
                name = text[first:end]
                if "'s" in name or "’s" in name or tokens[0][0].endswith("-based"):
                    continue
                add(name, first, end)
    if language == "zh" or re.search(r"[\u4e00-\u9fff]", text):
        for name, start, end in _zh_candidates(text):
            add(name, start, end)
    ordered = sorted(found.items(), key=lambda kv: kv[1])
    return tuple(name for name, _ in ordered[:limit])


_ORG_TAIL = re.compile(rf"{_ORG_END}\.?$")


def _split_joined(text: str, start: int, end: int) -> list[tuple[str, int, int]]:
    """ "Lumen Robotics and Harbor Vision Technologies" is two names; "Ministry of Industry and
    Information Technology" is one (its left part does not end in an organisation word)."""
    out: list[tuple[str, int, int]] = []
    cut = start
    for m in re.finditer(r"\s+(?:and|&)\s+", text[start:end]):
        left_end = start + m.start()
        if _ORG_TAIL.search(text, cut, left_end):
            out.append((text[cut:left_end], cut, left_end))
            cut = start + m.end()
    out.append((text[cut:end], cut, end))
    return out


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in spans)
