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

    Never negative: where those steps would give a part -1 (a small share of a small amount, its
    corners rounded the other way), `_no_negative_steps` moves the month's units between the parts
    instead, so every part's running total keeps rising and every month still adds up.

    Exact, in integers: shares and amounts are scaled to whole numbers over their common
    denominators, and `round_half_up(x)` of x = n/d is `(2n + d) // 2d`.
    """
    if not shares:
        return []
    share_units, _ = _common(shares)
    whole = sum(share_units)
    unit = 10**places
    if whole <= 0:
        return [[Fraction(0)] * len(amounts) for _ in shares]
    amount_units, amount_denominator = _common(amounts)
    totals = [0]
    for amount in amount_units:
        totals.append(totals[-1] + amount)
    below = 2 * whole * amount_denominator

    def corners(share_to: int) -> list[int]:  # round_half_up(share x total / whole), in units
        return [
            (2 * share_to * total * unit + whole * amount_denominator) // below for total in totals
        ]

    cells: list[list[int]] = []
    share_to = 0
    previous = corners(0)
    for share in share_units:
        share_to += share
        current = corners(share_to)
        cells.append(
            [
                current[m + 1] - previous[m + 1] - current[m] + previous[m]
                for m in range(len(amounts))
            ]
        )
        previous = current
    if min(amount_units, default=0) >= 0 and any(cell < 0 for row in cells for cell in row):
        _no_negative_steps(cells, share_units, totals, unit, below // 2)
    return [[Fraction(cell, unit) for cell in row] for row in cells]


def _common(values: list[Fraction]) -> tuple[list[int], int]:
    """`values` as whole numbers over their least common denominator, and that denominator."""
    denominator = math.lcm(*(Fraction(value).denominator for value in values)) if values else 1
    return [
        Fraction(value).numerator * (denominator // Fraction(value).denominator) for value in values
    ], denominator


def _no_negative_steps(
    cells: list[list[int]], shares: list[int], totals: list[int], unit: int, scale: int
) -> None:
    """Month by month, a part whose running total would fall keeps it (its step is 0); the units
    that this takes beyond the month's amount come back, one at a time, from the part whose running
    total is furthest above its exact share (the last among equals) and that has a unit this month.
    So each month's parts add up to it and none is negative. `scale` x units is the exact aim's
    denominator (share x running amount x unit / whole: whole x the amounts' denominator)."""
    held = [0] * len(shares)  # each part's repaired running total, in units
    proposed_total = [0] * len(shares)  # each part's running total as the corners give it
    for m in range(len(totals) - 1):
        for j, row in enumerate(cells):
            proposed_total[j] += row[m]
        proposal = [max(p, h) for p, h in zip(proposed_total, held, strict=True)]
        excess = sum(proposal) - sum(held) - sum(row[m] for row in cells)
        while excess > 0:
            j = max(
                (j for j in range(len(shares)) if proposal[j] > held[j]),
                key=lambda j: (proposal[j] * scale - shares[j] * totals[m + 1] * unit, j),
            )
            proposal[j] -= 1
            excess -= 1
        for j, row in enumerate(cells):
            row[m] = proposal[j] - held[j]
            held[j] = proposal[j]


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
    from the part furthest above it. So the parts add up to each month, each part's running count
    stays at most one unit from its share of the running total, and no part's count is negative
    (channels: a count of -1 is no plan; `split_by_shares`' two-way running totals can give one).
    "At most one" is tight: weights 1,1,1,33,33,33 over 66 then 2 leave one 33 part at 21 of 22
    (the month cannot give three parts their unit). Balinski and Young's quota method would stay
    strictly within one, but it goes unit by unit (too slow for 10^6 a month); left for later.
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
