"""The gap analysis: actuals against the plan, why the revenue falls short, what the rest now needs.

Pure: takes a Plan, an ActualsTable and the as-of month, returns a GapReport. No I/O.

Rules (also in docs/gap.md, and tested):
- **Plan per month** is `target`'s team commitment for that month; a stage's `pipeline` (counts
  already held at the start) is added back to its first month, since actuals count everything held.
- **To date** = the period's months up to `as_of`. Months before the period that the actuals carry
  are shown month by month (they feed the first deals) but are not part of "to date".
- **Attainment** = actual / plan (None where the plan is 0 or the stage is missing). Status:
  on track from `thresholds.at_risk` (95%) up, at risk from `thresholds.behind` (85%), else behind.
- **Rates and lags** (cohort windows): the deal stage and revenue are counted over the to-date months;
  each earlier stage over the same months shifted back by its lag, so a step's rate compares the
  entries that could have converted (deals Apr–Jun over appointments Mar–May). When the actuals lack a
  month a shifted window needs, every stage is counted over the to-date months (same-month rates) and
  the report says so.
- **Drivers**: revenue over the windows is the product top volume x each step's rate x deal size
  (it telescopes exactly, for the plan's counts and for the actuals). The revenue gap is split by the
  Shapley decomposition of that product: each factor's part is its change averaged over every order
  of switching factors from plan to actual. Exact (Fractions), symmetric, and the parts add up to the
  gap. Zeros need no logarithms; a stage that is missing from the actuals, or 0 in the plan or the
  actuals, cannot divide the next stage, so its two rates merge into one spanning it (named after the
  first stage; the report notes it). Parts are shown to the currency's minor unit by largest remainder
  so the shown parts also add up to the shown gap.
- **Catch-up**: remaining = KGI - actual revenue to date, spread over the remaining months in
  proportion to their original targets (running totals rounded half up to the minor unit), worked
  backward as `target.backward` does for those months alone (cumulative rounding starts afresh; a
  past month's round-up never serves a later month), with
  the plan's after-period assumption. Entries of a lagged stage in its last `lag` months up to as_of
  have not converted yet: they are the pipeline, held against the earliest needs. What would still be
  needed in a month that is past is impossible: reported with the revenue it would have brought.
  `basis="actual"` uses the to-date actual rates (conversion rates only; deal sizes stay the plan's).
- **Forecast** = actual revenue to date / plan revenue to date x KGI (the to-date pace, following the
  plan's monthly weights), rounded half up to the minor unit.
"""

from __future__ import annotations

from calendar import monthrange
from dataclasses import dataclass, field
from datetime import date
from fractions import Fraction
from itertools import pairwise
from math import factorial

from funnelplan.actuals_table import ActualsTable
from funnelplan.months import Month, month_range
from funnelplan.plan import Plan
from funnelplan.target import (
    StageInfo,
    TargetReport,
    build_target,
    ceil_fraction,
    cumulative_round,
    round_half_up,
)

REVENUE = "revenue"


class GapProblem(ValueError):
    """The actuals cannot be compared as asked (as-of outside the period, a month missing)."""

    def __init__(self, message: str, hint: str = "", field: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.field = field


@dataclass(frozen=True)
class Comparison:
    """Plan against actual for one stage (or revenue) in one month or to date."""

    plan: Fraction
    actual: Fraction | None  # None: the actuals do not carry it (missing, never 0)
    status: str  # on_track | at_risk | behind | missing | no_plan

    @property
    def gap(self) -> Fraction | None:
        return None if self.actual is None else self.actual - self.plan

    @property
    def attainment(self) -> Fraction | None:
        if self.actual is None or self.plan == 0:
            return None
        return self.actual / self.plan


@dataclass(frozen=True)
class GapMonth:
    month: Month
    in_period: bool
    cells: dict[str, Comparison]  # stage id or "revenue"


@dataclass(frozen=True)
class GapSection:
    """The comparison for the team total or one segment."""

    id: str
    label: str
    months: list[GapMonth]
    to_date: dict[str, Comparison]


@dataclass(frozen=True)
class RateRow:
    from_id: str
    to_id: str
    owner: str
    plan: Fraction
    actual: Fraction | None
    reason: str = ""  # why actual is None: "missing:<stage>" | "zero:<stage>"


@dataclass(frozen=True)
class Driver:
    key: str  # volume:<stage> | rate:<stage> | deal_size
    stage: str  # the stage the factor starts at
    until: str  # the stage (or "revenue") it runs to
    owner: str
    plan: Fraction
    actual: Fraction
    impact: Fraction  # exact
    shown: Fraction  # rounded to the minor unit; the shown parts add up to the shown gap
    spans: list[str] = field(default_factory=list)  # stages merged into this factor


@dataclass(frozen=True)
class Impossible:
    stage: str
    month: Month  # the month (past) the count was needed in
    count: Fraction
    feeds: Month  # the month its next stage falls in
    revenue: Fraction  # what it would have brought, at the basis rates and deal size


@dataclass(frozen=True)
class CatchUpMonth:
    month: Month
    revenue: Fraction
    counts: dict[str, Fraction]
    original_revenue: Fraction
    original_counts: dict[str, Fraction]


@dataclass(frozen=True)
class CatchUp:
    basis: str  # plan | actual
    status: str  # planned | met | over | unavailable
    remaining: Fraction  # KGI - actual revenue to date
    months: list[CatchUpMonth]
    pipeline: dict[str, int]  # counts already in the funnel, held against the needs
    impossible: list[Impossible]
    rates: dict[str, Fraction]  # the rates used (team level)
    fallback_rates: list[str] = field(default_factory=list)  # actual basis: steps kept at plan

    @property
    def total_revenue(self) -> Fraction:
        return sum((m.revenue for m in self.months), Fraction(0))

    def total(self, stage: str) -> Fraction:
        return sum((m.counts[stage] for m in self.months), Fraction(0))

    def original_total(self, stage: str) -> Fraction:
        return sum((m.original_counts[stage] for m in self.months), Fraction(0))

    @property
    def original_total_revenue(self) -> Fraction:
        return sum((m.original_revenue for m in self.months), Fraction(0))

    @property
    def impossible_revenue(self) -> Fraction:
        return sum((i.revenue for i in self.impossible), Fraction(0))


@dataclass(frozen=True)
class Forecast:
    revenue: Fraction | None  # None when the plan to date is 0 or revenue is missing
    attainment: Fraction | None


@dataclass(frozen=True)
class GapReport:
    plan: str
    currency: str
    minor_unit: int
    rounding: str
    period_start: Month
    period_end: Month
    as_of: Month
    kgi: Fraction
    source: str
    stages: list[StageInfo]
    missing: list[str]  # stage ids (and "revenue") the actuals do not carry
    total: GapSection
    segments: list[GapSection]  # per segment when the actuals have a segment column
    alignment: str  # cohort | same_month
    windows: dict[str, tuple[Month, Month]]  # stage id / revenue -> months counted for rates
    rates: list[RateRow]
    drivers: list[Driver]
    drivers_note: str  # why there are no drivers, if so
    teams: list[tuple[str, Fraction]]  # owner team -> sum of its drivers' shown parts
    catch_up: CatchUp
    forecast: Forecast
    ignored_months: list[Month]  # actuals months outside what the report compares
    thresholds: tuple[Fraction, Fraction]  # at_risk, behind
    # CRM exports: the newest date in them, when its month is incomplete (not compared by default)
    data_through: date | None = None

    @property
    def revenue_to_date(self) -> Comparison:
        return self.total.to_date[REVENUE]

    @property
    def behind(self) -> bool:
        """Revenue to date carries the status `behind` (the --fail-if-behind test)."""
        return self.revenue_to_date.status == "behind"

    def stage(self, stage_id: str) -> StageInfo:
        return next(s for s in self.stages if s.id == stage_id)


Counts = dict[Month, dict[str, Fraction]]  # month -> stage id / revenue -> value


def build_gap(
    plan: Plan, actuals: ActualsTable, as_of: Month | None = None, basis: str = "plan"
) -> GapReport:
    """Compare the actuals with the plan up to `as_of` (default: the last month with actuals)."""
    target = build_target(plan)
    ids = [s.id for s in target.stages]
    months_with_actuals = actuals.months
    if not months_with_actuals:
        raise GapProblem("the actuals hold no months", "add one row per month")
    partial = _partial_month(actuals.data_through)
    as_of = _choose_as_of(plan, months_with_actuals, as_of, partial)
    to_date = month_range(plan.period.start, as_of)
    missing_months = [m for m in to_date if m not in set(months_with_actuals)]
    if missing_months:
        raise GapProblem(
            f"the actuals have no row for {', '.join(map(str, missing_months))} "
            f"(comparing up to {as_of})",
            "add the month (0 where nothing happened) or give an earlier --as-of",
            "--as-of",
        )
    thresholds = (Fraction(plan.thresholds.at_risk), Fraction(plan.thresholds.behind))
    shown_months = [row.month for row in target.months]
    compared = [m for m in shown_months if m <= as_of and m in set(months_with_actuals)]
    ignored = [m for m in months_with_actuals if m not in set(compared)]

    plan_total = _plan_counts(target, None)
    actual_total, actual_segments = _actual_counts(actuals, plan, compared)
    has_revenue = actuals.has_revenue
    present = [sid for sid in ids if sid in actuals.stages]
    missing = [sid for sid in ids if sid not in actuals.stages]
    if not has_revenue:
        missing.append(REVENUE)
    keys = [*ids, REVENUE]

    def section(sid: str, label: str, plan_c: Counts, actual_c: Counts) -> GapSection:
        months = [
            GapMonth(
                month,
                month >= plan.period.start,
                {
                    key: _compare(
                        plan_c.get(month, {}).get(key, Fraction(0)),
                        None if key in missing else actual_c[month].get(key, Fraction(0)),
                        key not in missing,
                        thresholds,
                    )
                    for key in keys
                },
            )
            for month in compared
        ]
        totals = {
            key: _compare(
                sum((plan_c.get(m, {}).get(key, Fraction(0)) for m in to_date), Fraction(0)),
                sum((actual_c[m].get(key, Fraction(0)) for m in to_date), Fraction(0)),
                key not in missing,
                thresholds,
            )
            for key in keys
        }
        return GapSection(sid, label, months, totals)

    total = section("total", target.plan, plan_total, actual_total)
    segments = [
        section(s.id, s.label, _plan_counts(target, s.id), actual_segments[s.id])
        for s in target.segments
        if s.id in actual_segments
    ]

    alignment, windows = _windows(target.stages, to_date, set(compared), shown_months)
    window_plan = {
        key: _window_sum(plan_total, key, windows[key]) for key in keys if key in windows
    }
    window_actual = {
        key: _window_sum(actual_total, key, windows[key])
        for key in keys
        if key in windows and key not in missing
    }
    rates = _rates(target, window_plan, window_actual)
    drivers, drivers_note = _drivers(
        target, present, has_revenue, window_plan, window_actual, target.minor_unit
    )
    teams: dict[str, Fraction] = {}
    for driver in drivers:
        teams[driver.owner] = teams.get(driver.owner, Fraction(0)) + driver.shown
    revenue_to_date = total.to_date[REVENUE]
    catch_up = _catch_up(
        plan, target, actual_total, actual_segments, as_of, basis, rates, revenue_to_date
    )
    return GapReport(
        plan=target.plan,
        currency=target.currency,
        minor_unit=target.minor_unit,
        rounding=target.rounding,
        period_start=target.period_start,
        period_end=target.period_end,
        as_of=as_of,
        kgi=target.kgi,
        source=actuals.source,
        stages=target.stages,
        missing=missing,
        total=total,
        segments=segments,
        alignment=alignment,
        windows={key: (w[0], w[-1]) for key, w in windows.items()},
        rates=rates,
        drivers=drivers,
        drivers_note=drivers_note,
        teams=sorted(teams.items(), key=lambda item: (item[1], item[0])),
        catch_up=catch_up,
        forecast=_forecast(revenue_to_date, target),
        ignored_months=ignored,
        thresholds=thresholds,
        data_through=actuals.data_through
        if partial is not None and partial <= plan.period.end
        else None,
    )


def _partial_month(data_through: date | None) -> Month | None:
    """The month of `data_through` when the data stop before its last day, else None."""
    if data_through is None:
        return None
    if data_through.day == monthrange(data_through.year, data_through.month)[1]:
        return None
    return Month(data_through.year, data_through.month)


def _choose_as_of(
    plan: Plan, months: list[Month], as_of: Month | None, partial: Month | None = None
) -> Month:
    """`as_of` as given, else the last month with actuals in the period.

    An incomplete month (CRM exports cut before its last day) is not compared by default: as-of
    is the month before it, unless it is the period's first month (then it is compared as it is).
    """
    span = f"{plan.period.start}..{plan.period.end}"
    if as_of is None:
        in_period = [m for m in months if plan.period.start <= m <= plan.period.end]
        if partial is not None and in_period and in_period[-1] == partial and len(in_period) > 1:
            in_period.pop()
        if not in_period:
            raise GapProblem(
                f"the actuals have no month in the period {span} "
                f"(they hold {months[0]}..{months[-1]})",
                "check the file belongs to this plan",
                "actuals",
            )
        return in_period[-1]
    if not plan.period.start <= as_of <= plan.period.end:
        raise GapProblem(
            f"{as_of} is outside the period {span}", "give a month in the period", "--as-of"
        )
    if as_of > months[-1]:
        raise GapProblem(
            f"the actuals end at {months[-1]}, before {as_of}",
            f"give --as-of {months[-1]} or add the months",
            "--as-of",
        )
    return as_of


def _compare(
    plan: Fraction, actual: Fraction | None, present: bool, thresholds: tuple[Fraction, Fraction]
) -> Comparison:
    if not present or actual is None:
        return Comparison(plan, None, "missing")
    if plan == 0:
        return Comparison(plan, actual, "no_plan")
    attainment = actual / plan
    at_risk, behind = thresholds
    status = (
        "on_track" if attainment >= at_risk else "at_risk" if attainment >= behind else "behind"
    )
    return Comparison(plan, actual, status)


def _plan_counts(target: TargetReport, segment: str | None) -> Counts:
    """The plan's monthly counts (team total or one segment), the pipeline added to the first month."""
    if segment is None:
        rows = target.months
        pipeline = (
            {
                sid: sum(s.pipeline.get(sid, 0) for s in target.segments)
                for sid in {k for s in target.segments for k in s.pipeline}
            }
            if target.segments
            else target.pipeline
        )
    else:
        funnel = next(s for s in target.segments if s.id == segment)
        rows, pipeline = funnel.months, funnel.pipeline
    counts: Counts = {}
    for index, row in enumerate(rows):
        values = dict(row.counts)
        if index == 0:
            for sid, held in pipeline.items():
                values[sid] = values.get(sid, Fraction(0)) + held
        values[REVENUE] = row.revenue
        counts[row.month] = values
    return counts


def _actual_counts(
    actuals: ActualsTable, plan: Plan, months: list[Month]
) -> tuple[Counts, dict[str, Counts]]:
    total: Counts = {month: {} for month in months}
    segments: dict[str, Counts] = {}
    wanted = set(months)
    segmented = any(row.segment is not None for row in actuals.rows)
    if segmented:
        for segment in plan.segments:
            have = {row.month for row in actuals.rows if row.segment == segment.id}
            lacking = [m for m in months if m not in have]
            if lacking:
                raise GapProblem(
                    f"segment {segment.id} has no row for {', '.join(map(str, lacking))}",
                    "give every segment a row for every month (0 where nothing happened)",
                    "segment",
                )
            segments[segment.id] = {month: {} for month in months}
    for row in actuals.rows:
        if row.month not in wanted:
            continue
        values: dict[str, Fraction] = {sid: Fraction(n) for sid, n in row.counts.items()}
        if row.revenue is not None:
            values[REVENUE] = Fraction(row.revenue)
        for key, value in values.items():
            total[row.month][key] = total[row.month].get(key, Fraction(0)) + value
        if row.segment is not None:
            segments[row.segment][row.month] = values
    return total, segments


def _windows(
    stages: list[StageInfo], to_date: list[Month], have: set[Month], shown: list[Month]
) -> tuple[str, dict[str, list[Month]]]:
    """Months counted per stage for rates and drivers: cohort-aligned when the actuals allow."""
    windows: dict[str, list[Month]] = {REVENUE: to_date, stages[-1].id: to_date}
    shift = 0
    for position in range(len(stages) - 2, -1, -1):
        shift += stages[position].lag
        windows[stages[position].id] = [m + -shift for m in to_date]
    needed = {m for w in windows.values() for m in w}
    if all(m in have for m in needed):
        return "cohort", windows
    return "same_month", {key: to_date for key in windows}


def _window_sum(counts: Counts, key: str, window: list[Month]) -> Fraction:
    return sum((counts.get(m, {}).get(key, Fraction(0)) for m in window), Fraction(0))


def _rates(
    target: TargetReport, plan: dict[str, Fraction], actual: dict[str, Fraction]
) -> list[RateRow]:
    rows = []
    for here, following in pairwise(target.stages):
        nominal = {s.rates.get(here.id) for s in target.segments} if target.segments else set()
        if here.rate is not None and (not target.segments or nominal == {here.rate}):
            plan_rate = here.rate
        else:
            plan_rate = plan[following.id] / plan[here.id] if plan[here.id] else Fraction(0)
        reason = ""
        rate: Fraction | None = None
        if here.id not in actual:
            reason = f"missing:{here.id}"
        elif following.id not in actual:
            reason = f"missing:{following.id}"
        elif actual[here.id] == 0:
            reason = f"zero:{here.id}"
        else:
            rate = actual[following.id] / actual[here.id]
        rows.append(RateRow(here.id, following.id, here.owner, plan_rate, rate, reason))
    return rows


def shapley_product(plan: list[Fraction], actual: list[Fraction]) -> list[Fraction]:
    """Each factor's Shapley share of prod(actual) - prod(plan); the shares add up to it exactly.

    phi_i = (y_i - x_i) * sum_k w_k * e_k, with w_k = k!(n-1-k)!/n! and e_k the sum over the
    k-subsets S of the other factors of prod_{j in S} y_j * prod_{j not in S} x_j (the coefficients
    of prod_{j != i} (x_j + y_j t)). O(n^3), exact.
    """
    n = len(plan)
    weights = [Fraction(factorial(k) * factorial(n - 1 - k), factorial(n)) for k in range(n)]
    shares = []
    for i in range(n):
        poly = [Fraction(1)]
        for j in range(n):
            if j == i:
                continue
            grown = [Fraction(0)] * (len(poly) + 1)
            for k, coefficient in enumerate(poly):
                grown[k] += coefficient * plan[j]
                grown[k + 1] += coefficient * actual[j]
            poly = grown
        shares.append(
            (actual[i] - plan[i]) * sum(w * c for w, c in zip(weights, poly, strict=True))
        )
    return shares


def _drivers(
    target: TargetReport,
    present: list[str],
    has_revenue: bool,
    plan: dict[str, Fraction],
    actual: dict[str, Fraction],
    minor_unit: int,
) -> tuple[list[Driver], str]:
    if not has_revenue:
        return [], "no_revenue"
    if not present:
        return [], "no_stages"
    owner = {s.id: s.owner for s in target.stages}
    order = [s.id for s in target.stages]
    bounds = [sid for sid in present if plan[sid] > 0 and actual[sid] > 0]
    factors: list[tuple[str, str, str, str, Fraction, Fraction]] = []
    if not bounds:
        top = present[0]
        factors.append((f"volume:{top}", top, REVENUE, owner[top], plan[REVENUE], actual[REVENUE]))
    else:
        first = bounds[0]
        factors.append((f"volume:{first}", first, first, owner[first], plan[first], actual[first]))
        for here, there in pairwise(bounds):
            factors.append(
                (
                    f"rate:{here}",
                    here,
                    there,
                    owner[here],
                    plan[there] / plan[here],
                    actual[there] / actual[here],
                )
            )
        last = bounds[-1]
        key = "deal_size" if last == order[-1] else f"rate:{last}"
        factors.append(
            (
                key,
                last,
                REVENUE,
                owner[last],
                plan[REVENUE] / plan[last],
                actual[REVENUE] / actual[last],
            )
        )
    impacts = shapley_product([f[4] for f in factors], [f[5] for f in factors])
    exact_gap = actual[REVENUE] - plan[REVENUE]
    shown = _largest_remainder(impacts, round_half_up(exact_gap, minor_unit), minor_unit)
    drivers = []
    for (key, stage, until, team, p, a), impact, part in zip(factors, impacts, shown, strict=True):
        start = order.index(stage)
        end = order.index(until) if until in order else len(order)
        spans = order[start + 1 : end] if key.startswith("rate:") else []
        if key.startswith("volume:"):
            spans = order[: order.index(stage)]
        drivers.append(Driver(key, stage, until, team, p, a, impact, part, spans))
    drivers.sort(key=lambda d: (-abs(d.impact), d.key))
    return drivers, ""


def _largest_remainder(values: list[Fraction], total: Fraction, places: int) -> list[Fraction]:
    """Round each value down to `places` decimals, then give the units left to the largest remainders."""
    scale = 10**places
    floors = [Fraction((v * scale).numerator // (v * scale).denominator) for v in values]
    units = int(total * scale - sum(floors))
    by_remainder = sorted(range(len(values)), key=lambda i: (-(values[i] * scale - floors[i]), i))
    for i in by_remainder[: max(units, 0)]:
        floors[i] += 1
    return [f / scale for f in floors]


def _catch_up(
    plan: Plan,
    target: TargetReport,
    actual: Counts,
    actual_segments: dict[str, Counts],
    as_of: Month,
    basis: str,
    rates: list[RateRow],
    revenue_to_date: Comparison,
) -> CatchUp:
    plan_rates = {s.id: s.rate for s in target.stages if s.rate is not None}
    if revenue_to_date.actual is None:
        return CatchUp(basis, "unavailable", Fraction(0), [], {}, [], plan_rates)
    remaining = target.kgi - revenue_to_date.actual
    months = month_range(as_of + 1, plan.period.end) if as_of < plan.period.end else []
    if remaining <= 0:
        return CatchUp(basis, "met", remaining, [], {}, [], plan_rates)
    if not months:
        return CatchUp(basis, "over", remaining, [], {}, [], plan_rates)
    original = {row.month: row for row in target.months}
    weights = [original[m].revenue for m in months]
    if sum(weights) == 0:
        weights = [Fraction(1)] * len(months)
    exact = [remaining * w / sum(weights) for w in weights]
    spread = dict(
        zip(
            months,
            cumulative_round(exact, lambda v: round_half_up(v, target.minor_unit)),
            strict=True,
        )
    )
    demand = dict(spread)
    for month in target.after_period.months:
        demand[month] = target.after_period.monthly_revenue

    actual_rates: dict[str, Fraction] = {}
    fallback: list[str] = []
    if basis == "actual":
        for row in rates:
            if row.actual is not None and row.actual > 0:
                actual_rates[row.from_id] = row.actual
            else:
                fallback.append(row.from_id)

    ids = [s.id for s in target.stages]
    held_total = _held(target.stages, actual, as_of)
    funnels: list[tuple[list[StageInfo], Fraction, Fraction, dict[str, int]]] = []
    if target.segments:
        split = (
            {s.id: _held(target.stages, actual_segments[s.id], as_of) for s in target.segments}
            if actual_segments
            else _split_held(held_total, target, as_of)
        )
        for funnel in target.segments:
            stages = [
                StageInfo(
                    s.id,
                    s.label,
                    s.owner,
                    actual_rates.get(s.id, funnel.rates.get(s.id)) if s.rate is not None else None,
                    s.lag,
                )
                for s in target.stages
            ]
            funnels.append((stages, funnel.share, funnel.deal_size, split[funnel.id]))
    else:
        assert target.deal_size is not None
        stages = [
            StageInfo(s.id, s.label, s.owner, actual_rates.get(s.id, s.rate), s.lag)
            for s in target.stages
        ]
        funnels.append((stages, Fraction(1), target.deal_size, held_total))

    new_counts: dict[Month, dict[str, Fraction]] = {}
    impossible: list[Impossible] = []
    for stages, share, deal_size, held in funnels:
        needs = {month: amount * share for month, amount in demand.items()}
        counts = _catch_up_backward(stages, deal_size, needs, target.rounding, held, as_of)
        for position, stage in enumerate(stages):
            for month, count in counts[stage.id].items():
                if month > as_of:
                    slot = new_counts.setdefault(month, {})
                    slot[stage.id] = slot.get(stage.id, Fraction(0)) + count
                elif count > 0 and month + stage.lag > as_of:
                    impossible.append(
                        Impossible(
                            stage.id,
                            month,
                            count,
                            month + stage.lag,
                            count * _onward(stages, position) * deal_size,
                        )
                    )
    rows = [
        CatchUpMonth(
            month,
            spread[month],
            {sid: new_counts.get(month, {}).get(sid, Fraction(0)) for sid in ids},
            original[month].revenue,
            dict(original[month].counts),
        )
        for month in months
    ]
    merged: dict[tuple[str, Month], Impossible] = {}
    for item in impossible:
        key = (item.stage, item.month)
        if key in merged:
            prior = merged[key]
            item = Impossible(
                item.stage,
                item.month,
                prior.count + item.count,
                item.feeds,
                prior.revenue + item.revenue,
            )
        merged[key] = item
    used = {s.id: s.rate for s in funnels[0][0] if s.rate is not None}
    return CatchUp(
        basis,
        "planned",
        remaining,
        rows,
        {sid: n for sid, n in held_total.items() if n},
        sorted(merged.values(), key=lambda i: (i.month, ids.index(i.stage))),
        used,
        fallback,
    )


def _catch_up_backward(
    stages: list[StageInfo],
    deal_size: Fraction,
    revenue: dict[Month, Fraction],
    rounding: str,
    held: dict[str, int],
    as_of: Month,
) -> dict[str, dict[Month, Fraction]]:
    """`target.backward` for the remaining months, except that a past month's rounding cannot serve
    a future month: a count rounded up in a month that is over is never there to be used.

    Each stage's needs up to `as_of` are met first from what is held (`pipeline`), the rest is
    impossible; what is held beyond them (exactly, not rounded) is taken off the future needs, whose
    running total is then rounded up on its own. When the pipeline covers the past, this equals
    `backward` for a plan of the remaining months alone with that pipeline (a property test checks).
    """
    counts: dict[str, dict[Month, Fraction]] = {}
    needs = {month: amount / deal_size for month, amount in revenue.items()}
    for position in range(len(stages) - 1, -1, -1):
        stage = stages[position]
        if position < len(stages) - 1:
            following = counts[stages[position + 1].id]
            assert stage.rate is not None
            needs = {month + -stage.lag: n / stage.rate for month, n in following.items()}
        have = Fraction(held.get(stage.id, 0))
        result: dict[Month, Fraction] = {}
        past = sorted(m for m in needs if m <= as_of)
        running, previous = Fraction(0), Fraction(0)
        for month in past:
            running += needs[month]
            total = Fraction(ceil_fraction(running)) if rounding == "up" else running
            total = max(Fraction(0), total - have)
            result[month] = total - previous
            previous = total
        left = max(Fraction(0), have - running)
        running, previous = Fraction(0), Fraction(0)
        for month in sorted(m for m in needs if m > as_of):
            running += needs[month]
            total = max(Fraction(0), running - left)
            total = Fraction(ceil_fraction(total)) if rounding == "up" else total
            result[month] = total - previous
            previous = total
        counts[stage.id] = result
    return counts


def _onward(stages: list[StageInfo], position: int) -> Fraction:
    """The share of a stage's entries that become deals, at the rates in use."""
    share = Fraction(1)
    for stage in stages[position:-1]:
        assert stage.rate is not None
        share *= stage.rate
    return share


def _held(stages: list[StageInfo], actual: Counts, as_of: Month) -> dict[str, int]:
    """Entries of a lagged stage in its last `lag` months up to as_of: not converted yet."""
    held: dict[str, int] = {}
    for stage in stages[:-1]:
        if stage.lag == 0:
            continue
        months = [as_of + -offset for offset in range(stage.lag)]
        total = sum((actual.get(m, {}).get(stage.id, Fraction(0)) for m in months), Fraction(0))
        if total:
            held[stage.id] = int(total)
    return held


def _split_held(
    held: dict[str, int], target: TargetReport, as_of: Month
) -> dict[str, dict[str, int]]:
    """Team-level pipeline split over segments in the proportions the plan expected then."""
    result: dict[str, dict[str, int]] = {s.id: {} for s in target.segments}
    for stage_id, count in held.items():
        lag = next(s.lag for s in target.stages if s.id == stage_id)
        months = {as_of + -offset for offset in range(lag)}
        weights = [
            sum((row.counts[stage_id] for row in s.months if row.month in months), Fraction(0))
            for s in target.segments
        ]
        if sum(weights) == 0:
            weights = [s.share for s in target.segments]
        exact = [count * w / sum(weights) for w in weights]
        parts = _largest_remainder(exact, Fraction(count), 0)
        for segment, part in zip(target.segments, parts, strict=True):
            result[segment.id][stage_id] = int(part)
    return result


def _forecast(revenue: Comparison, target: TargetReport) -> Forecast:
    if revenue.actual is None or revenue.plan == 0:
        return Forecast(None, None)
    value = round_half_up(revenue.actual / revenue.plan * target.kgi, target.minor_unit)
    return Forecast(value, value / target.kgi)
