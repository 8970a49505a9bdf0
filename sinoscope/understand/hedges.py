"""Hedges: the words that put a claim in doubt, in English and Chinese.

A hedge is *epistemic doubt* about what a sentence states, not imprecision of a number:

- hearsay — second-hand or unconfirmed: reportedly, allegedly, it is said, is believed to,
  rumoured, people familiar with the matter, unverified, could not be independently verified,
  unconfirmed, claimed; 据悉, 据称, 据传, 据报道, 传闻, 未经证实, 无法核实;
- possibility: may, might, could, possibly, perhaps, probably, appears to, seems to;
  或将, 可能, 或许, 也许, 疑似, 似乎;
- estimate — inference and estimates: suggests, estimated, estimates; 估计, 估算, 测算, 推算;
- doubt — doubt and dissent: experts question/doubt, cast doubt, question whether, sceptics,
  it remains unclear, remains to be seen, uncertain, disputed, unrealistic, inflated;
  质疑, 怀疑, 存疑, 尚不清楚, 有待观察, 不确定, 难以实现, 难度较大, 不容低估;
- opinion — the judgement of unnamed experts: analysts believe, experts argue/warn/caution;
  业内人士认为, 专家认为, 分析人士认为, 有观点认为.

Not hedges: approximations (about, nearly, roughly, around, 约, 近, 左右 — the quantity's
`change`/`approximate` already says so) and expectations or plans (expected to, forecast,
will, 预计, 有望, 将 — they make a statement forward-looking, which the claim's kind and
TimeRef carry; 有望 "is expected to" was judged an expectation, not doubt).

Phrases are matched with one Aho-Corasick automaton per language (English lowercased, on word
boundaries; "May" with a capital is the month and never a hedge); overlaps keep the longest.
`find_hedges` returns them in order; `hedge_text` joins the distinct ones for `Claim.hedge`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import product

import ahocorasick

__all__ = ["HEDGES_EN", "HEDGES_ZH", "Hedge", "find_hedges", "hedge_text"]


@dataclass(frozen=True, slots=True)
class Hedge:
    text: str
    start: int
    end: int
    kind: str  # "hearsay", "possibility", "estimate", "doubt", "opinion"


def _phrases(*parts: str) -> list[str]:
    """ "a|b c|d" -> every combination: "a c", "a d", "b c", "b d"."""
    choices = [p.split("|") for p in parts]
    return [" ".join(w for w in combo if w) for combo in product(*choices)]


_EXPERTS = (
    "analyst|analysts|expert|experts|economist|economists|observer|observers|critic|critics|"
    "sceptics|skeptics|scholars|researchers|insiders|some|many|others"
)
HEDGES_EN: dict[str, list[str]] = {
    "hearsay": [
        "reportedly", "allegedly", "purportedly", "supposedly", "ostensibly", "rumoured",
        "rumored", "rumours", "rumors", "rumour", "rumor", "it is said", "claimed",
        *_phrases("is|are|was|were", "said|believed|thought|understood|rumoured|rumored", "to"),
        *_phrases("people", "familiar", "with", "the", "matter|plans|plan|situation|talks"),
        "unnamed source", "unnamed sources", "anonymous source", "anonymous sources",
        *_phrases("could not|cannot|can not|couldn't|could n't", "be", "independently|",
                  "verified|confirmed"),
        "could not independently verify", "not independently verified", "unverified",
        "unconfirmed",
    ],
    "doubt": [
        *_phrases(_EXPERTS, "have|", "questioned|question|doubt|doubted"),
        *_phrases("cast|casts|casting|raised|raise|raises|raising", "doubt|doubts"),
        *_phrases("doubt|doubts", "about|over|whether"),
        *_phrases("question|questions|questioned", "whether"),
        *_phrases("question|questions|questioned", "the", "feasibility|accuracy|reliability"),
        "sceptical", "sceptics", "skeptical", "skeptics", "doubtful", "questionable",
        "disputed", "contested", "unclear", "remains to be seen", "uncertain", "uncertainty",
        "far-fetched", "unrealistic", "overstated", "overstates", "inflated",
    ],
    "opinion": _phrases(
        _EXPERTS,
        "believe|believes|think|thinks|reckon|reckons|argue|argues|argued|suspect|suspects|"
        "caution|cautions|cautioned|warn|warns|warned",
    ),
    "possibility": [
        "may", "might", "could", "possibly", "perhaps", "probably",
        *_phrases("appear|appears|appeared|seem|seems|seemed", "to"),
    ],
    "estimate": ["suggest", "suggests", "suggested", "suggesting", "estimate", "estimated",
                 "estimates"],
}  # fmt: skip

_EXPERTS_ZH = (
    "专家|业内人士|分析人士|分析师|学者|经济学家|观察人士|市场人士|投资人士|从业者|研究人员|有分析|"
    "有观点|知情人士|批评者"
)
HEDGES_ZH: dict[str, list[str]] = {
    "hearsay": ["据悉", "据称", "据传", "据报道", "传闻", "传言", "坊间", "未经证实", "尚未证实",
                "有待证实", "无法核实", "无法独立核实", "无法证实", "不能核实", "知情人士称"],
    "doubt": ["质疑", "怀疑", "存疑", "尚不清楚", "尚不明确", "有待观察", "有待验证", "不确定",
              "难以实现", "难以达到", "难以完成", "难度较大", "难度不小", "不容低估", "打问号",
              "存在争议", "有争议", "被高估", "高估了"],
    "possibility": ["或将", "或许", "也许", "可能", "疑似", "似乎", "恐将", "恐怕", "大概率",
                    "或有"],
    "estimate": ["据估计", "估计", "估算", "测算", "推算", "预估"],
}  # fmt: skip
# "业内人士认为", "专家普遍认为": an unnamed group, up to four characters, a judging verb
_OPINION_ZH = re.compile(rf"(?:{_EXPERTS_ZH})[^，。；：]{{0,4}}?(?:认为|判断|担忧|担心)")


def _automaton(table: dict[str, list[str]]) -> ahocorasick.Automaton:
    automaton = ahocorasick.Automaton()
    for kind, phrases in table.items():
        for phrase in phrases:
            automaton.add_word(phrase, (len(phrase), kind))
    automaton.make_automaton()
    return automaton


_EN = _automaton(HEDGES_EN)
_ZH = _automaton(HEDGES_ZH)
_CJK = re.compile(r"[\u4e00-\u9fff]")


def _word(ch: str) -> bool:
    return ch.isascii() and (ch.isalnum() or ch == "'")


def find_hedges(text: str, language: str = "en", offset: int = 0) -> list[Hedge]:
    """Hedge phrases in `text` (offsets + `offset`), in order. English phrases are looked for
    in any text (quoted English), Chinese ones where CJK characters occur."""
    found: list[tuple[int, int, str]] = []
    low = text.lower()
    for end_index, (length, kind) in _EN.iter(low):
        start, end = end_index - length + 1, end_index + 1
        if (start > 0 and _word(low[start - 1])) or (end < len(low) and _word(low[end])):
            continue
        if text[start:end] == "May" or (low[start:end] == "may" and _digit_follows(low, end)):
            continue  # the month
        found.append((start, end, kind))
    if language == "zh" or _CJK.search(text):
        for end_index, (length, kind) in _ZH.iter(text):
            found.append((end_index - length + 1, end_index + 1, kind))
        found.extend((m.start(), m.end(), "opinion") for m in _OPINION_ZH.finditer(text))
    found.sort(key=lambda f: (f[0], -(f[1] - f[0])))
    out: list[Hedge] = []
    last_end = -1
    for start, end, kind in found:
        if start < last_end:
            continue  # inside a longer hedge already taken
        out.append(Hedge(text[start:end], start + offset, end + offset, kind))
        last_end = end
    return out


def _digit_follows(low: str, end: int) -> bool:
    return bool(re.match(r"\s*\d", low[end : end + 4]))


def hedge_text(hedges: list[Hedge]) -> str | None:
    """ "reportedly, could" — the distinct hedge phrases as written, or None."""
    seen: dict[str, None] = {}
    for h in hedges:
        seen.setdefault(h.text, None)
    return ", ".join(seen) or None
