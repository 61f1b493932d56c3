"""The odds on large plans (core/odds.py): the product on machine words, phase by phase, gives
the same integers as `multiply`, so the same probability and error bound, to the last unit."""

from __future__ import annotations

from array import array
from collections.abc import Callable
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from funnelplan.core import odds
from funnelplan.core.odds import (
    UNITS,
    Dist,
    FunnelUnits,
    Units,
    Words,
    as_words,
    binomial,
    multiply,
    multiply_words,
    probability_at_least,
)


def python_integers() -> Callable[[array[int]], Any]:
    return lambda raw: int.from_bytes(raw, "little")


def test_a_product_phase_by_phase_by_hand() -> None:
    # A = [1, 2^64 - 1] at 0, 1; B = [2^63 + 1, 2^63 - 1] spread by 3 (values 0, 3):
    # A(x) B(x^3) = 1(2^63+1) + (2^64-1)(2^63+1) x + 1(2^63-1) x^3 + (2^64-1)(2^63-1) x^4, so in
    # units of 2^-64, each value floored:
    #   x^0: (2^63 + 1) / 2^64                         -> 0
    #   x^1: (2^127 + 2^64 - 2^63 - 1) / 2^64 = 2^63 + 1/2 - 2^-64   -> 2^63
    #   x^2: nothing                                   -> 0
    #   x^3: (2^63 - 1) / 2^64                         -> 0
    #   x^4: (2^127 - 2^64 - 2^63 + 1) / 2^64 = 2^63 - 3/2 + 2^-64   -> 2^63 - 2
    # The low end's 0 is trimmed (mass 0 <= TRIM); x^2 and x^3 lie inside and stay. Error: the
    # factors' 0 + 0, + 1, + one unit per value of the product (5): 6.
    a = Dist(0, [1, UNITS - 1], 0)
    b = Dist(0, [2**63 + 1, 2**63 - 1], 0)
    packed = as_words(a)
    assert packed is not None
    got = multiply_words(packed, b, 3).dist()
    assert got == Dist(1, [2**63, 0, 0, 2**63 - 2], 6)
    assert got == multiply(a, b, 1, 3)


def test_a_sure_value_does_not_fit_a_word_and_stays_on_the_plain_path() -> None:
    assert as_words(Dist(4, [UNITS], 0)) is None
    # point(0) x a group: the plain product, then words
    group = binomial(30, Fraction(1, 3))
    grown = odds._grow(odds.point(0), group, 7)
    assert isinstance(grown, Dist)
    assert grown == multiply(odds.point(0), group, 1, 7)


def moved(dist: Dist, by: int) -> Dist:
    return Dist(dist.lo + by, dist.coef, dist.error)


distributions = st.builds(
    lambda count, chance, by: moved(binomial(count, chance), by),
    st.integers(1, 400),
    st.fractions(min_value=Fraction(1, 50), max_value=Fraction(49, 50), max_denominator=50),
    st.integers(-5, 5),
)
# any values below 2^62 (zeros among them, at the ends too: the trim's cases); a product value
# stays below 2^128 as the long side's values add up to at most 2^64
raw_values = st.lists(st.integers(0, 2**62), min_size=1, max_size=60)


@settings(max_examples=80, deadline=None)
@given(
    distributions,
    st.one_of(distributions, raw_values.map(lambda c: Dist(0, c, 3))),
    st.integers(1, 40),
    st.booleans(),
)
def test_the_word_product_equals_multiply_to_the_last_unit(
    first: Dist, second: Dist, stride: int, gmp: bool
) -> None:
    # with GMP's integers (gmpy2) and with Python's: the same values
    packed = as_words(first)
    assert packed is not None
    if gmp:  # GMP's integers however short the product (from GMP_WORK on, as runs take them)
        saved_work = odds.GMP_WORK
        odds.GMP_WORK = 0
        try:
            got = multiply_words(packed, second, stride)
        finally:
            odds.GMP_WORK = saved_work
    else:
        saved = odds._integers
        odds._integers = python_integers  # type: ignore[assignment]
        try:
            got = multiply_words(packed, second, stride)
        finally:
            odds._integers = saved
    assert got.dist() == multiply(first, second, 1, stride)


funnels = st.lists(
    st.builds(
        FunnelUnits,
        st.sampled_from([Fraction(v) for v in (1, 2, 3, 5, 7, 11)] + [Fraction(5, 2)]),
        st.lists(
            st.builds(
                Units,
                st.integers(0, 300),
                st.fractions(min_value=Fraction(1, 40), max_value=1, max_denominator=40),
            ),
            min_size=1,
            max_size=3,
        ).map(tuple),
    ),
    min_size=1,
    max_size=5,
)


@settings(max_examples=60, deadline=None)
@given(funnels, st.fractions(min_value=0, max_value=900, max_denominator=4))
def test_the_fast_path_gives_the_plain_convolution_s_probability_exactly(
    chosen: list[FunnelUnits], goal: Fraction
) -> None:
    saved = odds.FAST_WORK
    try:
        odds.FAST_WORK = 1 << 62  # every product through `multiply`
        plain = probability_at_least(chosen, goal)
        odds.FAST_WORK = 0  # every product that can through the words
        fast = probability_at_least(chosen, goal)
    finally:
        odds.FAST_WORK = saved
    assert fast == plain  # probability and error bound, to the last unit of 2^-64


def test_the_big_plan_s_products_go_through_the_words(monkeypatch: pytest.MonkeyPatch) -> None:
    # 12 funnels, each its own deal size on a grid of 1: long enough products to take the words
    chosen = [FunnelUnits(Fraction(size), (Units(400, Fraction(1, 4)),)) for size in range(3, 15)]
    calls: list[int] = []
    real = odds.multiply_words

    def counted(first: Words, second: Dist, stride: int) -> Words:
        calls.append(stride)
        return real(first, second, stride)

    monkeypatch.setattr(odds, "multiply_words", counted)
    goal = Fraction(sum(100 * size for size in range(3, 15)))
    fast = probability_at_least(chosen, goal)
    assert calls
    monkeypatch.setattr(odds, "FAST_WORK", 1 << 62)
    assert probability_at_least(chosen, goal) == fast
    assert fast.error < odds.ERROR_LIMIT


def direct_reach_sum(combined: Dist, final: Dist, reach: int, per: int, scale: int) -> int:
    """The sum as it was taken: over every value of `combined`, the final group's survival."""
    tails = [0] * (len(final.coef) + 1)
    for i in range(len(final.coef) - 1, -1, -1):
        tails[i] = tails[i + 1] + final.coef[i]
    total = 0
    for i, mass in enumerate(combined.coef):
        needed = -((per * (combined.lo + i) - reach) // scale) - final.lo
        total += mass * (tails[max(needed, 0)] if needed < len(tails) else 0)
    return total


def test_the_reach_sum_by_hand() -> None:
    # revenue so far v = 0, 1, 2 (masses 1, 2, 3); the last group's deals 0 or 1 (masses 5, 7)
    # at 2 a deal; the goal 3. Deals needed beside v: ceil((3 - v) / 2) = 2, 1, 1, so the sum
    # is 1 x P(deals >= 2) + 2 x P(deals >= 1) + 3 x P(deals >= 1) = 0 + 2 x 7 + 3 x 7 = 35.
    # In integers: scale = lcm(den 3/2, den 1/2) = 2, reach = 3/2 x 2 = 3, per = 1/2 x 2 = 1.
    # By the last group's values: deals 0 need v >= ceil((3 - 0) / 1) = 3 (mass 0); deals 1
    # need v >= ceil((3 - 2) / 1) = 1 (mass 2 + 3): 5 x 0 + 7 x 5 = 35.
    combined, final = Dist(0, [1, 2, 3], 0), Dist(0, [5, 7], 0)
    assert odds.reach_sum(combined, final, 3, 1, 2) == 35
    assert direct_reach_sum(combined, final, 3, 1, 2) == 35


@settings(max_examples=200, deadline=None)
@given(
    raw_values,
    st.integers(-30, 30),
    raw_values,
    st.integers(-30, 30),
    st.integers(-200, 200),
    st.integers(1, 12),
    st.integers(1, 12),
)
def test_the_reach_sum_by_the_last_group_equals_the_sum_over_the_grid(
    masses: list[int],
    lo: int,
    final_masses: list[int],
    final_lo: int,
    reach: int,
    per: int,
    scale: int,
) -> None:
    combined, final = Dist(lo, masses, 0), Dist(final_lo, final_masses, 0)
    assert odds.reach_sum(combined, final, reach, per, scale) == direct_reach_sum(
        combined, final, reach, per, scale
    )


def test_the_pair_reach_by_hand() -> None:
    # first: values 0, 1, 2 (masses 1, 2, 3); second: values 1, 2 (masses 5, 7); need 3.
    # P(first + second >= 3): x = 0 needs second >= 3 (0); x = 1 needs >= 2 (7); x = 2 needs
    # >= 1 (5 + 7 = 12): 1 x 0 + 2 x 7 + 3 x 12 = 50
    assert odds.pair_reach(Dist(0, [1, 2, 3], 0), Dist(1, [5, 7], 0), 3) == 50


@settings(max_examples=300, deadline=None)
@given(raw_values, st.integers(-30, 30), raw_values, st.integers(-30, 30), st.integers(-150, 150))
def test_the_pair_reach_is_the_sum_over_both(
    masses: list[int], lo: int, other_masses: list[int], other_lo: int, need: int
) -> None:
    first, second = Dist(lo, masses, 0), Dist(other_lo, other_masses, 0)
    direct = sum(
        a * b
        for i, a in enumerate(masses)
        for j, b in enumerate(other_masses)
        if lo + i + other_lo + j >= need
    )
    assert odds.pair_reach(first, second, need) == direct


def test_a_plan_on_one_grid_meets_its_two_top_sums_without_their_product(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # deal sizes 3..14 share the unit 1, so the last group is on the grid: the odds take the
    # two sums left at the top of the tree in one pass, and agree with the product path
    chosen = [FunnelUnits(Fraction(size), (Units(40, Fraction(1, 4)),)) for size in range(3, 15)]
    goal = Fraction(sum(10 * size for size in range(3, 15)))
    met: list[int] = []
    real = odds.pair_reach

    def counted(first: Dist, second: Dist, need: int) -> int:
        met.append(need)
        return real(first, second, need)

    monkeypatch.setattr(odds, "pair_reach", counted)
    paired = probability_at_least(chosen, goal)
    assert met == [int(goal)]
    monkeypatch.setattr(
        odds,
        "MAX_SLOTS",
        odds._grid_slots(  # the whole grid too long: the
            {Fraction(s): odds.deals([Units(40, Fraction(1, 4))]) for s in range(3, 15)},
            [Fraction(s) for s in range(3, 14)],
        ),
    )  # product path (rest on the grid, the last group by its survival function)
    product = probability_at_least(chosen, goal)
    assert met == [int(goal)]
    assert abs(paired.probability - product.probability) <= paired.error + product.error
    assert paired.error < odds.ERROR_LIMIT and product.error < odds.ERROR_LIMIT


def plain_light_end(values: list[int], most: int) -> tuple[int, int]:
    """`_trim`'s loop: values taken while the running sum stays within TRIM."""
    taken, mass = 0, 0
    while taken < most and mass + values[taken] <= odds.TRIM:
        mass += values[taken]
        taken += 1
    return taken, mass


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.integers(0, 3), min_size=1, max_size=900),  # long light ends: many blocks
    st.lists(st.integers(0, 2**40), min_size=1, max_size=20),
    st.integers(0, 900),
)
def test_the_light_ends_are_found_as_the_trim_finds_them(
    light: list[int], heavy: list[int], most: int
) -> None:
    values = light + heavy + light[::-1]
    most = min(most, len(values))
    words = array("Q", values)
    assert odds._light_end(words, most, False) == plain_light_end(values, most)
    assert odds._light_end(words, most, True) == plain_light_end(values[::-1], most)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.fractions(min_value=Fraction(1, 4), max_value=60, max_denominator=6),
            st.integers(1, 30),
        ),
        min_size=1,
        max_size=8,
        unique_by=lambda pair: pair[0],
    )
)
def test_the_group_left_off_the_grid_is_the_one_the_plain_search_picks(
    pairs: list[tuple[Fraction, int]],
) -> None:
    groups = {size: Dist(0, [1] * length, 0) for size, length in pairs}
    sizes = sorted(groups)
    plain = min(sizes, key=lambda size: odds._grid_slots(groups, [s for s in sizes if s != size]))
    assert odds._left_out(groups, sizes) == plain


def test_the_group_left_off_the_grid_by_hand() -> None:
    # deal sizes 2 (3 values), 4 (5 values), 6 (2 values). Left out 2: the others on a unit of
    # gcd(4, 6) = 2, 5 x 2 + 2 x 3 + 1 = 17 values; left out 4: unit 2, 3 x 1 + 2 x 3 + 1 = 10;
    # left out 6: unit 2, 3 x 1 + 5 x 2 + 1 = 14. The least: 4.
    groups = {
        Fraction(2): Dist(0, [1] * 3, 0),
        Fraction(4): Dist(0, [1] * 5, 0),
        Fraction(6): Dist(0, [1] * 2, 0),
    }
    assert odds._left_out(groups, sorted(groups)) == Fraction(4)


def test_without_gmpy2_the_words_run_on_python_s_integers(monkeypatch: pytest.MonkeyPatch) -> None:
    import builtins

    real_import = builtins.__import__

    def no_gmpy2(name: str, *args: Any, **kwargs: Any) -> Any:
        if name.split(".")[0] == "gmpy2":
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_gmpy2)
    to_integer = odds._integers.__wrapped__()  # the uncached choice
    assert type(to_integer(array("Q", [5, 1]))) is int
    assert to_integer(array("Q", [5, 1])) == 5 + 2**64
