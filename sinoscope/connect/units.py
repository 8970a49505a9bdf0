"""Unit normalisation: a claim's Quantity expressed in a metric's canonical unit.

    normalize(quantity, "companies")   # "4,500家" / "4,500 AI firms" -> 4500 companies
    normalize(quantity, "yuan")        # "3440亿元" / "344 billion yuan" -> 3.44e11 yuan
    normalize(quantity, "EFLOPS")      # "246 EFLOPS", "2.3百亿亿次/秒", "1,500 PFLOPS"
    normalize(quantity, "people")      # "2.49亿人", "249 million users" -> 2.49e8 people

The quantities extractor has already applied scale words (万, 亿, million, billion), so values
arrive in plain units; this module only checks that the unit fits the metric and converts
within a family (PFLOPS -> EFLOPS, FLOPS written as 百亿亿次 -> EFLOPS). Families:

- counts ("companies", "services", "people", "patents", "models", "racks"): the English head
  noun ("AI companies" -> "companies") or the Chinese measure word / noun ("家", "家企业",
  "名用户", "件", "款") must be one the metric accepts. A bare number with no unit is accepted
  for a count metric (the claim matched the metric, "the number of AI companies reached 4,500");
- money ("yuan", "USD", or "currency" = any): by ISO code. Currencies are converted ONLY with
  an explicit `FixedRates` table passed in (documented rates, e.g. an annual average); without
  one, a dollar figure does not fit a yuan metric;
- percent ("percent"): "%", "percent", "per cent" (not "percentage points", which is a change);
- compute ("EFLOPS"): EFLOPS (1e18 FLOPS), PFLOPS (1e-3 EFLOPS), ZFLOPS, TFLOPS, and FLOPS
  counted as 次 with a scale of at least 亿亿 (1e16).

`NormalizedValue.interval` turns the value and its change into the span it asserts:
"=" a point, "~" a point read with a wider tolerance, ">" ("more than", "超过", "余") a lower
bound, "<" an upper bound, a range [low, high]. Open bounds are closed at `open_margin`
(25%) so that "more than 100" does not agree with 4,500.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from ..records import Quantity

__all__ = [
    "CHANGES_OF_LEVEL",
    "FixedRates",
    "Interval",
    "NormalizedValue",
    "canonical_unit",
    "describe_value",
    "format_number",
    "normalize",
    "normalize_free",
]

CHANGES_OF_LEVEL = ("=", "~", ">", "<")  # "up"/"down" are increments, not levels

# metric unit -> (English head nouns, Chinese measure words and nouns)
_COUNT_UNITS: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "companies": (
        frozenset(
            "companies company firms firm enterprises enterprise businesses startups".split()
        ),
        frozenset({"家", "家企业", "家公司", "企业", "公司", "户", "户企业"}),
    ),
    "people": (
        frozenset("people persons person users user individuals netizens".split()),
        frozenset({"人", "名", "用户", "名用户", "个用户", "位用户", "网民", "位", "人次"}),
    ),
    "patents": (
        frozenset("patents patent families applications filings inventions".split()),
        frozenset({"件", "项", "个", "件专利", "项专利", "个专利族", "专利", "专利族"}),
    ),
    "models": (
        frozenset("models model llms".split()),
        frozenset({"个", "款", "种", "个大模型", "款大模型", "大模型", "模型"}),
    ),
    "services": (
        frozenset("services service models products applications apps".split()),
        frozenset({"款", "个", "项", "款服务", "个服务", "项服务", "服务", "款产品"}),
    ),
    "racks": (
        frozenset("racks rack".split()),
        frozenset({"架", "个", "标准机架", "机架", "个标准机架", "万架"}),
    ),
}
_GENERIC_MEASURES = frozenset({"个", "项", "款", "种", "名", "位", "件", "人次"})  # count anything
_COUNT_ALIASES = {"enterprises": "companies", "firms": "companies", "users": "people"}

_CURRENCY_WORDS = {
    "yuan": "CNY",
    "rmb": "CNY",
    "renminbi": "CNY",
    "cny": "CNY",
    "元": "CNY",
    "人民币": "CNY",
    "dollar": "USD",
    "dollars": "USD",
    "usd": "USD",
    "us$": "USD",
    "美元": "USD",
    "euro": "EUR",
    "euros": "EUR",
    "eur": "EUR",
}
# metric unit -> the ISO code it holds (None: any currency, "currency" in metrics.toml)
_MONEY_UNITS: dict[str, str | None] = {
    "yuan": "CNY",
    "cny": "CNY",
    "rmb": "CNY",
    "usd": "USD",
    "dollar": "USD",
    "dollars": "USD",
    "eur": "EUR",
    "currency": None,
}
_PERCENT_UNITS = frozenset({"%", "percent", "per cent", "pct", "％", "percentage"})
_PERCENT_METRIC = frozenset({"percent", "%", "share", "rate"})
_FLOPS = re.compile(r"^(?P<prefix>[kmgtpez]|kilo|mega|giga|tera|peta|exa|zetta)?flops?$")
_FLOPS_PREFIX = {
    "": 1e-18,
    "k": 1e-15,
    "kilo": 1e-15,
    "m": 1e-12,
    "mega": 1e-12,
    "g": 1e-9,
    "giga": 1e-9,
    "t": 1e-6,
    "tera": 1e-6,
    "p": 1e-3,
    "peta": 1e-3,
    "e": 1.0,
    "exa": 1.0,
    "z": 1e3,
    "zetta": 1e3,
}
_TIMES_UNITS = frozenset({"次", "次/秒", "次每秒", "次 per second", "次浮点运算", "次/s"})
_CJK = re.compile(r"[\u3400-\u9fff]")
_MIN_FLOPS_SCALE = 1e16  # 亿亿: "230百亿亿次" is 2.3e20 FLOPS; "3次" is not compute


@dataclass(frozen=True, slots=True)
class FixedRates:
    """A documented, fixed currency table: `per_unit[code]` is the value of one unit of `code`
    in `base` (e.g. base "CNY", per_unit {"USD": 7.19} for a 2024 annual average).

    Nothing is converted unless such a table is passed in; `note` says where the rates come
    from so that charts and summaries can cite them.
    """

    base: str
    per_unit: Mapping[str, float] = field(default_factory=dict)
    note: str = ""

    def rate(self, from_code: str, to_code: str) -> float | None:
        """How many `to_code` one `from_code` is worth, or None when a rate is missing."""
        if from_code == to_code:
            return 1.0
        src = 1.0 if from_code == self.base else self.per_unit.get(from_code)
        dst = 1.0 if to_code == self.base else self.per_unit.get(to_code)
        if not src or not dst:
            return None
        return src / dst


@dataclass(frozen=True, slots=True)
class Interval:
    """A closed span of values; `lo` may equal `hi` (a point)."""

    lo: float
    hi: float

    def widened(self, relative: float, absolute: float = 0.0) -> Interval:
        pad_lo = max(abs(self.lo) * relative, absolute)
        pad_hi = max(abs(self.hi) * relative, absolute)
        return Interval(self.lo - pad_lo, self.hi + pad_hi)

    def overlaps(self, other: Interval) -> bool:
        return self.lo <= other.hi and other.lo <= self.hi


@dataclass(frozen=True, slots=True)
class NormalizedValue:
    """A quantity in a canonical unit. `comparable_key` says what may be compared with what:
    "count:companies", "money:CNY", "percent", "compute:EFLOPS"."""

    value: float
    unit: str
    comparable_key: str
    change: str = "="
    low: float | None = None
    high: float | None = None

    def interval(self, open_margin: float = 0.25) -> Interval:
        """The span of values the quantity asserts (see the module doc)."""
        if self.low is not None and self.high is not None:
            return Interval(min(self.low, self.high), max(self.low, self.high))
        v = self.value
        if self.change == ">":
            return Interval(v, v + abs(v) * open_margin)
        if self.change == "<":
            return Interval(v - abs(v) * open_margin, v)
        return Interval(v, v)


def canonical_unit(metric_unit: str) -> str:
    """The family key of a metric unit: "count:companies", "money:CNY", "money:*", "percent",
    "compute:EFLOPS", or "other:<unit>" for units this module does not know."""
    unit = metric_unit.strip().lower()
    unit = _COUNT_ALIASES.get(unit, unit)
    if unit in _COUNT_UNITS:
        return "count:" + unit
    if unit in _MONEY_UNITS:
        code = _MONEY_UNITS[unit]
        return f"money:{code or '*'}"
    if unit in _PERCENT_METRIC:
        return "percent"
    if _FLOPS.match(unit):
        return "compute:EFLOPS"
    return f"other:{unit}"


def normalize(
    quantity: Quantity, metric_unit: str, rates: FixedRates | None = None
) -> NormalizedValue | None:
    """`quantity` in the canonical unit of `metric_unit`, or None when it does not fit.

    The change ("=", "~", ">", "<", "up", "down") and range are carried over, scaled like the
    value; callers decide what to do with increments ("up"/"down").
    """
    key = canonical_unit(metric_unit)
    family, _, name = key.partition(":")
    factor: float | None
    unit_out = metric_unit
    if family == "count":
        factor = 1.0 if _count_fits(quantity, name) else None
        unit_out = name
    elif family == "money":
        code = _currency_of(quantity)
        if code is None:
            return None
        if name == "*":
            factor, unit_out, key = 1.0, code, f"money:{code}"
        else:
            factor = _convert(code, name, rates)
    elif family == "percent":
        factor = 1.0 if _is_percent(quantity) else None
        unit_out = "percent"
    elif family == "compute":
        factor = _eflops_factor(quantity)
        unit_out = "EFLOPS"
    else:
        factor = 1.0 if quantity.unit.strip().lower() == name else None
    if factor is None:
        return None
    return _scaled(quantity, factor, unit_out, key)


def normalize_free(quantity: Quantity, rates: FixedRates | None = None) -> NormalizedValue | None:
    """`quantity` in a canonical unit of its own family, for claims without a beat metric:
    money in its ISO code (or `rates.base` when a rate is known), percent, EFLOPS, or a count
    keyed by its head noun ("count:companies", "count:家"). None for durations, ranks,
    multipliers and bare numbers."""
    if quantity.kind in ("duration", "rank", "multiplier"):
        return None
    code = _currency_of(quantity)
    if code is not None:
        to_base = rates.rate(code, rates.base) if rates is not None else None
        if rates is not None and to_base is not None:
            return _scaled(quantity, to_base, rates.base, f"money:{rates.base}")
        return _scaled(quantity, 1.0, code, f"money:{code}")
    if _is_percent(quantity):
        return _scaled(quantity, 1.0, "percent", "percent")
    eflops = _eflops_factor(quantity)
    if eflops is not None:
        return _scaled(quantity, eflops, "EFLOPS", "compute:EFLOPS")
    head = _head_noun(quantity.unit)
    if not head:
        return None
    for name, (en, zh) in _COUNT_UNITS.items():
        if head in en or (head in zh and head not in _GENERIC_MEASURES):
            return _scaled(quantity, 1.0, name, f"count:{name}")
    return _scaled(quantity, 1.0, head, f"count:{head}")


_CHANGE_WORDS = {">": "more than ", "<": "less than ", "~": "about "}
_SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£"}
_SCALES = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))


def format_number(value: float) -> str:
    """ "4,500", "2.49", "138.7", "0.0315": thousands separators, four significant digits."""
    if value == int(value) and abs(value) < 1e15:
        return f"{int(value):,}"
    digits = max(0, 3 - math.floor(math.log10(abs(value)))) if value else 0
    return f"{value:,.{digits}f}".rstrip("0").rstrip(".")


def describe_value(value: float, unit: str, change: str = "=") -> str:
    """A value for people: "more than 4,500 companies", "$1.6 billion", "344 billion yuan",
    "90%", "about 246 EFLOPS", "249 million people"."""
    prefix = _CHANGE_WORDS.get(change, "")
    code = unit.upper()
    number = format_number(value)
    if abs(value) >= 1e6:
        for size, word in _SCALES:
            if abs(value) >= size:
                number = f"{format_number(value / size)} {word}"
                break
    if unit == "percent":
        return f"{prefix}{number}%"
    if code in _SYMBOLS:
        return f"{prefix}{_SYMBOLS[code]}{number}"
    if code == "CNY":
        return f"{prefix}{number} yuan"
    return f"{prefix}{number} {unit}".rstrip()


# ------------------------------------------------------------------------------------ helpers
def _scaled(quantity: Quantity, factor: float, unit: str, key: str) -> NormalizedValue:
    def scale(x: float | None) -> float | None:
        return None if x is None else x * factor

    return NormalizedValue(
        value=quantity.value * factor,
        unit=unit,
        comparable_key=key,
        change=quantity.change,
        low=scale(quantity.low),
        high=scale(quantity.high),
    )


def _head_noun(unit: str) -> str:
    """The counted noun: English last word ("AI-related companies" -> "companies"), or the
    Chinese unit as written ("家企业")."""
    text = unit.strip().lower()
    if not text:
        return ""
    if _CJK.search(text):
        return text.replace(" ", "")
    words = re.findall(r"[a-z]+", text)
    return words[-1] if words else ""


def _count_fits(quantity: Quantity, name: str) -> bool:
    if quantity.kind in ("money", "percent", "duration", "rank", "multiplier", "measure"):
        return False
    if quantity.currency:
        return False
    unit = quantity.unit.strip()
    if not unit:
        return quantity.kind in ("number", "count")
    en, zh = _COUNT_UNITS[name]
    head = _head_noun(unit)
    if head in en or head in zh:
        return True
    # a Chinese measure word followed by a noun: "家人工智能企业" -> "家" fits companies
    return bool(_CJK.match(head)) and head[0] in zh


def _currency_of(quantity: Quantity) -> str | None:
    if quantity.currency:
        return quantity.currency.upper()
    if quantity.kind != "money":
        return None
    return _CURRENCY_WORDS.get(quantity.unit.strip().lower())


def _convert(code: str, target: str, rates: FixedRates | None) -> float | None:
    if code == target:
        return 1.0
    if rates is None:
        return None
    return rates.rate(code, target)


def _is_percent(quantity: Quantity) -> bool:
    unit = quantity.unit.strip().lower()
    if "point" in unit or unit in ("个百分点", "百分点"):
        return False
    return quantity.kind == "percent" or unit in _PERCENT_UNITS


def _eflops_factor(quantity: Quantity) -> float | None:
    """Multiplier from the quantity's unit to EFLOPS, or None when it is not compute."""
    unit = quantity.unit.strip()
    low = unit.lower().replace(" ", "")
    match = _FLOPS.match(low)
    if match:
        return _FLOPS_PREFIX[match.group("prefix") or ""]
    if (
        unit in _TIMES_UNITS
        and quantity.scale >= _MIN_FLOPS_SCALE
        and math.isfinite(quantity.value)
    ):
        return 1e-18
    return None
