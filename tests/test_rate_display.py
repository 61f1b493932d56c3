"""How a percentage reads (views/display.py `format_rate`, docs/rounding.md rule 10): at most one
decimal, half up; a change in a table's column always with its decimal, as the workbook's
+0.0% has, so +10.0% stands under +11.9%; the same change in a sentence reads +10%."""

from __future__ import annotations

from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from funnelplan.views.display import Style, format_cell, format_rate
from funnelplan.views.document import Rate


def test_rates_by_hand() -> None:
    assert format_rate(Fraction(1, 4)) == "25%"
    assert format_rate(Fraction(1, 8)) == "12.5%"
    assert format_rate(Fraction(2, 3)) == "66.7%"  # 66.666...: half up at one decimal
    assert format_rate(Fraction(1, 10), signed=True) == "+10%"  # in a sentence
    assert format_rate(Fraction(1, 10), signed=True, column=True) == "+10.0%"
    assert format_rate(Fraction(5, 42), signed=True, column=True) == "+11.9%"  # 11.904...
    assert format_rate(Fraction(0), signed=True, column=True) == "0.0%"
    assert format_rate(Fraction(-1, 20), signed=True, column=True) == "-5.0%"
    assert format_rate(Fraction(1, 4), column=True) == "25%"  # a rate, not a change: as written
    assert format_rate(None, signed=True, column=True) == "-"


def test_a_change_cell_in_a_table_has_its_decimal() -> None:
    style = Style("JPY", 0)
    assert format_cell(Rate(Fraction(2, 20), True), style) == "+10.0%"
    assert format_cell(Rate(Fraction(1, 4)), style) == "25%"


@given(st.fractions(min_value=-10, max_value=10))
def test_every_change_in_a_column_has_one_decimal(value: Fraction) -> None:
    text = format_rate(value, signed=True, column=True)
    number = text.removesuffix("%").lstrip("+").replace(",", "")
    whole, _, decimals = number.partition(".")
    assert len(decimals) == 1 and whole.lstrip("-").isdigit()
    # within half a tenth of a percent of the value; a rise has its plus, even one under 0.05%
    assert abs(Fraction(number) - value * 100) <= Fraction(1, 20)
    assert text.startswith("+") == (value > 0)
