"""The odds of reaching the KGI: every unit converts independently at its stage's rate.

Model (docs/odds.md): a unit at stage s becomes a deal with the product of the rates from s to the
deal, independently of every other unit. So a funnel's deals are a sum of binomials (its top-stage
entries, and each stage's pipeline with its own chance), its revenue is deals x its deal size, and
the funnels (segments) are independent. P(reaching the KGI) = P(total revenue >= KGI).

Method (integer arithmetic with a bounded, stated error; no float in any probability: floats only
guess where the search of `size_for` starts, and every answer is checked exactly):
- Every probability is held as a whole number of units of 2^-64 (`UNITS`), rounded down, and every
  distribution carries `error`: a bound on the sum over its values of |held - true| (in units).
- A binomial's terms come from the mode outwards by the ratio of consecutive terms
  (t[k+1] = t[k] (n-k) p / ((k+1)(1-p)), in integers with 64 guard bits), until a term falls below
  2^-60 of the mode's; the terms left out are bounded by a geometric series (the binomial is
  log-concave, so the ratios only fall further), and that bound is part of `error`.
- Funnels with the same deal size add deals: their distributions are multiplied as polynomials, by
  Kronecker substitution (the longer one's coefficients packed into one Python integer, shifted and
  scaled once per value of the shorter one, the sum unpacked), each product coefficient rounded down (one unit each, in `error`). Ends whose mass is
  below 2^8 units (2^-56) are dropped (counted in `error`), so widths grow like the standard deviation.
  Long products (a grid of thousands of values) take the same integers another way: the running
  distribution in 64-bit words, multiplied phase by phase (`multiply_words`, below), by GMP when
  gmpy2 is installed; the result is the same to the last unit, so is every probability.
- Different deal sizes: revenue in units of the greatest common divisor of the deal sizes; every
  deal-size group but one is multiplied onto that grid (a group's deals spread by its deal size /
  the unit), and the last group enters through its survival function:
  P = sum over v of P(rest = v) x P(last >= ceil((KGI - v) / its deal size)).
- `Odds.error` is the bound on |probability - true probability|; tests hold it below 1e-9 (it is
  about 1e-17 on the example plans, 5e-15 on the 40-segment benchmark). A plan whose grid would need more than `MAX_SLOTS`
  values (deal sizes with no common unit, many of them) is refused (`OddsTooComplex`), never
  approximated.
"""

from __future__ import annotations

import heapq
import sys
from array import array
from bisect import bisect_right
from collections.abc import Callable, Sequence
from fractions import Fraction
from functools import cache
from itertools import accumulate
from math import gcd, lcm
from operator import mul
from typing import TYPE_CHECKING, Any

from funnelplan.core.rounding import ceil_fraction, floor_fraction, round_down, split_by_shares
from funnelplan.core.target import arrival_share, plan_timing
from funnelplan.core.target_report import MonthRow, TargetReport
from funnelplan.model.months import Month
from funnelplan.model.record import Record

if TYPE_CHECKING:
    from funnelplan.core.gap import GapReport

BITS = 64
UNITS = 1 << BITS  # probability 1
GUARD = 64  # extra bits while a binomial's terms are made
CUTOFF = 60  # a binomial's terms stop below 2^-60 of its mode's
TRIM = 1 << (BITS - 56)  # mass dropped at the ends of a product, per end (about 1.4e-17)
MAX_SLOTS = 1 << 21  # values on a revenue grid, at most
SHORT = 1024  # a distribution with at most this many values is shifted, not multiplied whole
ERROR_LIMIT = Fraction(1, 10**9)


class OddsTooComplex(ValueError):
    """The revenue grid would be too large to sum exactly (deal sizes sharing no common unit)."""


TOO_COMPLEX = "too_complex"  # the reason a report gives (its words: views/odds.py)

_set = object.__setattr__  # the classes are Records, not frozen dataclasses: see model/record.py


class Units(Record):
    """Units that convert independently: `count` of them, each a deal with `chance`."""

    __match_args__ = ("count", "chance")
    __slots__ = __match_args__
    count: int
    chance: Fraction

    def __init__(self, count: int, chance: Fraction) -> None:
        _set(self, "count", count)
        _set(self, "chance", chance)


class FunnelUnits(Record):
    """One funnel (the plan, or a segment): its deal size and the units that can become deals."""

    __match_args__ = ("deal_size", "units")
    __slots__ = __match_args__
    deal_size: Fraction
    units: tuple[Units, ...]

    def __init__(self, deal_size: Fraction, units: tuple[Units, ...]) -> None:
        _set(self, "deal_size", deal_size)
        _set(self, "units", units)

    @property
    def expected_deals(self) -> Fraction:
        return sum((Fraction(u.count) * u.chance for u in self.units), Fraction(0))


class Odds(Record):
    __match_args__ = ("probability", "error")
    __slots__ = __match_args__
    probability: Fraction  # what the method computes (a multiple of 2^-64)
    error: Fraction  # |probability - true probability| <= error

    def __init__(self, probability: Fraction, error: Fraction) -> None:
        assert error < ERROR_LIMIT, "odds error above the stated bound"
        _set(self, "probability", probability)
        _set(self, "error", error)


class Dist(Record):
    """A distribution on lo, lo+1, ...: coef[i] is P(value = lo + i) in units of 2^-64."""

    __match_args__ = ("lo", "coef", "error")
    __slots__ = __match_args__
    lo: int
    coef: list[int]
    error: int  # sum |held - true| over all values, in units

    def __init__(self, lo: int, coef: list[int], error: int) -> None:
        _set(self, "lo", lo)
        _set(self, "coef", coef)
        _set(self, "error", error)


def point(value: int) -> Dist:
    return Dist(value, [UNITS], 0)


def binomial(count: int, chance: Fraction) -> Dist:
    """Binomial(count, chance), terms from the mode outwards, the rest bounded (see the module)."""
    if count == 0:
        return point(0)
    a, b = chance.numerator, chance.denominator
    c = b - a
    if c == 0:
        return point(count)
    mode = min(count, (count + 1) * a // b)
    top = 1 << (BITS + GUARD)
    floor_at = top >> CUTOFF
    above: list[int] = []
    term, k, tail_up = top, mode, 0
    while k < count:
        num, den = (count - k) * a, (k + 1) * c
        term = term * num // den
        k += 1
        if term < floor_at:
            if k < count:  # terms past k: at most term x r / (1 - r), r the ratio from k on
                r_num, r_den = (count - k) * a, (k + 1) * c
                tail_up = term + (term * r_num // max(r_den - r_num, 1)) + 1 if r_num else term
            else:
                tail_up = term
            break
        above.append(term)
    below: list[int] = []
    term, k, tail_down = top, mode, 0
    while k > 0:
        num, den = k * c, (count - k + 1) * a
        term = term * num // den
        k -= 1
        if term < floor_at:
            if k > 0:
                r_num, r_den = k * c, (count - k + 1) * a
                tail_down = term + (term * r_num // max(r_den - r_num, 1)) + 1 if r_num else term
            else:
                tail_down = term
            break
        below.append(term)
    terms = [*reversed(below), top, *above]
    lo = mode - len(below)
    total = sum(terms)
    # floors in the ratio steps: a term d steps from the mode is off by at most d
    drift = len(above) * (len(above) + 1) // 2 + len(below) * (len(below) + 1) // 2
    coef = [t * UNITS // total for t in terms]
    left_out = tail_up + tail_down + len(terms)  # + the floored boundary terms' drift
    error = -((-(3 * left_out + 2 * drift) * UNITS) // total) + len(coef) + 1
    return Dist(lo, coef, error)


def _trim(dist: Dist) -> Dist:
    """Drop ends whose mass is below TRIM each (their mass goes into the error)."""
    coef = dist.coef
    start, dropped = 0, 0
    while start < len(coef) - 1 and dropped + coef[start] <= TRIM:
        dropped += coef[start]
        start += 1
    end, dropped_end = len(coef), 0
    while end - 1 > start and dropped_end + coef[end - 1] <= TRIM:
        dropped_end += coef[end - 1]
        end -= 1
    if start == 0 and end == len(coef):
        return dist
    return Dist(dist.lo + start, coef[start:end], dist.error + dropped + dropped_end)


def _pack(coef: Sequence[int], stride: int, width: int) -> int:
    gap = bytes(width * (stride - 1))
    return int.from_bytes(gap.join(c.to_bytes(width, "little") for c in coef), "little")


def multiply(first: Dist, second: Dist, stride_first: int = 1, stride_second: int = 1) -> Dist:
    """The distribution of stride_first x X + stride_second x Y (X, Y independent), by Kronecker
    substitution: the coefficients packed into Python integers, multiplied, and unpacked; each
    value then rounded down to a unit. A short side (a few values) is shifted and scaled once per
    value instead of multiplied whole, which is faster against a long one."""
    for one, other, stride in ((first, second, stride_second), (second, first, stride_first)):
        if len(one.coef) == 1 and one.coef[0] == UNITS and one.error == 0:  # a sure value
            shift = one.lo * (stride_first if one is first else stride_second)
            if stride == 1:
                return Dist(other.lo * stride + shift, list(other.coef), other.error)
    width = (2 * BITS + 16) // 8 + 1  # a product coefficient is below 2^(2*BITS + 2)
    if len(first.coef) < len(second.coef):  # the loop below runs over the shorter one
        first, second = second, first
        stride_first, stride_second = stride_second, stride_first
    packed = _pack(first.coef, stride_first, width)
    if len(second.coef) > SHORT:
        product = packed * _pack(second.coef, stride_second, width)
    else:
        step = stride_second * width * 8
        product = 0
        for j, mass in enumerate(second.coef):
            if mass:
                product += (packed * mass) << (j * step)
    size = (len(first.coef) - 1) * stride_first + (len(second.coef) - 1) * stride_second + 1
    raw = product.to_bytes(size * width, "little")
    coef = [int.from_bytes(raw[i * width : (i + 1) * width], "little") >> BITS for i in range(size)]
    e1, e2 = first.error, second.error
    error = e1 + e2 + (2 * e1 * e2 >> BITS) + 1 + size
    lo = first.lo * stride_first + second.lo * stride_second
    return _trim(Dist(lo, coef, error))


# --- the same products on machine words (a long distribution times a group's deals) -------------
#
# `multiply` packs 18-byte slots and adds one shifted copy of the long side per value of the short
# one, and CPython multiplies long integers by Karatsuba: on a grid of tens of thousands of values
# each product costs a fraction of a second. The running distribution of `probability_at_least`
# is kept here as 64-bit words instead (an array 'Q': every value but a sure one's is below 2^64,
# as the values of a distribution add up to at most 2^64), and a product with a group spread by
# `stride` grid steps, A(x) x B(x^stride), is taken phase by phase: A's values r, r + stride,
# r + 2 stride, ... form A_r, and the values r + stride k of the product are those of A_r(y) B(y),
# so `stride` dense products replace one product that is mostly zeros. Each is one integer
# product of 16-byte slots (a product value is below 2^128), by GMP when gmpy2 is installed (its
# multiplication is FFT-based; CPython's is Karatsuba); each value's floor by 2^64 is the high word
# of its slot. The integers are the same as `multiply`'s, so the result is too, to the last unit,
# error bound included (tests/test_odds.py checks it on random distributions).

FAST_WORK = 1 << 10  # len(long) x len(short) from which `_spread_product` is the faster one
# (measured 2026-12-02 with gmpy2 2.3: ~2x faster than `multiply` from ~800, 0.9x at 81; at
# 2^15, as before, the gap of the 36x100x12 plan left ~160 products to `multiply`)


class Words(Record):
    """A distribution as `Dist`, its values held as 64-bit words."""

    __match_args__ = ("lo", "words", "error")
    __slots__ = __match_args__
    lo: int
    words: array[int]
    error: int

    def __init__(self, lo: int, words: array[int], error: int) -> None:
        _set(self, "lo", lo)
        _set(self, "words", words)
        _set(self, "error", error)

    def dist(self) -> Dist:
        return Dist(self.lo, self.words.tolist(), self.error)


def as_words(dist: Dist) -> Words | None:
    """`dist` in words, or None where a value does not fit one (a sure value: 2^64) or the machine
    does not keep words as little-endian 8-byte integers."""
    if sys.byteorder != "little" or array("Q").itemsize != 8:
        return None
    try:
        return Words(dist.lo, array("Q", dist.coef), dist.error)
    except OverflowError:
        return None


GMP_WORK = 1 << 15  # len(long) x len(short) from which a product takes GMP's integers: below,
# Python's multiply as fast, and a run with no longer product (the example plans) never imports
# gmpy2 (~15 ms, and the modules it loads)


def _python_integer(raw: array[int]) -> int:
    return int.from_bytes(raw, "little")


@cache
def _integers() -> Callable[[array[int]], Any]:
    """Little-endian words -> an integer: gmpy2's mpz when installed (GMP multiplies long
    integers far faster), else Python's int (the same values). Both have `to_bytes`."""
    try:
        from gmpy2 import from_binary
    except ImportError:
        return _python_integer
    return lambda raw: from_binary(b"\x01\x01" + raw)  # gmpy2's form: mpz, positive, magnitude


def _spread_product(long: array[int], short: Sequence[int], stride: int) -> array[int]:
    """floor(A(x) B(x^stride) / 2^64), value by value: A's values `long`, B's `short` (words)."""
    to_integer = _integers() if len(long) * len(short) >= GMP_WORK else _python_integer
    size = len(long) + (len(short) - 1) * stride
    slots = array("Q", bytes(16 * len(short)))
    slots[0::2] = array("Q", short)
    multiplier = to_integer(slots)
    result = array("Q", bytes(8 * size))
    for phase in range(min(stride, len(long))):
        part = long[phase::stride]
        slots = array("Q", bytes(16 * len(part)))
        slots[0::2] = part
        values = len(part) + len(short) - 1
        product = array("Q")
        product.frombytes((to_integer(slots) * multiplier).to_bytes(16 * values, "little"))
        result[phase::stride] = product[1::2]
    return result


def multiply_words(first: Words, second: Dist, stride: int) -> Words:
    """`multiply(first, second, 1, stride)` (the same values, error and trim), on words."""
    words = _spread_product(first.words, second.coef, stride)
    e1, e2 = first.error, second.error
    error = e1 + e2 + (2 * e1 * e2 >> BITS) + 1 + len(words)
    lo = first.lo + second.lo * stride
    start, dropped = _light_end(words, len(words) - 1, False)  # the ends `_trim` drops
    cut, dropped_end = _light_end(words, len(words) - 1 - start, True)
    if start or cut:
        words = words[start : len(words) - cut]
    return Words(lo + start, words, error + dropped + dropped_end)


def _light_end(words: array[int], most: int, from_end: bool) -> tuple[int, int]:
    """How many values from the start (or the end), at most `most`, have a running sum <= TRIM,
    and that sum: `_trim`'s loop, whole blocks added while they stay within the bound, then the
    running sums of the block that passes it."""
    taken, mass, block, size = 0, 0, 64, len(words)
    while taken < most:
        count = min(block, most - taken)
        if from_end:
            chunk = words[size - taken - count : size - taken][::-1]
        else:
            chunk = words[taken : taken + count]
        weight = sum(chunk)
        if mass + weight <= TRIM:
            taken, mass, block = taken + count, mass + weight, block * 2
            continue
        sums = list(accumulate(chunk, initial=mass))
        light = bisect_right(sums, TRIM) - 1  # values of the chunk within the bound
        return taken + light, sums[light]
    return taken, mass


def _grow(combined: Dist | Words, group: Dist, stride: int) -> Dist | Words:
    """combined x the group spread by `stride`: on words once the product is long enough to pay."""
    if isinstance(combined, Dist):
        if len(combined.coef) * len(group.coef) < FAST_WORK or max(group.coef) >= UNITS:
            return multiply(combined, group, 1, stride)
        packed = as_words(combined)
        if packed is None:
            return multiply(combined, group, 1, stride)
        combined = packed
    if max(group.coef) >= UNITS:
        return multiply(combined.dist(), group, 1, stride)
    return multiply_words(combined, group, stride)


def grid_sum(spread: Sequence[tuple[Dist, int]]) -> Dist:
    """The distribution of the sum of independent X_i x stride_i, on a grid of 1: the two
    narrowest (by the grid values each spans) multiplied first, as a Huffman tree (`_tree`)."""
    nodes = _tree(spread, 1)
    if not nodes:
        return point(0)
    (last, stride) = nodes[0]
    if stride != 1:  # one group alone: spread onto the grid
        return multiply(point(0), last if isinstance(last, Dist) else last.dist(), 1, stride)
    return last.dist() if isinstance(last, Words) else last


def _tree(spread: Sequence[tuple[Dist, int]], keep: int) -> list[tuple[Dist | Words, int]]:
    """`spread`'s distributions multiplied two at a time, the two narrowest first, until `keep`
    are left (with their strides). Widths of sums grow like the standard deviation, so
    multiplying one growing sum by one group after another (each product as long as the whole
    sum so far) did about 1.6x the work on the 36x100x12 benchmark plan's 44 deal sizes. Each
    product is `multiply`'s (or the same integers on words), so the order is the only thing
    that decides the last units of 2^-64; every product's floors and trims are in `error`."""
    Node = tuple[int, int, Dist | Words, int]  # (grid values spanned, arrival, values, stride)
    heap: list[Node] = [
        ((len(dist.coef) - 1) * stride + 1, order, dist, stride)
        for order, (dist, stride) in enumerate(sorted(spread, key=lambda g: len(g[0].coef) * g[1]))
    ]
    heapq.heapify(heap)
    arrivals = len(heap)
    while len(heap) > keep:
        _, _, first, first_stride = heapq.heappop(heap)
        _, _, second, second_stride = heapq.heappop(heap)
        merged = _merge(first, first_stride, second, second_stride)
        length = len(merged.words) if isinstance(merged, Words) else len(merged.coef)
        heapq.heappush(heap, (length, arrivals, merged, 1))
        arrivals += 1
    return [(values, stride) for _, _, values, stride in sorted(heap)]


def _on_grid(values: Dist | Words, stride: int) -> Dist:
    """The same distribution with its values at every `stride`-th grid value (zeros between):
    exact, so no error is added."""
    dist = values.dist() if isinstance(values, Words) else values
    if stride == 1:
        return dist
    laid = [0] * ((len(dist.coef) - 1) * stride + 1)
    laid[::stride] = dist.coef
    return Dist(dist.lo * stride, laid, dist.error)


def pair_reach(first: Dist, second: Dist, need: int) -> int:
    """sum over x of P(first = x) x P(second >= need - x), in units^2: P(first + second >= need)
    without the product first x second (the largest of a tree's products, ~25 ms on the
    36x100x12 plan), in one pass over `first` against `second`'s tail sums."""
    tails = list(accumulate(reversed(second.coef), initial=0))[::-1]  # tails[k]: values k on
    size, count = len(second.coef), len(first.coef)
    top = need - first.lo - second.lo  # the index into `tails` for first's value i is top - i
    start, end = max(0, top - size), min(count - 1, top)  # i whose index is within 0..size
    total = 0
    if start <= end:
        total = sum(map(mul, first.coef[start : end + 1], tails[top - end : top - start + 1][::-1]))
    if top + 1 < count:  # i past `top`: second reaches the need whatever it is
        total += tails[0] * sum(first.coef[max(top + 1, 0) :])
    return total


def _merge(
    first: Dist | Words, first_stride: int, second: Dist | Words, second_stride: int
) -> Dist | Words:
    """first x stride + second x stride, on the grid: `multiply`, or the same on words (the
    strided side kept as a Dist, the other laid out on the grid) where that pays."""
    if first_stride != 1 and second_stride == 1:  # the one already on the grid is the long one
        first, first_stride, second, second_stride = second, second_stride, first, first_stride
    if isinstance(second, Words):
        second = second.dist()
    if first_stride != 1:
        first = first if isinstance(first, Dist) else first.dist()
        if (
            len(first.coef) * first_stride * len(second.coef) < FAST_WORK
            or max(first.coef) >= UNITS
        ):
            return multiply(first, second, first_stride, second_stride)
        first = _on_grid(first, first_stride)  # the same values, on the grid
    return _grow(first, second, second_stride)


def deals(units: Sequence[Units]) -> Dist:
    """The deals from independent units: one binomial per chance (counts of a chance add up)."""
    by_chance: dict[tuple[int, int], int] = {}  # keyed by the chance's integers: a Fraction's
    for unit in units:  # hash takes a modular inverse
        if unit.count:
            key = (unit.chance.numerator, unit.chance.denominator)
            by_chance[key] = by_chance.get(key, 0) + unit.count
    chances = sorted(by_chance, key=lambda key: Fraction(*key))
    return grid_sum([(_trim(binomial(by_chance[key], Fraction(*key))), 1) for key in chances])


def survival(dist: Dist) -> Callable[[int], int]:
    """x -> P(value >= x), in units (1 below the held values, 0 above them)."""
    tails = [0] * (len(dist.coef) + 1)
    for i in range(len(dist.coef) - 1, -1, -1):
        tails[i] = tails[i + 1] + dist.coef[i]

    def at_least(x: int) -> int:
        i = x - dist.lo
        return tails[max(i, 0)] if i < len(tails) else 0

    return at_least


def probability_at_least(funnels: Sequence[FunnelUnits], goal: Fraction) -> Odds:
    """P(sum of deals x deal size over the funnels >= goal), exact to `Odds.error`."""
    if goal <= 0:
        return Odds(Fraction(1), Fraction(0))
    grouped: dict[Fraction, list[Units]] = {}
    for funnel in funnels:
        grouped.setdefault(Fraction(funnel.deal_size), []).extend(funnel.units)
    groups = {size: deals(units) for size, units in grouped.items()}
    if not groups:
        return Odds(Fraction(0), Fraction(0))
    sizes = sorted(groups)
    last = _left_out(groups, sizes)
    rest = [s for s in sizes if s != last]
    final = groups[last]
    at_least = survival(final)
    if not rest:
        held = at_least(ceil_fraction(goal / last))
        return _odds(held, final.error + 1)
    unit = _common_unit(rest)
    slots = _grid_slots(groups, rest)
    if slots > MAX_SLOTS:
        raise OddsTooComplex(f"a revenue grid of {slots} values")
    if (last / unit).denominator == 1 and _grid_slots(groups, sizes) <= MAX_SLOTS:
        # the last group is on the grid too: all of them in the tree but its top product, and
        # the two sums left met in one pass (revenue = v x unit >= goal from v = ceil(goal / unit))
        (first, first_stride), (second, second_stride) = _tree(
            [(groups[size], int(size / unit)) for size in sizes], 2
        )
        low, high = _on_grid(first, first_stride), _on_grid(second, second_stride)
        held = pair_reach(low, high, ceil_fraction(goal / unit)) >> BITS
        return _odds(held, low.error + high.error + len(low.coef) + 2)
    combined = grid_sum([(groups[size], int(size / unit)) for size in rest])
    # deals the last group needs beside rest = v units: ceil((goal - v x unit) / last), in integers
    scale = lcm((goal / last).denominator, (unit / last).denominator)
    reach, per = int(goal / last * scale), int(unit / last * scale)
    held = reach_sum(combined, final, reach, per, scale) >> BITS
    return _odds(held, combined.error + final.error + len(combined.coef) + 2)


def reach_sum(combined: Dist, final: Dist, reach: int, per: int, scale: int) -> int:
    """sum over v of P(combined = v) x P(final >= ceil((reach - per x v) / scale)), in units^2
    (per > 0), by the final group's values instead of the combined's (hundreds, not tens of
    thousands): the same integer, as
        sum_j P(final = lo_f + j) x P(combined >= ceil((reach - (lo_f + j) scale) / per)),
    since ceil((reach - per v) / scale) <= t exactly when v >= ceil((reach - t scale) / per)."""
    masses = combined.coef
    before = list(accumulate(masses, initial=0))  # before[k]: the mass of the first k values
    whole, size = before[-1], len(masses)
    total = 0
    for j, mass in enumerate(final.coef):
        if mass:
            first = -((((final.lo + j) * scale) - reach) // per) - combined.lo
            total += mass * (whole - before[min(max(first, 0), size)])
    return total


def _odds(held: int, error: int) -> Odds:
    return Odds(Fraction(min(max(held, 0), UNITS), UNITS), Fraction(error, UNITS))


def _common_unit(sizes: Sequence[Fraction]) -> Fraction:
    """The largest amount every deal size is a whole multiple of."""
    denominator = lcm(*(s.denominator for s in sizes))
    numerators = [int(s * denominator) for s in sizes]
    return Fraction(gcd(*numerators), denominator)


def _left_out(groups: dict[Fraction, Dist], sizes: Sequence[Fraction]) -> Fraction:
    """The deal size whose group, left off the grid (it enters through its survival function),
    leaves the shortest grid: the first of `sizes` at the least `_grid_slots` of the others,
    worked out for all of them at once (the others' common unit from gcds before and after)."""
    if len(sizes) == 1:
        return sizes[0]
    denominator = lcm(*(size.denominator for size in sizes))
    whole = [int(size * denominator) for size in sizes]
    lengths = [len(groups[size].coef) for size in sizes]
    before, after = [0] * (len(sizes) + 1), [0] * (len(sizes) + 1)
    for i, value in enumerate(whole):
        before[i + 1] = gcd(before[i], value)
    for i in range(len(sizes) - 1, -1, -1):
        after[i] = gcd(after[i + 1], whole[i])
    weighted = sum(length * value for length, value in zip(lengths, whole, strict=True))
    best, least = sizes[0], None
    for i, size in enumerate(sizes):
        # the others on their common unit gcd / denominator: each takes len x (its size / unit)
        slots = (weighted - lengths[i] * whole[i]) // gcd(before[i], after[i + 1]) + 1
        if least is None or slots < least:
            best, least = size, slots
    return best


def _grid_slots(groups: dict[Fraction, Dist], sizes: Sequence[Fraction]) -> int:
    if not sizes:
        return 1
    unit = _common_unit(sizes)
    return sum(len(groups[s].coef) * int(s / unit) for s in sizes) + 1


# --- sizing: the fewest extra top-stage entries for a wanted probability ------------------------


def extra_split(weights: Sequence[int], extra: int) -> list[int]:
    """`extra` entries over funnels in proportion to `weights` (their planned entries), by the
    D'Hondt method: each entry goes to the largest weight / (entries so far + 1), ties to the first.
    House-monotone: one more entry in all never takes one from a funnel, so the odds only rise."""
    whole = sum(weights)
    if extra <= 0:
        return [0] * len(weights)
    if whole == 0:
        weights, whole = [1] * len(weights), len(weights)
    given = [w * extra // whole for w in weights]  # D'Hondt gives at least the lower quota
    left = extra - sum(given)
    for _ in range(left):
        best = max(range(len(weights)), key=lambda i: (Fraction(weights[i], given[i] + 1), -i))
        given[best] += 1
    return given


class Sizing(Record):
    __match_args__ = ("wanted", "extra", "split", "odds", "odds_one_fewer")
    __slots__ = __match_args__
    wanted: Fraction
    extra: int  # the fewest extra top-stage entries, in all
    split: list[int]  # per funnel
    odds: Odds  # at `extra`
    odds_one_fewer: Odds | None  # at extra - 1 (None when extra is 0)

    def __init__(
        self,
        wanted: Fraction,
        extra: int,
        split: list[int],
        odds: Odds,
        odds_one_fewer: Odds | None,
    ) -> None:
        _set(self, "wanted", wanted)
        _set(self, "extra", extra)
        _set(self, "split", split)
        _set(self, "odds", odds)
        _set(self, "odds_one_fewer", odds_one_fewer)


def size_for(
    funnels: Sequence[FunnelUnits],
    tops: Sequence[int],
    goal: Fraction,
    wanted: Fraction,
    base: Odds | None = None,
) -> Sizing:
    """The fewest extra top-stage entries (split by `extra_split` over the funnels in proportion to
    their planned top-stage entries `tops`) at which P(revenue >= goal) >= wanted."""
    chances = [_top_chance(f) for f in funnels]

    def odds_at(extra: int) -> Odds:
        split = extra_split(tops, extra)
        grown = [
            FunnelUnits(f.deal_size, (*f.units, Units(e, chance)))
            for f, e, chance in zip(funnels, split, chances, strict=True)
        ]
        return probability_at_least(grown, goal)

    def enough(odds: Odds) -> bool:  # within its error bound (about 1e-15) of `wanted` counts
        return odds.probability + odds.error >= wanted

    base = base if base is not None else odds_at(0)  # the plan's own odds, when known
    if enough(base):
        return Sizing(wanted, 0, [0] * len(funnels), base, None)
    if all(c == 0 for c in chances):
        raise ValueError("no top-stage entries can become deals")
    guess = max(_normal_guess(funnels, chances, tops, goal, wanted), 1)
    cache: dict[int, Odds] = {0: base}
    # one exact evaluation corrects the normal curve's shift (skew, whole deals), then a second
    # guess lands within an entry or two
    for _ in range(3):
        cache[guess] = odds_at(guess)
        shift = _z_gap(funnels, chances, tops, goal, guess, cache[guess].probability)
        if shift is None:
            break
        better = max(_normal_guess(funnels, chances, tops, goal, wanted, shift), 1)
        if abs(better - guess) <= 1:
            guess = better
            break
        guess = better

    def check(extra: int) -> bool:
        if extra not in cache:
            cache[extra] = odds_at(extra)
        return enough(cache[extra])

    # gallop from the guess (the odds rise with every entry: extra_split is house-monotone), then
    # bisect: enough(high) and not enough(low) throughout
    if check(guess):
        high, step = guess, 1
        while True:
            low = max(high - step, 0)
            if low == 0 or not check(low):
                break
            high, step = low, step * 2
    else:
        low, step = guess, 1
        while True:
            high = low + step
            if check(high):
                break
            low, step = high, step * 2
    while high - low > 1:
        middle = (low + high) // 2
        if check(middle):
            high = middle
        else:
            low = middle
    return Sizing(wanted, high, extra_split(tops, high), cache[high], cache.get(high - 1))


def _top_chance(funnel: FunnelUnits) -> Fraction:
    """The chance of a top-stage entry (the first units listed are the top stage's)."""
    return funnel.units[0].chance if funnel.units else Fraction(0)


def _normal_guess(
    funnels: Sequence[FunnelUnits],
    chances: Sequence[Fraction],
    tops: Sequence[int],
    goal: Fraction,
    wanted: Fraction,
    shift: float = 0.0,
) -> int:
    """A starting point for the search only (never an answer): the extra entries at which the
    normal approximation of the revenue reaches `wanted` (its z moved by `shift`)."""
    from statistics import NormalDist

    z = NormalDist().inv_cdf(min(max(float(wanted), 1e-12), 1 - 1e-12)) + shift
    mean_var = _moments(funnels, chances, tops)
    low, high = 0.0, 1.0
    target = _continuity(funnels, goal)
    while True:
        mean, var = mean_var(high)
        if mean - z * var**0.5 >= target or high > 1e12:
            break
        high *= 2
    for _ in range(60):
        middle = (low + high) / 2
        mean, var = mean_var(middle)
        if mean - z * var**0.5 >= target:
            high = middle
        else:
            low = middle
    return max(floor_fraction(Fraction(high)), 0)


def _continuity(funnels: Sequence[FunnelUnits], goal: Fraction) -> float:
    """Whole deals reach the goal where the normal curve passes half a deal below it."""
    return float(goal) - min(float(f.deal_size) for f in funnels) / 2


def _z_gap(
    funnels: Sequence[FunnelUnits],
    chances: Sequence[Fraction],
    tops: Sequence[int],
    goal: Fraction,
    extra: int,
    probability: Fraction,
) -> float | None:
    """How far the normal curve's z at `extra` is from the exact probability's z (a guess only)."""
    from statistics import NormalDist

    exact = float(probability)
    if not 1e-12 < exact < 1 - 1e-12:
        return None
    mean, var = _moments(funnels, chances, tops)(float(extra))
    if var <= 0:
        return None
    model = (mean - _continuity(funnels, goal)) / var**0.5
    return model - NormalDist().inv_cdf(exact)


def _moments(
    funnels: Sequence[FunnelUnits], chances: Sequence[Fraction], tops: Sequence[int]
) -> Callable[[float], tuple[float, float]]:
    whole = sum(tops) or 1

    def mean_var(extra: float) -> tuple[float, float]:
        mean = var = 0.0
        for funnel, chance, top in zip(funnels, chances, tops, strict=True):
            size = float(funnel.deal_size)
            for unit in funnel.units:
                p = float(unit.chance)
                mean += unit.count * p * size
                var += unit.count * p * (1 - p) * size * size
            share = extra * top / whole
            p = float(chance)
            mean += share * p * size
            var += share * p * (1 - p) * size * size
        return mean, var

    return mean_var


# --- the odds of a target report and of a gap report --------------------------------------------

SHOWN_PLACES = 3  # probabilities are shown to 0.1%, rounded down (rounding.round_down)


class FunnelEntries(Record):
    """One funnel of a report as units: its top-stage entries that land in the period, the
    pipeline, and the chances from each stage on."""

    __match_args__ = ("funnel", "top", "rates")
    __slots__ = __match_args__
    funnel: FunnelUnits
    top: int  # top-stage entries whose deals land in the period
    rates: list[Fraction]  # the rate from each stage to the next, in funnel order

    def __init__(self, funnel: FunnelUnits, top: int, rates: list[Fraction]) -> None:
        _set(self, "funnel", funnel)
        _set(self, "top", top)
        _set(self, "rates", rates)


class SizedPlan(Record):
    """The plan raised to a wanted probability: the fewest extra top-stage entries."""

    __match_args__ = (
        "wanted",
        "extra",
        "relative_extra",
        "counts",
        "odds",
        "shown",
        "one_fewer",
        "one_fewer_shown",
        "changes",
        "gain",
    )
    __slots__ = __match_args__
    wanted: Fraction
    extra: int
    relative_extra: Fraction  # extra / the plan's top-stage total
    counts: dict[str, Fraction]  # stage id -> the period's total with the extra entries
    odds: Odds
    shown: Fraction  # odds.probability rounded down to 0.1%
    one_fewer: Odds | None
    one_fewer_shown: Fraction | None
    changes: dict[str, Fraction]  # stage id -> sized total - the plan's total
    gain: Fraction  # shown probability, sized - planned

    def __init__(
        self,
        wanted: Fraction,
        extra: int,
        relative_extra: Fraction,
        counts: dict[str, Fraction],
        odds: Odds,
        shown: Fraction,
        one_fewer: Odds | None,
        one_fewer_shown: Fraction | None,
        changes: dict[str, Fraction],
        gain: Fraction,
    ) -> None:
        _set(self, "wanted", wanted)
        _set(self, "extra", extra)
        _set(self, "relative_extra", relative_extra)
        _set(self, "counts", counts)
        _set(self, "odds", odds)
        _set(self, "shown", shown)
        _set(self, "one_fewer", one_fewer)
        _set(self, "one_fewer_shown", one_fewer_shown)
        _set(self, "changes", changes)
        _set(self, "gain", gain)


class TargetOdds(Record):
    __match_args__ = ("odds", "shown", "entries", "planned", "sized", "reason")
    __slots__ = __match_args__
    odds: Odds | None  # None: too complex to sum exactly (see `reason`)
    shown: Fraction | None
    entries: int  # top-stage entries landing in the period, all funnels
    planned: dict[str, Fraction]  # stage id -> the plan's period total (what the sizing raises)
    sized: SizedPlan | None
    reason: str

    def __init__(
        self,
        odds: Odds | None,
        shown: Fraction | None,
        entries: int,
        planned: dict[str, Fraction],
        sized: SizedPlan | None = None,
        reason: str = "",
    ) -> None:
        _set(self, "odds", odds)
        _set(self, "shown", shown)
        _set(self, "entries", entries)
        _set(self, "planned", planned)
        _set(self, "sized", sized)
        _set(self, "reason", reason)


def _chances(rates: Sequence[Fraction]) -> list[Fraction]:
    """Each stage's chance of becoming a deal: the product of the rates from it on."""
    chances = [Fraction(1)]
    for rate in reversed(rates):
        chances.append(chances[-1] * rate)
    return list(reversed(chances))


def target_entries(report: TargetReport) -> list[FunnelEntries]:
    """The units of a target report: per funnel (segment), the top-stage entries in the months
    whose deals land in the period (a month m with m + the lags <= the period's end), at the
    planned counts (whole: a fraction of an entry under `rounding: none` does not convert), and
    the pipeline held at each stage (its deals land from the period's start + the lags below it)."""
    stages = report.stages
    lags_from = [sum(s.lag for s in stages[i:-1]) for i in range(len(stages))]
    last_entry = report.period_end + -lags_from[0]
    if report.segments:
        funnels = [(s.months, s.rates, s.deal_size, s.pipeline) for s in report.segments]
    else:
        assert report.deal_size is not None
        rates = {s.id: s.rate for s in stages if s.rate is not None}
        funnels = [(report.months, rates, report.deal_size, report.pipeline)]
    span = report.period_end - report.period_start
    landing = [arrival_share(stages[index:], span) for index in range(len(stages))]  # any funnel
    result = []
    for months, rates_by_id, deal_size, pipeline in funnels:
        rates = [rates_by_id[s.id] for s in stages[:-1]]
        chances = _chances(rates)
        top_id = stages[0].id
        if any(stage.spread for stage in stages):
            units, top = _spread_top_units(report, months, chances[0])
        else:
            top = floor_fraction(
                _total([row.counts[top_id] for row in months if row.month <= last_entry])
            )
            units = [Units(top, chances[0])]
        for index, stage in enumerate(stages):
            held = pipeline.get(stage.id, 0)
            if held and landing[index]:
                units.append(Units(floor_fraction(Fraction(held)), chances[index] * landing[index]))
        result.append(FunnelEntries(FunnelUnits(Fraction(deal_size), tuple(units)), top, rates))
    return result


def _spread_top_units(
    report: TargetReport, months: Sequence[MonthRow], chance: Fraction
) -> tuple[list[Units], int]:
    """With lag distributions: each month's top-stage entries (whole), each at the chance of a
    deal (the product of the rates) x the share of them the plan counts for deals inside the
    period (`plan_timing`); the most likely first (the month `--confidence` sizes its extra
    entries at). Returns them and the entries counted."""
    landing = plan_timing(report).landing[0]
    units: list[Units] = []
    top = 0
    for row in months:
        share = landing.get(row.month, Fraction(0))
        entries = floor_fraction(row.counts[report.stages[0].id])
        if share and entries:
            units.append(Units(entries, chance * share))
            top += entries
    units.sort(key=lambda unit: -unit.chance)
    return units, top


def _total(counts: list[Fraction]) -> Fraction:
    """sum(counts), whole counts (the usual) added as integers."""
    if all(count.denominator == 1 for count in counts):
        return Fraction(sum(count.numerator for count in counts))
    return sum(counts, Fraction(0))


def target_odds(report: TargetReport, wanted: Fraction | None = None) -> TargetOdds:
    """P(reaching the KGI) at the planned counts; with `wanted`, the plan sized to reach it."""
    entries = target_entries(report)
    funnels = [e.funnel for e in entries]
    planned = dict(report.total.counts)
    total_top = sum(e.top for e in entries)
    try:
        odds = probability_at_least(funnels, report.kgi)
    except OddsTooComplex:
        return TargetOdds(None, None, total_top, planned, None, TOO_COMPLEX)
    sized = None
    if wanted is not None:
        try:
            sizing = size_for(funnels, [e.top for e in entries], report.kgi, wanted, odds)
        except OddsTooComplex:
            shown = round_down(odds.probability, SHOWN_PLACES)
            return TargetOdds(odds, shown, total_top, planned, None, TOO_COMPLEX)
        top_id = report.stages[0].id
        counts = dict(planned)
        for entry, extra in zip(entries, sizing.split, strict=True):
            reach = Fraction(extra)
            for index, stage in enumerate(report.stages):
                counts[stage.id] += floor_fraction(reach)
                if index < len(entry.rates):
                    reach *= entry.rates[index]
        shown_sized = round_down(sizing.odds.probability, SHOWN_PLACES)
        fewer = sizing.odds_one_fewer
        sized = SizedPlan(
            wanted,
            sizing.extra,
            Fraction(sizing.extra) / planned[top_id] if planned[top_id] else Fraction(0),
            counts,
            sizing.odds,
            shown_sized,
            fewer,
            round_down(fewer.probability, SHOWN_PLACES) if fewer is not None else None,
            {sid: counts[sid] - planned[sid] for sid in counts},
            shown_sized - round_down(odds.probability, SHOWN_PLACES),
        )
    return TargetOdds(odds, round_down(odds.probability, SHOWN_PLACES), total_top, planned, sized)


class GapOdds(Record):
    __match_args__ = ("odds", "shown", "remaining", "basis", "reason")
    __slots__ = __match_args__
    odds: Odds | None  # None: no revenue to date in the actuals, or too complex (reason)
    shown: Fraction | None
    remaining: Fraction  # KGI - revenue to date
    basis: str  # plan | actual: the rates the rest converts at
    reason: str

    def __init__(
        self,
        odds: Odds | None,
        shown: Fraction | None,
        remaining: Fraction,
        basis: str,
        reason: str = "",
    ) -> None:
        _set(self, "odds", odds)
        _set(self, "shown", shown)
        _set(self, "remaining", remaining)
        _set(self, "basis", basis)
        _set(self, "reason", reason)


def gap_entries(target: TargetReport, report: GapReport) -> list[FunnelEntries]:
    """The units still to become deals after the as-of month, per funnel (segment):
    - held: each lagged stage's entries in its last `lag` months up to the as-of month (the actuals;
      the plan's count where the actuals lack it), not yet arrived at the next stage; counted when
      their deals land inside the period;
    - new: the catch-up's top-stage entries in the months after the as-of month whose deals land
      inside the period.
    Team-level counts are split over segments in proportion to the plan's counts of that stage in
    that month (whole units, `split_by_shares`). Rates: the plan's (each segment's), or with
    `--rates actual` the to-date actual rates where the actuals have them (as the catch-up)."""
    stages = report.stages
    end, as_of = report.period_end, report.as_of
    actual_rates: dict[str, Fraction] = {}
    if report.catch_up.basis == "actual":
        actual_rates = {
            row.from_id: row.actual
            for row in report.rates
            if row.actual is not None and row.actual > 0
        }
    by_month = {m.month: m.cells for m in report.total.months}
    plan_rows = {row.month: row for row in target.months}
    funnels = target.segments or [None]
    segment_rows = [{row.month: row for row in s.months} for s in target.segments]
    weights_of = (
        (lambda stage_id, month: [_plan_count(rows, stage_id, month) for rows in segment_rows])
        if target.segments
        else (lambda stage_id, month: [Fraction(1)])
    )
    counts: list[list[Units]] = [[] for _ in funnels]
    tops = [0] * len(funnels)
    chances_by: list[list[Fraction]] = []
    rates_by: list[list[Fraction]] = []
    for funnel in funnels:
        rates = [
            actual_rates.get(
                s.id, funnel.rates[s.id] if funnel is not None else s.rate or Fraction(0)
            )
            for s in stages[:-1]
        ]
        rates_by.append(rates)
        chances_by.append(_chances(rates))

    def add(stage_index: int, month: Month, count: Fraction, top: bool, landing: Fraction) -> None:
        if count <= 0 or not landing:
            return
        stage_id = stages[stage_index].id
        weights = weights_of(stage_id, month)
        if sum(weights) == 0:
            weights = [f.share if f is not None else Fraction(1) for f in funnels]
        parts = [p[0] for p in split_by_shares([Fraction(floor_fraction(count))], weights, 0)]
        for index, part in enumerate(parts):
            whole = floor_fraction(part)
            if whole:
                counts[index].append(Units(whole, chances_by[index][stage_index] * landing))
                if top:
                    tops[index] += whole

    timing = plan_timing(target) if any(s.spread for s in stages) else None
    for index, stage in enumerate(stages[:-1]):
        if stage.lag == 0:
            continue
        for offset in range(stage.lag):
            month = as_of + -offset
            # a single lag: all of these entries arrive after the as-of month, and their deals
            # land by the period's end or not; a distribution: the plan's share still to land
            if timing is not None:
                landing = timing.still_to_land(index, stage, month, as_of)
            else:
                landing = arrival_share(stages[index:], end - month)
            if not landing:
                continue
            cell = by_month.get(month, {}).get(stage.id)
            held = cell.actual if cell is not None and cell.actual is not None else None
            if held is None:
                row = plan_rows.get(month)
                held = row.counts[stage.id] if row is not None else Fraction(0)
            add(index, month, held, False, landing)
    top_id = stages[0].id
    for row in report.catch_up.months:
        if row.month > as_of:
            landing = (
                timing.landing[0].get(row.month, Fraction(0))
                if timing is not None
                else arrival_share(stages, end - row.month)
            )
            add(0, row.month, row.counts[top_id], True, landing)
    result = []
    for index, funnel in enumerate(funnels):
        deal_size = funnel.deal_size if funnel is not None else target.deal_size
        assert deal_size is not None
        result.append(
            FunnelEntries(
                FunnelUnits(Fraction(deal_size), tuple(counts[index])), tops[index], rates_by[index]
            )
        )
    return result


def _plan_count(rows: dict[Month, MonthRow], stage_id: str, month: Month) -> Fraction:
    """A funnel's planned count of a stage in a month (0 for a month it does not show)."""
    row = rows.get(month)
    return row.counts[stage_id] if row is not None else Fraction(0)


def gap_odds(target: TargetReport, report: GapReport) -> GapOdds:
    """P(reaching the KGI) from the as-of month: revenue to date plus what the held entries and
    the catch-up's new entries bring (see `gap_entries`)."""
    basis = report.catch_up.basis
    actual = report.revenue_to_date.actual
    if actual is None:
        return GapOdds(None, None, Fraction(0), basis, "no_revenue")
    remaining = report.kgi - actual
    try:
        odds = probability_at_least([e.funnel for e in gap_entries(target, report)], remaining)
    except OddsTooComplex:
        return GapOdds(None, None, remaining, basis, TOO_COMPLEX)
    return GapOdds(odds, round_down(odds.probability, SHOWN_PLACES), remaining, basis)
