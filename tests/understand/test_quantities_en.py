"""English quantity extraction: one sentence per construction, written for these tests."""

from __future__ import annotations

import pytest

from sinoscope.records import Quantity
from sinoscope.understand.quantities import extract_quantities


def only(text: str) -> Quantity:
    found = extract_quantities(text, "en")
    assert len(found) == 1, found
    return found[0]


def values(text: str) -> list[float]:
    return [q.value for q in extract_quantities(text, "en")]


@pytest.mark.parametrize(
    ("text", "value", "unit", "change", "kind"),
    [
        ("The start-up hired 12,500 engineers last quarter.", 12500, "engineers", "=", "count"),
        ("Chip output rose 3.75 percent.", 3.75, "%", "up", "percent"),
        ("Five analysts disagreed with the forecast.", 5, "analysts", "=", "count"),
        ("She met a dozen founders in Shenzhen.", 12, "founders", "=", "count"),
        ("The lab bought 4 hundred million tokens of data.", 4e8, "tokens", "=", "count"),
        ("The ministry approved 1.5 trillion yuan for grids.", 1.5e12, "yuan", "=", "money"),
        ("Tencent paid US$12 million for the studio.", 12e6, "dollar", "=", "money"),
        ("The deal was worth HK$3.4bn.", 3.4e9, "hong kong dollar", "=", "money"),
        ("Brussels set aside €300m for the fabs.", 3e8, "euro", "=", "money"),
        ("Tickets cost £40 at the door.", 40, "pound sterling", "=", "money"),
        ("Sony booked ¥20 billion in charges.", 2e10, "yen", "=", "money"),
        ("There are now 5,000 AI companies in the city.", 5000, "AI companies", "=", "count"),
        ("Shares fell 12% on the news.", 12, "%", "down", "percent"),
        ("Its margin was up 30% on a year earlier.", 30, "%", "up", "percent"),
        ("The fund holds more than 300 patents.", 300, "patents", ">", "count"),
        ("The cluster needs at least 10,000 GPUs.", 10000, "GPUs", ">", "count"),
        ("Nearly 70 percent of firms use chatbots.", 70, "%", "~", "percent"),
        ("The rule covers about 140 entities.", 140, "entities", "~", "count"),
        ("Grants of up to $8 million are on offer.", 8e6, "dollar", "<", "money"),
        ("The factory is just under 40 kilometres away.", 40, "kilometres", "<", "measure"),
        ("The process node is 7nm.", 7, "nm", "=", "measure"),
        ("The panel runs at 120Hz.", 120, "Hz", "=", "measure"),
        ("It reached minus 5 degrees overnight.", -5, "degrees", "=", "measure"),
        ("The fab used 2.5 gigawatts of power.", 2.5, "gigawatts", "=", "measure"),
        ("The plan runs for three years.", 3, "years", "=", "duration"),
        ("Oil traded at $80 a barrel.", 80, "dollar per barrel", "=", "money"),
        ("The index gained 0.6 percentage points.", 0.6, "percentage points", "up", "percent"),
    ],
)
def test_single_quantity(text: str, value: float, unit: str, change: str, kind: str) -> None:
    q = only(text)
    assert q.value == pytest.approx(value)
    assert (q.unit, q.change, q.kind) == (unit, change, kind)
    assert text[q.start : q.end] == q.text


def test_currency_codes_are_set() -> None:
    q = only("The grant was RMB 500 million.")
    assert (q.value, q.currency, q.unit) == (5e8, "CNY", "yuan")
    assert only("Revenue hit US$2.1bn.").currency == "USD"


def test_two_numbers_in_one_sentence() -> None:
    found = extract_quantities("Alibaba cut 1,200 jobs and opened 3 offices.", "en")
    assert [(q.value, q.unit) for q in found] == [(1200, "jobs"), (3, "offices")]


def test_year_is_not_a_quantity() -> None:
    assert values("In 2023 the firm hired 40 staff.") == [40]
    assert values("Compared with 2019, sales in 2024 were flat.") == []


def test_percentage_of_something() -> None:
    q = only("Cloud services made up 60% of its revenue.")
    assert (q.value, q.unit) == (60, "%")


def test_target_versus_actual() -> None:
    found = extract_quantities("Adoption was 45% last year against a target of 90% by 2030.")
    assert [q.value for q in found] == [45, 90]


def test_from_to_movement_is_one_range() -> None:
    q = only("The count grew from over 1,400 to more than 5,000 in the period.")
    assert (q.low, q.high, q.value, q.change) == (1400, 5000, 5000, ">")


def test_between_range_and_shared_scale() -> None:
    q = only("Analysts expect a loss of between $3 and $4 billion.")
    assert (q.low, q.high, q.unit) == (3e9, 4e9, "dollar")
    q = only("Margins should reach 5 to 7 per cent.")
    assert (q.low, q.high, q.unit) == (5, 7, "%")


def test_rise_and_level_in_one_clause() -> None:
    found = extract_quantities("Sales jumped 9% to $84 million.", "en")
    assert [(q.value, q.change) for q in found] == [(9, "up"), (84e6, "=")]


def test_vague_amounts_are_ranges() -> None:
    q = only("The subsidies cost billions of dollars.")
    assert (q.low, q.high, q.kind, q.currency) == (1e9, 1e10, "money", "USD")
    q = only("Dozens of suppliers signed up.")
    assert (q.low, q.high, q.unit) == (12, 120, "suppliers")


def test_fractions() -> None:
    q = only("About two-thirds of the firms use open models.")
    assert (round(q.value, 4), q.change) == (0.6667, "~")
    q = only("Profit dropped by a third.")
    assert (round(q.value, 4), q.change) == (0.3333, "down")


def test_multipliers() -> None:
    q = only("Exports of servers doubled.")
    assert (q.value, q.unit, q.kind, q.change) == (2, "times", "multiplier", "up")
    q = only("Demand is three times higher.")
    assert (q.value, q.unit) == (3, "times")


def test_change_inherited_by_a_conversion_in_brackets() -> None:
    found = extract_quantities("It lent more than 7.5 billion yuan (US$1 billion).", "en")
    assert [q.change for q in found] == [">", ">"]


def test_not_quantities() -> None:
    sentences = [
        "GPT-4 and DeepSeek-V3 were compared with Llama 3.",
        "Nvidia designed the H20 for China; the A800 came earlier.",
        "Install Python 3.11 or v2.3.1 of the library.",
        "The iPhone 15 launched on September 12.",
        "Call +1 415 555 0199 about order 20240615001234.",
        "The meeting starts at 10:30 am on March 5.",
        "It is the 3rd largest lab in the country.",
        "Someone said one thing, then another.",
    ]
    for s in sentences:
        assert extract_quantities(s, "en") == [], s


def test_duration_stays_a_quantity() -> None:
    q = only("The subsidy programme ends in five years.")
    assert (q.value, q.unit, q.kind) == (5, "years", "duration")
    assert only("The firm signed a five-year contract worth $2 million.").unit == "dollar"


def test_one_of_the() -> None:
    q = only("It is one of the largest clusters in Asia.")
    assert (q.value, q.unit) == (1, "largest clusters")


def test_scientific_notation_and_negative() -> None:
    assert values("The field is about 3×10^-5 tesla.") == [pytest.approx(3e-5)]
    assert values("The trade balance was $-5.2bn.") == [-5.2e9]


def test_spans_are_verbatim() -> None:
    text = "Investment reached $1.2 billion, up 15%, across 40 projects."
    for q in extract_quantities(text):
        assert text[q.start : q.end] == q.text


def test_a_year_is_never_a_range_bound() -> None:
    q = only("Robot makers went from just over 2,300 around 2019 to more than 6,100 this year.")
    assert (q.low, q.high, q.value, q.change) == (2300, 6100, 6100, ">")
    found = extract_quantities("Listings rose from 1,250 about 2018 to 3,900 in 2023.", "en")
    assert [(q.low, q.high) for q in found] == [(1250, 3900)]


def test_approximate_count_of_four_digits_stays_a_count() -> None:
    assert values("The plant employs around 2020 workers.") == [2020]
    assert values("Around 1,900 firms applied.") == [1900]


@pytest.mark.parametrize(
    ("text", "value", "unit", "kind"),
    [
        ("The app counted 312m monthly active users.", 312e6, "monthly active users", "count"),
        ("Its audience grew to 87m by March.", 87e6, "", "number"),
        ("Some 64m of them paid.", 64e6, "", "number"),
        ("The lab logged 3.2mn queries a day.", 3.2e6, "query per day", "count"),
        ("A 12m-tall sculpture stands at the gate.", 12, "m", "measure"),
        ("She won the 200m sprint in Hangzhou.", 200, "m", "measure"),
        ("The 45m (148ft) hull was launched.", 45, "m", "measure"),
        ("The tower is 300m high.", 300, "m", "measure"),
        ("The chip uses a 5nm process.", 5, "nm", "measure"),
    ],
)
def test_glued_m_is_million_unless_a_length(text: str, value: float, unit: str, kind: str) -> None:
    q = extract_quantities(text, "en")[0]
    assert q.value == pytest.approx(value)
    assert (q.unit, q.kind) == (unit, kind)


def test_compound_counted_nouns_stay_together() -> None:
    q = only("The province now runs 2.6mn standard data centre racks.")
    assert (q.value, q.unit) == (2.6e6, "standard data centre racks")
    assert only("The survey logged 40 data points.").unit == "data points"
    assert only("The group hired 12 sales staff.").unit == "sales staff"
    assert only("Only 7 data were usable.").unit == "data"
