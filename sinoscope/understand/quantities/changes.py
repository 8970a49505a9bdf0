"""What a number says about itself: exact, about, more/less than, or a rise/fall.

`change` follows the NewsQuant convention: "~" approximate, ">"/"<" bounds, "up"/"down"
when the number is the size of a rise or fall ("rose 12%", "下降12%"); a level that is
reached ("to $84", "增至5000家") is "=". Bounds win over approximations, which win over
rises and falls ("climbed more than 3%" is ">"). The modifier words become part of the span.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .model import Candidate

__all__ = ["change_word_before", "detect_change"]

_ADV = r"(?:(?:just|well|slightly|a\s+little|far|much|only|comfortably|marginally)\s+)?"
_EN_GT = (
    r"more\s+than|greater\s+than|higher\s+than|larger\s+than|bigger\s+than|over|above|"
    r"in\s+excess\s+of|at\s+least|upwards\s+of|exceeding|exceeded|exceeds|surpassing|topping|"
    r"north\s+of|beyond|no\s+less\s+than|not\s+less\s+than|no\s+fewer\s+than|a\s+minimum\s+of"
)
_EN_LT = (
    r"less\s+than|fewer\s+than|lower\s+than|smaller\s+than|under|below|up\s+to|at\s+most|"
    r"no\s+more\s+than|not\s+more\s+than|shy\s+of|short\s+of|a\s+maximum\s+of|as\s+little\s+as|"
    r"as\s+few\s+as|sub"
)
_EN_APPROX = (
    r"about|around|roughly|approximately|approx\.|nearly|almost|close\s+to|circa|some|"
    r"an\s+estimated|estimated|or\s+so"
)
_EN_MOD = re.compile(
    rf"(?<![\w])(?P<all>{_ADV}(?:(?P<gt>{_EN_GT})|(?P<lt>{_EN_LT})|(?P<ap>{_EN_APPROX})))"
    rf"[ \t]*$|(?P<sym>[~≈<>≤≥]|>=|<=)[ \t]?$",
    re.IGNORECASE,
)
_EN_AFTER = re.compile(
    r"(?P<gt>\+|[ \t]+or\s+(?:more|higher|above|greater|over)|[ \t]*-?plus\b)"
    r"|(?P<lt>[ \t]+or\s+(?:less|fewer|lower|below|under))"
    r"|(?P<ap>[ \t]+or\s+so\b|[ \t]*-?odd\b|[ \t]+or\s+thereabouts)",
    re.IGNORECASE,
)
_UP = (
    r"rose|risen|rise|rises|rising|up|increased|increase|increases|increasing|grew|grow|grows|"
    r"growing|grown|gained|gain|gains|gaining|added|adding|adds|climbed|climb|climbs|climbing|"
    r"jumped|jump|jumps|jumping|surged|surge|surges|surging|soared|soar|soars|soaring|advanced|"
    r"advance|advances|advancing|rallied|rally|rallies|spiked|upward|upwards|expanded|"
    r"widened|accelerated|improved|rebounded|gain|hike|hiked"
)
_DOWN = (
    r"fell|fall|falls|falling|fallen|down|dropped|drop|drops|dropping|declined|decline|declines|"
    r"declining|decreased|decrease|decreases|decreasing|lost|lose|loses|losing|slid|slide|"
    r"slides|sliding|slipped|slip|slips|slipping|plunged|plunge|plunges|plunging|plummeted|"
    r"plummet|plummets|plummeting|tumbled|tumble|tumbles|tumbling|sank|sink|sinks|sunk|shed|"
    r"sheds|eased|ease|eases|easing|dipped|dip|dips|slumped|slump|slumps|cut|cuts|cutting|"
    r"shrank|shrink|shrinks|shrunk|contracted|retreated|retreat|downward|downwards|narrowed|"
    r"slowed|dropping|sliding|slumping|fallen"
)
_FILLER = (
    r"(?:(?:by|of|a\s+further|another|an\s+additional|an\s+extra|only|just|sharply|"
    r"slightly|marginally|steeply|strongly|modestly|a\s+whopping|a\s+massive|a\s+record)\s+)*"
)
_EN_CHANGE = re.compile(
    rf"(?<![\w-])(?:(?P<up>{_UP})|(?P<down>{_DOWN}))\s+{_FILLER}$"
    rf"|(?<![\w-])(?:(?P<up2>{_UP}|raised|lifted|boosted|higher)|(?P<down2>{_DOWN}|reduced|lowered|"
    rf"trimmed|slashed|lower))\s+(?:[\w']+\s+){{0,3}}by\s+{_FILLER}$",
    re.IGNORECASE,
)

# "gave up 517 yards", "set up 12 labs": a particle, not a rise
_PHRASAL = re.compile(
    r"\b(?:gave|give|gives|giving|given|set|sets|pick|picked|make|makes|made|sign|signed|take|"
    r"takes|took|taken|end|ended|open|opened|back|line|lined|put|puts|shut|turn|turned|break|"
    r"broke|build|built|come|came|sum|summed|step|stepped|mark|marked|shot|sit|sat|slow|slowed|"
    r"wind|wound|cool|cooled|calm|calmed|hold|held|bottom|bottomed|track|tracked)\s+$",
    re.IGNORECASE,
)

_ZH_GT = r"超过|超出|超|逾|多于|高于|大于|不少于|不低于|至少|最少|起码|以上"
_ZH_LT = r"不到|不足|少于|低于|小于|不超过|不高于|最多|至多|最高"
_ZH_AP = r"约为|大约|约|将近|接近|近乎|近|大概|预计|估计|预估|大致"
_ZH_MOD = re.compile(rf"(?:(?P<gt>{_ZH_GT})|(?P<lt>{_ZH_LT})|(?P<ap>{_ZH_AP}))(?:了|有|达|为)?\s*$")
_ZH_AFTER = re.compile(
    r"\s*(?:(?P<gt>以上|之上|有余)|(?P<lt>以下|以内|之内)|(?P<ap>左右|上下|前后))"
)
_ZH_UP = (
    r"同比增长|环比增长|同比增加|同比上升|同比提高|增长了?|增加了?|上升了?|提高了?|提升了?|上涨了?|"
    r"扩大了?|攀升了?|跃升了?|飙升了?|猛增|大增|增幅为?|增速为?|涨幅为?|增|涨了?|升了?|多了"
)
_ZH_DOWN = (
    r"同比下降|环比下降|同比减少|同比下滑|下降了?|减少了?|下跌了?|降低了?|下滑了?|回落了?|缩小了?|"
    r"萎缩了?|缩水了?|降幅为?|跌幅为?|减了?|跌了?|降了?|少了"
)
_ZH_CHANGE = re.compile(rf"(?:(?P<up>{_ZH_UP})|(?P<down>{_ZH_DOWN}))\s*$")


def change_word_before(before: str) -> bool:
    """Does an English rise/fall word ("rose", "cut … by") end `before`?"""
    return _EN_CHANGE.search(before) is not None


def detect_change(text: str, c: Candidate, language: str) -> None:
    """Set c.change from the words around the number ("more than", "超过", "rose", "下降")."""
    if language == "zh":
        _detect_zh(text, c)
    else:
        _detect_en(text, c)


def _detect_en(text: str, c: Candidate) -> None:
    if c.change in ("up", "down") and c.kind == "multiplier":
        return
    anchor = c.tail_start if c.movement and c.tail_start >= 0 else c.start
    before = text[max(0, anchor - 60) : anchor]
    m = _EN_MOD.search(before)
    if m and not (m.group("gt") and m.group("gt").lower() == "over" and c.kind == "duration"):
        mod = (m.group("gt") or m.group("lt") or m.group("ap") or m.group("sym") or "").lower()
        if m.group("gt") or m.group("sym") in (">", "≥", ">="):
            c.change = ">"
        elif m.group("lt") or m.group("sym") in ("<", "≤", "<="):
            c.change = "<"
        elif mod != "some" or re.search(r"\bsome\s*$", before):
            c.change = "~"
        return
    if c.change == "<":  # set by "sub-7"
        return
    a = _EN_AFTER.match(text, c.end)
    if a:
        c.change = ">" if a.group("gt") else "<" if a.group("lt") else "~"
        if a.group("ap"):
            c.approximate = True
        return
    if c.approximate and c.vague:
        return
    if c.sign == "+":
        c.change = "up"
        return
    if c.movement:
        return  # "jumped from 240 to 273": two levels, not the size of a rise
    m = _EN_CHANGE.search(before)
    if m and not _PHRASAL.search(before[: m.start()]):
        c.change = "up" if (m.group("up") or m.group("up2")) else "down"


def _detect_zh(text: str, c: Candidate) -> None:
    if c.change in ("up", "down") and c.kind == "multiplier":
        return
    anchor = c.tail_start if c.movement and c.tail_start >= 0 else c.start
    before = text[max(0, anchor - 12) : anchor]
    m = _ZH_MOD.search(before)
    if m:
        c.change = ">" if m.group("gt") else "<" if m.group("lt") else "~"
        return
    a = _ZH_AFTER.match(text, c.end)
    if a:
        c.change = ">" if a.group("gt") else "<" if a.group("lt") else "~"
        return
    if c.change != "=" or c.movement:
        return  # 余/多 inside the number already said ">"; 从…增至… is two levels
    m = _ZH_CHANGE.search(before)
    if m:
        c.change = "up" if m.group("up") else "down"
