"""Property tests for review's rules: median and P90, Wilson's interval, business-day limits."""

from __future__ import annotations

import math
from collections import Counter
from datetime import date
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from funnelplan.core.review import median, percentile, trimmed_mean, wilson
from funnelplan.core.sla import BusinessDays
from funnelplan.model.crm_records import Limit

values = st.lists(st.integers(-50, 400), min_size=1, max_size=60)


@given(values)
def test_median_is_the_middle_of_the_sorted_values(items: list[int]) -> None:
    ordered = sorted(items)
    n = len(ordered)
    assert median(Counter(items)) == Fraction(ordered[(n - 1) // 2] + ordered[n // 2], 2)


@given(values)
def test_p90_is_the_nearest_rank(items: list[int]) -> None:
    ordered = sorted(items)
    value = percentile(Counter(items), Fraction(9, 10))
    at_or_below = sum(1 for v in items if v <= value)
    assert at_or_below * 10 >= 9 * len(items)  # at least 90% at or below
    below = sum(1 for v in items if v < value)
    assert below * 10 < 9 * len(items)  # and nothing smaller would do
    assert value == ordered[math.ceil(0.9 * len(items)) - 1]


@given(values)
def test_the_trimmed_mean_lies_between_the_extremes(items: list[int]) -> None:
    value = trimmed_mean(Counter(items))
    assert value is not None and min(items) <= value <= max(items)


@given(st.integers(1, 5000), st.data())
def test_wilson_holds_the_observed_share(trials: int, data: st.DataObject) -> None:
    successes = data.draw(st.integers(0, trials))
    interval = wilson(successes, trials)
    assert interval is not None
    low, high = interval
    assert 0 <= low <= Fraction(successes, trials) <= high <= 1


@settings(deadline=None)  # the first call builds the holiday calendar
@given(
    st.dates(date(2024, 1, 1), date(2030, 12, 31)),
    st.integers(0, 1439),
    st.integers(1, 15),
)
def test_a_business_day_limit_ends_on_a_business_day_n_business_days_on(
    day: date, clock: int, n: int
) -> None:
    calendar = BusinessDays("JP")
    start = day.toordinal() * 1440 + clock
    deadline = calendar.deadline(start, Limit(n, "business_days"))
    end_day, end_clock = divmod(deadline, 1440)
    assert calendar.business(end_day)
    assert end_clock == (clock if calendar.business(day.toordinal()) else 0)
    first = day.toordinal()  # a weekend or holiday start counts from the next business day
    while not calendar.business(first):
        first += 1
    between = sum(calendar.business(d) for d in range(first + 1, end_day + 1))
    assert between == n
