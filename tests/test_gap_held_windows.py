"""The catch-up's caps read the entries held in a window of months (core/gap.py `_held_up_to`):
running sums, one difference per window, the same Fraction as adding the window's months."""

from __future__ import annotations

from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from funnelplan.core.gap import _held_up_to
from funnelplan.model.months import Month


def test_held_windows_by_hand() -> None:
    april, june = Month(2027, 4), Month(2027, 6)
    up_to = _held_up_to({june: Fraction(5, 2), april: Fraction(3)})  # any order
    assert up_to(Month(2027, 3).ordinal) == 0
    assert up_to(april.ordinal) == 3
    assert up_to(Month(2027, 5).ordinal) == 3  # no entries in May
    assert up_to(june.ordinal) == Fraction(11, 2)
    assert up_to(june.ordinal) - up_to(april.ordinal) == Fraction(5, 2)  # May and June


@given(
    st.dictionaries(
        st.integers(0, 30).map(lambda n: Month(2027, 1) + n),
        st.fractions(min_value=0, max_value=500, max_denominator=12),
        max_size=12,
    ),
    st.integers(-3, 33),
    st.integers(-3, 33),
)
def test_a_window_is_the_sum_of_its_months(held: dict[Month, Fraction], a: int, b: int) -> None:
    low, high = sorted((a, b))
    first = Month(2027, 1).ordinal
    up_to = _held_up_to(held)
    expected = sum(
        (n for m, n in held.items() if first + low < m.ordinal <= first + high), Fraction(0)
    )
    assert up_to(first + high) - up_to(first + low) == expected
