"""What `target` reports: the funnel's monthly counts, and with the plan's teams and channels,
their people and their cost. Data only (immutable `model.record.Record`s, exact Fractions: written
out, as a frozen dataclass costs ~0.5 ms a class at import on every run); the calculations that
fill them live in core/target.py (the funnel), core/capacity.py (people) and core/budget.py
(channels and cost), and core/commitments.py puts them together. The people and money types are
in core/capacity_report.py, loaded only for plans that have them.

A leaf: it imports nothing of funnelplan but the model's months and Record, so every core module can use these types
without importing another's calculation.
"""

from __future__ import annotations

from fractions import Fraction
from typing import TYPE_CHECKING

from funnelplan.model.adjustment import Adjustment
from funnelplan.model.months import Month
from funnelplan.model.record import Record

if TYPE_CHECKING:  # filled in only for plans with people over time or channels
    from funnelplan.core.capacity_report import Budget, TeamCapacity

_set = object.__setattr__

# The funnel (core/target.py)

_WHOLE = Fraction(1)  # a single lag's share (Fractions are immutable: one serves every stage)


class StageInfo(Record):
    __match_args__ = ("id", "label", "owner", "rate", "lag", "spread")
    __slots__ = __match_args__
    id: str
    label: str
    owner: str
    rate: Fraction | None  # share that reaches the next stage; None for the last
    lag: int  # months to the next stage; with a distribution, the most months
    # a lag distribution: (months, share of the next stage's count), shares adding up to 1;
    # empty for a single lag (all of it `lag` months later)
    spread: tuple[tuple[int, Fraction], ...]

    def __init__(
        self,
        id: str,
        label: str,
        owner: str,
        rate: Fraction | None,
        lag: int,
        spread: tuple[tuple[int, Fraction], ...] = (),
    ) -> None:
        _set(self, "id", id)
        _set(self, "label", label)
        _set(self, "owner", owner)
        _set(self, "rate", rate)
        _set(self, "lag", lag)
        _set(self, "spread", spread)

    @property
    def shares(self) -> tuple[tuple[int, Fraction], ...]:
        """(months, share) pairs: the spread, or the single lag at 100%."""
        return self.spread or ((self.lag, _WHOLE),)


class MonthRow(Record):
    __match_args__ = ("month", "in_period", "revenue", "counts")
    __slots__ = __match_args__
    month: Month
    in_period: bool
    revenue: Fraction  # the month's revenue target (0 before the period)
    counts: dict[str, Fraction]  # stage id -> count (whole under rounding: up)

    def __init__(
        self, month: Month, in_period: bool, revenue: Fraction, counts: dict[str, Fraction]
    ) -> None:
        _set(self, "month", month)
        _set(self, "in_period", in_period)
        _set(self, "revenue", revenue)
        _set(self, "counts", counts)


class Totals(Record):
    __match_args__ = ("revenue", "counts")
    __slots__ = __match_args__
    revenue: Fraction
    counts: dict[str, Fraction]

    def __init__(self, revenue: Fraction, counts: dict[str, Fraction]) -> None:
        _set(self, "revenue", revenue)
        _set(self, "counts", counts)


class FunnelPlan(Record):
    """The monthly counts for one funnel: the whole plan, or one segment."""

    __match_args__ = ("id", "label", "share", "deal_size", "rates", "months", "total", "pipeline")
    __slots__ = __match_args__
    id: str
    label: str
    share: Fraction
    deal_size: Fraction
    rates: dict[str, Fraction]  # stage id -> rate used
    months: list[MonthRow]
    total: Totals
    pipeline: dict[str, int]

    def __init__(
        self,
        id: str,
        label: str,
        share: Fraction,
        deal_size: Fraction,
        rates: dict[str, Fraction],
        months: list[MonthRow],
        total: Totals,
        pipeline: dict[str, int],
    ) -> None:
        _set(self, "id", id)
        _set(self, "label", label)
        _set(self, "share", share)
        _set(self, "deal_size", deal_size)
        _set(self, "rates", rates)
        _set(self, "months", months)
        _set(self, "total", total)
        _set(self, "pipeline", pipeline)


class PersonLoad(Record):
    """What one person of a team owes each month for a stage they own."""

    __match_args__ = (
        "team",
        "stage",
        "headcount",
        "period_total",
        "per_person_month",
        "peak_per_person_month",
        "per_person_day",
    )
    __slots__ = __match_args__
    team: str
    stage: str
    headcount: int
    period_total: Fraction
    per_person_month: Fraction  # average over the period's months
    peak_per_person_month: Fraction
    per_person_day: Fraction | None

    def __init__(
        self,
        team: str,
        stage: str,
        headcount: int,
        period_total: Fraction,
        per_person_month: Fraction,
        peak_per_person_month: Fraction,
        per_person_day: Fraction | None,
    ) -> None:
        _set(self, "team", team)
        _set(self, "stage", stage)
        _set(self, "headcount", headcount)
        _set(self, "period_total", period_total)
        _set(self, "per_person_month", per_person_month)
        _set(self, "peak_per_person_month", peak_per_person_month)
        _set(self, "per_person_day", per_person_day)


class AfterPeriod(Record):
    __match_args__ = ("mode", "monthly_revenue", "months")
    __slots__ = __match_args__
    mode: str  # "average" | "stop" | "amount"
    monthly_revenue: Fraction  # assumed after the period
    months: list[Month]  # the months after the period that the last months feed

    def __init__(self, mode: str, monthly_revenue: Fraction, months: list[Month]) -> None:
        _set(self, "mode", mode)
        _set(self, "monthly_revenue", monthly_revenue)
        _set(self, "months", months)


class TargetReport(Record):
    __match_args__ = (
        "plan",
        "currency",
        "minor_unit",
        "rounding",
        "period_start",
        "period_end",
        "kgi",
        "deal_size",
        "stages",
        "months",
        "total",
        "segments",
        "people",
        "after_period",
        "pre_period_months",
        "pipeline",
        "lead_definition",
        "sales_sla",
        "capacity",
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
    lead_definition: list[str]
    sales_sla: list[str]
    capacity: TeamCapacity | None  # teams' people over time (core/capacity.py)
    budget: Budget | None  # channels and their cost (core/budget.py)
    adjustments: tuple[Adjustment, ...]  # what --scenario / --set changed from the file

    def __init__(
        self,
        plan: str,
        currency: str,
        minor_unit: int,
        rounding: str,
        period_start: Month,
        period_end: Month,
        kgi: Fraction,
        deal_size: Fraction | None,
        stages: list[StageInfo],
        months: list[MonthRow],
        total: Totals,
        segments: list[FunnelPlan],
        people: list[PersonLoad],
        after_period: AfterPeriod,
        pre_period_months: list[Month],
        pipeline: dict[str, int],
        lead_definition: list[str] | None = None,
        sales_sla: list[str] | None = None,
        capacity: TeamCapacity | None = None,
        budget: Budget | None = None,
        adjustments: tuple[Adjustment, ...] = (),
    ) -> None:
        _set(self, "plan", plan)
        _set(self, "currency", currency)
        _set(self, "minor_unit", minor_unit)
        _set(self, "rounding", rounding)
        _set(self, "period_start", period_start)
        _set(self, "period_end", period_end)
        _set(self, "kgi", kgi)
        _set(self, "deal_size", deal_size)
        _set(self, "stages", stages)
        _set(self, "months", months)
        _set(self, "total", total)
        _set(self, "segments", segments)
        _set(self, "people", people)
        _set(self, "after_period", after_period)
        _set(self, "pre_period_months", pre_period_months)
        _set(self, "pipeline", pipeline)
        _set(self, "lead_definition", [] if lead_definition is None else lead_definition)
        _set(self, "sales_sla", [] if sales_sla is None else sales_sla)
        _set(self, "capacity", capacity)
        _set(self, "budget", budget)
        _set(self, "adjustments", adjustments)

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
