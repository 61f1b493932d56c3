"""現状分析: lead quality by attribute value, from a CRM export's record-level tallies. Pure.

Per value of the --by columns (a lead source, an owner, a pair of them): the records that reached
each stage, each step's conversion on complete cohorts only, the days from stage to stage, won
deals and their size, revenue per record at the top stage, and with a cost, cost per record, cost
per deal and ROI. Groups are ranked by revenue per top-stage record (lead quality).

Rules (docs/review.md says them in these words):
- A record belongs to the month it entered its first mapped stage; `--from`/`--to` choose months.
- A step from stage A to B counts the records that entered A in month m only when
  m + lag < the month of the export's newest date, lag being the plan's months from A to B (a lead
  created in the last `lag` months is not yet a failure). The months counted are reported.
- A conversion's 95% interval is Wilson's; fewer than 30 in the cohort is "too few to judge".
- Median: the middle value (the mean of the two middle ones for an even count). P90: the smallest
  value at least 90% of the values are at or below (nearest rank).
- Without amounts in the export, revenue is won deals x the plan's deal size (said in the report).
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, localcontext
from fractions import Fraction

from funnelplan.core.rounding import ceil_fraction
from funnelplan.model.crm_records import GroupTally
from funnelplan.model.months import Month
from funnelplan.model.plan import Plan

JUDGE_FROM = 30  # records in a cohort below which a rate is "too few to judge"
Z95 = Decimal("1.959963984540054")
Z90 = Decimal("1.644853626951472")


# --- statistics (exact where the data decides; the interval's square root to 30 digits) -------


def median(values: Counter[Fraction] | Counter[int] | Counter[Decimal]) -> Fraction | None:
    """The middle value of a tally (the mean of the two middle ones when the count is even)."""
    total = sum(values.values())
    if total == 0:
        return None
    low = nth(values, (total + 1) // 2)
    high = nth(values, total // 2 + 1)
    return (low + high) / 2


def percentile(values: Counter, share: Fraction) -> Fraction | None:  # type: ignore[type-arg]
    """Nearest rank: the smallest value that at least `share` of the values are at or below."""
    total = sum(values.values())
    if total == 0:
        return None
    return nth(values, max(ceil_fraction(share * total), 1))


def nth(values: Counter, rank: int) -> Fraction:  # type: ignore[type-arg]
    """The `rank`-th smallest value (1-based) of a tally."""
    seen = 0
    for value in sorted(values):
        seen += values[value]
        if seen >= rank:
            return Fraction(value)
    raise ValueError("rank past the tally")


def mean(values: Counter) -> Fraction | None:  # type: ignore[type-arg]
    total = sum(values.values())
    if total == 0:
        return None
    return sum((Fraction(v) * n for v, n in values.items()), Fraction(0)) / total


def trimmed_mean(values: Counter, cut: Fraction = Fraction(1, 10)) -> Fraction | None:  # type: ignore[type-arg]
    """The mean without the `cut` share of values at each end (floor(cut x n) values each side)."""
    total = sum(values.values())
    drop = (cut * total).numerator // (cut * total).denominator
    kept = total - 2 * drop
    if kept <= 0:
        return mean(values)
    ordered = [Fraction(v) for v in sorted(values) for _ in range(values[v])]
    return sum(ordered[drop : total - drop], Fraction(0)) / kept


def wilson(successes: int, trials: int, z: Decimal = Z95) -> tuple[Fraction, Fraction] | None:
    """Wilson's score interval for successes/trials (None for no trials)."""
    if trials == 0:
        return None
    with localcontext() as context:
        context.prec = 30
        n = Decimal(trials)
        p = Decimal(successes) / n
        z2 = z * z
        centre = (p + z2 / (2 * n)) / (1 + z2 / n)
        half = z / (1 + z2 / n) * (p * (1 - p) / n + z2 / (4 * n * n)).sqrt()
        low, high = max(centre - half, Decimal(0)), min(centre + half, Decimal(1))
    # at 0 or all successes the bound is exactly 0 or 1 (the 30-digit root leaves 1e-31)
    return (
        Fraction(0) if successes == 0 else Fraction(low),
        Fraction(1) if successes == trials else Fraction(high),
    )


# --- the report -------------------------------------------------------------------------------


@dataclass(frozen=True)
class StepReview:
    stage: str  # the step's first stage
    next: str  # the stage it goes on to
    entered: int  # records of the counted cohorts that entered `stage`
    went_on: int  # of them, reached `next`
    rate: Fraction | None
    interval: tuple[Fraction, Fraction] | None  # 95% Wilson
    judged: bool  # entered >= JUDGE_FROM
    plan_rate: Fraction | None
    months: tuple[Month, ...]  # the cohort months counted
    days_median: Fraction | None
    days_p90: Fraction | None
    lag: int  # the plan's months from `stage` to `next`


@dataclass(frozen=True)
class GroupReview:
    value: tuple[str, ...]
    counts: dict[str, int]
    steps: tuple[StepReview, ...]
    won: int
    revenue: Fraction | None
    revenue_per_lead: Fraction | None
    deal_mean: Fraction | None
    deal_median: Fraction | None
    cost: Fraction | None
    cost_per_lead: Fraction | None
    cost_per_deal: Fraction | None
    roi: Fraction | None  # (revenue - cost) / cost
    headline_step: int | None = None  # the judged step furthest from the whole's rate


@dataclass(frozen=True)
class SlaRow:
    month: Month | None
    owner: str | None
    applies: int
    met: int
    late: int
    pending: int  # untouched, the limit not yet passed
    due: int  # applies - pending: the records whose limit has come
    untouched: tuple[str, ...]  # record ids untouched past the limit
    share: Fraction | None  # met / (applies - pending)
    median_hours: Fraction | None
    p90_hours: Fraction | None


@dataclass(frozen=True)
class SlaBucket:
    name: str  # 1h, 24h, 3d, 7d, later, never
    leads: int
    went_on: int
    rate: Fraction | None


@dataclass(frozen=True)
class SlaReview:
    index: int
    text: str
    from_stage: str
    to: str
    limit: str
    next_stage: str | None
    total: SlaRow
    by_month: tuple[SlaRow, ...]
    by_owner: tuple[SlaRow, ...]
    buckets: tuple[SlaBucket, ...]
    bucket_months: tuple[Month, ...]


@dataclass(frozen=True)
class ReviewReport:
    title: str
    source: str
    by: tuple[str, ...]
    columns: tuple[str, ...]
    stages: tuple[str, ...]
    labels: dict[str, str]
    groups: tuple[GroupReview, ...]  # ranked by revenue per lead
    overall: GroupReview
    data_through: date | None
    window: tuple[Month | None, Month | None]
    revenue_estimated: bool  # won deals x the plan's deal size
    deals_known: bool  # the main export maps the funnel's last stage
    deal_size: Fraction | None
    cost_from: str  # "plan", "column" or ""
    unmatched_sources: tuple[str, ...]  # `sources:` keys no group has
    sla: tuple[SlaReview, ...] = ()
    holidays: str | None = None
    cross: tuple[tuple[str, ...], tuple[str, ...]] | None = None  # (row values, column values)
    quality_skipped: int = 0
    records: int = 0
    months: tuple[Month, ...] = field(default_factory=tuple)  # months read (creation)


def plan_lag(plan: Plan, stage: str, next_stage: str) -> int:
    funnel = [s.id for s in plan.funnel]
    span = funnel[funnel.index(stage) : funnel.index(next_stage)]
    return sum(plan.stage(s).latest_lag for s in span)


def plan_rate(plan: Plan, stage: str, next_stage: str) -> Fraction | None:
    funnel = [s.id for s in plan.funnel]
    rate = Fraction(1)
    for s in funnel[funnel.index(stage) : funnel.index(next_stage)]:
        value = plan.stage(s).rate
        if value is None:
            return None
        rate *= Fraction(value)
    return rate


def review(plan: Plan, records, sla_holidays: str | None = None) -> ReviewReport:  # type: ignore[no-untyped-def]
    """The review of `records` (load.crm.records.ReviewRecords) against `plan`."""
    stages = records.stages
    last = (
        Month(records.data_through.year, records.data_through.month).ordinal
        if records.data_through
        else 0
    )
    steps = list(itertools.pairwise(stages))
    lags = [plan_lag(plan, a, b) for a, b in steps]
    rates = [plan_rate(plan, a, b) for a, b in steps]
    deal_size = Fraction(plan.deal_size) if plan.deal_size is not None else None
    whole = GroupTally.empty(len(stages))
    for tally in records.groups.values():
        add_tally(whole, tally)
    single = len(records.by) == 1
    cost_from = ""
    mapping = plan.actuals
    has_cost_column = getattr(mapping, "cost", None) is not None
    if single and plan.sources:
        cost_from = "plan"
    elif has_cost_column:
        cost_from = "column"

    def cost_of(value: tuple[str, ...], tally: GroupTally) -> Fraction | None:
        if cost_from == "plan":
            found = plan.sources.get(value[0]) if value else None
            return Fraction(found.cost) if found is not None else None
        if cost_from == "column":
            return Fraction(tally.cost)
        return None

    def build(value: tuple[str, ...], tally: GroupTally, cost: Fraction | None) -> GroupReview:
        return _group(value, tally, stages, steps, lags, rates, last, records, deal_size, cost)

    overall_cost = None
    if cost_from == "plan":
        overall_cost = sum((Fraction(s.cost) for s in plan.sources.values()), Fraction(0))
    elif cost_from == "column":
        overall_cost = Fraction(whole.cost)
    overall = build((), whole, overall_cost)
    groups = [build(value, tally, cost_of(value, tally)) for value, tally in records.groups.items()]
    groups = [_with_headline(group, overall) for group in groups]
    last_stage, first_stage = stages[-1], stages[0]

    def reach(group: GroupReview) -> Fraction:
        """The share of the group's first-stage records that reached the last mapped stage."""
        top = group.counts[first_stage]
        return Fraction(group.counts[last_stage], top) if top else Fraction(0)

    groups.sort(  # revenue per lead; without revenue, the share reaching the last stage
        key=lambda g: (
            g.revenue_per_lead is None,
            -(g.revenue_per_lead or 0),
            -reach(g),
            g.value,
        )
    )
    unmatched: tuple[str, ...] = ()
    if cost_from == "plan":
        present = {value[0] for value in records.groups}
        unmatched = tuple(name for name in plan.sources if name not in present)
    cross = None
    if len(records.by) == 2:
        rows = tuple(sorted({value[0] for value in records.groups}))
        columns = tuple(sorted({value[1] for value in records.groups}))
        cross = (rows, columns)
    sla = tuple(_sla(tally, records, last, plan, sla_holidays) for tally in records.sla)
    months: tuple[Month, ...] = ()
    if records.first_month is not None:
        months = tuple(
            Month.from_ordinal(m) for m in range(records.first_month, records.last_month + 1)
        )
    return ReviewReport(
        title=plan.plan,
        source=records.source,
        by=records.by,
        columns=records.columns,
        stages=stages,
        labels={s.id: s.name for s in plan.funnel},
        groups=tuple(groups),
        overall=overall,
        data_through=records.data_through,
        window=records.window,
        revenue_estimated=not records.amounts_known
        and deal_size is not None
        and records.deals_known,
        deals_known=records.deals_known,
        deal_size=deal_size,
        cost_from=cost_from,
        unmatched_sources=unmatched,
        sla=sla,
        holidays=sla_holidays,
        cross=cross,
        quality_skipped=records.skipped,
        records=records.records,
        months=months,
    )


def add_tally(whole, tally) -> None:  # type: ignore[no-untyped-def]
    for slot, n in enumerate(tally.reached):
        whole.reached[slot] += n
    for step, cohorts in enumerate(tally.steps):
        for month, (entered, went_on) in cohorts.items():
            entry = whole.steps[step].setdefault(month, [0, 0])
            entry[0] += entered
            entry[1] += went_on
        whole.days[step].update(tally.days[step])
        for month, lags in tally.lags[step].items():
            whole.lags[step].setdefault(month, Counter()).update(lags)
    whole.amounts.update(tally.amounts)
    whole.won += tally.won
    whole.cost += tally.cost


def complete_months(cohorts: Iterable[int], lag: int, last: int) -> list[int]:
    """The cohort months old enough: m + lag < the month of the newest date."""
    return sorted(m for m in cohorts if m + lag < last)


def _group(value, tally, stages, steps, lags, rates, last, records, deal_size, cost) -> GroupReview:  # type: ignore[no-untyped-def]
    counts = dict(zip(stages, tally.reached, strict=True))
    reviewed = []
    for index, (a, b) in enumerate(steps):
        months = complete_months(tally.steps[index], lags[index], last)
        entered = sum(tally.steps[index][m][0] for m in months)
        went_on = sum(tally.steps[index][m][1] for m in months)
        reviewed.append(
            StepReview(
                stage=a,
                next=b,
                entered=entered,
                went_on=went_on,
                rate=Fraction(went_on, entered) if entered else None,
                interval=wilson(went_on, entered),
                judged=entered >= JUDGE_FROM,
                plan_rate=rates[index],
                months=tuple(Month.from_ordinal(m) for m in months),
                days_median=median(tally.days[index]),
                days_p90=percentile(tally.days[index], Fraction(9, 10)),
                lag=lags[index],
            )
        )
    top = tally.reached[0] if tally.reached else 0
    if records.amounts_known:
        revenue: Fraction | None = sum(
            (Fraction(a) * n for a, n in tally.amounts.items()), Fraction(0)
        )
    elif deal_size is not None and records.deals_known:
        revenue = deal_size * tally.won
    else:
        revenue = None
    return GroupReview(
        value=value,
        counts=counts,
        steps=tuple(reviewed),
        won=tally.won,
        revenue=revenue,
        revenue_per_lead=revenue / top if revenue is not None and top else None,
        deal_mean=mean(tally.amounts) if records.amounts_known else None,
        deal_median=median(tally.amounts) if records.amounts_known else None,
        cost=cost,
        cost_per_lead=cost / top if cost is not None and top else None,
        cost_per_deal=cost / tally.won if cost is not None and tally.won else None,
        roi=(revenue - cost) / cost if cost and revenue is not None else None,
    )


def _with_headline(group: GroupReview, overall: GroupReview) -> GroupReview:
    best, distance = None, Fraction(-1)
    for index, step in enumerate(group.steps):
        whole = overall.steps[index].rate
        if not step.judged or step.rate is None or whole is None:
            continue
        gap = abs(step.rate - whole)
        if gap > distance:
            best, distance = index, gap
    return GroupReview(**{**group.__dict__, "headline_step": best})


def _sla(tally, records, last, plan, holidays) -> SlaReview:  # type: ignore[no-untyped-def]
    from funnelplan.core.sla import BUCKETS, BusinessDays, bucket_of

    calendar = BusinessDays(holidays)
    limit = tally.limit
    as_of = records.as_of
    judged = []
    for entry in tally.entries:
        deadline = calendar.deadline(entry.start, limit)
        if entry.end is None:
            state = "untouched" if deadline < as_of else "pending"
        else:
            state = "met" if entry.end <= deadline else "late"
        judged.append((entry, state))

    def row(month, owner, items) -> SlaRow:  # type: ignore[no-untyped-def]
        states = Counter(state for _, state in items)
        hours: Counter[Fraction] = Counter(
            Fraction(e.end - e.start, 60) for e, _ in items if e.end is not None
        )
        due = len(items) - states["pending"]
        return SlaRow(
            month=month,
            owner=owner,
            applies=len(items),
            met=states["met"],
            late=states["late"],
            pending=states["pending"],
            due=due,
            untouched=tuple(e.record for e, s in items if s == "untouched"),
            share=Fraction(states["met"], due) if due else None,
            median_hours=median(hours),
            p90_hours=percentile(hours, Fraction(9, 10)),
        )

    by_month: dict[int, list] = {}
    by_owner: dict[str, list] = {}
    for item in judged:
        by_month.setdefault(item[0].month, []).append(item)
        by_owner.setdefault(item[0].owner, []).append(item)
    lag = plan_lag(plan, tally.rule.from_stage, tally.next_stage) if tally.next_stage else 0
    counted = set(complete_months(by_month, lag, last))
    buckets: dict[str, list[int]] = {name: [0, 0] for name, _ in BUCKETS}
    buckets["never"] = [0, 0]
    for entry, _state in judged:
        if entry.month not in counted or tally.next_stage is None:
            continue
        name = "never" if entry.end is None else bucket_of(entry.end - entry.start)
        buckets[name][0] += 1
        buckets[name][1] += entry.went_on
    return SlaReview(
        index=tally.index,
        text=tally.rule.text,
        from_stage=tally.rule.from_stage,
        to=tally.rule.to,
        limit=str(limit),
        next_stage=tally.next_stage,
        total=row(None, None, judged),
        by_month=tuple(
            row(Month.from_ordinal(m), None, items) for m, items in sorted(by_month.items())
        ),
        by_owner=tuple(row(None, o, items) for o, items in sorted(by_owner.items()))
        if any(owner for owner in by_owner)
        else (),
        buckets=tuple(
            SlaBucket(name, n, k, Fraction(k, n) if n else None) for name, (n, k) in buckets.items()
        ),
        bucket_months=tuple(Month.from_ordinal(m) for m in sorted(counted)),
    )


__all__ = [
    "JUDGE_FROM",
    "GroupReview",
    "ReviewReport",
    "SlaReview",
    "SlaRow",
    "StepReview",
    "mean",
    "median",
    "percentile",
    "review",
    "trimmed_mean",
    "wilson",
]
