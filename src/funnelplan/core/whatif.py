"""What if: scenarios side by side, and under a capped stage, each lever alone solved for the KGI.

Pure: plans (already overridden, see load/overrides.py) and TargetReports in, a WhatIfReport out.
Every plan's counts come from core/target.py's one `backward`; this module only compares them and
runs whole counts *forward*.

Forward rule (the target's rounding rule run the other way, tested):
- The top stage enters what the plan's counts say, month by month. Each later stage's running total
  is the floor of the running total above it (plus what that stage held at the start) × its rate,
  shifted by the stage's lag. Deals inside the period × the deal size are the revenue.
- A capped stage passes at most N a month; what is over waits for the next month's room (a
  backlog). With segments, each segment gets the floor of N × its part of the plan's count at
  that stage that month (its share of the room), and runs forward with its own rates and deal size.
- Without a cap this reaches the KGI (the backward's whole counts are exactly what it needs).

Solving one lever alone (everything else as planned, the caps in force):
- `rate:<stage>` (the rate from that stage to the next): the exact smallest rate that reaches the
  KGI. Revenue only grows with the rate and only changes where some running total × rate crosses a
  whole number, so the answer is one of those crossing points k / R: found by halving, then exactly.
  "No value can" when even 100% falls short.
- `deal_size`: the KGI less what other segments bring, over the deals the capped funnel gives.
- `volume`: the smallest monthly cap on the (first) capped stage that reaches the KGI.
- `share:<segment>`: the smallest part of the (first) capped stage's room (on a 0.1% grid) that
  the segment must get, the other segments sharing the rest in their plan's proportions; at the
  top stage the segment fills its part. Solved for plans of up to MAX_SHARE_SEGMENTS segments.
Shown values are rounded so that they still reach (core/rounding.py: rates up to 0.1%, money up to
the minor unit).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from functools import lru_cache

from funnelplan.core.odds import TargetOdds, target_odds
from funnelplan.core.rounding import floor_fraction, money_shown_up, rate_shown_up
from funnelplan.core.target_report import StageInfo, TargetReport
from funnelplan.model.months import Month
from funnelplan.model.record import replace

HALVINGS = 30  # the rate is narrowed to 2^-30 by halving, then found exactly among k / R
SHARE_GRID = 1000  # segment shares are solved to 0.1%
MAX_SHARE_SEGMENTS = 6  # past this many segments the share levers are not solved (a grid each)


@dataclass(frozen=True)
class StageSide:
    """One stage of one plan in the comparison: its period total and peak month, and the change."""

    stage: str
    label: str
    owner: str
    total: Fraction
    peak: Fraction
    peak_month: Month
    change: Fraction  # against the base (0 for the base itself)
    change_ratio: Fraction | None  # change / base total; None when the base total is 0
    peak_change: Fraction


@dataclass(frozen=True)
class Side:
    """One plan in the comparison: the base or a scenario."""

    name: str  # "base" for the base; else the scenario's name (`--set` for the options)
    settings: dict[str, str]  # key -> value as written
    report: TargetReport
    stages: list[StageSide]
    revenue: Fraction
    revenue_change: Fraction
    revenue_change_ratio: Fraction | None
    odds: TargetOdds  # P(reaching the KGI) at this side's counts, as `target` shows it


@dataclass(frozen=True)
class Cap:
    stage: str
    per_month: int


@dataclass(frozen=True)
class Solved:
    """One lever, solved alone under the caps."""

    lever: str  # volume | rate:<stage> | deal_size | share:<segment>
    kind: str  # "count" | "rate" | "money" | "share"
    owner: str
    segment: str | None  # the segment whose value it is (segmented plans), else None
    current: Fraction
    needed: Fraction | None  # the exact smallest value that reaches; None: no value can
    shown: Fraction | None  # needed, rounded so that it still reaches

    @property
    def possible(self) -> bool:
        return self.needed is not None


@dataclass(frozen=True)
class WhatIfReport:
    plan: str
    currency: str
    minor_unit: int
    rounding: str
    kgi: Fraction
    base: Side
    scenarios: list[Side]
    caps: list[Cap] = field(default_factory=list)
    solve: list[Solved] = field(default_factory=list)
    reachable_revenue: Fraction | None = None  # under the caps, nothing else changed
    reachable_ratio: Fraction | None = None  # reachable revenue / the KGI

    @property
    def cap_reaches(self) -> bool:
        """The capped funnel reaches the KGI as planned (the caps leave room to spare)."""
        return self.reachable_revenue is not None and self.reachable_revenue >= self.kgi


def compare(
    base: TargetReport, scenarios: Sequence[tuple[str, dict[str, str], TargetReport]]
) -> tuple[Side, list[Side]]:
    """The base and each scenario side by side, each against the base."""
    base_side = _side("base", {}, base, base)
    return base_side, [_side(name, sets, report, base) for name, sets, report in scenarios]


def _ratio(change: Fraction, whole: Fraction) -> Fraction | None:
    return change / whole if whole else None


def _side(name: str, settings: dict[str, str], report: TargetReport, base: TargetReport) -> Side:
    stages = []
    for stage in report.stages:
        total = report.total.counts[stage.id]
        peak_row = max(report.months, key=lambda row: row.counts[stage.id])
        base_total = base.total.counts.get(stage.id, Fraction(0))
        base_peak = max((row.counts.get(stage.id, Fraction(0)) for row in base.months), default=0)
        stages.append(
            StageSide(
                stage=stage.id,
                label=stage.label,
                owner=stage.owner,
                total=total,
                peak=peak_row.counts[stage.id],
                peak_month=peak_row.month,
                change=total - base_total,
                change_ratio=_ratio(total - base_total, base_total),
                peak_change=peak_row.counts[stage.id] - Fraction(base_peak),
            )
        )
    return Side(
        name=name,
        settings=dict(settings),
        report=report,
        stages=stages,
        revenue=report.kgi,
        revenue_change=report.kgi - base.kgi,
        revenue_change_ratio=_ratio(report.kgi - base.kgi, base.kgi),
        odds=target_odds(report),
    )


# -- the forward run ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Arm:
    """One funnel run forward: the whole plan, or one segment."""

    id: str
    deal_size: Fraction
    rates: tuple[Fraction, ...]  # step s: from stage s to stage s + 1
    counts: tuple[tuple[int, ...], ...]  # the plan's whole counts, per stage, per month shown
    held: tuple[int, ...]  # per stage, at the start


@dataclass(frozen=True)
class Funnel:
    stages: tuple[StageInfo, ...]
    in_period: tuple[bool, ...]
    arms: tuple[Arm, ...]
    kgi: Fraction
    caps: tuple[tuple[int, int], ...]  # (stage index, per month), top first


@dataclass(frozen=True)
class Run:
    revenue: Fraction
    deals: tuple[int, ...]  # per arm, inside the period
    running: tuple[tuple[tuple[int, ...], ...], ...]  # per arm, per stage, per month (with held)


def funnel_for(report: TargetReport, caps: Sequence[Cap]) -> Funnel:
    """The target's whole counts as a forward run's input (rounding: up only)."""
    index = {stage.id: i for i, stage in enumerate(report.stages)}
    steps = report.stages[:-1]
    if report.segments:
        arms = tuple(
            Arm(
                id=segment.id,
                deal_size=segment.deal_size,
                rates=tuple(segment.rates[stage.id] for stage in steps),
                counts=_counts(report.stages, segment.months),
                held=tuple(segment.pipeline.get(stage.id, 0) for stage in report.stages),
            )
            for segment in report.segments
        )
    else:
        assert report.deal_size is not None
        arms = (
            Arm(
                id="all",
                deal_size=report.deal_size,
                rates=tuple(stage.rate for stage in steps if stage.rate is not None),
                counts=_counts(report.stages, report.months),
                held=tuple(report.pipeline.get(stage.id, 0) for stage in report.stages),
            ),
        )
    return Funnel(
        stages=tuple(report.stages),
        in_period=tuple(row.in_period for row in report.months),
        arms=arms,
        kgi=report.kgi,
        caps=tuple(sorted((index[cap.stage], cap.per_month) for cap in caps)),
    )


def _counts(stages: Sequence[StageInfo], months: Sequence) -> tuple[tuple[int, ...], ...]:  # type: ignore[type-arg]
    return tuple(
        tuple(floor_fraction(Fraction(row.counts[stage.id])) for row in months) for stage in stages
    )


def _running(counts: Sequence[int], held: int) -> list[int]:
    total, result = held, []
    for count in counts:
        total += count
        result.append(total)
    return result


def _queue_months(arriving: Sequence[int], rooms: Sequence[int]) -> list[int]:
    """At most `rooms[m]` pass in month m; what is over waits for the next month's room."""
    waiting, passed = 0, []
    for count, room in zip(arriving, rooms, strict=True):
        waiting += count
        now = min(room, waiting)
        passed.append(now)
        waiting -= now
    return passed


def _parts(funnel: Funnel, stage: int, split: tuple[str, Fraction] | None) -> list[list[Fraction]]:
    """Each arm's part of a capped stage's room, month by month: its part of the plan's count
    there that month (equal parts in a month the plan has none), or, for the share lever, the
    chosen segment's share and the rest in the others' proportions."""
    months = len(funnel.in_period)
    counts = [arm.counts[stage] for arm in funnel.arms]
    chosen = split[0] if split is not None else None
    parts: list[list[Fraction]] = [[] for _ in funnel.arms]
    for m in range(months):
        sharing = [k for k, arm in enumerate(funnel.arms) if arm.id != chosen]
        left = Fraction(1) if split is None else 1 - split[1]
        whole = sum(counts[k][m] for k in sharing)
        for k, arm in enumerate(funnel.arms):
            if arm.id == chosen:
                assert split is not None
                parts[k].append(split[1])
            elif whole:
                parts[k].append(left * Fraction(counts[k][m], whole))
            else:
                parts[k].append(left / len(sharing))
    return parts


def _rooms(
    funnel: Funnel, cap_at: dict[int, int], split: tuple[str, Fraction] | None
) -> dict[int, list[list[int]]]:
    """Each capped stage's room per arm per month: the floor of the cap x the arm's part."""
    first_cap = min(cap_at) if cap_at else None
    rooms: dict[int, list[list[int]]] = {}
    for stage, room in cap_at.items():
        parts = _parts(funnel, stage, split if stage == first_cap else None)
        rooms[stage] = [[floor_fraction(room * part) for part in arm_parts] for arm_parts in parts]
    return rooms


def _arm_run(
    funnel: Funnel, arm: Arm, rooms: dict[int, Sequence[int]], fills_top: bool = False
) -> tuple[int, tuple[tuple[int, ...], ...]]:
    """One arm forward: its deals inside the period and its running totals per stage per month.

    `fills_top`: the share lever's segment takes all the room it is given at a capped top stage.
    """
    months = len(funnel.in_period)
    last = len(funnel.stages) - 1
    running: list[tuple[int, ...]] = []
    arriving: list[int] = list(arm.counts[0])
    for stage in range(last + 1):
        if stage > 0:
            above, lag, rate = running[-1], funnel.stages[stage - 1].lag, arm.rates[stage - 1]
            top, bottom = rate.numerator, rate.denominator
            converted = [above[m - lag] * top // bottom if m >= lag else 0 for m in range(months)]
            arriving = [b - a for a, b in zip([0, *converted[:-1]], converted, strict=True)]
        if stage in rooms:
            if stage == 0 and fills_top:
                arriving = list(rooms[stage])
            else:
                arriving = _queue_months(arriving, rooms[stage])
        running.append(tuple(_running(arriving, arm.held[stage])))
    deals = sum(count for count, inside in zip(arriving, funnel.in_period, strict=True) if inside)
    return deals, tuple(running)


def run_forward(
    funnel: Funnel,
    arms: Sequence[Arm] | None = None,
    caps: Sequence[tuple[int, int]] | None = None,
    split: tuple[str, Fraction] | None = None,
) -> Run:
    """Whole counts forward (the module's rule): the revenue inside the period."""
    arms = tuple(arms if arms is not None else funnel.arms)
    cap_at = dict(caps if caps is not None else funnel.caps)
    rooms = _rooms(funnel, cap_at, split)
    results = [
        _arm_run(
            funnel,
            arm,
            {stage: per_arm[k] for stage, per_arm in rooms.items()},
            fills_top=split is not None and arm.id == split[0] and min(cap_at) == 0,
        )
        for k, arm in enumerate(arms)
    ]
    deals = tuple(result[0] for result in results)
    revenue = sum((arm.deal_size * d for arm, d in zip(arms, deals, strict=True)), Fraction(0))
    return Run(revenue=revenue, deals=deals, running=tuple(result[1] for result in results))


def reaches(funnel: Funnel, **changes: object) -> bool:
    return run_forward(funnel, **changes).revenue >= funnel.kgi  # type: ignore[arg-type]


# -- solving one lever alone -------------------------------------------------------------------


def _with_rate(funnel: Funnel, arm_index: int, step: int, rate: Fraction) -> tuple[Arm, ...]:
    arm = funnel.arms[arm_index]
    rates = (*arm.rates[:step], rate, *arm.rates[step + 1 :])
    return tuple(
        replace(a, rates=rates) if i == arm_index else a for i, a in enumerate(funnel.arms)
    )


@lru_cache(maxsize=4)
def _planned(funnel: Funnel) -> tuple[Run, dict[int, list[list[int]]]]:
    """The capped run with nothing changed, and the rooms at the caps (one lever's solve reuses
    them: the other arms do not change)."""
    return run_forward(funnel), _rooms(funnel, dict(funnel.caps), None)


def _alone(funnel: Funnel, arm_index: int) -> tuple[Fraction, dict[int, Sequence[int]]]:
    """What the other arms bring (they do not change), and this arm's rooms at the caps."""
    base, rooms = _planned(funnel)
    arm = funnel.arms[arm_index]
    others = base.revenue - arm.deal_size * base.deals[arm_index]
    return others, {stage: per_arm[arm_index] for stage, per_arm in rooms.items()}


def solve_rate(funnel: Funnel, arm_index: int, step: int) -> Fraction | None:
    """The exact smallest rate of `step` in arm `arm_index` that reaches the KGI, or None."""
    others, rooms = _alone(funnel, arm_index)
    arm = funnel.arms[arm_index]

    def ok(rate: Fraction) -> bool:
        rates = (*arm.rates[:step], rate, *arm.rates[step + 1 :])
        deals, _ = _arm_run(funnel, replace(arm, rates=rates), rooms)
        return others + arm.deal_size * deals >= funnel.kgi

    if not ok(Fraction(1)):
        return None
    if ok(Fraction(0)):
        return Fraction(0)
    low, high = Fraction(0), Fraction(1)
    for _ in range(HALVINGS):
        middle = (low + high) / 2
        if ok(middle):
            high = middle
        else:
            low = middle
    # revenue changes only where some running total R of this stage x rate crosses a whole number
    _, running = _arm_run(funnel, arm, rooms)
    candidates = {high}
    for total in set(running[step]):
        if total > 0:
            first, stop = floor_fraction(low * total) + 1, floor_fraction(high * total)
            candidates.update(Fraction(whole, total) for whole in range(first, stop + 1))
    ordered = sorted(rate for rate in candidates if low < rate <= high)
    lowest, highest = 0, len(ordered) - 1  # ok(ordered[-1]) holds: it is `high`
    while lowest < highest:  # the smallest that reaches: revenue only grows with the rate
        middle = (lowest + highest) // 2
        if ok(ordered[middle]):
            highest = middle
        else:
            lowest = middle + 1
    return ordered[lowest]


def solve_deal_size(funnel: Funnel, arm_index: int) -> Fraction | None:
    """The exact smallest deal size of arm `arm_index` that reaches the KGI, or None."""
    run = _planned(funnel)[0]
    deals = run.deals[arm_index]
    others = run.revenue - funnel.arms[arm_index].deal_size * deals
    if others >= funnel.kgi:
        return Fraction(0)
    if deals == 0:
        return None
    return (funnel.kgi - others) / deals


def solve_volume(funnel: Funnel) -> Fraction | None:
    """The smallest monthly cap on the first capped stage that reaches the KGI, or None."""
    stage, _ = funnel.caps[0]
    rest = funnel.caps[1:]

    def ok(room: int) -> bool:
        return reaches(funnel, caps=((stage, room), *rest))

    high = _bound(funnel, stage)
    if not ok(high):
        return None
    low = -1  # ok(low) is false or below any count
    while high - low > 1:
        middle = (low + high) // 2
        if middle >= 0 and ok(middle):
            high = middle
        else:
            low = middle
    return Fraction(high)


def _bound(funnel: Funnel, stage: int) -> int:
    """A monthly room past anything the stage could pass: everything run through it, uncapped."""
    uncapped = run_forward(funnel, caps=[cap for cap in funnel.caps if cap[0] != stage])
    return max(1, *(arm_running[stage][-1] for arm_running in uncapped.running)) + 1


def solve_share(funnel: Funnel, arm_index: int) -> Fraction | None:
    """The smallest part (0.1% grid) of the first capped stage the segment must get, or None.

    Revenue need not grow with a share (the other segments lose what this one gains), so every
    step of the grid is tried, smallest first; an arm's run is reused whenever its rooms repeat.
    """
    chosen = funnel.arms[arm_index].id
    cap_at = dict(funnel.caps)
    seen: dict[tuple[object, ...], int] = {}
    for step in range(SHARE_GRID + 1):
        share = Fraction(step, SHARE_GRID)
        rooms = _rooms(funnel, cap_at, (chosen, share))
        revenue = Fraction(0)
        for k, arm in enumerate(funnel.arms):
            mine = {stage: tuple(per_arm[k]) for stage, per_arm in rooms.items()}
            fills = k == arm_index and min(cap_at) == 0
            key = (k, fills, *sorted(mine.items()))
            if key not in seen:
                seen[key] = _arm_run(funnel, arm, mine, fills)[0]
            revenue += arm.deal_size * seen[key]
        if revenue >= funnel.kgi:
            return share
    return None


def solve_levers(report: TargetReport, caps: Sequence[Cap]) -> tuple[Fraction, list[Solved]]:
    """The revenue the capped funnel reaches, and each lever alone solved for the KGI."""
    funnel = funnel_for(report, caps)
    reachable = run_forward(funnel).revenue
    segmented = bool(report.segments)
    stages = report.stages
    solved: list[Solved] = []
    capped_stage = stages[funnel.caps[0][0]]
    needed = solve_volume(funnel)
    solved.append(
        Solved(
            lever="volume",
            kind="count",
            owner=capped_stage.owner,
            segment=None,
            current=Fraction(funnel.caps[0][1]),
            needed=needed,
            shown=needed,
        )
    )
    for arm_index, arm in enumerate(funnel.arms):
        segment = arm.id if segmented else None
        for step, stage in enumerate(stages[:-1]):
            needed = solve_rate(funnel, arm_index, step)
            solved.append(
                Solved(
                    lever=f"rate:{stage.id}",
                    kind="rate",
                    owner=stage.owner,
                    segment=segment,
                    current=arm.rates[step],
                    needed=needed,
                    shown=rate_shown_up(needed) if needed is not None else None,
                )
            )
        needed = solve_deal_size(funnel, arm_index)
        solved.append(
            Solved(
                lever="deal_size",
                kind="money",
                owner=stages[-1].owner,
                segment=segment,
                current=arm.deal_size,
                needed=needed,
                shown=money_shown_up(needed, report.minor_unit) if needed is not None else None,
            )
        )
    if segmented and 1 < len(funnel.arms) <= MAX_SHARE_SEGMENTS:
        stage_counts = [sum(arm.counts[funnel.caps[0][0]]) for arm in funnel.arms]
        for arm_index, arm in enumerate(funnel.arms):
            needed = solve_share(funnel, arm_index)
            solved.append(
                Solved(
                    lever=f"share:{arm.id}",
                    kind="share",
                    owner=capped_stage.owner,
                    segment=arm.id,
                    current=Fraction(stage_counts[arm_index], sum(stage_counts) or 1),
                    needed=needed,
                    shown=needed,
                )
            )
    return reachable, solved


def build_whatif(
    base: TargetReport,
    scenarios: Sequence[tuple[str, dict[str, str], TargetReport]],
    caps: Sequence[Cap] = (),
) -> WhatIfReport:
    base_side, sides = compare(base, scenarios)
    reachable, solved = solve_levers(base, caps) if caps else (None, [])
    return WhatIfReport(
        plan=base.plan,
        currency=base.currency,
        minor_unit=base.minor_unit,
        rounding=base.rounding,
        kgi=base.kgi,
        base=base_side,
        scenarios=sides,
        caps=list(caps),
        solve=solved,
        reachable_revenue=reachable,
        reachable_ratio=reachable / base.kgi if reachable is not None and base.kgi else None,
    )
