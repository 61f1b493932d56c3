"""What `target` reports: the funnel's monthly counts, and with the plan's teams and channels,
their people and their cost. Data only (frozen dataclasses, exact Fractions); the calculations
that fill them live in core/target.py (the funnel), core/capacity.py (people) and core/budget.py
(channels and cost), and core/commitments.py puts them together.

A leaf: it imports nothing of funnelplan but months, so every core module can use these types
without importing another's calculation.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

from funnelplan.model.adjustment import Adjustment
from funnelplan.model.months import Month

# The funnel (core/target.py)


@dataclass(frozen=True)
class StageInfo:
    id: str
    label: str
    owner: str
    rate: Fraction | None  # share that reaches the next stage; None for the last
    lag: int  # months to the next stage; with a distribution, the most months
    # a lag distribution: (months, share of the next stage's count), shares adding up to 1;
    # empty for a single lag (all of it `lag` months later)
    spread: tuple[tuple[int, Fraction], ...] = ()

    @property
    def shares(self) -> tuple[tuple[int, Fraction], ...]:
        """(months, share) pairs: the spread, or the single lag at 100%."""
        return self.spread or ((self.lag, Fraction(1)),)


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
    adjustments: tuple[Adjustment, ...] = ()  # what --scenario / --set changed from the file

    @property
    def teams(self) -> list[tuple[str, list[StageInfo]]]:
        """Owner teams in funnel order, each with the stages it owns."""
        grouped: dict[str, list[StageInfo]] = {}
        for stage in self.stages:
            grouped.setdefault(stage.owner, []).append(stage)
        return list(grouped.items())

    @property
    def period_month_count(self) -> int:
        """The months of the period (rows before it, for the lags, not counted)."""
        return sum(1 for row in self.months if row.in_period)


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
