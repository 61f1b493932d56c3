"""Every rounding rule in one place, each with the sentence the README's "Rounding rules" uses.

Pure and exact: Fractions in, Fractions (or ints) out; no float anywhere. The core (target, gap)
rounds with these; display code rounds only for reading (`round_half_away`), never to compute.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from fractions import Fraction


def ceil_fraction(value: Fraction) -> int:
    """The smallest whole number at least `value` (rule 4: running totals are rounded up)."""
    return -((-value.numerator) // value.denominator)


def floor_fraction(value: Fraction) -> int:
    """The largest whole number at most `value` (catch-up caps: entries held × rate, floored)."""
    return value.numerator // value.denominator


def round_half_up(value: Fraction, places: int = 0) -> Fraction:
    """To `places` decimals, halves up (rule 2: monthly revenue's running totals, minor unit)."""
    scale = Fraction(10) ** places
    return Fraction(math.floor(value * scale + Fraction(1, 2))) / scale


def round_half_away(value: Fraction) -> int:
    """Display only (rule 10): to a whole unit, halves away from zero, so -2.5 and 2.5 alike."""
    magnitude = int(abs(value) + Fraction(1, 2))
    return -magnitude if value < 0 else magnitude


def round_up(value: Fraction, places: int) -> Fraction:
    """Up to `places` decimals (per-person loads: a tenth a month, a hundredth a day)."""
    scale = Fraction(10) ** places
    return Fraction(ceil_fraction(value * scale)) / scale


def cumulative_round(
    amounts: list[Fraction], round_total: Callable[[Fraction], Fraction | int]
) -> list[Fraction]:
    """Round running totals with `round_total`; return the steps, which add up to the rounded total."""
    steps, running, previous = [], Fraction(0), Fraction(0)
    for amount in amounts:
        running += amount
        rounded = Fraction(round_total(running))
        steps.append(rounded - previous)
        previous = rounded
    return steps


def split_by_shares(
    amounts: list[Fraction], shares: list[Fraction], places: int
) -> list[list[Fraction]]:
    """Each part's share of each amount (part x amount), in units of 10^-places, adding up exactly.

    Running totals in both directions: the running total over the first j parts and the first m
    amounts is `round_half_up(share_1..j x amount_1..m)`, and each cell is the step between them.
    So the parts of every amount add up to it (two 50% parts of 1,000,001 are 500,001 and 500,000,
    not 500,001 twice), each part's amounts add up to its share of the whole, rounded, and a part's
    running total is within one unit of the exact one (equal to it when that is whole).
    """
    whole = sum(shares, Fraction(0))

    def corner(share: Fraction, amount: Fraction) -> Fraction:
        return round_half_up(share * amount / whole, places) if whole else Fraction(0)

    result: list[list[Fraction]] = []
    share_before, share_to = Fraction(0), Fraction(0)
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


def largest_remainder(values: list[Fraction], total: Fraction, places: int) -> list[Fraction]:
    """Round each value down to `places` decimals, then give the units left to the largest remainders."""
    scale = 10**places
    floors = [Fraction(floor_fraction(v * scale)) for v in values]
    units = int(total * scale - sum(floors))
    assert 0 <= units <= len(values), "the total is out of the parts' reach"
    by_remainder = sorted(range(len(values)), key=lambda i: (-(values[i] * scale - floors[i]), i))
    for i in by_remainder[:units]:
        floors[i] += 1
    return [f / scale for f in floors]


def split_counts_by_shares(counts: list[Fraction], shares: list[Fraction]) -> list[list[Fraction]]:
    """Whole counts split among parts by running totals: never negative, adding up every month.

    Each month, every part's running total aims at its share of the running total of counts; the
    month's units go first to the parts furthest below their aim (whole units of their shortfall),
    then one at a time to the largest remaining shortfall (the first part among equals), or back
    from the part furthest above it. So the parts add up to each month, each part's counts to its
    share of the total within one unit, and no part's count is negative (channels: a count of -1 is
    no plan; `split_by_shares`' two-way running totals can give one).
    """
    whole = sum(shares, Fraction(0))
    held = [Fraction(0)] * len(shares)
    result: list[list[Fraction]] = [[] for _ in shares]
    running = Fraction(0)
    for count in counts:
        running += count
        short = [share * running / whole - have for share, have in zip(shares, held, strict=True)]
        given = [max(0, floor_fraction(s)) for s in short]
        while (
            sum(given) > count
        ):  # the parts behind by whole units outran the month: the least behind give back
            j = min(
                (j for j in range(len(given)) if given[j]), key=lambda j: (short[j] - given[j], -j)
            )
            given[j] -= 1
        while sum(given) < count:
            j = max(range(len(given)), key=lambda j: (short[j] - given[j], -j))
            given[j] += 1
        for j, units in enumerate(given):
            held[j] += units
            result[j].append(Fraction(units))
    return result


def rate_shown_up(value: Fraction) -> Fraction:
    """A solved rate as shown: up to 0.1% (three decimals of a fraction of 1), so the rate shown
    still reaches the goal (whatif: 8/15 is shown 53.4%, never 53.3%)."""
    return round_up(value, 3)


def money_shown_up(value: Fraction, minor_unit: int) -> Fraction:
    """A solved amount as shown: up to the currency's minor unit, so the amount shown still
    reaches the goal (whatif: ¥60,000,000 / 45 deals is ¥1,333,334 a deal, never ¥1,333,333)."""
    return round_up(value, minor_unit)


def round_down(value: Fraction, places: int) -> Fraction:
    """Down to `places` decimals (probabilities: to 0.1%, so a plan shown at 80% has at least 80%)."""
    scale = Fraction(10) ** places
    return Fraction(floor_fraction(value * scale)) / scale
