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

import functools
import math
import operator
from dataclasses import dataclass
from fractions import Fraction
from itertools import accumulate

from funnelplan.core.rounding import (
    cumulative_round,
    round_half_up,
    round_up,
    split_by_shares,
)
from funnelplan.core.target_report import (
    AfterPeriod,
    FunnelPlan,
    MonthRow,
    PersonLoad,
    StageInfo,
    TargetReport,
    Totals,
)
from funnelplan.model.months import Month, month_range, shifted
from funnelplan.model.plan import Plan, Segment, Stage

Number = Fraction  # every count and amount in a report is exact
_ZERO = Fraction(0)


@functools.lru_cache(maxsize=4096)
def _whole(count: int) -> Fraction:
    """Fraction(count), shared: counts repeat, and a Fraction is immutable."""
    return Fraction(count)


def exact_sum(values: list[Fraction]) -> Fraction:
    """sum(values) exactly; whole numbers (the usual counts) added as integers."""
    if not values:
        return _ZERO
    if max(map(_denominator, values)) != 1:  # denominators are positive: 1 is all whole
        return sum(values, _ZERO)
    whole = sum(map(_numerator, values))
    return _whole(whole) if -4096 < whole < 4096 else Fraction(whole)


# mapped over a list, these loop in C: only the Fraction's property runs in Python
_numerator = operator.attrgetter("numerator")
_denominator = operator.attrgetter("denominator")


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

    Exact, in integers: each stage's counts are kept as whole numbers over one common denominator
    (1 under `rounding: up`), so a need `count / rate` is `count x q` over `denominator x p` for a
    rate p/q, and the running totals are integer sums; the numbers are those of Fraction arithmetic.
    """
    counts: dict[str, dict[Month, Fraction]] = {}
    months: list[Month] = []
    scaled: list[int] = []  # the next stage's counts x denominator, per month in `months`
    denominator = 1
    for position in range(len(stages) - 1, -1, -1):
        stage = stages[position]
        if position < len(stages) - 1:
            assert stage.rate is not None
            if stage.spread:
                months, scaled, spread_scale = _spread_back(months, scaled, stage.spread)
                denominator *= spread_scale
            elif stage.lag:
                months = shifted(months, -stage.lag)
            over = stage.rate.denominator
            scaled = [n * over for n in scaled]
            denominator *= stage.rate.numerator
        elif deals is not None:
            counts[stage.id] = dict(deals)
            months = sorted(deals)
            scaled, denominator = _scaled([deals[month] for month in months])
            continue
        else:
            months = sorted(revenue)
            scaled, denominator = _scaled([revenue[month] / deal_size for month in months])
        by_month, scaled, denominator = _whole_counts(
            months, scaled, denominator, rounding, pipeline.get(stage.id, 0)
        )
        counts[stage.id] = by_month
    return counts


def _spread_back(
    months: list[Month], scaled: list[int], spread: tuple[tuple[int, Fraction], ...]
) -> tuple[list[Month], list[int], int]:
    """A lag distribution, backward: the next stage's count in month t comes `share` from this
    stage's entries of month t - months, for each (months, share); so this stage's need in month
    m is the sum of share x the next stage's count in m + months. Exact in integers: the shares
    over their common denominator `scale`, which the caller multiplies into its denominator."""
    scale = math.lcm(*(share.denominator for _, share in spread))
    weights = [(lag, share.numerator * (scale // share.denominator)) for lag, share in spread]
    if not months:
        return months, scaled, scale
    by_ordinal = {month.ordinal: n for month, n in zip(months, scaled, strict=True)}
    earliest = min(lag for lag, _ in weights)
    latest = max(lag for lag, _ in weights)
    spread_months = month_range(months[0] + -latest, months[-1] + -earliest)
    needs = [
        sum(weight * by_ordinal.get(month.ordinal + lag, 0) for lag, weight in weights)
        for month in spread_months
    ]
    return spread_months, needs, scale


def arrival_share(stages: list[StageInfo], months: int) -> Fraction:
    """The share of an entry at `stages[0]` that reaches the last of `stages` within `months`
    months: the chance that the lags of `stages[:-1]` add up to at most `months` (for single lags,
    1 or 0; with distributions, their convolution)."""
    if months < 0:
        return _ZERO
    reached: dict[int, Fraction] = {0: Fraction(1)}
    for stage in stages[:-1]:
        following: dict[int, Fraction] = {}
        for so_far, share_so_far in reached.items():
            for lag, share in stage.shares:
                if so_far + lag <= months:
                    following[so_far + lag] = following.get(so_far + lag, _ZERO) + (
                        share_so_far * share
                    )
        reached = following
    return sum(reached.values(), _ZERO)


@dataclass(frozen=True)
class PlanTiming:
    """With lag distributions, where the plan counts each month's entries (`target` spreads each
    month's need over earlier months): per stage, in funnel order, per month, the flow (the need
    without rates: its time profile, the same for every segment) and the share of it that feeds
    deals inside the period. A single lag gives 1 or 0."""

    flows: list[dict[Month, Fraction]]
    landing: list[dict[Month, Fraction]]

    def parts(self, index: int, stage: StageInfo, month: Month) -> list[tuple[int, Fraction]]:
        """Where stage `index`'s entries of `month` go, as the plan spreads the next stage's
        need: (months later, each lag's share of the next stage's flow then over this flow)."""
        flow = self.flows[index].get(month, Fraction(0))
        if not flow:
            return []
        below = self.flows[index + 1]
        return [
            (lag, share * below.get(month + lag, Fraction(0)) / flow) for lag, share in stage.shares
        ]

    def still_to_land(self, index: int, stage: StageInfo, month: Month, as_of: Month) -> Fraction:
        """The share of stage `index`'s entries of `month` (up to the as-of month) that the plan
        counts for next-stage entries after the as-of month whose deals land in the period."""
        landed = self.landing[index + 1]
        return sum(
            (
                part * landed.get(month + lag, Fraction(0))
                for lag, part in self.parts(index, stage, month)
                if month + lag > as_of
            ),
            Fraction(0),
        )


def plan_timing(report: TargetReport) -> PlanTiming:
    """The flows and landing shares of `PlanTiming` from the report's revenue per month (the
    period's and the months after it that the funnel goes on feeding)."""
    stages, start, end = report.stages, report.period_start, report.period_end
    demand = {row.month: row.revenue for row in report.months if row.in_period}
    for month in report.after_period.months:
        demand[month] = report.after_period.monthly_revenue
    flows: list[dict[Month, Fraction]] = [demand]
    landing: list[dict[Month, Fraction]] = [
        {m: Fraction(1 if start <= m <= end else 0) for m in demand}
    ]
    for stage in reversed(stages[:-1]):
        below, landed = flows[0], landing[0]
        flow: dict[Month, Fraction] = {}
        lands: dict[Month, Fraction] = {}
        for month, amount in below.items():
            for lag, share in stage.shares:
                source = month + -lag
                flow[source] = flow.get(source, Fraction(0)) + share * amount
                lands[source] = lands.get(source, Fraction(0)) + share * amount * landed[month]
        flows.insert(0, flow)
        landing.insert(0, {m: lands[m] / flow[m] if flow[m] else Fraction(0) for m in flow})
    return PlanTiming(flows, landing)


def earliest_lags(stages: list[StageInfo]) -> list[int]:
    """For each stage, the fewest months from it to the last stage (each lag's earliest month)."""
    return [sum(min(lag for lag, _ in s.shares) for s in stages[i:-1]) for i in range(len(stages))]


def _scaled(values: list[Fraction]) -> tuple[list[int], int]:
    """`values` as whole numbers over their least common denominator, and that denominator."""
    denominator = math.lcm(*(value.denominator for value in values)) if values else 1
    return [value.numerator * (denominator // value.denominator) for value in values], denominator


def _whole_counts(
    months: list[Month], needs: list[int], denominator: int, rounding: str, held: int | Fraction
) -> tuple[dict[Month, Fraction], list[int], int]:
    """Counts per month from needs per month (`needs` / `denominator`): running totals rounded
    up, less what is held. Returns them by month, and scaled as the needs were (1 when rounded)."""
    held = Fraction(held)  # held may be a fraction (a catch-up's carry): round after
    scale = denominator * held.denominator
    factor = held.denominator
    held_scaled = held.numerator * denominator
    up = rounding == "up"
    # the running totals less what is held (x scale), rounded up when whole counts are wanted,
    # never below 0; each month's count is the step between consecutive totals
    running = accumulate(need * factor for need in needs) if factor != 1 else accumulate(needs)
    if up:
        totals = [max(0, -((held_scaled - total) // scale)) for total in running]
    else:
        totals = [max(0, total - held_scaled) for total in running]
    steps = [total - previous for total, previous in zip(totals, [0, *totals], strict=False)]
    if up:
        return dict(zip(months, map(_whole, steps), strict=True)), steps, 1
    return {m: Fraction(step, scale) for m, step in zip(months, steps, strict=True)}, steps, scale


def build_funnel(plan: Plan) -> TargetReport:
    """The backward calculation for a plan's funnel: every stage's monthly count, per segment and
    added up, and each team's per-person load by headcount. Teams' people over time and channels'
    cost are added by core/commitments.py (`build_target`), which calls this with the channels'
    mixed top-stage rate already in the plan."""
    revenue = monthly_revenue(plan)
    period = plan.period.months
    total_lag = sum(stage.latest_lag for stage in plan.funnel)
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
                sid: exact_sum([s.months[i].counts[sid] for s in segments]) for sid in stage_ids
            },
        )
        for i, month in enumerate(shown)
    ]
    total = Totals(
        revenue=exact_sum([row.revenue for row in rows]),
        counts={sid: exact_sum([row.counts[sid] for row in rows]) for sid in stage_ids},
    )
    return TargetReport(
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
    return StageInfo(
        id=stage.id,
        label=stage.name,
        owner=stage.owner,
        rate=rate,
        lag=stage.latest_lag,
        # one month at 100% is that single lag (and reads as one everywhere)
        spread=stage.lag_shares if len(stage.lag_shares) > 1 else (),
    )


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
    columns = {s.id: _column(counts[s.id], shown) for s in stages}
    rows = [
        MonthRow(
            month=month,
            in_period=month >= plan.period.start,
            revenue=shown_revenue.get(month, _ZERO),
            counts={s.id: columns[s.id][i] for s in stages},
        )
        for i, month in enumerate(shown)
    ]
    return FunnelPlan(
        id=segment.id if segment else "all",
        label=segment.name if segment else plan.plan,
        share=share,
        deal_size=Fraction(deal_size),
        rates={s.id: s.rate for s in stages if s.rate is not None},
        months=rows,
        total=Totals(
            revenue=exact_sum([row.revenue for row in rows]),
            counts={s.id: exact_sum([row.counts[s.id] for row in rows]) for s in stages},
        ),
        pipeline=pipeline,
    )


def _column(by_month: dict[Month, Fraction], shown: list[Month]) -> list[Fraction]:
    """`by_month`'s count for each month shown (0 where it has none), by position when its months
    run without a gap in order (as `backward` gives them), so no month is hashed."""
    months = list(by_month)
    if not months or not shown:
        return [by_month.get(month, _ZERO) for month in shown]
    first = months[0].ordinal
    if [month.ordinal for month in months] != list(range(first, first + len(months))):
        return [by_month.get(month, _ZERO) for month in shown]
    values = list(by_month.values())
    offset = shown[0].ordinal - first
    if shown[-1].ordinal - shown[0].ordinal != len(shown) - 1:
        return [by_month.get(month, _ZERO) for month in shown]
    return [
        values[i + offset] if 0 <= i + offset < len(values) else _ZERO for i in range(len(shown))
    ]


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
