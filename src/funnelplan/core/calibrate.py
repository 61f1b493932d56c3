"""Rates, lags, deal size and month weights proposed from a CRM export's history. Pure.

Rules (docs/review.md says them in these words):
- A step's rate counts the cohorts (the month records entered the step's first stage) that are
  complete: m + L < the month of the export's newest date, L the longer of the plan's lag and the
  longest lag seen in the export for that step. Its 90% interval is Wilson's; n is the cohort size.
- A step's lag is the distribution, over those cohorts, of the months from entering the stage to
  entering the next (0: the same month); its median is the smallest month by which at least half
  have gone on.
- Deal size: the mean, median and the 10% trimmed mean (floor(n / 10) deals off each end) of won
  deals' amounts.
- Month weights, with at least 12 whole months of won revenue (won deals when the export has no
  amounts): each calendar month's average over the years seen, over the average of the twelve.
  A month is whole when it ends on or before the export's newest date; the months start after the
  export's first month plus the funnel's lags (before, deals of records created before the export
  began are missing).
"""

from __future__ import annotations

import itertools
from collections import Counter
from dataclasses import dataclass
from fractions import Fraction

from funnelplan.core.review import (
    Z90,
    add_tally,
    complete_months,
    mean,
    median,
    plan_lag,
    plan_rate,
    wilson,
)
from funnelplan.core.review import trimmed_mean as _trimmed
from funnelplan.core.rounding import cumulative_round, round_half_up
from funnelplan.model.crm_records import GroupTally, ReviewRecords
from funnelplan.model.months import Month
from funnelplan.model.plan import Plan

MIN_SEASON_MONTHS = 12


@dataclass(frozen=True)
class RateProposal:
    stage: str
    next: str
    value: Fraction | None
    low: Fraction | None
    high: Fraction | None
    n: int
    months: tuple[Month, ...]
    plan: Fraction | None
    difference: Fraction | None  # value - plan
    adjacent: bool  # next is the funnel's next stage (the plan's `rate` of `stage`)

    @property
    def written(self) -> Fraction | None:
        """The rate --write puts in the plan: a percentage to one decimal, halves up."""
        return round_half_up(self.value * 100, 1) if self.value is not None else None


@dataclass(frozen=True)
class LagProposal:
    stage: str
    next: str
    distribution: dict[int, Fraction]  # months -> share of the records that went on
    median: int | None
    n: int  # records that went on
    plan: int
    difference: int | None

    @property
    def written(self) -> dict[int, Fraction]:
        """The lag --write puts in the plan: each month's share as a percentage to one decimal,
        running totals rounded half up (so they add up to exactly 100%); a month that rounds to
        0% is left out."""
        percents = cumulative_round(
            [share * 100 for share in self.distribution.values()],
            lambda value: round_half_up(value, 1),
        )
        return {
            months: percent
            for months, percent in zip(self.distribution, percents, strict=True)
            if percent
        }


@dataclass(frozen=True)
class DealSizeProposal:
    n: int
    mean: Fraction | None
    median: Fraction | None
    trimmed_mean: Fraction | None
    plan: Fraction | None
    difference: Fraction | None  # mean - plan
    estimated: bool  # no amounts in the export

    def written(self, minor_unit: int) -> Fraction | None:
        """The deal size --write puts in the plan: the mean, to the currency's minor unit."""
        return round_half_up(self.mean, minor_unit) if self.mean is not None else None


@dataclass(frozen=True)
class WeightProposal:
    month: Month  # a plan month
    weight: Fraction
    plan: Fraction | None  # the plan's weight (None when it gives none: 1)

    @property
    def written(self) -> Fraction:
        """The weight --write puts in the plan: two decimals, halves up."""
        return round_half_up(self.weight, 2)


@dataclass(frozen=True)
class CalibrateReport:
    title: str
    source: str
    stages: tuple[str, ...]
    labels: dict[str, str]
    records: int
    months: tuple[Month, ...]  # creation months read
    data_through: object
    rates: tuple[RateProposal, ...]
    lags: tuple[LagProposal, ...]
    deal_size: DealSizeProposal
    weights: tuple[WeightProposal, ...]
    season_months: tuple[Month, ...]  # the whole months the weights come from


def calibrate(plan: Plan, records: ReviewRecords) -> CalibrateReport:
    whole = GroupTally.empty(len(records.stages))
    for tally in records.groups.values():
        add_tally(whole, tally)
    stages = records.stages
    funnel = [stage.id for stage in plan.funnel]
    last = (
        Month(records.data_through.year, records.data_through.month).ordinal
        if records.data_through
        else 0
    )
    rates, lags = [], []
    for step, (a, b) in enumerate(itertools.pairwise(stages)):
        seen = [k for counter in whole.lags[step].values() for k in counter]
        longest = max([plan_lag(plan, a, b), *seen])
        months = complete_months(whole.steps[step], longest, last)
        entered = sum(whole.steps[step][m][0] for m in months)
        went_on = sum(whole.steps[step][m][1] for m in months)
        value = Fraction(went_on, entered) if entered else None
        interval = wilson(went_on, entered, Z90)
        planned = plan_rate(plan, a, b)
        rates.append(
            RateProposal(
                stage=a,
                next=b,
                value=value,
                low=interval[0] if interval else None,
                high=interval[1] if interval else None,
                n=entered,
                months=tuple(Month.from_ordinal(m) for m in months),
                plan=planned,
                difference=value - planned if value is not None and planned is not None else None,
                adjacent=funnel.index(b) == funnel.index(a) + 1,
            )
        )
        spread: Counter[int] = Counter()
        for m in months:
            spread.update(whole.lags[step].get(m, Counter()))
        total = sum(spread.values())
        distribution = {k: Fraction(spread[k], total) for k in sorted(spread)} if total else {}
        middle = _median_month(distribution)
        lag_plan = plan_lag(plan, a, b)
        lags.append(
            LagProposal(
                stage=a,
                next=b,
                distribution=distribution,
                median=middle,
                n=total,
                plan=lag_plan,
                difference=middle - lag_plan if middle is not None else None,
            )
        )
    planned_size = Fraction(plan.deal_size) if plan.deal_size is not None else None
    if records.amounts_known:
        size_mean = mean(whole.amounts)
        deal_size = DealSizeProposal(
            n=sum(whole.amounts.values()),
            mean=size_mean,
            median=median(whole.amounts),
            trimmed_mean=_trimmed(whole.amounts),
            plan=planned_size,
            difference=size_mean - planned_size
            if size_mean is not None and planned_size is not None
            else None,
            estimated=False,
        )
    else:
        deal_size = DealSizeProposal(whole.won, None, None, None, planned_size, None, True)
    weights, season = _weights(plan, records, last)
    months: tuple[Month, ...] = ()
    if records.first_month is not None and records.last_month is not None:
        months = tuple(
            Month.from_ordinal(m) for m in range(records.first_month, records.last_month + 1)
        )
    return CalibrateReport(
        title=plan.plan,
        source=records.source,
        stages=stages,
        labels={s.id: s.name for s in plan.funnel},
        records=whole.reached[0] if whole.reached else 0,
        months=months,
        data_through=records.data_through,
        rates=tuple(rates),
        lags=tuple(lags),
        deal_size=deal_size,
        weights=weights,
        season_months=season,
    )


def _median_month(distribution: dict[int, Fraction]) -> int | None:
    running = Fraction(0)
    for months, share in distribution.items():
        running += share
        if running >= Fraction(1, 2):
            return months
    return None


def _weights(
    plan: Plan, records: ReviewRecords, last: int
) -> tuple[tuple[WeightProposal, ...], tuple[Month, ...]]:
    through = records.data_through
    if through is None:
        return (), ()
    from datetime import timedelta

    whole_last = last if (through + timedelta(days=1)).day == 1 else last - 1
    source: dict[int, Fraction] = (
        {m: Fraction(v) for m, v in records.revenue_by_month.items()}
        if records.amounts_known
        else {m: Fraction(v) for m, v in records.won_by_month.items()}
    )
    if not source:
        return (), ()
    first = min(source)
    if records.first_month is not None:
        first = min(first, records.first_month)
    # revenue of the first months lacks the deals of records created before the export began
    first += sum(stage.latest_lag for stage in plan.funnel[:-1])
    season = list(range(first, whole_last + 1))
    if len(season) < MIN_SEASON_MONTHS:
        return (), tuple(Month.from_ordinal(m) for m in season)
    by_calendar: dict[int, list[Fraction]] = {}
    for m in season:
        by_calendar.setdefault(m % 12, []).append(source.get(m, Fraction(0)))
    averages = {k: sum(v, Fraction(0)) / len(v) for k, v in by_calendar.items()}
    overall = sum(averages.values(), Fraction(0)) / len(averages)
    if not overall:
        return (), tuple(Month.from_ordinal(m) for m in season)
    proposals = tuple(
        WeightProposal(
            month=month,
            weight=averages[month.ordinal % 12] / overall,
            plan=Fraction(plan.kgi.weights[month]) if month in plan.kgi.weights else None,
        )
        for month in plan.period.months
    )
    return proposals, tuple(Month.from_ordinal(m) for m in season)


__all__ = [
    "CalibrateReport",
    "DealSizeProposal",
    "LagProposal",
    "RateProposal",
    "WeightProposal",
    "calibrate",
]
