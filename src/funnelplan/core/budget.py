"""Channels and money: where the top stage comes from, what it costs, cost per stage and CAC.

Pure: takes a Plan and the target report, returns exact amounts. No I/O.

Rules (docs/capacity.md, each tested in tests/test_budget*.py):
- The channels' shares split the top stage's count. A channel's `rate` replaces the top stage's rate
  for its share; the top stage then converts at the share-weighted rate Σ share × rate (a segment's
  own rate for the top stage stands in for the stage's). One channel at 100% without a rate is the
  plan without channels.
- Each month's top-stage count is split among the channels by running totals
  (`split_counts_by_shares`): each channel's running count stays within one unit of its share of
  the running total, no count is negative, and the channels add up to every month and the total.
- A channel's cost in a month = its count × `cost_per_unit`, plus `cost` in each period month (a
  fixed cost); units counted before the period (lags) are paid when they are counted. A channel's
  running cost is rounded half up to the currency's unit, so its months add up to its total.
- People cost = each team's people in a month × its `cost`, running totals rounded half up.
- Cost per unit at a stage = marketing spend ÷ the stage's total count; CAC = (marketing spend +
  people cost) ÷ deals; both rounded half up to the currency's unit. Marketing spend as a share of
  revenue = spend ÷ KGI.
"""

from __future__ import annotations

from decimal import Decimal, localcontext
from fractions import Fraction

from funnelplan.core.capacity_report import (
    Budget,
    BudgetMonth,
    CatchUpCost,
    ChannelInfo,
    ChannelMonth,
)
from funnelplan.core.rounding import cumulative_round, round_half_up, split_counts_by_shares
from funnelplan.core.target_report import TargetReport
from funnelplan.model.months import Month
from funnelplan.model.plan import Plan
from funnelplan.model.record import replace


def mixed_rate(plan: Plan, top_rate: Decimal) -> Decimal:
    """The share-weighted rate of the channels, each at its own rate or at `top_rate`."""
    with localcontext() as exact:
        exact.prec = 200  # products of 28-digit shares and rates stay exact
        return sum(
            (channel.share * (channel.rate or top_rate) for channel in plan.channels), Decimal(0)
        )


def with_channel_mix(plan: Plan) -> Plan:
    """The plan whose top stage converts at the channels' mixed rate (unchanged without rates)."""
    if not any(channel.rate is not None for channel in plan.channels):
        return plan
    top = plan.funnel[0]
    assert top.rate is not None
    funnel = [top.model_copy(update={"rate": mixed_rate(plan, top.rate)}), *plan.funnel[1:]]
    segments = [
        segment.model_copy(
            update={
                "rates": {
                    **segment.rates,
                    top.id: mixed_rate(plan, segment.rates[top.id]),
                }
            }
        )
        if top.id in segment.rates
        else segment
        for segment in plan.segments
    ]
    return plan.model_copy(update={"funnel": funnel, "segments": segments})


def build_budget(plan: Plan, report: TargetReport) -> Budget | None:
    """Channels' counts and costs per month, cost per stage and CAC; None without channels."""
    if not plan.channels:
        return None
    top = report.stages[0]
    written_rate = Fraction(plan.funnel[0].rate or 0)
    channels = [
        ChannelInfo(
            id=channel.id,
            share=Fraction(channel.share),
            rate=Fraction(channel.rate) if channel.rate is not None else written_rate,
            cost_per_unit=Fraction(channel.cost_per_unit)
            if channel.cost_per_unit is not None
            else None,
            fixed=Fraction(channel.cost) if channel.cost is not None else None,
        )
        for channel in plan.channels
    ]
    counts = [row.counts[top.id] for row in report.months]
    shares = [channel.share for channel in channels]
    if report.rounding == "up":
        parts = split_counts_by_shares(counts, shares)
    else:
        parts = [[share * count for count in counts] for share in shares]
    places = report.minor_unit
    costs = [
        cumulative_round(
            [
                count * (channel.cost_per_unit or 0)
                + ((channel.fixed or 0) if row.in_period else 0)
                for count, row in zip(part, report.months, strict=True)
            ],
            lambda value: round_half_up(value, places),
        )
        for channel, part in zip(channels, parts, strict=True)
    ]
    people = _people_cost(report, places)
    months = [
        BudgetMonth(
            month=row.month,
            in_period=row.in_period,
            channels={
                channel.id: ChannelMonth(parts[j][i], costs[j][i])
                for j, channel in enumerate(channels)
            },
            cost=sum((costs[j][i] for j in range(len(channels))), Fraction(0)),
            people_cost=people.get(row.month, Fraction(0)),
        )
        for i, row in enumerate(report.months)
    ]
    total = sum((month.cost for month in months), Fraction(0))
    people_total = sum(people.values(), Fraction(0))
    deals = report.total.counts[report.stages[-1].id]
    return Budget(
        top_stage=top.id,
        effective_rate=top.rate
        if not plan.segments or top.id not in {k for s in plan.segments for k in s.rates}
        else None,
        channels=channels,
        months=months,
        channel_totals={
            channel.id: ChannelMonth(sum(parts[j], Fraction(0)), sum(costs[j], Fraction(0)))
            for j, channel in enumerate(channels)
        },
        total=total,
        people_cost=people_total,
        cost_per={
            stage.id: round_half_up(total / report.total.counts[stage.id], places)
            if report.total.counts[stage.id]
            else None
            for stage in report.stages
        },
        revenue_share=total / report.kgi if report.kgi else None,
        cac=round_half_up((total + people_total) / deals, places) if deals else None,
    )


def _people_cost(report: TargetReport, places: int) -> dict[Month, Fraction]:
    """Every team's people cost per period month, each team's running total rounded half up."""
    result: dict[Month, Fraction] = {}
    if report.capacity is None:
        return result
    for team in report.capacity.teams:
        staffed = [s for s in report.capacity.staffing if s.team == team and s.cost is not None]
        rounded = cumulative_round(
            [s.cost for s in staffed if s.cost is not None],
            lambda value: round_half_up(value, places),
        )
        for staffing, amount in zip(staffed, rounded, strict=True):
            result[staffing.month] = result.get(staffing.month, Fraction(0)) + amount
    return result


def with_budget(plan: Plan, report: TargetReport) -> TargetReport:
    budget = build_budget(plan, report)
    return report if budget is None else replace(report, budget=budget)


def catch_up_cost(
    target: TargetReport,
    top_counts: dict[Month, Fraction],
    as_of: Month,
    deals_planned: Fraction,
    deals_won: Fraction,
) -> CatchUpCost | None:
    """The catch-up's extra units per channel at their cost per unit (fixed costs do not change).

    `top_counts`: the catch-up's top-stage count in each remaining month; `deals_planned` / `deals_won`: the last stage's
    count to the as-of month, in the plan and in the actuals."""
    budget = target.budget
    if budget is None:
        return None
    places = target.minor_unit
    shares = [channel.share for channel in budget.channels]
    counts = list(top_counts.values())
    if target.rounding == "up":
        parts = split_counts_by_shares(counts, shares)
    else:
        parts = [[share * count for count in counts] for share in shares]
    remaining = set(top_counts)
    channels = {}
    for channel, part in zip(budget.channels, parts, strict=True):
        planned = sum(
            (m.channels[channel.id].count for m in budget.months if m.month in remaining),
            Fraction(0),
        )
        extra = sum(part, Fraction(0)) - planned
        cost = round_half_up(extra * (channel.cost_per_unit or 0), places)
        channels[channel.id] = ChannelMonth(extra, cost)
    spend = sum((m.cost for m in budget.months if m.month <= as_of), Fraction(0))
    return CatchUpCost(
        channels=channels,
        extra_units=sum((c.count for c in channels.values()), Fraction(0)),
        extra_cost=sum((c.cost for c in channels.values()), Fraction(0)),
        spend_to_date=spend,
        plan_per_deal=round_half_up(spend / deals_planned, places) if deals_planned else None,
        actual_per_deal=round_half_up(spend / deals_won, places) if deals_won else None,
    )
