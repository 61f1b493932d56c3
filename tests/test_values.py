"""Reading rates, money, counts and months as people write them (values.py, months.py)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from funnelplan.model.months import Month, MonthFormatError, month_range, parse_month
from funnelplan.model.values import ValueProblem, parse_count, parse_money, parse_rate

# --- rates ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "written",
    ["0.25", "25%", "２５％", "25 %", " 25% ", Decimal("0.25"), "０.２５", "25.0%"],
)
def test_rate_forms_all_mean_a_quarter(written: object) -> None:
    assert parse_rate(written) == Decimal("0.25")


@pytest.mark.parametrize("written", [1, "1", "100%", "１００％", Decimal("1.0")])
def test_one_is_one_hundred_percent(written: object) -> None:
    assert parse_rate(written) == 1


def test_fractional_percent_is_exact() -> None:
    assert parse_rate("12.5%") == Decimal("0.125")
    assert parse_rate("33.3%") == Decimal("0.333")


@pytest.mark.parametrize(
    ("written", "suggestion"),
    [(35, "35%"), (Decimal("1.7"), "1.7%"), ("35", "35%")],
)
def test_rate_over_one_suggests_percent(written: object, suggestion: str) -> None:
    with pytest.raises(ValueProblem) as caught:
        parse_rate(written)
    assert "more than 1" in str(caught.value)
    assert f"did you mean {suggestion}?" in caught.value.hint.render()


def test_rate_35_hint_also_gives_the_decimal_form() -> None:
    with pytest.raises(ValueProblem) as caught:
        parse_rate(35)
    assert "0.35" in caught.value.hint.render()


@pytest.mark.parametrize(
    ("written", "words"),
    [
        (0, "more than 0"),
        ("0%", "more than 0"),
        (-1, "more than 0"),
        (Decimal("-0.25"), "more than 0"),
        ("-5%", "more than 0"),
        ("101%", "more than 100%"),
        (float("nan"), "got nan"),
        (float("inf"), "got inf"),
        (Decimal("NaN"), "got NaN"),
        (True, "boolean true"),
        (False, "boolean false"),
        ("abc", "'abc'"),
        ("25 percent", "'25 percent'"),
        (None, "NoneType"),
    ],
)
def test_bad_rates_are_refused_with_a_hint(written: object, words: str) -> None:
    with pytest.raises(ValueProblem) as caught:
        parse_rate(written)
    assert words in str(caught.value)
    assert caught.value.hint.render()  # always how to write it


# --- money ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "written",
    [
        120000000,
        "120000000",
        "120_000_000",
        "120,000,000",
        "¥120,000,000",
        "￥120,000,000",
        "１２０,０００,０００",
        "1億2000万円",
        "１億２０００万円",
        "12000万円",
        "1.2億円",
        "120,000,000円",
        "JPY 120,000,000",
        Decimal("120000000"),
    ],
)
def test_money_forms_of_one_hundred_twenty_million(written: object) -> None:
    assert parse_money(written) == 120_000_000


@pytest.mark.parametrize(
    ("written", "amount"),
    [
        ("1億2万5000円", 100_025_000),  # 1億 + 2万 + 5000
        ("3万円", 30_000),
        ("2兆", 2 * 10**12),
        ("$1,800,000", 1_800_000),
        ("▲500", -500),
        ("△500", -500),
        ("-¥500", -500),
        ("¥-500", -500),
        ("12.50", Decimal("12.5")),
    ],
)
def test_money_other_forms(written: object, amount: object) -> None:
    assert parse_money(written) == amount


@pytest.mark.parametrize(
    "written",
    [
        "¥1,2000",  # groups of three only: a typo or another convention
        "120,00,000",
        "1,2",
        "1億20000万円",  # 3億 by arithmetic, surely a typo for 1億2000万円
        "1万2万",
        "万円",
        "¥",
        "",
        "1e3",
        "about 5M",
        "5M",
        True,
        float("nan"),
        Decimal("Infinity"),
    ],
)
def test_ambiguous_or_unreadable_money_is_refused(written: object) -> None:
    with pytest.raises(ValueProblem) as caught:
        parse_money(written)
    assert caught.value.hint.render()


def test_money_hint_explains_flow_mapping_quotes() -> None:
    with pytest.raises(ValueProblem) as caught:
        parse_money("¥60,00")
    assert (
        "quote" in caught.value.hint.render()
    )  # the flow-mapping trap is caught in test_plan_errors


def test_money_is_exact_decimal_never_float() -> None:
    assert isinstance(parse_money("1.1"), Decimal)
    assert parse_money("0.1") + parse_money("0.2") == Decimal("0.3")


@pytest.mark.parametrize("written", [10**15 + 1, "1000兆1円", "1,000,000,000,000,001", 10**4000])
def test_money_over_ten_to_the_fifteen_is_refused(written: object) -> None:
    with pytest.raises(ValueProblem, match=r"10\^15"):
        parse_money(written)


def test_money_at_ten_to_the_fifteen_is_accepted() -> None:
    assert parse_money(10**15) == 10**15


# --- counts --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "count"),
    [(35, 35), ("35", 35), ("1,234", 1234), ("１２３", 123), (0, 0), (Decimal("12.0"), 12)],
)
def test_counts(written: object, count: int) -> None:
    assert parse_count(written) == count
    assert isinstance(parse_count(written), int)


@pytest.mark.parametrize(
    ("written", "words"),
    [
        (Decimal("1.5"), "whole number"),
        (-1, "negative"),
        (10**9 + 1, "10^9"),
        (True, "boolean"),
        ("abc", "'abc'"),
    ],
)
def test_bad_counts(written: object, words: str) -> None:
    with pytest.raises(ValueProblem) as caught:
        parse_count(written)
    assert words in str(caught.value)


# --- months --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "written",
    [
        "2027-04",
        "2027/4",
        "2027/04",
        "2027.4",
        "2027年4月",
        "２０２７年４月",
        "2027-04-01",
        "2027/4/30",
    ],
)
def test_month_forms(written: str) -> None:
    assert parse_month(written) == Month(2027, 4)


@pytest.mark.parametrize(
    ("written", "words"),
    [
        ("2027-02-30", "has 28 days"),
        ("2027-13", "no month 13"),
        ("2027-00", "no month 0"),
        ("Apron 2027", "not a month"),
        (True, "expected a month"),
    ],
)
def test_bad_months(written: object, words: str) -> None:
    with pytest.raises(MonthFormatError) as caught:
        parse_month(written)
    assert words in str(caught.value)
    assert "YYYY-MM" in caught.value.hint.render()


def test_leap_day_only_in_leap_years() -> None:
    assert parse_month("2028-02-29") == Month(2028, 2)
    with pytest.raises(MonthFormatError):
        parse_month("2027-02-29")
    with pytest.raises(MonthFormatError):
        parse_month("2100-02-29")  # divisible by 100, not by 400
    assert parse_month("2000-02-29") == Month(2000, 2)


def test_month_arithmetic_crosses_years() -> None:
    assert Month(2027, 12) + 1 == Month(2028, 1)
    assert Month(2027, 1) + -1 == Month(2026, 12)
    assert Month(2028, 3) - Month(2027, 9) == 6
    assert str(Month(2027, 4)) == "2027-04"
    assert month_range(Month(2027, 11), Month(2028, 2)) == [
        Month(2027, 11),
        Month(2027, 12),
        Month(2028, 1),
        Month(2028, 2),
    ]
