"""People over time: ramped equivalents, capacity against the commitments, and hires to propose.

Pure: takes a Plan and the target's monthly rows, returns exact numbers. No I/O.

Rules (docs/capacity.md, each tested in tests/test_capacity*.py):
- `headcount` are full people at the period's start. A hire of `n` in month h counts as `n` people
  from h on; in their k-th month (h is k = 1) each is `ramp[k-1]` of a full person, and 1 once the
  ramp list is over (`ramp: [0%, 25%, 50%, 75%]`: 0 in the month of the hire, full from the 5th).
- Attrition `a` a year is spread evenly over the months, with no compounding: every group of people
  (the starting headcount, each month's hires) keeps `1 - (k-1) * a/12` of its size in its k-th month
  (its first month whole), never below 0. 12 people at 12% are 12, 11.88, 11.76, ... : 0.12 leavers
  a month. Leavers are taken from each group in proportion, so a group's ramp share applies to who
  is left. Exact Fractions throughout; no one is replaced unless a hire says so.
- Ramped equivalents in a month = Σ over groups of size × ramp share × kept share.
- A stage's capacity in a month = ramped equivalents × the team's `capacity` for that stage (one
  full person's count a month). A month is over capacity when the commitment is above it.
- Per full person (個人予算) = the commitment ÷ ramped equivalents, rounded up to a tenth; a person
  in ramp owes their ramp share of it.
- Solving (`target --hire`): see `propose_hires`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from fractions import Fraction

from funnelplan.core.capacity_report import (
    CapacityRow,
    Hire,
    HirePlan,
    Staffing,
    TeamCapacity,
    TeamSettings,
    Unreachable,
)
from funnelplan.core.rounding import ceil_fraction, round_up
from funnelplan.core.target_report import MonthRow, PersonLoad, TargetReport
from funnelplan.model.months import Month
from funnelplan.model.plan import Plan, Team
from funnelplan.model.record import replace

Hires = Mapping[Month, int]


def ramp_share(team: Team, month_of_service: int) -> Fraction:
    """A person's share of a full one in their k-th month (k = 1 is the month they join)."""
    if month_of_service <= len(team.ramp):
        return Fraction(team.ramp[month_of_service - 1])
    return Fraction(1)


def kept_share(team: Team, month_of_service: int) -> Fraction:
    """The share of a group still there in its k-th month: 1 - (k-1) × attrition / 12, at least 0."""
    if team.attrition is None:
        return Fraction(1)
    return max(Fraction(0), 1 - (month_of_service - 1) * Fraction(team.attrition) / 12)


def staffing(
    team_id: str, team: Team, months: list[Month], extra: Hires | None = None
) -> list[Staffing]:
    """People and ramped equivalents in each month of `months` (the period, in order)."""
    groups: list[tuple[Month, int, bool]] = [(months[0], team.headcount, True)]
    groups += [(month, count, False) for month, count in sorted(team.hires.items())]
    groups += [(month, count, False) for month, count in sorted((extra or {}).items()) if count]
    result = []
    for month in months:
        people, ramped = Fraction(0), Fraction(0)
        for start, size, full in groups:
            if month < start:
                continue
            k = month - start + 1
            here = size * kept_share(team, k)
            people += here
            ramped += here * (Fraction(1) if full else ramp_share(team, k))
        cost = people * Fraction(team.cost) if team.cost is not None else None
        result.append(Staffing(team_id, month, people, ramped, cost))
    return result


def _capacity_rows(
    plan: Plan, team_id: str, rows: list[MonthRow], extra: Hires | None = None
) -> list[CapacityRow]:
    team = plan.teams[team_id]
    in_period = [row for row in rows if row.in_period]
    staffed = staffing(team_id, team, [row.month for row in in_period], extra)
    result = []
    for stage in plan.funnel:
        if stage.id not in team.capacity:
            continue
        per_person = Fraction(team.capacity[stage.id])
        for row, people in zip(in_period, staffed, strict=True):
            commitment = row.counts[stage.id]
            result.append(
                CapacityRow(
                    team=team_id,
                    month=row.month,
                    people=people.people,
                    ramped=people.ramped,
                    stage=stage.id,
                    per_person=per_person,
                    capacity=people.ramped * per_person,
                    commitment=commitment,
                    per_full_person=round_up(commitment / people.ramped, 1)
                    if people.ramped
                    else None,
                )
            )
    return result


def team_capacity(plan: Plan, rows: list[MonthRow]) -> TeamCapacity | None:
    """Every team's people and capacity per month; None when no team has people over time."""
    teams = [t for t, team in plan.teams.items() if team.over_time or team.cost is not None]
    if not teams:
        return None
    months = [row.month for row in rows if row.in_period]
    return TeamCapacity(
        staffing=[s for t in teams for s in staffing(t, plan.teams[t], months)],
        rows=[r for t in teams for r in _capacity_rows(plan, t, rows)],
        teams=teams,
        settings={t: _settings(plan.teams[t]) for t in teams},
    )


def _settings(team: Team) -> TeamSettings:
    return TeamSettings(
        ramp=[Fraction(share) for share in team.ramp],
        attrition=Fraction(team.attrition) if team.attrition is not None else None,
        capacity={stage: Fraction(amount) for stage, amount in team.capacity.items()},
        cost=Fraction(team.cost) if team.cost is not None else None,
    )


def person_loads(plan: Plan, rows: list[MonthRow], loads: list[PersonLoad]) -> list[PersonLoad]:
    """Per-person loads of teams with people over time divide by ramped equivalents, not heads.

    A month's load per full person is its count ÷ that month's ramped equivalents; the period's
    is the period total ÷ the ramped person-months (Σ ramped); both rounded up to a tenth (a day:
    a hundredth) as the headcount loads are. Other teams' loads are kept as they are.
    """
    in_period = [row for row in rows if row.in_period]
    months = [row.month for row in in_period]
    result = []
    for load in loads:
        team = plan.teams[load.team]
        if not team.over_time:
            result.append(load)
            continue
        ramped = [s.ramped for s in staffing(load.team, team, months)]
        person_months = sum(ramped, Fraction(0))
        if not person_months:
            result.append(load)
            continue
        per_month = load.period_total / person_months
        peaks = [row.counts[load.stage] / r for row, r in zip(in_period, ramped, strict=True) if r]
        result.append(
            replace(
                load,
                per_person_month=round_up(per_month, 1),
                peak_per_person_month=round_up(max(peaks), 1),
                per_person_day=round_up(per_month / team.working_days, 2)
                if team.working_days
                else None,
            )
        )
    return result


def with_capacity(plan: Plan, report: TargetReport) -> TargetReport:
    """The report with its teams' capacity and ramped per-person loads (unchanged without keys)."""
    capacity = team_capacity(plan, report.months)
    if capacity is None:
        return report
    return replace(
        report, capacity=capacity, people=person_loads(plan, report.months, report.people)
    )


def is_over(rows: list[CapacityRow]) -> bool:
    return any(row.over for row in rows)


def _over_months(
    plan: Plan, team_id: str, rows: list[MonthRow], extra: Hires, skip: set[Month]
) -> list[CapacityRow]:
    return [r for r in _capacity_rows(plan, team_id, rows, extra) if r.over and r.month not in skip]


def _shortfall(row: CapacityRow) -> Fraction:
    """Ramped equivalents the month lacks for this stage."""
    return row.commitment / row.per_person - row.ramped


def _reach(team: Team, hire_month: Month, month: Month) -> Fraction:
    """One person hired in `hire_month`: their ramped equivalent in `month`."""
    if month < hire_month:
        return Fraction(0)
    k = month - hire_month + 1
    return ramp_share(team, k) * kept_share(team, k)


def propose_hires(plan: Plan, rows: list[MonthRow]) -> HirePlan:
    """The fewest hires, each as late as it can be, so that no month is over capacity.

    Beside the plan's own hires. Month by month, the first month over capacity takes the hires
    that close its shortfall in the fewest people (the month a hire reaches most of a full person
    by then), the latest such month among equals. Then, until nothing changes, every hire is moved
    a month later while no month goes over, and dropped when no month needs it. So with the
    proposal no month is over, and with one hire fewer, or any one hire a month later, some month
    is (tests/test_capacity_hire.py). A month that no hire inside the period can reach (hires join
    at the ramp's first share) is reported as unreachable and left out of the rule.
    """
    months = [row.month for row in rows if row.in_period]
    hires: list[Hire] = []
    unreachable: list[Unreachable] = []
    final_rows: list[CapacityRow] = []
    for team_id, team in plan.teams.items():
        if not team.capacity:
            final_rows += _capacity_rows(plan, team_id, rows)
            continue
        extra: dict[Month, int] = {}
        skip: set[Month] = set()
        for month in months:
            over = [r for r in _over_months(plan, team_id, rows, extra, skip) if r.month == month]
            if not over:
                continue
            worst = max(over, key=_shortfall)
            best: tuple[int, Month] | None = None
            for start in months[: months.index(month) + 1]:
                reach = _reach(team, start, month)
                if reach:
                    count = ceil_fraction(_shortfall(worst) / reach)
                    if best is None or count <= best[0]:
                        best = (count, start)
            if best is None:
                skip.add(month)
                unreachable += [
                    Unreachable(team_id, r.month, r.stage, r.commitment, r.capacity) for r in over
                ]
                continue
            extra[best[1]] = extra.get(best[1], 0) + best[0]
        extra = _tighten(plan, team_id, rows, extra, skip, months)
        final_rows += _capacity_rows(plan, team_id, rows, extra)
        hires += [
            _explain(plan, team_id, rows, extra, skip, month, count)
            for month, count in sorted(extra.items())
        ]
    return HirePlan(hires, unreachable, final_rows)


def _moved(
    extra: dict[Month, int], month: Month, to: Month | None, count: int = 1
) -> dict[Month, int]:
    """`count` hires of `month` moved to `to` (None: dropped)."""
    changed = dict(extra)
    changed[month] -= count
    if not changed[month]:
        del changed[month]
    if to is not None:
        changed[to] = changed.get(to, 0) + count
    return changed


def _most_moved(
    fine: Callable[[dict[Month, int]], bool],
    extra: dict[Month, int],
    month: Month,
    to: Month | None,
) -> int:
    """The most hires of `month` that can move to `to` (None: be dropped) with no month over, 0
    when one cannot; found by halving, since a month's hires may be thousands."""
    if not fine(_moved(extra, month, to, 1)):
        return 0
    low, high = 1, extra[month]  # moving `low` is fine
    while low < high:
        middle = (low + high + 1) // 2
        if fine(_moved(extra, month, to, middle)):
            low = middle
        else:
            high = middle - 1
    return low


def _tighten(
    plan: Plan,
    team_id: str,
    rows: list[MonthRow],
    extra: dict[Month, int],
    skip: set[Month],
    months: list[Month],
) -> dict[Month, int]:
    """Drop hires, and move them a month later, while no month goes over; until nothing changes.

    It ends only when neither one hire fewer nor one hire a month later is possible in any month.
    """

    def fine(candidate: dict[Month, int]) -> bool:
        return not _over_months(plan, team_id, rows, candidate, skip)

    changed = True
    while changed:
        changed = False
        for month in sorted(extra, reverse=True):
            if month not in extra:
                continue
            dropped = _most_moved(fine, extra, month, None)
            if dropped:
                extra, changed = _moved(extra, month, None, dropped), True
            if month in extra and month != months[-1]:
                later = _most_moved(fine, extra, month, month + 1)
                if later:
                    extra, changed = _moved(extra, month, month + 1, later), True
    return extra


def _explain(
    plan: Plan,
    team_id: str,
    rows: list[MonthRow],
    extra: dict[Month, int],
    skip: set[Month],
    month: Month,
    count: int,
) -> Hire:
    """The month and stage that go over first when one of these hires comes a month later."""
    later = month + 1 if month < plan.period.end else None
    over = _over_months(plan, team_id, rows, _moved(extra, month, later), skip)
    row = min(over, key=lambda r: (r.month, -_shortfall(r)))
    return Hire(
        team=team_id,
        month=month,
        count=count,
        needed_in=row.month,
        stage=row.stage,
        commitment=row.commitment,
        per_person=row.per_person,
        full_people=ceil_fraction(row.commitment / row.per_person),
    )


def with_hire_proposal(plan: Plan, report: TargetReport) -> TargetReport:
    """The report with `target --hire`'s proposal added to its capacity."""
    capacity = report.capacity or TeamCapacity([], [], teams=[])
    return replace(report, capacity=replace(capacity, hire=propose_hires(plan, report.months)))
