"""Years, dates, deadlines, periods and durations, kept apart from quantities."""

from __future__ import annotations

from sinoscope.understand.quantities import TimeExpression, extract_quantities, extract_times


def kinds(text: str, language: str | None = None) -> list[tuple[str, str, int | None, bool]]:
    return [(t.text, t.kind, t.year, t.deadline) for t in extract_times(text, language)]


def test_deadline_and_target() -> None:
    text = "The plan targets 90% adoption by 2030."
    assert kinds(text) == [("by 2030", "deadline", 2030, True)]
    assert [q.value for q in extract_quantities(text)] == [90]


def test_deadline_with_end_of_year_and_month() -> None:
    assert kinds("Rules take effect by the end of 2025.")[0][1:] == ("deadline", 2025, True)
    t = extract_times("Output must double by June 2027.")[0]
    assert (t.kind, t.year, t.month, t.deadline) == ("deadline", 2027, 6, True)


def test_as_of_date_and_plain_year() -> None:
    found = extract_times("As of June 2024, usage had tripled since 2019.")
    assert [(t.kind, t.year, t.month) for t in found] == [("date", 2024, 6), ("year", 2019, None)]


def test_full_date_and_period() -> None:
    t = extract_times("The rule was issued on October 17, 2023.")[0]
    assert (t.kind, t.year, t.month, t.day) == ("date", 2023, 10, 17)
    assert kinds("Filings from 2014 to 2023 were counted.")[0][1] == "period"
    assert kinds("Sales in the first half of 2024 rose.")[0][1:3] == ("period", 2024)


def test_duration() -> None:
    t = extract_times("The count should double in five years.")[0]
    assert (t.kind, t.amount, t.unit, t.deadline) == ("duration", 5, "year", False)


def test_chinese_deadline_and_dates() -> None:
    assert kinds("到2027年，普及率超过70%。", "zh")[0] == ("到2027年", "deadline", 2027, True)
    assert kinds("2030年前建成。", "zh")[0][1:] == ("deadline", 2030, True)
    t = extract_times("截至2024年6月，用户达5.15亿。", "zh")[0]
    assert (t.kind, t.year, t.month, t.deadline) == ("date", 2024, 6, False)
    t = extract_times("会议于2023年10月17日召开。", "zh")[0]
    assert (t.year, t.month, t.day) == (2023, 10, 17)


def test_chinese_period_and_duration() -> None:
    assert kinds("2024年上半年营收增长。", "zh")[0][1:3] == ("period", 2024)
    t = extract_times("五年内完成建设。", "zh")[0]
    assert (t.kind, t.amount, t.unit) == ("duration", 5, "year")


def test_year_in_chinese_numerals() -> None:
    assert kinds("二〇二四年是关键一年。", "zh")[0][2] == 2024


def test_time_expression_json() -> None:
    t = TimeExpression("by 2030", 0, 7, "deadline", year=2030, deadline=True)
    assert t.to_json() == {
        "text": "by 2030",
        "start": 0,
        "end": 7,
        "kind": "deadline",
        "year": 2030,
        "deadline": True,
    }


def test_chinese_to_a_date_after_a_change_is_an_as_of_date() -> None:
    text = "活跃用户从2023年12月的1.8亿增至2024年9月的3.2亿。"
    found = [(t.text, t.kind, t.year, t.month, t.deadline) for t in extract_times(text, "zh")]
    assert found == [
        ("2023年12月", "date", 2023, 12, False),
        ("至2024年9月", "date", 2024, 9, False),
    ]
    assert kinds("产量提高到2025年的水平。", "zh")[0][1:] == ("year", 2025, False)


def test_chinese_to_a_date_is_otherwise_a_deadline_and_as_of_stays_as_of() -> None:
    assert kinds("至2028年底，覆盖率提高到80%。", "zh")[0][1:] == ("deadline", 2028, True)
    t = extract_times("截止到2023年底，共建成5G基站337万个。", "zh")[0]
    assert (t.kind, t.year, t.deadline) == ("date", 2023, False)


def test_chinese_span_of_years_is_one_period() -> None:
    assert kinds("2016年至2022年，论文数量翻了一番。", "zh") == [
        ("2016年至2022年", "period", 2016, False)
    ]
    assert kinds("从2019年到2024年，装机量持续增长。", "zh")[0][:2] == ("2019年到2024年", "period")
    t = extract_times("3到5年内完成。", "zh")
    assert [(x.kind, x.amount) for x in t] == [("duration", 5)]


def test_time_counted_back_from_publication() -> None:
    (t,) = extract_times("Roughly six years ago the lab had 12 staff.", "en")
    assert (t.text, t.kind, t.amount, t.unit, t.relative) == (
        "Roughly six years",
        "duration",
        6,
        "year",
        True,
    )
    (t,) = extract_times("The count was 40 two years earlier.", "en")
    assert (t.amount, t.unit, t.relative) == (2, "year", True)
    (t,) = extract_times("The project ends in three years.", "en")
    assert t.relative is False
    (t,) = extract_times("较五年前的1400多家增长两倍。", "zh")
    assert (t.text, t.amount, t.unit, t.relative) == ("五年", 5, "year", True)


def test_around_a_year_after_a_count_is_a_year() -> None:
    found = extract_times("They had 900 staff around 2019 and 2,400 now.", "en")
    assert [(t.kind, t.year) for t in found] == [("year", 2019)]


def test_chinese_months_of_a_year_are_one_period() -> None:
    assert kinds("2024年1-6月，出口增长。", "zh") == [("2024年1-6月", "period", 2024, False)]
    assert [q.text for q in extract_quantities("1-6月，软件收入增长12%。", "zh")] == ["12%"]
