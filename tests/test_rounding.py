"""The rounding module: each rule by hand, and the properties the README promises."""

from __future__ import annotations

from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from funnelplan.core.rounding import (
    ceil_fraction,
    cumulative_round,
    floor_fraction,
    largest_remainder,
    round_half_away,
    round_half_up,
    round_up,
)

fractions = st.fractions(min_value=-(10**6), max_value=10**6, max_denominator=10**4)


def test_each_rule_by_hand() -> None:
    assert ceil_fraction(Fraction(21, 35) * 100) == 60  # 21 deals at 35%: 60 exactly, not 61
    assert ceil_fraction(Fraction(-3, 2)) == -1
    assert floor_fraction(Fraction(7, 2)) == 3 and floor_fraction(Fraction(-7, 2)) == -4
    assert round_half_up(Fraction(5, 2)) == 3 and round_half_up(Fraction(-5, 2)) == -2
    assert round_half_up(Fraction(12345, 1000), 2) == Fraction(1235, 100)  # 12.345 -> 12.35
    assert round_half_away(Fraction(5, 2)) == 3 and round_half_away(Fraction(-5, 2)) == -3
    assert round_up(Fraction(141, 100), 1) == Fraction(15, 10)  # 1.41 a person -> 1.5
    # ¥120,000,000 over weights 1,1,1,1,1,2 (README rule 2)
    seventh = Fraction(120_000_000, 7)
    months = cumulative_round([seventh] * 5 + [2 * seventh], round_half_up)
    assert months == [17_142_857, 17_142_857, 17_142_857, 17_142_858, 17_142_857, 34_285_714]
    # three thirds of 100 with no decimals: 34, 33, 33 (the largest remainder takes the unit)
    third = Fraction(100, 3)
    assert largest_remainder([third, third, third], Fraction(100), 0) == [34, 33, 33]


@given(st.lists(fractions, min_size=1, max_size=20))
def test_cumulative_steps_add_up_to_the_rounded_total(amounts: list[Fraction]) -> None:
    steps = cumulative_round(amounts, round_half_up)
    assert sum(steps) == round_half_up(sum(amounts))


@given(st.lists(fractions, min_size=1, max_size=12))
def test_largest_remainder_adds_up_and_moves_each_part_by_under_one_unit(
    values: list[Fraction],
) -> None:
    # as the drivers use it: signed parts, the total their exact sum rounded half up
    total = round_half_up(sum(values))
    parts = largest_remainder(values, total, 0)
    assert sum(parts) == total
    assert all(abs(p - v) < 1 for p, v in zip(parts, values, strict=True))


@given(fractions)
def test_ceiling_is_the_smallest_whole_at_least_the_value(value: Fraction) -> None:
    whole = ceil_fraction(value)
    assert whole >= value > whole - 1
    assert floor_fraction(value) <= value < floor_fraction(value) + 1
