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
- **Catch-up** (README "Catch-up rules"): remaining = KGI - actual revenue to date, spread over
  the remaining months in proportion to their original targets (running totals rounded half up).
  Each month's running deal need is capped by what the entries fixed in past months can feed
  (held entries x rate, running totals floored, plus the round-up their converted entries carry);
  a month delivers min(running need, running cap) and the rest slips to the next month. Every
  stage is then worked back from the deals delivered by `target.backward`, held entries serving
  the earliest needs. Only what no month delivers by the period's end cannot come in time.
  `basis="actual"` uses the to-date actual rates (conversion rates only; deal sizes stay the plan's).
- **Forecast** = actual revenue to date / plan revenue to date x KGI (the to-date pace, following the
  plan's monthly weights), rounded half up to the minor unit.
"""

from __future__ import annotations

from bisect import bisect_right
from calendar import monthrange
from collections.abc import Callable
from datetime import date
from enum import StrEnum
from fractions import Fraction
from itertools import accumulate, pairwise
from math import factorial
from typing import TYPE_CHECKING

from funnelplan.core.commitments import build_target
from funnelplan.core.rounding import (
    ceil_fraction,
    cumulative_round,
    floor_fraction,
    largest_remainder,
    round_half_up,
    split_by_shares,
)
from funnelplan.core.target import backward, exact_sum
from funnelplan.core.target_report import StageInfo, TargetReport
from funnelplan.errors import InputError, Refusal, say
from funnelplan.model.actuals_table import ActualsTable
from funnelplan.model.adjustment import Adjustment
from funnelplan.model.months import Month, month_range
from funnelplan.model.plan import Plan
from funnelplan.model.record import Record, replace

if TYPE_CHECKING:  # a plan with channels only (core/budget.py fills it)
    from funnelplan.core.capacity_report import CatchUpCost

REVENUE = "revenue"
OFFSETTING = 3  # drivers offset when their sizes add up to more than 3x the gap


_set = object.__setattr__  # the classes are Records, not frozen dataclasses: see model/record.py


class GapProblem(Refusal):
    """The actuals cannot be compared as asked (as-of outside the period, a month missing)."""


class Comparison(Record):
    """Plan against actual for one stage (or revenue) in one month or to date."""

    __match_args__ = ("plan", "actual", "status")
    __slots__ = __match_args__
    plan: Fraction
    actual: Fraction | None  # None: the actuals do not carry it (missing, never 0)
    status: str  # on_track | at_risk | behind | missing | no_plan

    def __init__(self, plan: Fraction, actual: Fraction | None, status: str) -> None:
        _set(self, "plan", plan)
        _set(self, "actual", actual)
        _set(self, "status", status)

    @property
    def gap(self) -> Fraction | None:
        return None if self.actual is None else self.actual - self.plan

    @property
    def attainment(self) -> Fraction | None:
        if self.actual is None or self.plan == 0:
            return None
        return self.actual / self.plan


class GapMonth(Record):
    __match_args__ = ("month", "in_period", "cells")
    __slots__ = __match_args__
    month: Month
    in_period: bool
    cells: dict[str, Comparison]  # stage id or "revenue"

    def __init__(self, month: Month, in_period: bool, cells: dict[str, Comparison]) -> None:
        _set(self, "month", month)
        _set(self, "in_period", in_period)
        _set(self, "cells", cells)


class GapSection(Record):
    """The comparison for the team total or one segment."""

    __match_args__ = ("id", "label", "months", "to_date")
    __slots__ = __match_args__
    id: str
    label: str
    months: list[GapMonth]
    to_date: dict[str, Comparison]

    def __init__(
        self, id: str, label: str, months: list[GapMonth], to_date: dict[str, Comparison]
    ) -> None:
        _set(self, "id", id)
        _set(self, "label", label)
        _set(self, "months", months)
        _set(self, "to_date", to_date)


class NoRate(StrEnum):
    """Why a rate has no actual value."""

    missing = "missing"  # a stage is not in the actuals
    zero = "zero"  # the stage above had no entries


class DriverKind(StrEnum):
    """What a driver measures: the top stage's volume, a stage-to-stage rate, or the deal size."""

    volume = "volume"
    rate = "rate"
    deal_size = "deal_size"


class RateRow(Record):
    __match_args__ = ("from_id", "to_id", "owner", "plan", "actual", "reason", "reason_stage")
    __slots__ = __match_args__
    from_id: str
    to_id: str
    owner: str
    plan: Fraction
    actual: Fraction | None
    reason: NoRate | None  # why actual is None
    reason_stage: str  # the stage that is missing or at zero

    def __init__(
        self,
        from_id: str,
        to_id: str,
        owner: str,
        plan: Fraction,
        actual: Fraction | None,
        reason: NoRate | None = None,
        reason_stage: str = "",
    ) -> None:
        _set(self, "from_id", from_id)
        _set(self, "to_id", to_id)
        _set(self, "owner", owner)
        _set(self, "plan", plan)
        _set(self, "actual", actual)
        _set(self, "reason", reason)
        _set(self, "reason_stage", reason_stage)

    @property
    def change(self) -> Fraction | None:
        return self.actual - self.plan if self.actual is not None else None


class Driver(Record):
    __match_args__ = (
        "kind",
        "stage",
        "until",
        "owner",
        "plan",
        "actual",
        "impact",
        "shown",
        "spans",
    )
    __slots__ = __match_args__
    kind: DriverKind
    stage: str  # the stage the factor starts at
    until: str  # the stage (or "revenue") it runs to
    owner: str
    plan: Fraction
    actual: Fraction
    impact: Fraction  # exact
    shown: Fraction  # rounded to the minor unit; the shown parts add up to the shown gap
    spans: list[str]  # stages merged into this factor

    def __init__(
        self,
        kind: DriverKind,
        stage: str,
        until: str,
        owner: str,
        plan: Fraction,
        actual: Fraction,
        impact: Fraction,
        shown: Fraction,
        spans: list[str] | None = None,
    ) -> None:
        _set(self, "kind", kind)
        _set(self, "stage", stage)
        _set(self, "until", until)
        _set(self, "owner", owner)
        _set(self, "plan", plan)
        _set(self, "actual", actual)
        _set(self, "impact", impact)
        _set(self, "shown", shown)
        _set(self, "spans", [] if spans is None else spans)

    @property
    def change(self) -> Fraction:
        return self.actual - self.plan

    @property
    def relative_size(self) -> Fraction | None:
        """The size of the change (no sign) against the plan's value (None when the plan's is 0)."""
        return abs(self.change) / self.plan if self.plan else None

    @property
    def key(self) -> str:
        """The driver's stable id in JSON and CSV: `volume:<stage>`, `rate:<stage>`, `deal_size`."""
        return "deal_size" if self.kind is DriverKind.deal_size else f"{self.kind}:{self.stage}"


class Impossible(Record):
    """Deals no remaining month can deliver by the period's end, and where the funnel fell short."""

    __match_args__ = ("stage", "month", "count", "feeds", "revenue", "deals")
    __slots__ = __match_args__
    stage: str  # the stage whose entries in a past month were too few (closest to the deal)
    month: Month  # the (last) past month they were needed in
    count: Fraction  # how many more of that stage it would have taken
    feeds: Month  # the month its next stage falls in
    revenue: Fraction  # undelivered deals x deal size, at most what is left undelivered
    deals: Fraction  # the deals that cannot come in time

    def __init__(
        self,
        stage: str,
        month: Month,
        count: Fraction,
        feeds: Month,
        revenue: Fraction,
        deals: Fraction = Fraction(0),
    ) -> None:
        _set(self, "stage", stage)
        _set(self, "month", month)
        _set(self, "count", count)
        _set(self, "feeds", feeds)
        _set(self, "revenue", revenue)
        _set(self, "deals", deals)


class Slip(Record):
    """Deals a month cannot deliver (capped by entries in past months), moved to the next month."""

    __match_args__ = ("from_month", "to_month", "count", "revenue")
    __slots__ = __match_args__
    from_month: Month
    to_month: Month
    count: Fraction  # deals
    revenue: Fraction  # the revenue due by `from_month` that they carry

    def __init__(
        self, from_month: Month, to_month: Month, count: Fraction, revenue: Fraction
    ) -> None:
        _set(self, "from_month", from_month)
        _set(self, "to_month", to_month)
        _set(self, "count", count)
        _set(self, "revenue", revenue)


class CatchUpMonth(Record):
    __match_args__ = ("month", "revenue", "counts", "original_revenue", "original_counts")
    __slots__ = __match_args__
    month: Month
    revenue: Fraction
    counts: dict[str, Fraction]
    original_revenue: Fraction
    original_counts: dict[str, Fraction]

    def __init__(
        self,
        month: Month,
        revenue: Fraction,
        counts: dict[str, Fraction],
        original_revenue: Fraction,
        original_counts: dict[str, Fraction],
    ) -> None:
        _set(self, "month", month)
        _set(self, "revenue", revenue)
        _set(self, "counts", counts)
        _set(self, "original_revenue", original_revenue)
        _set(self, "original_counts", original_counts)


class CatchUp(Record):
    __match_args__ = (
        "basis",
        "status",
        "remaining",
        "months",
        "pipeline",
        "impossible",
        "rates",
        "fallback_rates",
        "slips",
        "carry",
        "held_from_plan",
    )
    __slots__ = __match_args__
    basis: str  # plan | actual
    status: str  # planned | met | over | unavailable
    remaining: Fraction  # KGI - actual revenue to date
    months: list[CatchUpMonth]
    pipeline: dict[str, int | Fraction]  # counts already in the funnel, held against the needs
    impossible: list[Impossible]
    rates: dict[str, Fraction]  # the rates used (team level)
    fallback_rates: list[str]  # actual basis: steps kept at plan
    slips: list[Slip]
    carry: dict[str, Fraction]  # see _carry (team level)
    held_from_plan: list[tuple[str, Month]]  # (stage, month) taken
    # as the plan counted them: the stage or the month is not in the actuals

    def __init__(
        self,
        basis: str,
        status: str,
        remaining: Fraction,
        months: list[CatchUpMonth],
        pipeline: dict[str, int | Fraction],
        impossible: list[Impossible],
        rates: dict[str, Fraction],
        fallback_rates: list[str] | None = None,
        slips: list[Slip] | None = None,
        carry: dict[str, Fraction] | None = None,
        held_from_plan: list[tuple[str, Month]] | None = None,
    ) -> None:
        _set(self, "basis", basis)
        _set(self, "status", status)
        _set(self, "remaining", remaining)
        _set(self, "months", months)
        _set(self, "pipeline", pipeline)
        _set(self, "impossible", impossible)
        _set(self, "rates", rates)
        _set(self, "fallback_rates", [] if fallback_rates is None else fallback_rates)
        _set(self, "slips", [] if slips is None else slips)
        _set(self, "carry", {} if carry is None else carry)
        _set(self, "held_from_plan", [] if held_from_plan is None else held_from_plan)

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

    def change(self, stage: str) -> Fraction:
        """The catch-up's total for `stage` against the original plan's, over the same months."""
        return self.total(stage) - self.original_total(stage)

    def relative_change(self, stage: str) -> Fraction | None:
        old = self.original_total(stage)
        return self.change(stage) / old if old else None

    @property
    def revenue_change(self) -> Fraction:
        return self.total_revenue - self.original_total_revenue

    @property
    def revenue_relative_change(self) -> Fraction | None:
        old = self.original_total_revenue
        return self.revenue_change / old if old else None


class Forecast(Record):
    __match_args__ = ("revenue", "attainment")
    __slots__ = __match_args__
    revenue: Fraction | None  # None when the plan to date is 0 or revenue is missing
    attainment: Fraction | None

    def __init__(self, revenue: Fraction | None, attainment: Fraction | None) -> None:
        _set(self, "revenue", revenue)
        _set(self, "attainment", attainment)


class GapReport(Record):
    __match_args__ = (
        "plan",
        "currency",
        "minor_unit",
        "rounding",
        "period_start",
        "period_end",
        "as_of",
        "kgi",
        "source",
        "stages",
        "missing",
        "total",
        "segments",
        "alignment",
        "windows",
        "rates",
        "drivers",
        "drivers_note",
        "teams",
        "catch_up",
        "forecast",
        "ignored_months",
        "thresholds",
        "data_through",
        "budget",
        "adjustments",
    )
    __slots__ = __match_args__
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
    data_through: date | None
    budget: CatchUpCost | None  # with channels: the catch-up's cost (core/budget.py)
    adjustments: tuple[Adjustment, ...]  # what --scenario / --set changed from the file

    def __init__(
        self,
        plan: str,
        currency: str,
        minor_unit: int,
        rounding: str,
        period_start: Month,
        period_end: Month,
        as_of: Month,
        kgi: Fraction,
        source: str,
        stages: list[StageInfo],
        missing: list[str],
        total: GapSection,
        segments: list[GapSection],
        alignment: str,
        windows: dict[str, tuple[Month, Month]],
        rates: list[RateRow],
        drivers: list[Driver],
        drivers_note: str,
        teams: list[tuple[str, Fraction]],
        catch_up: CatchUp,
        forecast: Forecast,
        ignored_months: list[Month],
        thresholds: tuple[Fraction, Fraction],
        data_through: date | None = None,
        budget: CatchUpCost | None = None,
        adjustments: tuple[Adjustment, ...] = (),
    ) -> None:
        _set(self, "plan", plan)
        _set(self, "currency", currency)
        _set(self, "minor_unit", minor_unit)
        _set(self, "rounding", rounding)
        _set(self, "period_start", period_start)
        _set(self, "period_end", period_end)
        _set(self, "as_of", as_of)
        _set(self, "kgi", kgi)
        _set(self, "source", source)
        _set(self, "stages", stages)
        _set(self, "missing", missing)
        _set(self, "total", total)
        _set(self, "segments", segments)
        _set(self, "alignment", alignment)
        _set(self, "windows", windows)
        _set(self, "rates", rates)
        _set(self, "drivers", drivers)
        _set(self, "drivers_note", drivers_note)
        _set(self, "teams", teams)
        _set(self, "catch_up", catch_up)
        _set(self, "forecast", forecast)
        _set(self, "ignored_months", ignored_months)
        _set(self, "thresholds", thresholds)
        _set(self, "data_through", data_through)
        _set(self, "budget", budget)
        _set(self, "adjustments", adjustments)

    @property
    def revenue_to_date(self) -> Comparison:
        return self.total.to_date[REVENUE]

    @property
    def drivers_gap(self) -> Fraction:
        """The gap the drivers' shown parts add up to (the revenue gap, in the minor unit)."""
        return sum((d.shown for d in self.drivers), Fraction(0))

    @property
    def drivers_offset(self) -> bool:
        """Drivers that offset each other: their sizes add up to more than OFFSETTING x the gap,
        so one huge number against the gap would mislead and the headline says it in words."""
        parts = sum((abs(d.shown) for d in self.drivers), Fraction(0))
        return parts > OFFSETTING * abs(self.drivers_gap)

    def in_minor_unit(self, amount: Fraction) -> Fraction:
        """An amount rounded half up to the currency's minor unit (slips, impossible revenue)."""
        return round_half_up(amount, self.minor_unit)

    @property
    def behind(self) -> bool:
        """Revenue to date carries the status `behind` (the --fail-if-behind test)."""
        return self.revenue_to_date.status == "behind"

    def stage(self, stage_id: str) -> StageInfo:
        return next(s for s in self.stages if s.id == stage_id)


Counts = dict[Month, dict[str, Fraction]]  # month -> stage id / revenue -> value
_ZERO = Fraction(0)


def build_gap(
    plan: Plan,
    actuals: ActualsTable,
    as_of: Month | None = None,
    basis: str = "plan",
    target: TargetReport | None = None,
) -> GapReport:
    """Compare the actuals with the plan up to `as_of` (default: the last month with actuals).

    `target`: the plan's report from `build_target(plan)` when the caller has it already (it is
    then not worked out again)."""
    if target is None:
        target = build_target(plan)
    ids = [s.id for s in target.stages]
    months_with_actuals = actuals.months
    if not months_with_actuals:
        raise GapProblem(say("gap.no_months"), say("gap.add_month_rows"))
    partial = _partial_month(actuals.data_through)
    as_of_given = as_of is not None
    as_of = _choose_as_of(plan, months_with_actuals, as_of, partial)
    to_date = month_range(plan.period.start, as_of)
    missing_months = [m for m in to_date if m not in set(months_with_actuals)]
    if missing_months:
        raise GapProblem(
            say("gap.months_missing", months=", ".join(map(str, missing_months)), as_of=as_of),
            say("gap.add_months_or_earlier"),
            field="--as-of" if as_of_given else "month",
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
        plan, target, actual_total, actual_segments, as_of, basis, rates, revenue_to_date, missing
    )
    report = GapReport(
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
        windows={key: (min(w), max(w)) for key, w in windows.items()},
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
    return replace(report, budget=_catch_up_cost(target, report))


def _catch_up_cost(target: TargetReport, report: GapReport) -> CatchUpCost | None:
    """With channels: what the catch-up's extra top-stage units cost (core/budget.py)."""
    if target.budget is None:
        return None
    from funnelplan.core.budget import catch_up_cost

    top = target.budget.top_stage
    deals = report.total.to_date[target.stages[-1].id]
    return catch_up_cost(
        target,
        {month.month: month.counts[top] for month in report.catch_up.months},
        report.as_of,
        deals.plan,
        deals.actual,
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
                say("gap.outside_period", span=span, first=months[0], last=months[-1]),
                say("gap.check_plan"),
                field="actuals",
            )
        return in_period[-1]
    if not plan.period.start <= as_of <= plan.period.end:
        raise GapProblem(
            say("plan.kgi.month_outside_period", month=as_of, span=span),
            say("gap.give_month_in_period"),
            field="--as-of",
        )
    if as_of > months[-1]:
        raise GapProblem(
            say("gap.actuals_end_early", last=months[-1], as_of=as_of),
            say("gap.give_last_as_of", last=months[-1]),
            field="--as-of",
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
        rows, pipeline = target.months, target.pipeline
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
                    say(
                        "gap.segment_months_missing",
                        id=segment.id,
                        months=", ".join(map(str, lacking)),
                    ),
                    say("gap.every_segment_every_month"),
                    field="segment",
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


Window = dict[Month, Fraction]  # month -> the weight its count is counted with


def _windows(
    stages: list[StageInfo], to_date: list[Month], have: set[Month], shown: list[Month]
) -> tuple[str, dict[str, Window]]:
    """Months counted per stage for rates and drivers: cohort-aligned when the actuals allow.

    Each earlier stage is counted over the to-date months shifted back by the lags below it; with
    a lag distribution, each month by the share of its entries that reach the next stage inside
    the window (the distributions of the stages below convolved), so a rate compares the next
    stage's counts with the entries that fed them. A single lag gives each month weight 1."""
    own: Window = dict.fromkeys(to_date, Fraction(1))
    windows: dict[str, Window] = {REVENUE: own, stages[-1].id: own}
    below = own
    for position in range(len(stages) - 2, -1, -1):
        shifted: Window = {}
        for month, weight in below.items():
            for lag, share in stages[position].shares:
                source = month + -lag
                shifted[source] = shifted.get(source, Fraction(0)) + weight * share
        below = dict(sorted(shifted.items()))
        windows[stages[position].id] = below
    needed = {m for w in windows.values() for m in w}
    if all(m in have for m in needed):
        return "cohort", windows
    return "same_month", {key: own for key in windows}


def _window_sum(counts: Counts, key: str, window: Window) -> Fraction:
    return sum(
        (counts.get(m, {}).get(key, Fraction(0)) * weight for m, weight in window.items()),
        Fraction(0),
    )


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
        reason: NoRate | None = None
        reason_stage = ""
        rate: Fraction | None = None
        if here.id not in actual:
            reason, reason_stage = NoRate.missing, here.id
        elif following.id not in actual:
            reason, reason_stage = NoRate.missing, following.id
        elif actual[here.id] == 0:
            reason, reason_stage = NoRate.zero, here.id
        else:
            rate = actual[following.id] / actual[here.id]
        rows.append(
            RateRow(here.id, following.id, here.owner, plan_rate, rate, reason, reason_stage)
        )
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
    factors: list[tuple[DriverKind, str, str, str, Fraction, Fraction]] = []
    top = order[0]  # a merged volume factor takes the name and owner of its first stage
    if not bounds:
        factors.append(
            (DriverKind.volume, top, REVENUE, owner[top], plan[REVENUE], actual[REVENUE])
        )
    else:
        first = bounds[0]
        factors.append((DriverKind.volume, top, first, owner[top], plan[first], actual[first]))
        for here, there in pairwise(bounds):
            factors.append(
                (
                    DriverKind.rate,
                    here,
                    there,
                    owner[here],
                    plan[there] / plan[here],
                    actual[there] / actual[here],
                )
            )
        last = bounds[-1]
        key = DriverKind.deal_size if last == order[-1] else DriverKind.rate
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
    shown = largest_remainder(impacts, round_half_up(exact_gap, minor_unit), minor_unit)
    drivers = []
    for (key, stage, until, team, p, a), impact, part in zip(factors, impacts, shown, strict=True):
        start = order.index(stage)
        end = order.index(until) if until in order else len(order)
        spans = order[start + 1 : end] if key is DriverKind.rate else []
        if key is DriverKind.volume:
            measured = until if until in order else present[0]
            spans = order[: order.index(measured)]  # missing or 0: volume is measured below
        drivers.append(Driver(key, stage, until, team, p, a, impact, part, spans))
    drivers.sort(key=lambda d: (-abs(d.impact), d.key))
    return drivers, ""


def _catch_up(
    plan: Plan,
    target: TargetReport,
    actual: Counts,
    actual_segments: dict[str, Counts],
    as_of: Month,
    basis: str,
    rates: list[RateRow],
    revenue_to_date: Comparison,
    missing: list[str],
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
    have = set(actual)
    from_plan: set[tuple[str, Month]] = set()

    def held_in(counts: Counts, plan_counts: Counts) -> dict[str, dict[Month, Fraction]]:
        held: dict[str, dict[Month, Fraction]] = {}
        for stage in target.stages[:-1]:
            if stage.lag == 0:
                continue
            row: dict[Month, Fraction] = {}  # the last `lag` (the latest) months' entries
            for month in (as_of + -offset for offset in range(stage.lag - 1, -1, -1)):
                if stage.id in missing or month not in have:
                    from_plan.add((stage.id, month))
                    row[month] = plan_counts.get(month, {}).get(stage.id, Fraction(0))
                else:
                    row[month] = counts.get(month, {}).get(stage.id, Fraction(0))
            held[stage.id] = row
        return held

    funnels: list[_Funnel] = []
    if target.segments:
        shares = [s.share for s in target.segments]
        parts = split_by_shares([spread[m] for m in months], shares, target.minor_unit)
        if actual_segments:
            held_by = {
                s.id: held_in(actual_segments[s.id], _plan_counts(target, s.id))
                for s in target.segments
            }
        else:
            held_by = _split_held(held_in(actual, _plan_counts(target, None)), target)
        for funnel, part in zip(target.segments, parts, strict=True):
            stages = [
                replace(
                    s,
                    rate=actual_rates.get(s.id, funnel.rates.get(s.id))
                    if s.rate is not None
                    else None,
                )
                for s in target.stages
            ]
            funnels.append(
                _Funnel(
                    stages,
                    funnel.deal_size,
                    {m: amount * funnel.share for m, amount in demand.items()},
                    dict(zip(months, part, strict=True)),
                    held_by[funnel.id],
                    _carry(stages, actual_segments[funnel.id], as_of, target.rounding, missing)
                    if actual_segments
                    else {},
                )
            )
    else:
        assert target.deal_size is not None
        stages = [replace(s, rate=actual_rates.get(s.id, s.rate)) for s in target.stages]
        held = held_in(actual, _plan_counts(target, None))
        carry = _carry(stages, actual, as_of, target.rounding, missing)
        funnels.append(_Funnel(stages, target.deal_size, demand, dict(spread), held, carry))

    funnel_counts: dict[Month, dict[str, list[Fraction]]] = {}  # every funnel's, added below
    impossible: dict[str, Impossible] = {}
    slips: dict[Month, Slip] = {}
    for funnel in funnels:
        result = _funnel_catch_up(funnel, target.rounding, as_of, plan.period.end)
        for stage in funnel.stages:
            for month, count in result.counts[stage.id].items():
                if month > as_of:
                    funnel_counts.setdefault(month, {}).setdefault(stage.id, []).append(count)
        for slip in result.slips:
            prior = slips.get(slip.from_month)
            slips[slip.from_month] = (
                Slip(
                    slip.from_month,
                    slip.to_month,
                    prior.count + slip.count,
                    prior.revenue + slip.revenue,
                )
                if prior
                else slip
            )
        if result.impossible is not None:
            item = result.impossible
            prior_item = impossible.get(item.stage)
            impossible[item.stage] = (
                Impossible(
                    item.stage,
                    max(item.month, prior_item.month),
                    prior_item.count + item.count,
                    max(item.feeds, prior_item.feeds),
                    prior_item.revenue + item.revenue,
                    prior_item.deals + item.deals,
                )
                if prior_item
                else item
            )
    new_counts = {
        month: {sid: exact_sum(counts) for sid, counts in by_stage.items()}
        for month, by_stage in funnel_counts.items()
    }
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
    held_total: dict[str, Fraction] = {}
    for funnel in funnels:
        for sid, by_month in funnel.held.items():
            held_total[sid] = held_total.get(sid, Fraction(0)) + sum(by_month.values(), Fraction(0))
    # the team's rate for a step: the nominal one every funnel uses (segments that differ: none)
    used = {
        s.id: s.rate
        for index, s in enumerate(funnels[0].stages)
        if s.rate is not None and all(f.stages[index].rate == s.rate for f in funnels)
    }
    return CatchUp(
        basis,
        "planned",
        remaining,
        rows,
        {sid: _whole(n) for sid, n in held_total.items() if n},
        sorted(impossible.values(), key=lambda i: (i.month, ids.index(i.stage))),
        used,
        fallback,
        slips=[slips[m] for m in sorted(slips)],
        carry={sid: c for sid, c in funnels[0].carry.items() if c} if len(funnels) == 1 else {},
        held_from_plan=sorted(from_plan, key=lambda item: (item[1], ids.index(item[0]))),
    )


def _whole(value: Fraction) -> int | Fraction:
    return int(value) if value.denominator == 1 else value


class _Funnel(Record):
    """One funnel of the catch-up: the whole plan, or one segment."""

    __match_args__ = ("stages", "deal_size", "demand", "revenue", "held", "carry")
    __slots__ = __match_args__
    stages: list[StageInfo]
    deal_size: Fraction
    demand: dict[Month, Fraction]  # exact revenue per remaining month and after the period
    revenue: dict[Month, Fraction]  # its remaining revenue per period month, in the currency's unit
    held: dict[str, dict[Month, Fraction]]  # lagged stage -> past month -> entries not converted
    carry: dict[str, Fraction]  # stage -> next-stage entries
    # its converted past entries still carry below one (the plan's round-up that served a month)

    def __init__(
        self,
        stages: list[StageInfo],
        deal_size: Fraction,
        demand: dict[Month, Fraction],
        revenue: dict[Month, Fraction],
        held: dict[str, dict[Month, Fraction]],
        carry: dict[str, Fraction] | None = None,
    ) -> None:
        _set(self, "stages", stages)
        _set(self, "deal_size", deal_size)
        _set(self, "demand", demand)
        _set(self, "revenue", revenue)
        _set(self, "held", held)
        _set(self, "carry", {} if carry is None else carry)


class _FunnelResult(Record):
    __match_args__ = ("counts", "slips", "impossible")
    __slots__ = __match_args__
    counts: dict[str, dict[Month, Fraction]]
    slips: list[Slip]
    impossible: Impossible | None

    def __init__(
        self,
        counts: dict[str, dict[Month, Fraction]],
        slips: list[Slip],
        impossible: Impossible | None,
    ) -> None:
        _set(self, "counts", counts)
        _set(self, "slips", slips)
        _set(self, "impossible", impossible)


def _held_up_to(held: dict[Month, Fraction]) -> Callable[[int], Fraction]:
    """ordinal -> the entries held in months up to it: running sums, so the entries of months
    a + 1 .. b are one difference (exact: Fractions), not a pass over every held month."""
    months = sorted(held)
    ordinals = [month.ordinal for month in months]
    totals = list(accumulate((held[month] for month in months), initial=_ZERO))

    def up_to(ordinal: int) -> Fraction:
        return totals[bisect_right(ordinals, ordinal)]

    return up_to


def _funnel_catch_up(funnel: _Funnel, rounding: str, as_of: Month, end: Month) -> _FunnelResult:
    """Rules 2-6 of the catch-up for one funnel: caps from the past, deliveries, slips, backward."""
    stages, deal_size = funnel.stages, funnel.deal_size
    months = sorted(funnel.demand)  # the remaining months, then the months after the period

    def whole(value: Fraction, up: bool) -> Fraction:
        if rounding != "up":
            return value
        return Fraction(ceil_fraction(value) if up else floor_fraction(value))

    # rule 3: each stage's running cap (None: not capped), from the entries fixed in past months
    caps: dict[str, dict[Month, Fraction | None]] = {stages[0].id: dict.fromkeys(months)}
    for here, following in pairwise(stages):
        assert here.rate is not None
        held_by = _held_up_to(funnel.held.get(here.id, {}))
        row: dict[Month, Fraction | None] = {}
        above = caps[here.id]
        carry = funnel.carry.get(here.id, _ZERO)
        for month in months:
            # by `month`: each lag's share of the held entries whose part arrives after the
            # as-of month and by `month`, and of the upstream entries (running) by then
            reach: Fraction | None = _ZERO
            for lag, share in here.shares:
                source = month + -lag
                upstream = above.get(source) if source > as_of else _ZERO
                if upstream is None:  # not capped: nothing fixed in the past limits it
                    reach = None
                    break
                low = as_of.ordinal - lag  # held in months low + 1 .. source
                entries = held_by(source.ordinal) - held_by(low) if source.ordinal > low else _ZERO
                reach += share * (entries + upstream)
            row[month] = None if reach is None else whole(here.rate * reach + carry, False)
        caps[following.id] = row
    deal_caps = caps[stages[-1].id]

    # rules 2 and 4: running deal need, and what each month delivers (running totals)
    need: dict[Month, Fraction] = {}
    running = Fraction(0)
    for month in months:
        running += funnel.demand[month] / deal_size
        need[month] = whole(running, True)
    delivered: dict[Month, Fraction] = {}
    for month in months:
        wanted = need[month] if month <= end else delivered[end] + need[month] - need[end]
        cap = deal_caps[month]
        delivered[month] = wanted if cap is None else min(wanted, cap)
    deals: dict[Month, Fraction] = {}
    previous = Fraction(0)
    for month in months:
        deals[month] = delivered[month] - previous
        previous = delivered[month]

    slips: list[Slip] = []
    revenue_due = Fraction(0)
    lacking = Fraction(0)
    for month in months:
        if month > end:
            break
        revenue_due += funnel.revenue[month]
        short = need[month] - delivered[month]
        lacking = min(short * deal_size, revenue_due - delivered[month] * deal_size)
        if short > 0 and month < end:
            slips.append(Slip(month, month + 1, short, lacking))

    # rule 5: every stage worked backward from the deals delivered, held entries first
    held_lumps = {
        stage.id: sum(
            (n * _still_to_come(stage, m, as_of) for m, n in funnel.held[stage.id].items()),
            Fraction(0),
        )
        for stage in stages
        if stage.id in funnel.held
    }
    for stage in stages[:-1]:
        if funnel.carry.get(stage.id):
            assert stage.rate is not None
            held_lumps[stage.id] = held_lumps.get(stage.id, Fraction(0)) + (
                funnel.carry[stage.id] / stage.rate
            )
    counts = backward(stages, deal_size, {}, rounding, held_lumps, deals=deals)

    # rule 6: what no remaining month can deliver by the period's end
    impossible = None
    undelivered = need[end] - delivered[end]
    if undelivered > 0:
        full = dict(deals)
        full[end] += undelivered
        wanted_counts = backward(stages, deal_size, {}, rounding, held_lumps, deals=full)
        for stage in reversed(stages[:-1]):
            past = {m: n for m, n in wanted_counts[stage.id].items() if m <= as_of and n > 0}
            if past:
                last = max(past)
                impossible = Impossible(
                    stage.id,
                    last,
                    sum(past.values(), Fraction(0)),
                    last + stage.lag,
                    max(lacking, Fraction(0)),
                    undelivered,
                )
                break
    return _FunnelResult(counts, slips, impossible)


def _still_to_come(stage: StageInfo, month: Month, as_of: Month) -> Fraction:
    """The share of a month's entries whose part reaches the next stage after the as-of month
    (1 or 0 for a single lag; a lag distribution's shares past the as-of month)."""
    return sum((share for lag, share in stage.shares if month + lag > as_of), Fraction(0))


def _carry(
    stages: list[StageInfo], counts: Counts, as_of: Month, rounding: str, missing: list[str]
) -> dict[str, Fraction]:
    """What a stage's converted entries still carry to the next stage, below one: its entries in
    the months that have fed past months x rate, less the next stage's count to date. Actuals equal
    to the plan carry the plan's own round-up, which served the next month; whole entries that did
    not convert are gone."""
    carry: dict[str, Fraction] = {}
    if rounding != "up":
        return carry
    for here, following in pairwise(stages):
        if here.id in missing or following.id in missing or here.rate is None:
            continue
        entered = sum(
            (
                row.get(here.id, Fraction(0)) * (1 - _still_to_come(here, m, as_of))
                for m, row in counts.items()
            ),
            Fraction(0),
        )
        came = sum((row.get(following.id, Fraction(0)) for row in counts.values()), Fraction(0))
        left = here.rate * entered - came
        if left > 0:
            carry[here.id] = left - floor_fraction(left)
    return carry


def _split_held(
    held: dict[str, dict[Month, Fraction]], target: TargetReport
) -> dict[str, dict[str, dict[Month, Fraction]]]:
    """Team-level held entries split over segments, month by month, in the proportions the plan
    expected then (running totals over the segments, so the parts add up to the whole)."""
    result: dict[str, dict[str, dict[Month, Fraction]]] = {
        s.id: {sid: {} for sid in held} for s in target.segments
    }
    for stage_id, by_month in held.items():
        for month, count in by_month.items():
            weights = [
                sum((row.counts[stage_id] for row in s.months if row.month == month), Fraction(0))
                for s in target.segments
            ]
            if sum(weights) == 0:
                weights = [s.share for s in target.segments]
            if target.rounding == "up":
                parts = [p[0] for p in split_by_shares([count], weights, 0)]
            else:
                parts = [count * w / sum(weights) for w in weights]
            for segment, part in zip(target.segments, parts, strict=True):
                result[segment.id][stage_id][month] = part
    return result


def _forecast(revenue: Comparison, target: TargetReport) -> Forecast:
    if revenue.actual is None or revenue.plan == 0:
        return Forecast(None, None)
    value = round_half_up(revenue.actual / revenue.plan * target.kgi, target.minor_unit)
    return Forecast(value, value / target.kgi)


def build_gap_for_file(
    plan: Plan,
    actuals: ActualsTable,
    actuals_file: str,
    as_of: Month | None = None,
    basis: str = "plan",
    target: TargetReport | None = None,
) -> GapReport:
    """build_gap, its refusals (a month missing, --as-of outside the period) as the InputError of
    `actuals_file`, the file the actuals came from (funnelplan.load.gap_inputs says which)."""
    try:
        return build_gap(plan, actuals, as_of, basis, target)
    except GapProblem as error:
        raise InputError([error.problem(actuals_file)]) from None
