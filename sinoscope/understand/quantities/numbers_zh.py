"""Chinese numerals: find them in text and turn them into numbers.

Handles everyday, financial (壹贰叁) and traditional (萬億兩) numerals, Arabic digits mixed
with Chinese scales (5万4千6百, 1.2万亿, 3万4000), decimals (十点二三三), abbreviated
tails (一万三 = 13000, 两千四百五 = 2450), approximations inside a number (十余万, 一千多万,
二十几万), fractions (三分之二, 3又一千分之23), negatives (负三十二) and 兆 = 10^12.
`parse_number_zh` returns None for anything that is not a well-formed number.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from functools import lru_cache

__all__ = [
    "ZH_NUMBER_RE",
    "ZH_NUMERAL_CHARS",
    "ZhNumber",
    "normalize_zh",
    "parse_number_zh",
    "parse_zh_detail",
]

# --------------------------------------------------------------------------- normalisation
_CHAR_MAP = str.maketrans(
    {
        "萬": "万",
        "億": "亿",
        "兩": "两",
        "倆": "两",
        "貳": "贰",
        "參": "叁",
        "陸": "陆",
        "點": "点",
        "負": "负",
        "幾": "几",
        "〇": "零",
        "○": "零",
        "－": "-",
        "−": "-",
    }
)

DIGITS: dict[str, int] = {
    "零": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
    "壹": 1,
    "贰": 2,
    "弍": 2,
    "叁": 3,
    "肆": 4,
    "伍": 5,
    "陆": 6,
    "柒": 7,
    "捌": 8,
    "玖": 9,
    "幺": 1,
}
SMALL_UNITS: dict[str, int] = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
BIG_UNITS: dict[str, float] = {"万": 1e4, "亿": 1e8, "兆": 1e12}
APPROX_MARKS = "余多几来"

_ZH_DIGIT_CHARS = "".join(DIGITS) + "〇○萬億兩倆貳參陸幾點負"
_ZH_UNIT_CHARS = "".join(SMALL_UNITS) + "".join(BIG_UNITS)
ZH_NUMERAL_CHARS = _ZH_DIGIT_CHARS + _ZH_UNIT_CHARS  # the characters a numeral is made of

# A candidate run: digits (ASCII or full-width, with grouping commas and a decimal point),
# Chinese numerals, scales, 点, 余/多/几, 分之/又 and inner spaces. Validated by the parser.
_W = r"[0-9０-９]"
_NUM_CHAR = rf"(?:{_W}|[{_ZH_DIGIT_CHARS}{_ZH_UNIT_CHARS}半])"
_ARABIC_RUN = (
    r"[0-9]+(?:,[0-9]{3})+(?:[.．][0-9０-９]+)?"  # 1,234.5
    r"|[０-９]+(?:[,，][０-９]{3})+(?:[.．][0-9０-９]+)?"  # ９，９９９
    rf"|{_W}+[.．]{_W}+"  # 2.5
    rf"|(?<![.．0-9０-９]){'[.．]'}{_W}+"  # .5 (not ...9)
    rf"|{_W}+"
)
ZH_NUMBER_RE = re.compile(
    rf"""
    (?:(?<![-－−0-9０-９])[负負]|(?<![-－−0-9０-９])[-－−](?=[.．]?{_W}))?
    (?:{_ARABIC_RUN}|[{_ZH_DIGIT_CHARS}{_ZH_UNIT_CHARS}半])
    (?:
      [ \u3000]{{0,2}}(?:{_ARABIC_RUN}|[{_ZH_DIGIT_CHARS}{_ZH_UNIT_CHARS}])
      | [ \u3000]?[{APPROX_MARKS}](?=[ \u3000]?[万萬亿億千百十])
      | [ \u3000]?[点點][ \u3000]?(?=[零〇一二三四五六七八九壹贰叁肆伍陆柒捌玖0-9０-９])
      | [ \u3000]?分[ \u3000]*之[ \u3000]*(?:[负負])?(?={_NUM_CHAR})
      | [ \u3000]?又[ \u3000]?(?={_NUM_CHAR})
      | [负負](?={_NUM_CHAR})
    )*
    """,
    re.VERBOSE,
)


_SPACES = re.compile(r"\s+")


def normalize_zh(text: str) -> str:
    """Full-width to ASCII, traditional numerals to simplified, spaces removed."""
    text = unicodedata.normalize("NFKC", text).translate(_CHAR_MAP)
    return _SPACES.sub("", text)


@dataclass(frozen=True, slots=True)
class ZhNumber:
    """The value of a Chinese numeral and what it looked like."""

    value: float
    approximate: bool
    fraction: bool = False
    sequence: bool = False  # digit-by-digit reading (一九九一, 二〇二四, 三八)
    high: float | None = None  # upper end of an approximate range: 二三十 = 20 to 30


def parse_number_zh(text: str) -> float | None:
    """The value of a Chinese (or mixed) numeral, e.g. "1.2万亿" -> 1.2e12; None if invalid."""
    detail = parse_zh_detail(text)
    return None if detail is None else detail.value


@lru_cache(maxsize=2048)
def parse_zh_detail(text: str, allow_sequence: bool = True) -> ZhNumber | None:
    """The value and shape of a numeral (None if it is not one); cached, since the same
    numerals ("一", "两", "5000") come up in sentence after sentence."""
    s = normalize_zh(text)
    if not s:
        return None
    if "分之" in s:
        return _parse_fraction(s)
    negative = False
    if s[0] in "负-":
        negative, s = True, s[1:]
    if not s:
        return None
    parsed = _parse_unsigned(s, allow_sequence)
    if parsed is None or (parsed.sequence and len(s) == 2):
        ranged = _parse_range(s)
        if ranged is not None:
            parsed = ranged
    if parsed is None:
        return None
    if negative:
        parsed = replace(parsed, value=-parsed.value)
    return parsed


_NEIGHBOURS = re.compile(r"([一二两三四五六七八九])([二两三四五六七八九])")


def _parse_range(s: str) -> ZhNumber | None:
    """二三十 (20 to 30), 三五 (3 to 5), 十七八 (17 to 18), 一两 (1 to 2)."""
    m = _NEIGHBOURS.search(s)
    if not m:
        return None
    d1, d2 = DIGITS[m.group(1)], DIGITS[m.group(2)]
    if not (d1 < d2 <= d1 + 2 or (d1, d2) == (3, 5)):
        return None
    low = _parse_unsigned(s[: m.start(2)] + s[m.end(2) :], allow_sequence=False)
    high = _parse_unsigned(s[: m.start(1)] + s[m.end(1) :], allow_sequence=False)
    if low is None or high is None:
        return None
    return ZhNumber(low.value, True, high=high.value)


def _parse_fraction(s: str) -> ZhNumber | None:
    whole = 0.0
    if "又" in s:
        head, s = s.split("又", 1)
        w = _parse_signed(head)
        if w is None:
            return None
        whole = w
    denom_text, _, numer_text = s.partition("分之")
    denom = _parse_signed(denom_text) if denom_text else None
    numer = _parse_signed(numer_text) if numer_text else None
    if denom is None or numer is None or denom == 0:
        return None
    frac = numer / denom
    value = whole - frac if whole < 0 else whole + frac
    return ZhNumber(value, False, fraction=True)


def _parse_signed(s: str) -> float | None:
    negative = s.startswith(("负", "-"))
    body = s[1:] if negative else s
    parsed = _parse_unsigned(body, allow_sequence=False) if body else None
    if parsed is None:
        return None
    return -parsed.value if negative else parsed.value


_DECIMAL_DIGITS = set("零一二三四五六七八九壹贰叁肆伍陆柒捌玖0123456789")
_ARABIC = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?|\.\d+")


def _tokens(s: str) -> list[tuple[str, float]] | None:
    """Split into ("num", v) ("digit", d) ("small", u) ("big", U) ("zero", 0) ("approx", 0)."""
    out: list[tuple[str, float]] = []
    i = 0
    while i < len(s):
        ch = s[i]
        m = _ARABIC.match(s, i)
        if m:
            out.append(("num", float(m.group().replace(",", ""))))
            i = m.end()
            continue
        if ch == "零":
            out.append(("zero", 0))
        elif ch in DIGITS:
            out.append(("digit", DIGITS[ch]))
        elif ch in SMALL_UNITS:
            out.append(("small", SMALL_UNITS[ch]))
        elif ch in BIG_UNITS:
            out.append(("big", BIG_UNITS[ch]))
        elif ch in APPROX_MARKS:
            out.append(("approx", 0))
        elif ch == "半":
            out.append(("half", 0.5))
        else:
            return None
        i += 1
    return out


def _parse_unsigned(s: str, allow_sequence: bool) -> ZhNumber | None:
    int_part, dot, dec_part = s.partition("点")
    decimals = 0.0
    if dot:
        if not dec_part or any(c not in _DECIMAL_DIGITS for c in dec_part):
            return None
        digits = "".join(str(DIGITS[c]) if c in DIGITS else c for c in dec_part)
        decimals = float("0." + digits)
        if not int_part:
            return None
    toks = _tokens(int_part)
    if not toks:
        return None
    approximate = any(k == "approx" for k, _ in toks)
    toks = [t for t in toks if t[0] != "approx"]
    kinds = [k for k, _ in toks]
    # digit-by-digit readings: 一九九一, 二〇二四 (years), 三八 (as in 三八折)
    if len(toks) >= 2 and all(k in ("digit", "zero") for k in kinds):
        if not allow_sequence or dot:
            return None
        value = float("".join(str(int(v)) for _, v in toks))
        return ZhNumber(value, approximate, sequence=True)
    total = _evaluate(toks)
    if total is None:
        return None
    return ZhNumber(total + decimals, approximate)


def _evaluate(toks: list[tuple[str, float]]) -> float | None:
    total = 0.0  # value of completed big-unit blocks
    section = 0.0  # value below the current big unit
    number: float | None = None  # pending digit or Arabic number
    max_big = 0.0
    last_unit = 0.0  # the last unit seen (for abbreviated tails: 一万三, 两千四百五)
    last_kind = ""
    after_zero = False
    seen_any = False
    for kind, v in toks:
        if kind in ("digit", "num"):
            if number is not None:  # two numbers in a row: 二三十 (approximate range) etc.
                return None
            number = v
            seen_any = True
        elif kind == "half":
            if number is not None:
                return None
            number = 0.5
        elif kind == "zero":
            if number is not None:
                return None
            after_zero = True
            seen_any = True
        elif kind == "small":
            if number is None:
                if last_kind == "small":
                    return None  # 千百
                number = 1.0  # 十五, 百三, 千三
            elif last_kind == "small" and last_unit <= v:
                return None
            section += number * v
            number = None
            last_unit, after_zero = v, False
            seen_any = True
        elif kind == "big":
            block = section + (number if number is not None else 0.0)
            if not seen_any:
                return None  # 万 alone
            if block == 0:
                if last_kind != "big":
                    return None
                total *= v  # 万万, 万亿
                max_big *= v
            elif v > max_big:
                total = (total + block) * v
                max_big = v
            else:
                total += block * v
            section, number = 0.0, None
            last_unit, after_zero = v, False
        last_kind = kind
    if number is not None:
        if last_kind in ("digit",) and last_unit and not after_zero and number < 10:
            section += number * last_unit / 10  # abbreviated tail: 一万三, 两千四百五, 百三
        else:
            section += number
    if not seen_any:
        return None
    return total + section
