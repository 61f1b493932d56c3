"""What `target` reports of a plan's people over time and its channels' cost: data only
(immutable Records, written out rather than frozen dataclasses: model/record.py; exact
Fractions), filled by core/capacity.py and core/budget.py. A leaf, apart from
core/target_report.py so that a plan without `teams:` people over time or `channels:` never
defines these classes (start-up: bench/README.md).
"""

from __future__ import annotations

from fractions import Fraction

from funnelplan.model.months import Month
from funnelplan.model.record import Record

_set = object.__setattr__

# People over time (core/capacity.py)


class Staffing(Record):
    """A team's people in one month: heads (after expected leavers) and ramped equivalents."""

    __match_args__ = ("team", "month", "people", "ramped", "cost")
    __slots__ = __match_args__
    team: str
    month: Month
    people: Fraction
    ramped: Fraction
    cost: Fraction | None  # people × cost a month, exact (None: the team has no `cost`)

    def __init__(
        self, team: str, month: Month, people: Fraction, ramped: Fraction, cost: Fraction | None
    ) -> None:
        _set(self, "team", team)
        _set(self, "month", month)
        _set(self, "people", people)
        _set(self, "ramped", ramped)
        _set(self, "cost", cost)


class CapacityRow(Record):
    __match_args__ = (
        "team",
        "month",
        "people",
        "ramped",
        "stage",
        "per_person",
        "capacity",
        "commitment",
        "per_full_person",
    )
    __slots__ = __match_args__
    team: str
    month: Month
    people: Fraction
    ramped: Fraction
    stage: str
    per_person: Fraction  # one full person's capacity a month (the plan's `capacity`)
    capacity: Fraction  # ramped × per_person
    commitment: Fraction  # the team's count for the stage that month
    per_full_person: Fraction | None  # commitment ÷ ramped, up to a tenth (None: no one)

    def __init__(
        self,
        team: str,
        month: Month,
        people: Fraction,
        ramped: Fraction,
        stage: str,
        per_person: Fraction,
        capacity: Fraction,
        commitment: Fraction,
        per_full_person: Fraction | None,
    ) -> None:
        _set(self, "team", team)
        _set(self, "month", month)
        _set(self, "people", people)
        _set(self, "ramped", ramped)
        _set(self, "stage", stage)
        _set(self, "per_person", per_person)
        _set(self, "capacity", capacity)
        _set(self, "commitment", commitment)
        _set(self, "per_full_person", per_full_person)

    @property
    def over(self) -> bool:
        return self.commitment > self.capacity


class Hire(Record):
    """Proposed hires in one month, and the month and stage that need them by then."""

    __match_args__ = (
        "team",
        "month",
        "count",
        "needed_in",
        "stage",
        "commitment",
        "per_person",
        "full_people",
    )
    __slots__ = __match_args__
    team: str
    month: Month
    count: int
    needed_in: Month
    stage: str
    commitment: Fraction
    per_person: Fraction
    full_people: int  # the commitment ÷ per_person, rounded up: full people the month needs

    def __init__(
        self,
        team: str,
        month: Month,
        count: int,
        needed_in: Month,
        stage: str,
        commitment: Fraction,
        per_person: Fraction,
        full_people: int,
    ) -> None:
        _set(self, "team", team)
        _set(self, "month", month)
        _set(self, "count", count)
        _set(self, "needed_in", needed_in)
        _set(self, "stage", stage)
        _set(self, "commitment", commitment)
        _set(self, "per_person", per_person)
        _set(self, "full_people", full_people)


class Unreachable(Record):
    """A month over capacity that no hire inside the period can reach (the ramp is 0 by then)."""

    __match_args__ = ("team", "month", "stage", "commitment", "capacity")
    __slots__ = __match_args__
    team: str
    month: Month
    stage: str
    commitment: Fraction
    capacity: Fraction

    def __init__(
        self, team: str, month: Month, stage: str, commitment: Fraction, capacity: Fraction
    ) -> None:
        _set(self, "team", team)
        _set(self, "month", month)
        _set(self, "stage", stage)
        _set(self, "commitment", commitment)
        _set(self, "capacity", capacity)


class HirePlan(Record):
    __match_args__ = ("hires", "unreachable", "rows")
    __slots__ = __match_args__
    hires: list[Hire]
    unreachable: list[Unreachable]
    rows: list[CapacityRow]  # capacity with the proposed hires

    def __init__(
        self, hires: list[Hire], unreachable: list[Unreachable], rows: list[CapacityRow]
    ) -> None:
        _set(self, "hires", hires)
        _set(self, "unreachable", unreachable)
        _set(self, "rows", rows)

    @property
    def total(self) -> int:
        return sum(hire.count for hire in self.hires)


class TeamSettings(Record):
    """What the plan says of a team's people, exact, for the report's notes."""

    __match_args__ = ("ramp", "attrition", "capacity", "cost")
    __slots__ = __match_args__
    ramp: list[Fraction]
    attrition: Fraction | None
    capacity: dict[str, Fraction]  # stage id -> one full person's count a month
    cost: Fraction | None

    def __init__(
        self,
        ramp: list[Fraction],
        attrition: Fraction | None,
        capacity: dict[str, Fraction],
        cost: Fraction | None,
    ) -> None:
        _set(self, "ramp", ramp)
        _set(self, "attrition", attrition)
        _set(self, "capacity", capacity)
        _set(self, "cost", cost)


class TeamCapacity(Record):
    __match_args__ = ("staffing", "rows", "hire", "teams", "settings")
    __slots__ = __match_args__
    staffing: list[Staffing]  # every team with people over time (or a cost), every period month
    rows: list[CapacityRow]  # team, stage with capacity, month
    hire: HirePlan | None
    teams: list[str]  # teams with people over time, plan order
    settings: dict[str, TeamSettings]

    def __init__(
        self,
        staffing: list[Staffing],
        rows: list[CapacityRow],
        hire: HirePlan | None = None,
        teams: list[str] | None = None,
        settings: dict[str, TeamSettings] | None = None,
    ) -> None:
        _set(self, "staffing", staffing)
        _set(self, "rows", rows)
        _set(self, "hire", hire)
        _set(self, "teams", [] if teams is None else teams)
        _set(self, "settings", {} if settings is None else settings)

    @property
    def over(self) -> list[CapacityRow]:
        return [row for row in self.rows if row.over]


# Channels and cost (core/budget.py)


class ChannelInfo(Record):
    __match_args__ = ("id", "share", "rate", "cost_per_unit", "fixed")
    __slots__ = __match_args__
    id: str
    share: Fraction
    rate: Fraction  # the rate its units convert at (its own, or the top stage's)
    cost_per_unit: Fraction | None
    fixed: Fraction | None

    def __init__(
        self,
        id: str,
        share: Fraction,
        rate: Fraction,
        cost_per_unit: Fraction | None,
        fixed: Fraction | None,
    ) -> None:
        _set(self, "id", id)
        _set(self, "share", share)
        _set(self, "rate", rate)
        _set(self, "cost_per_unit", cost_per_unit)
        _set(self, "fixed", fixed)


class ChannelMonth(Record):
    __match_args__ = ("count", "cost")
    __slots__ = __match_args__
    count: Fraction
    cost: Fraction

    def __init__(self, count: Fraction, cost: Fraction) -> None:
        _set(self, "count", count)
        _set(self, "cost", cost)


class BudgetMonth(Record):
    __match_args__ = ("month", "in_period", "channels", "cost", "people_cost")
    __slots__ = __match_args__
    month: Month
    in_period: bool
    channels: dict[str, ChannelMonth]
    cost: Fraction  # marketing spend: the channels' costs added
    people_cost: Fraction  # the teams' people × cost (0 before the period)

    def __init__(
        self,
        month: Month,
        in_period: bool,
        channels: dict[str, ChannelMonth],
        cost: Fraction,
        people_cost: Fraction,
    ) -> None:
        _set(self, "month", month)
        _set(self, "in_period", in_period)
        _set(self, "channels", channels)
        _set(self, "cost", cost)
        _set(self, "people_cost", people_cost)


class Budget(Record):
    __match_args__ = (
        "top_stage",
        "effective_rate",
        "channels",
        "months",
        "channel_totals",
        "total",
        "people_cost",
        "cost_per",
        "revenue_share",
        "cac",
    )
    __slots__ = __match_args__
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

    def __init__(
        self,
        top_stage: str,
        effective_rate: Fraction | None,
        channels: list[ChannelInfo],
        months: list[BudgetMonth],
        channel_totals: dict[str, ChannelMonth],
        total: Fraction,
        people_cost: Fraction,
        cost_per: dict[str, Fraction | None],
        revenue_share: Fraction | None,
        cac: Fraction | None,
    ) -> None:
        _set(self, "top_stage", top_stage)
        _set(self, "effective_rate", effective_rate)
        _set(self, "channels", channels)
        _set(self, "months", months)
        _set(self, "channel_totals", channel_totals)
        _set(self, "total", total)
        _set(self, "people_cost", people_cost)
        _set(self, "cost_per", cost_per)
        _set(self, "revenue_share", revenue_share)
        _set(self, "cac", cac)


class CatchUpCost(Record):
    """`gap` with channels: what the catch-up's extra top-stage units cost, and spend per deal.

    The actuals carry no costs, so spend to date is the plan's (as if spent as planned): per deal,
    it is the planned spend up to the as-of month ÷ the deals planned, against ÷ the deals won.
    """

    __match_args__ = (
        "channels",
        "extra_units",
        "extra_cost",
        "spend_to_date",
        "plan_per_deal",
        "actual_per_deal",
    )
    __slots__ = __match_args__
    channels: dict[str, ChannelMonth]  # channel -> extra units (catch-up − plan) and their cost
    extra_units: Fraction
    extra_cost: Fraction
    spend_to_date: Fraction
    plan_per_deal: Fraction | None
    actual_per_deal: Fraction | None

    def __init__(
        self,
        channels: dict[str, ChannelMonth],
        extra_units: Fraction,
        extra_cost: Fraction,
        spend_to_date: Fraction,
        plan_per_deal: Fraction | None,
        actual_per_deal: Fraction | None,
    ) -> None:
        _set(self, "channels", channels)
        _set(self, "extra_units", extra_units)
        _set(self, "extra_cost", extra_cost)
        _set(self, "spend_to_date", spend_to_date)
        _set(self, "plan_per_deal", plan_per_deal)
        _set(self, "actual_per_deal", actual_per_deal)
