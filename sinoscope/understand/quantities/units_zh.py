"""Chinese unit, measure-word and currency lexicons (compiled once at import)."""

from __future__ import annotations

import re

from .units import Currency, unit_lookup

__all__ = ["ZH_CLASSIFIERS", "ZH_CURRENCY_RE", "ZH_UNIT_RE", "zh_currency", "zh_unit"]

_ZH_CURRENCIES: dict[str, tuple[str | None, str]] = {
    "元人民币": ("CNY", "yuan"),
    "人民币元": ("CNY", "yuan"),
    "人民币": ("CNY", "yuan"),
    "元": ("CNY", "yuan"),
    "块钱": ("CNY", "yuan"),
    "美元": ("USD", "dollar"),
    "美金": ("USD", "dollar"),
    "美圆": ("USD", "dollar"),
    "美刀": ("USD", "dollar"),
    "欧元": ("EUR", "euro"),
    "日元": ("JPY", "yen"),
    "英镑": ("GBP", "pound sterling"),
    "港元": ("HKD", "hong kong dollar"),
    "港币": ("HKD", "hong kong dollar"),
    "澳元": ("AUD", "australian dollar"),
    "加元": ("CAD", "canadian dollar"),
    "新台币": ("TWD", "new taiwan dollar"),
    "台币": ("TWD", "new taiwan dollar"),
    "新加坡元": ("SGD", "singapore dollar"),
    "韩元": ("KRW", "won"),
    "卢布": ("RUB", "rouble"),
    "瑞士法郎": ("CHF", "swiss franc"),
    "法郎": (None, "franc"),
    "卢比": ("INR", "rupee"),
    "奈拉": ("NGN", "naira"),
    "林吉特": ("MYR", "malaysian ringgit"),
    "泰铢": ("THB", "baht"),
    "比特币": ("BTC", "bitcoin"),
    "美分": (None, "cent"),
}
ZH_CURRENCY_RE = re.compile(
    "(?:" + "|".join(sorted(map(re.escape, _ZH_CURRENCIES), key=len, reverse=True)) + ")"
)

# Chinese unit -> (canonical, kind); measure words (classifiers) keep their characters
_ZH_UNITS: dict[str, tuple[str, str]] = {
    "个百分点": ("percentage point", "percent"),
    "百分点": ("percentage point", "percent"),
    "%": ("percent", "percent"),
    "纳米": ("nm", "measure"),
    "微米": ("μm", "measure"),
    "毫米": ("mm", "measure"),
    "厘米": ("cm", "measure"),
    "公里": ("km", "measure"),
    "千米": ("km", "measure"),
    "米": ("m", "measure"),
    "英里": ("mile", "measure"),
    "英尺": ("foot", "measure"),
    "英寸": ("inch", "measure"),
    "平方公里": ("square kilometre", "measure"),
    "平方千米": ("square kilometre", "measure"),
    "平方米": ("square metre", "measure"),
    "立方米": ("cubic metre", "measure"),
    "亩": ("mu", "measure"),
    "公顷": ("hectare", "measure"),
    "吨": ("tonne", "measure"),
    "千克": ("kg", "measure"),
    "公斤": ("kg", "measure"),
    "毫克": ("mg", "measure"),
    "克": ("g", "measure"),
    "斤": ("jin", "measure"),
    "毫升": ("ml", "measure"),
    "升": ("litre", "measure"),
    "千瓦时": ("kWh", "measure"),
    "兆瓦时": ("MWh", "measure"),
    "千瓦": ("kW", "measure"),
    "兆瓦": ("MW", "measure"),
    "吉瓦": ("GW", "measure"),
    "瓦": ("W", "measure"),
    "度电": ("kWh", "measure"),
    "摄氏度": ("°C", "measure"),
    "伏": ("V", "measure"),
    "毫安时": ("mAh", "measure"),
    "赫兹": ("Hz", "measure"),
    "字节": ("byte", "measure"),
    "比特": ("bit", "measure"),
    "桶": ("barrel", "measure"),
    "倍": ("times", "multiplier"),
    "岁": ("years old", "age"),
    "周岁": ("years old", "age"),
    "毫秒": ("millisecond", "duration"),
    "秒钟": ("second", "duration"),
    "秒": ("second", "duration"),
    "分钟": ("minute", "duration"),
    "个小时": ("hour", "duration"),
    "小时": ("hour", "duration"),
    "个工作日": ("day", "duration"),
    "天": ("day", "duration"),
    "周": ("week", "duration"),
    "个星期": ("week", "duration"),
    "星期": ("week", "duration"),
    "个月": ("month", "duration"),
    "年": ("year", "duration"),
    "年间": ("year", "duration"),
    "个季度": ("quarter", "duration"),
    "世纪": ("century", "duration"),
}
# measure words: a count of things (家 companies, 名 people …)
ZH_CLASSIFIERS = (
    "家 个 名 位 人次 人 台 部 款 项 件 颗 枚 座 所 条 套 辆 架 艘 只 张 篇 本 种 类 次 份 批 片 "
    "户 例 起 轮 场 层 栋 间 处 段 笔 组 支 对 双 打 粒 根 首 集 门 国 省 城 座 块 卡 株 头 匹 "
    "亿人 万人 人口"
).split()
_LATIN_UNITS = (
    "EFLOPS|PFLOPS|TFLOPS|EFlops|PFlops|TFlops|FLOPS|TOPS|GB|TB|PB|MB|nm|mm|cm|km|kg|kWh|MWh|"
    "GWh|TWh|kW|MW|GW|GHz|MHz|Hz|mAh|W|m|g|t|P|E"
)
ZH_UNIT_RE = re.compile(
    "(?:"
    + "|".join(sorted(map(re.escape, [*_ZH_UNITS, *ZH_CLASSIFIERS]), key=len, reverse=True))
    + rf"|(?:{_LATIN_UNITS})(?![A-Za-z])"
    + ")"
)


def zh_unit(surface: str) -> tuple[str, str]:
    """(canonical unit, kind) of a matched Chinese unit string."""
    if surface in _ZH_UNITS:
        return _ZH_UNITS[surface]
    if surface in ZH_CLASSIFIERS:
        return surface, "count"
    if surface in ("P", "E"):
        return surface + "FLOPS", "measure"
    _canonical, kind = unit_lookup(surface)
    return surface, kind


def zh_currency(surface: str) -> Currency:
    iso, name = _ZH_CURRENCIES[surface]
    return Currency(iso, name)
