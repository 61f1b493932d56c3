"""What `target` reports of a plan's people over time and its channels' cost: data only (frozen
dataclasses, exact Fractions), filled by core/capacity.py and core/budget.py. A leaf, apart from
core/target_report.py so that a plan without `teams:` people over time or `channels:` never
defines these classes (start-up: bench/README.md).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

from funnelplan.model.months import Month

# People over time (core/capacity.py)


@dataclass(frozen=True)
class Staffing:
    """A team's people in one month: heads (after expected leavers) and ramped equivalents."""

    team: str
    month: Month
    people: Fraction
    ramped: Fraction
    cost: Fraction | None  # people × cost a month, exact (None: the team has no `cost`)


@dataclass(frozen=True)
class CapacityRow:
    team: str
    month: Month
    people: Fraction
    ramped: Fraction
    stage: str
    per_person: Fraction  # one full person's capacity a month (the plan's `capacity`)
    capacity: Fraction  # ramped × per_person
    commitment: Fraction  # the team's count for the stage that month
    per_full_person: Fraction | None  # commitment ÷ ramped, up to a tenth (None: no one)

    @property
    def over(self) -> bool:
        return self.commitment > self.capacity


@dataclass(frozen=True)
class Hire:
    """Proposed hires in one month, and the month and stage that need them by then."""

    team: str
    month: Month
    count: int
    needed_in: Month
    stage: str
    commitment: Fraction
    per_person: Fraction
    full_people: int  # the commitment ÷ per_person, rounded up: full people the month needs


@dataclass(frozen=True)
class Unreachable:
    """A month over capacity that no hire inside the period can reach (the ramp is 0 by then)."""

    team: str
    month: Month
    stage: str
    commitment: Fraction
    capacity: Fraction


@dataclass(frozen=True)
class HirePlan:
    hires: list[Hire]
    unreachable: list[Unreachable]
    rows: list[CapacityRow]  # capacity with the proposed hires

    @property
    def total(self) -> int:
        return sum(hire.count for hire in self.hires)


@dataclass(frozen=True)
class TeamSettings:
    """What the plan says of a team's people, exact, for the report's notes."""

    ramp: list[Fraction]
    attrition: Fraction | None
    capacity: dict[str, Fraction]  # stage id -> one full person's count a month
    cost: Fraction | None


@dataclass(frozen=True)
class TeamCapacity:
    staffing: list[Staffing]  # every team with people over time (or a cost), every period month
    rows: list[CapacityRow]  # team, stage with capacity, month
    hire: HirePlan | None = None
    teams: list[str] = field(default_factory=list)  # teams with people over time, plan order
    settings: dict[str, TeamSettings] = field(default_factory=dict)

    @property
    def over(self) -> list[CapacityRow]:
        return [row for row in self.rows if row.over]


# Channels and cost (core/budget.py)


@dataclass(frozen=True)
class ChannelInfo:
    id: str
    share: Fraction
    rate: Fraction  # the rate its units convert at (its own, or the top stage's)
    cost_per_unit: Fraction | None
    fixed: Fraction | None


@dataclass(frozen=True)
class ChannelMonth:
    count: Fraction
    cost: Fraction


@dataclass(frozen=True)
class BudgetMonth:
    month: Month
    in_period: bool
    channels: dict[str, ChannelMonth]
    cost: Fraction  # marketing spend: the channels' costs added
    people_cost: Fraction  # the teams' people × cost (0 before the period)


@dataclass(frozen=True)
class Budget:
    top_stage: str
    effective_rate: Fraction | None  # the top stage's mixed rate (None with segments' own rates)
    channels: list[ChannelInfo]
    months: list[BudgetMonth]
    channel_totals: dict[str, ChannelMonth]
    total: Fraction  # marketing spend over every month shown
    people_cost: Fraction  # over the period
    cost_per: dict[str, Fraction | None]  # stage id -> spend ÷ the stage's total count
    revenue_share: Fraction | None  # spend ÷ KGI
    cac: Fraction | None  # (spend + people cost) ÷ deals


@dataclass(frozen=True)
class CatchUpCost:
    """`gap` with channels: what the catch-up's extra top-stage units cost, and spend per deal.

    The actuals carry no costs, so spend to date is the plan's (as if spent as planned): per deal,
    it is the planned spend up to the as-of month ÷ the deals planned, against ÷ the deals won.
    """

    channels: dict[str, ChannelMonth]  # channel -> extra units (catch-up − plan) and their cost
    extra_units: Fraction
    extra_cost: Fraction
    spend_to_date: Fraction
    plan_per_deal: Fraction | None
    actual_per_deal: Fraction | None
