"""Chinese quantity extraction and numeral parsing, on sentences written for these tests."""

from __future__ import annotations

import cn2an
import pytest

from sinoscope.records import Quantity
from sinoscope.understand.quantities import (
    extract_numbers,
    extract_quantities,
    extract_times,
    parse_number_zh,
)


def only(text: str) -> Quantity:
    found = extract_quantities(text, "zh")
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("text", "value", "unit", "change", "kind"),
    [
        ("全市软件企业超过4500家。", 4500, "家", ">", "count"),
        ("该行业规模近6000亿元。", 6e11, "yuan", "~", "money"),
        ("专项基金总额1.2万亿元。", 1.2e12, "yuan", "=", "money"),
        ("园区已入驻三千五百家企业。", 3500, "家企业", "=", "count"),
        ("普及率达到百分之七十。", 70, "%", "=", "percent"),
        ("目前已有5000余家。", 5000, "家", ">", "count"),
        ("研发人员约3000人。", 3000, "人", "~", "count"),
        ("参会代表2000人左右。", 2000, "人", "~", "count"),
        ("出货量同比下降12%。", 12, "%", "down", "percent"),
        ("营收同比增长8.5%。", 8.5, "%", "up", "percent"),
        ("毛利率提高了3个百分点。", 3, "percentage points", "up", "percent"),
        ("企业数量增至5000家。", 5000, "家", "=", "count"),
        ("芯片采用7纳米工艺。", 7, "nm", "=", "measure"),
        ("项目将在3年内完成。", 3, "year", "=", "duration"),
        ("九成受访者表示支持。", 90, "%", "=", "percent"),
        ("新品首发打八五折。", 85, "%", "=", "percent"),
        ("公司融资1200亿美元。", 1.2e11, "dollar", "=", "money"),
        ("每股作价1.95港元。", 1.95, "hong kong dollar", "=", "money"),
        ("罚款100欧元。", 100, "euro", "=", "money"),
        ("订单金额为5306亿台币。", 5.306e11, "new taiwan dollar", "=", "money"),
        ("产能不足两百万台。", 2e6, "台", "<", "count"),
    ],
)
def test_single_quantity(text: str, value: float, unit: str, change: str, kind: str) -> None:
    q = only(text)
    assert q.value == pytest.approx(value)
    assert (q.unit, q.change, q.kind) == (unit, change, kind)
    assert text[q.start : q.end] == q.text


def test_money_carries_iso_codes() -> None:
    assert only("投资1200亿美元。").currency == "USD"
    assert only("注册资本3440亿元人民币。").currency == "CNY"
    assert only("价格为￥300。").currency == "CNY"


def test_two_quantities_and_a_year() -> None:
    found = extract_quantities("2023年，全国新增人工智能企业800家，投资超过1200亿元。", "zh")
    assert [(q.value, q.unit, q.change) for q in found] == [(800, "家", "="), (1.2e11, "yuan", ">")]


def test_from_to_movement() -> None:
    q = only("企业数量从1400多家增长到5000余家。")
    assert (q.low, q.high, q.value, q.change) == (1400, 5000, 5000, ">")


def test_plain_range_and_vague_range() -> None:
    q = only("预计投资3至5亿元。")
    assert (q.low, q.high, q.unit) == (3e8, 5e8, "yuan")
    q = only("现场来了二三十家媒体。")
    assert (q.low, q.high, q.unit, q.change) == (20, 30, "家", "~")


def test_fraction_and_multipliers() -> None:
    assert only("三分之二的企业已上云。").value == pytest.approx(2 / 3)
    q = only("出口额翻了一番。")
    assert (q.value, q.kind, q.change) == (2, "multiplier", "up")
    assert only("产值翻两番。").value == 4
    assert only("销量是去年的3倍。").unit == "times"


def test_not_quantities() -> None:
    for text in [
        "这是第三次会议。",
        "一切都在按计划进行。",
        "十四五规划提出了新目标。",
        "三星和百度都发布了新产品。",
        "英伟达H20芯片和DeepSeek-V3模型受到关注。",
        "会议于2024年6月30日举行。",
        "到2027年实现目标。",
        "联系电话010-68208888。",
        "他是一家公司的创始人。",
    ]:
        assert extract_quantities(text, "zh") == [], text


def test_mixed_language_text_is_routed_per_sentence() -> None:
    text = "Nvidia's revenue rose 122% to $30 billion. 英伟达营收增长122%至300亿美元。"
    found = extract_quantities(text)
    assert [(q.value, q.change) for q in found] == [
        (122, "up"),
        (3e10, "="),
        (122, "up"),
        (3e10, "="),
    ]
    assert [q.text for q in found] == ["122%", "$30 billion", "122%", "300亿美元"]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("三千五百", 3500),
        ("两千四百五", 2450),
        ("一万三", 13000),
        ("4.78万亿", 4.78e12),
        ("十余万", 1e5),
        ("一千多万", 1e7),
        ("5万4千6百", 54600),
        ("3万4000", 34000),
        ("一百零一万一千", 1011000),
        ("五亿零六", 500000006),
        ("四万万", 4e8),
        ("肆佰陸拾", 460),
        ("负三十二", -32),
        ("十点二三三", 10.233),
        ("三分之二", 2 / 3),
        ("3又一千分之23", 3.023),
        ("五兆六十二亿", 5.0062e12),
    ],
)
def test_parse_number_zh(text: str, value: float) -> None:
    assert parse_number_zh(text) == pytest.approx(value)


@pytest.mark.parametrize("text", ["一千零一", "九百九十九", "四亿五千六百四十二万零一十五", "二十"])
def test_parse_number_zh_agrees_with_cn2an(text: str) -> None:
    assert parse_number_zh(text) == pytest.approx(float(cn2an.cn2an(text, "normal")))


@pytest.mark.parametrize("text", ["万", "千百", "十十", "", "abc", "点五"])
def test_parse_number_zh_rejects(text: str) -> None:
    assert parse_number_zh(text) is None


def test_digit_by_digit_reading() -> None:
    assert parse_number_zh("二〇二四") == 2024


def test_extract_numbers_keeps_every_numeral_but_idioms() -> None:
    found = extract_numbers("1991年有二百五十家，一切照旧，还有三分之一。", "zh")
    assert [(n.text, n.value) for n in found] == [
        ("1991", 1991),
        ("二百五十", 250),
        ("三分之一", pytest.approx(1 / 3)),
    ]


def test_iso_dates_are_never_quantities() -> None:
    found = extract_quantities("数据更新于2025-03-18，共有3000家企业参与。", "zh")
    assert [q.text for q in found] == ["3000家企业"]
    assert [q.text for q in extract_quantities("统计截至2025/03/18。", "zh")] == []
    t = extract_times("数据更新于2025-03-18。", "zh")[0]
    assert (t.kind, t.year, t.month, t.day) == ("date", 2025, 3, 18)
