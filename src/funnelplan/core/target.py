"""The backward calculation: from the revenue goal to every stage's monthly count.

Pure: takes a Plan, returns a TargetReport. No I/O, no YAML, no terminal.

Rules (also in the README, and tested):
- Monthly revenue targets: `revenue` x weight / sum of weights, or `monthly` as given. Amounts are
  rounded to the currency's minor unit *cumulatively* (each month's running total is rounded half up),
  so the months add up to the KGI exactly.
- Deals needed = revenue / deal size. A stage's need in month m = the next stage's count in month
  m + lag / rate. All exact (Fraction).
- `rounding: up`: a stage's *running total* is the smallest whole number that meets its running
  requirement; each month's count is the step between running totals. Whole counts run forward
  (rounding down at every step) therefore reach every month's cumulative target, and none could be
  one lower.
- `pipeline` counts already held at the start are taken off the stage's running total, earliest
  months first.
- Lags: needs that fall before the period start are months of their own, marked before the period.
  After the period the funnel goes on: by default the period's average monthly revenue is assumed to
  continue (`after_period: average`), so the last months still feed the deals that close after the
  period; `after_period: stop` assumes none, an amount assumes that much each month.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import TYPE_CHECKING

from funnelplan.core.rounding import (
    ceil_fraction,
    cumulative_round,
    round_half_up,
    round_up,
    split_by_shares,
)
from funnelplan.model.months import Month, month_range
from funnelplan.model.plan import Plan, Segment, Stage

if TYPE_CHECKING:
    from funnelplan.core.budget import Budget
    from funnelplan.core.capacity import TeamCapacity

Number = Fraction  # every count and amount in a report is exact


@dataclass(frozen=True)
class StageInfo:
    id: str
    label: str
    owner: str
    rate: Fraction | None  # share that reaches the next stage; None for the last
    lag: int


@dataclass(frozen=True)
class MonthRow:
    month: Month
    in_period: bool
    revenue: Fraction  # the month's revenue target (0 before the period)
    counts: dict[str, Fraction]  # stage id -> count (whole under rounding: up)


@dataclass(frozen=True)
class Totals:
    revenue: Fraction
    counts: dict[str, Fraction]


@dataclass(frozen=True)
class FunnelPlan:
    """The monthly counts for one funnel: the whole plan, or one segment."""

    id: str
    label: str
    share: Fraction
    deal_size: Fraction
    rates: dict[str, Fraction]  # stage id -> rate used
    months: list[MonthRow]
    total: Totals
    pipeline: dict[str, int]


@dataclass(frozen=True)
class PersonLoad:
    """What one person of a team owes each month for a stage they own."""

    team: str
    stage: str
    headcount: int
    period_total: Fraction
    per_person_month: Fraction  # average over the period's months
    peak_per_person_month: Fraction
    per_person_day: Fraction | None


@dataclass(frozen=True)
class AfterPeriod:
    mode: str  # "average" | "stop" | "amount"
    monthly_revenue: Fraction  # assumed after the period
    months: list[Month]  # the months after the period that the last months feed


@dataclass(frozen=True)
class TargetReport:
    plan: str
    currency: str
    minor_unit: int
    rounding: str
    period_start: Month
    period_end: Month
    kgi: Fraction
    deal_size: Fraction | None
    stages: list[StageInfo]
    months: list[MonthRow]  # team commitments: the sum over segments
    total: Totals
    segments: list[FunnelPlan]
    people: list[PersonLoad]
    after_period: AfterPeriod
    pre_period_months: list[Month]
    pipeline: dict[str, int]
    lead_definition: list[str] = field(default_factory=list)
    sales_sla: list[str] = field(default_factory=list)
    capacity: TeamCapacity | None = None  # teams' people over time (core/capacity.py)
    budget: Budget | None = None  # channels and their cost (core/budget.py)

    @property
    def teams(self) -> list[tuple[str, list[StageInfo]]]:
        """Owner teams in funnel order, each with the stages it owns."""
        grouped: dict[str, list[StageInfo]] = {}
        for stage in self.stages:
            grouped.setdefault(stage.owner, []).append(stage)
        return list(grouped.items())


def monthly_revenue(plan: Plan) -> dict[Month, Fraction]:
    """The period's monthly revenue targets, in the currency's minor unit, adding up exactly."""
    months = plan.period.months
    if plan.kgi.monthly is not None:
        exact = [Fraction(plan.kgi.monthly.get(month, 0)) for month in months]
    else:
        assert plan.kgi.revenue is not None
        weights = [Fraction(plan.kgi.weights.get(month, 1)) for month in months]
        exact = [Fraction(plan.kgi.revenue) * w / sum(weights) for w in weights]
    places = plan.minor_unit
    return dict(
        zip(months, cumulative_round(exact, lambda v: round_half_up(v, places)), strict=True)
    )


def backward(
    stages: list[StageInfo],
    deal_size: Fraction,
    revenue: dict[Month, Fraction],
    rounding: str,
    pipeline: dict[str, int] | dict[str, Fraction],
    deals: dict[Month, Fraction] | None = None,
) -> dict[str, dict[Month, Fraction]]:
    """Each stage's count per month, worked backward from the revenue per month.

    `revenue` holds every month whose deals are needed (the period and any assumed after it), in
    order. A stage's months are those of the next stage shifted back by its lag. `deals`, when
    given, are the last stage's counts already decided (the gap's catch-up: the deals each
    remaining month can deliver); the stages above are worked back from them. Running totals start
    at the first month the needs fall in, so a catch-up restarts them at its first remaining month
    (its needs in past months are covered by what is held: the caps see to that).
    """
    counts: dict[str, dict[Month, Fraction]] = {}
    needs = {month: amount / deal_size for month, amount in revenue.items()}
    for position in range(len(stages) - 1, -1, -1):
        stage = stages[position]
        if position < len(stages) - 1:
            following = counts[stages[position + 1].id]
            assert stage.rate is not None
            needs = {month + -stage.lag: n / stage.rate for month, n in following.items()}
        elif deals is not None:
            counts[stage.id] = dict(deals)
            continue
        counts[stage.id] = _whole_counts(needs, rounding, pipeline.get(stage.id, 0))
    return counts


def _whole_counts(
    needs: dict[Month, Fraction], rounding: str, held: int | Fraction
) -> dict[Month, Fraction]:
    """Counts per month from needs per month: running totals rounded up, less what is held."""
    result: dict[Month, Fraction] = {}
    running, previous = Fraction(0), Fraction(0)
    for month in sorted(needs):
        running += needs[month]
        left = running - held  # held may be a fraction (a catch-up's carry): round after
        total = max(Fraction(0), Fraction(ceil_fraction(left)) if rounding == "up" else left)
        result[month] = total - previous
        previous = total
    return result


def build_target(plan: Plan) -> TargetReport:
    """The whole backward calculation for a plan."""
    from funnelplan.core.budget import with_budget, with_channel_mix
    from funnelplan.core.capacity import with_capacity

    written, plan = plan, with_channel_mix(plan)  # channels' rates: the top stage's mixed rate
    revenue = monthly_revenue(plan)
    period = plan.period.months
    total_lag = sum(stage.lag for stage in plan.funnel)
    after = _after_period(plan, revenue, total_lag)
    demand = dict(revenue)
    for month in after.months:
        demand[month] = after.monthly_revenue
    first = plan.period.start + -total_lag
    shown = month_range(first, plan.period.end)

    segments: list[FunnelPlan] = []
    if plan.segments:
        shares = [Fraction(segment.share) for segment in plan.segments]
        parts = split_by_shares([revenue[m] for m in period], shares, plan.minor_unit)
        for segment, part in zip(plan.segments, parts, strict=True):
            shown_revenue = dict(zip(period, part, strict=True))
            segments.append(_segment_plan(plan, segment, demand, shown, shown_revenue))
    else:
        segments.append(_segment_plan(plan, None, demand, shown, revenue))

    stage_ids = [stage.id for stage in plan.funnel]
    rows = [
        MonthRow(
            month=month,
            in_period=month >= plan.period.start,
            revenue=revenue.get(month, Fraction(0)),
            counts={
                sid: sum((s.months[i].counts[sid] for s in segments), Fraction(0))
                for sid in stage_ids
            },
        )
        for i, month in enumerate(shown)
    ]
    total = Totals(
        revenue=sum((row.revenue for row in rows), Fraction(0)),
        counts={sid: sum((row.counts[sid] for row in rows), Fraction(0)) for sid in stage_ids},
    )
    report = TargetReport(
        plan=plan.plan,
        currency=plan.currency,
        minor_unit=plan.minor_unit,
        rounding=plan.rounding,
        period_start=plan.period.start,
        period_end=plan.period.end,
        kgi=sum(revenue.values(), Fraction(0)),
        deal_size=Fraction(plan.deal_size) if plan.deal_size is not None else None,
        stages=[_stage_info(stage) for stage in plan.funnel],
        months=rows,
        total=total,
        segments=segments if plan.segments else [],
        people=people_loads(plan, rows),
        after_period=after,
        pre_period_months=[month for month in shown if month < plan.period.start],
        pipeline=_pipeline_sum(plan),
        lead_definition=list(plan.agreement.lead_definition) if plan.agreement else [],
        sales_sla=plan.agreement.sla_texts if plan.agreement else [],
    )
    return with_budget(written, with_capacity(written, report))


def _pipeline_sum(plan: Plan) -> dict[str, int]:
    """What is held at the start: the plan's pipeline, or the sum of the segments' (12 = 5 + 7)."""
    if not plan.segments:
        return dict(plan.pipeline)
    held: dict[str, int] = {}
    for stage in plan.funnel:
        total = sum(segment.pipeline.get(stage.id, 0) for segment in plan.segments)
        if total:
            held[stage.id] = total
    return held


def _stage_info(stage: Stage, rate_override: Fraction | None = None) -> StageInfo:
    rate = (
        rate_override
        if rate_override is not None
        else (Fraction(stage.rate) if stage.rate is not None else None)
    )
    return StageInfo(id=stage.id, label=stage.name, owner=stage.owner, rate=rate, lag=stage.lag)


def _after_period(plan: Plan, revenue: dict[Month, Fraction], total_lag: int) -> AfterPeriod:
    months = [plan.period.end + offset for offset in range(1, total_lag + 1)]
    if plan.after_period == "stop":
        return AfterPeriod("stop", Fraction(0), months)
    if plan.after_period == "average":
        average = sum(revenue.values(), Fraction(0)) / len(revenue)
        return AfterPeriod("average", round_half_up(average, plan.minor_unit), months)
    return AfterPeriod("amount", Fraction(plan.after_period), months)


def _segment_plan(
    plan: Plan,
    segment: Segment | None,
    demand: dict[Month, Fraction],
    shown: list[Month],
    shown_revenue: dict[Month, Fraction],
) -> FunnelPlan:
    """One funnel's counts, worked back from its exact share of the demand; `shown_revenue` is
    its revenue per period month in the currency's unit (`split_by_shares`: the segments add up)."""
    share = Fraction(segment.share) if segment else Fraction(1)
    deal_size = segment.deal_size if segment and segment.deal_size is not None else plan.deal_size
    assert deal_size is not None
    overrides = segment.rates if segment else {}
    stages = [
        _stage_info(stage, Fraction(overrides[stage.id]) if stage.id in overrides else None)
        for stage in plan.funnel
    ]
    segment_demand = {month: amount * share for month, amount in demand.items()}
    pipeline = dict(segment.pipeline) if segment else dict(plan.pipeline)
    counts = backward(stages, Fraction(deal_size), segment_demand, plan.rounding, pipeline)
    rows = [
        MonthRow(
            month=month,
            in_period=month >= plan.period.start,
            revenue=shown_revenue.get(month, Fraction(0)),
            counts={s.id: counts[s.id].get(month, Fraction(0)) for s in stages},
        )
        for month in shown
    ]
    return FunnelPlan(
        id=segment.id if segment else "all",
        label=segment.name if segment else plan.plan,
        share=share,
        deal_size=Fraction(deal_size),
        rates={s.id: s.rate for s in stages if s.rate is not None},
        months=rows,
        total=Totals(
            revenue=sum((row.revenue for row in rows), Fraction(0)),
            counts={s.id: sum((row.counts[s.id] for row in rows), Fraction(0)) for s in stages},
        ),
        pipeline=pipeline,
    )


def people_loads(plan: Plan, rows: list[MonthRow]) -> list[PersonLoad]:
    """Per-person loads, rounded up to a tenth (per day: a hundredth) so the team's sum is covered."""
    loads = []
    in_period = [row for row in rows if row.in_period]
    for team_id, team in plan.teams.items():
        for stage in plan.funnel:
            if stage.owner != team_id:
                continue
            counts = [row.counts[stage.id] for row in in_period]
            total = sum(counts, Fraction(0))
            per_month = total / len(in_period) / team.headcount
            loads.append(
                PersonLoad(
                    team=team_id,
                    stage=stage.id,
                    headcount=team.headcount,
                    period_total=total,
                    per_person_month=round_up(per_month, 1),
                    peak_per_person_month=round_up(max(counts) / team.headcount, 1),
                    per_person_day=round_up(per_month / team.working_days, 2)
                    if team.working_days
                    else None,
                )
            )
    return loads
