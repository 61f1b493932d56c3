"""Properties of the gap analysis: exact drivers, catch-up that reaches the KGI, plan == actuals."""

from __future__ import annotations

import math
from decimal import Decimal
from fractions import Fraction

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from funnelplan.core.commitments import build_target
from funnelplan.core.gap import build_gap, shapley_product
from funnelplan.model.actuals_table import ActualsTable, MonthActuals
from funnelplan.model.months import Month, month_range
from funnelplan.model.plan import Plan

positive = st.fractions(min_value=Fraction(1, 100), max_value=1000, max_denominator=1000)


@given(st.lists(st.tuples(positive, positive), min_size=1, max_size=7), st.randoms())
def test_shapley_parts_add_up_and_ignore_order(pairs, rnd) -> None:  # type: ignore[no-untyped-def]
    plan, actual = [p for p, _ in pairs], [a for _, a in pairs]
    shares = shapley_product(plan, actual)
    assert sum(shares) == math.prod(actual) - math.prod(plan)
    order = list(range(len(pairs)))
    rnd.shuffle(order)
    shuffled = shapley_product([plan[i] for i in order], [actual[i] for i in order])
    assert shuffled == [shares[i] for i in order]  # symmetric: no factor order matters


def test_shapley_zero_is_fine() -> None:
    # revenue from 10 x 0.5 x 100 = 500 to 0 x 0.5 x 100 = 0: all of it is volume
    assert shapley_product(
        [Fraction(10), Fraction(1, 2), Fraction(100)], [Fraction(0), Fraction(1, 2), Fraction(100)]
    ) == [-500, 0, 0]


rates = st.sampled_from(["10%", "25%", "35%", "40%", "50%", "80%", "100%"])


@st.composite
def plans(draw) -> Plan:  # type: ignore[no-untyped-def]
    months = draw(st.integers(2, 6))
    start = Month(2027, 4)
    lags = [draw(st.integers(0, 1)) for _ in range(2)]
    data = {
        "plan": "p",
        "period": {"start": str(start), "end": str(start + (months - 1))},
        "kgi": {"revenue": draw(st.integers(1, 500)) * 100_000},
        "deal_size": draw(st.sampled_from([300_000, 1_000_000, 1_500_000, 2_000_000])),
        "after_period": draw(st.sampled_from(["average", "stop"])),
        "funnel": [
            {"id": "lead", "owner": "marketing", "rate": draw(rates), "lag": lags[0]},
            {"id": "meeting", "owner": "sales", "rate": draw(rates), "lag": lags[1]},
            {"id": "deal", "owner": "sales"},
        ],
    }
    return Plan.model_validate(data)


def _actuals_equal_to_plan(plan: Plan, deals_at_deal_size: bool = False) -> ActualsTable:
    target = build_target(plan)
    deal = plan.funnel[-1].id
    rows = [
        MonthActuals(
            row.month,
            None,
            {sid: int(n) for sid, n in row.counts.items()},
            Decimal(int(row.counts[deal])) * Decimal(plan.deal_size or 0)
            if deals_at_deal_size
            else Decimal(int(row.revenue)),
        )
        for row in target.months
    ]
    return ActualsTable("plan", tuple(s.id for s in plan.funnel), True, tuple(rows))


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plans(), st.data())
def test_actuals_equal_to_plan(plan: Plan, data) -> None:  # type: ignore[no-untyped-def]
    months = plan.period.months
    as_of = data.draw(st.sampled_from(months[:-1]))
    actuals = _actuals_equal_to_plan(plan)
    report = build_gap(plan, actuals, as_of)
    for comparison in report.total.to_date.values():
        assert comparison.gap == 0
    for month in report.total.months:
        assert all(c.gap == 0 for c in month.cells.values())
    assert all(d.impact == 0 for d in report.drivers)
    for row in report.catch_up.months:
        assert row.revenue == row.original_revenue
    _check_catch_up(plan, actuals, report)
    # a team that did exactly as planned loses nothing: a planned round-up that served the next
    # month slips to it instead of being called impossible (issue 9). "Exactly as planned": the
    # plan's counts, its deals at its deal size (revenue = deals x deal size).
    done = _actuals_equal_to_plan(plan, deals_at_deal_size=True)
    report = build_gap(plan, done, as_of)
    assert report.catch_up.impossible == []
    _check_catch_up(plan, done, report)


@st.composite
def actual_rows(draw, plan: Plan, as_of_index: int):  # type: ignore[no-untyped-def]
    first = plan.period.start + -sum(s.lag for s in plan.funnel)
    rows = []
    for month in month_range(first, plan.period.months[as_of_index]):
        counts = {s.id: draw(st.integers(1, 400)) for s in plan.funnel}
        revenue = draw(st.integers(1, 10**8)) if month >= plan.period.start else 0
        rows.append(MonthActuals(month, None, counts, Decimal(revenue)))
    return ActualsTable("a", tuple(s.id for s in plan.funnel), True, tuple(rows))


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plans(), st.data(), st.sampled_from(["plan", "actual"]))
def test_drivers_and_catch_up(plan: Plan, data, basis: str) -> None:  # type: ignore[no-untyped-def]
    index = data.draw(st.integers(0, len(plan.period.months) - 2))
    actuals = data.draw(actual_rows(plan, index))
    report = build_gap(plan, actuals, None, basis)
    gap = report.revenue_to_date.gap
    assert gap is not None
    # drivers: exact, and the shown parts add up to the shown (whole-yen) gap
    assert sum(d.impact for d in report.drivers) == gap
    assert sum(d.shown for d in report.drivers) == round(gap)
    _check_catch_up(plan, actuals, report)


def _check_catch_up(plan: Plan, actuals: ActualsTable, report) -> None:  # type: ignore[no-untyped-def]
    """The catch-up's counts, run forward from the held entries with whole numbers (rounding
    down, running totals), deliver every remaining month's deals; with nothing impossible they
    reach the remaining KGI; impossible revenue never exceeds what remains; no count could be one
    lower."""
    catch_up = report.catch_up
    if catch_up.status != "planned":
        return
    assert report.revenue_to_date.actual + catch_up.total_revenue == report.kgi
    stages, rates, as_of, end = report.stages, catch_up.rates, report.as_of, report.period_end
    deal_size = Fraction(plan.deal_size)
    rows = {row.month: row for row in actuals.rows}
    held = {
        s.id: {
            as_of + -k: Fraction(rows[as_of + -k].counts[s.id])
            for k in range(s.lag)
            if as_of + -k in rows
        }
        for s in stages[:-1]
    }
    counts = {s.id: {row.month: row.counts[s.id] for row in catch_up.months} for s in stages}
    remaining = [row.month for row in catch_up.months]

    def fed(position: int, month: Month, less: tuple[Month, int] | None = None) -> Fraction:
        stage = stages[position]
        source = month + -stage.lag
        entries = sum((n for m, n in held[stage.id].items() if m <= source), Fraction(0))
        entries += sum((n for m, n in counts[stage.id].items() if m <= source), Fraction(0))
        if less is not None and less[0] <= source:
            entries -= 1
        carry = catch_up.carry.get(stage.id, Fraction(0))  # the converted entries' round-up
        assert 0 <= carry < 1
        return Fraction(math.floor(entries * rates[stage.id] + carry))

    for position in range(len(stages) - 1):
        following = stages[position + 1].id
        for month in remaining:
            due = sum((n for m, n in counts[following].items() if m <= month), Fraction(0))
            assert fed(position, month) >= due
        # none could be one lower: taking one off a month that feeds a remaining month breaks it
        for month, n in counts[stages[position].id].items():
            target = month + stages[position].lag
            if n >= 1 and target <= end:
                due = sum((c for m, c in counts[following].items() if m <= target), Fraction(0))
                assert fed(position, target, (month, 1)) < due
    deals = catch_up.total(stages[-1].id)
    remaining_revenue = catch_up.remaining
    assert 0 <= catch_up.impossible_revenue <= remaining_revenue
    if not catch_up.impossible:
        assert deals * deal_size >= remaining_revenue > (deals - 1) * deal_size
    else:
        assert deals * deal_size < remaining_revenue
    # slips are the months' running shortfalls: each month delivers its running need or its cap
    for slip in catch_up.slips:
        assert slip.count > 0 and slip.to_month == slip.from_month + 1
        assert 0 < slip.revenue <= slip.count * deal_size
