"""Money units never show fewer than two significant digits (issue 9): the rule in display.py."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from funnelplan.views.display import MONEY_UNITS, format_yen_unit


@pytest.mark.parametrize(
    ("amount", "unit", "shown"),
    [
        (5_000_000, "億円", "0.05億円"),  # not 0.1億円: 5,000,000 / 10^8 = 0.05
        (15_000_000, "億円", "0.15億円"),
        (120_000_000, "億円", "1.2億円"),  # one decimal is the unit's usual
        (100_000_000, "億円", "1億円"),  # exact: no .0
        (8_328_571, "億円", "0.083億円"),  # 0.08328571 -> three decimals give 83
        (1_000, "億円", "1,000円"),  # 0.00001億円 needs more than three decimals: auto unit
        (500, "万円", "0.05万円"),
        (8_328_571, "万円", "833万円"),
        (-5_000_000, "億円", "-0.05億円"),
        (0, "億円", "0億円"),
    ],
)
def test_units_keep_two_significant_digits(amount: int, unit: str, shown: str) -> None:
    assert format_yen_unit(Fraction(amount), unit) == shown


@given(st.integers(min_value=1, max_value=10**15), st.sampled_from(sorted(MONEY_UNITS)))
def test_no_amount_shows_as_zero_or_one_digit_when_rounded(amount: int, unit: str) -> None:
    text = format_yen_unit(Fraction(amount), unit)
    if not text.endswith(unit):  # fell back to the auto unit (1,000円, 1億2,000万円)
        assert text.endswith("円")
        return
    number = Fraction(text.removesuffix(unit).replace(",", ""))
    digits = "".join(ch for ch in text if ch.isdigit()).lstrip("0")
    exact = Fraction(amount) / MONEY_UNITS[unit]
    assert len(digits) >= 2 or number == exact  # two significant digits, or exactly the amount
    assert abs(number - exact) <= exact / 20  # two significant digits: within 5%
