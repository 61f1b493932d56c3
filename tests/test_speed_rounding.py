"""split_by_shares in integers (issue 16): the same cells as the Fraction version it replaced,
and never a negative cell (the -1 a small share of a small month could get, shown as -¥1)."""

from __future__ import annotations

from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from funnelplan.core.rounding import round_half_up, split_by_shares


def fraction_split_by_shares(
    amounts: list[Fraction], shares: list[Fraction], places: int
) -> list[list[Fraction]]:
    """The Fraction version before issue 16, kept here as the reference for the integer one."""
    whole = sum(shares, Fraction(0))

    def corner(share: Fraction, amount: Fraction) -> Fraction:
        return round_half_up(share * amount / whole, places) if whole else Fraction(0)

    result: list[list[Fraction]] = []
    share_before = Fraction(0)
    for share in shares:
        share_to = share_before + share
        row, total = [], Fraction(0)
        for amount in amounts:
            step = total + amount
            row.append(
                corner(share_to, step)
                - corner(share_before, step)
                - corner(share_to, total)
                + corner(share_before, total)
            )
            total = step
        result.append(row)
        share_before = share_to
    return result


def test_a_small_share_of_a_small_month_is_not_minus_one() -> None:
    amounts = [Fraction(15), Fraction(1)]
    shares = [Fraction(1, 2), Fraction(83, 100), Fraction(47, 50)]  # whole: 227/100
    # Corners round(share_1..j x total_1..m / whole): a's 50/227 of 15 = 3.30 -> 3, of 16 = 3.52
    # -> 4; a+b's 133/227 of 15 = 8.79 -> 9, of 16 = 9.37 -> 9. b's May = 9 - 4 - 9 + 3 = -1.
    assert fraction_split_by_shares(amounts, shares, 0)[1] == [6, -1]
    # Repaired: b keeps its running total 6 (May 0); that is one unit more than May's 1 allows,
    # taken back from the part furthest above its exact aim with a unit in May: a (4 against
    # 800/227 = 3.52) rather than c (7 against 1504/227 = 6.63).
    assert split_by_shares(amounts, shares, 0) == [[3, 0], [6, 0], [6, 1]]


shares_st = st.lists(
    st.fractions(min_value=Fraction(1, 100), max_value=1, max_denominator=100),
    min_size=1,
    max_size=6,
)
amounts_st = st.lists(st.integers(0, 30).map(Fraction), min_size=1, max_size=8)


@settings(max_examples=400, deadline=None)
@given(amounts_st, shares_st, st.integers(0, 2))
def test_integer_split_equals_the_fraction_one_and_is_never_negative(
    amounts: list[Fraction], shares: list[Fraction], places: int
) -> None:
    amounts = [a / 10**places * 7 for a in amounts]  # amounts in the minor unit, not whole
    amounts = [round_half_up(a, places) for a in amounts]
    reference = fraction_split_by_shares(amounts, shares, places)
    parts = split_by_shares(amounts, shares, places)
    unit = Fraction(1, 10**places)
    if all(cell >= 0 for row in reference for cell in row):
        assert parts == reference  # the same numbers wherever the old ones were fine
    assert all(cell >= 0 for row in parts for cell in row)
    assert all((cell / unit).denominator == 1 for row in parts for cell in row)
    assert [sum(column) for column in zip(*parts, strict=True)] == amounts  # months add up
    whole = sum(shares)
    for share, row in zip(shares, parts, strict=True):  # each part near its exact share
        running = total = Fraction(0)
        for amount, cell in zip(amounts, row, strict=True):
            running += cell
            total += amount
            assert abs(running - share * total / whole) < 2 * unit


def test_segment_revenue_is_never_negative_in_a_plan() -> None:
    from tests.test_target_math import make_plan

    from funnelplan.core.commitments import build_target

    plan = make_plan(
        period={"start": "2027-04", "end": "2027-05"},
        kgi={"monthly": {"2027-04": 1, "2027-05": 1}},
        deal_size=None,
        segments=[
            {"id": "a", "share": "35%", "deal_size": 1},
            {"id": "b", "share": "34%", "deal_size": 1},
            {"id": "c", "share": "31%", "deal_size": 1},
        ],
    )
    # Corners: a's 35% of ¥1 = 0.35 -> 0, of ¥2 = 0.70 -> 1; a+b's 69% of ¥1 -> 1, of ¥2 = 1.38
    # -> 1; so b's May was 1 - 1 - 1 + 0 = -1 (-¥1). Now b keeps its ¥1 (May 0) and the unit
    # comes back from c, furthest above its aim in May (1 against 0.62; a: 1 against 0.70).
    report = build_target(plan)
    revenue = [[m.revenue for m in s.months if m.in_period] for s in report.segments]
    assert revenue == [[0, 1], [1, 0], [0, 0]]
    assert [sum(column) for column in zip(*revenue, strict=True)] == [1, 1]
