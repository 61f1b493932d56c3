"""What `target` reports: the funnel's monthly counts, and with the plan's teams and channels,
their people and their cost. Data only (frozen dataclasses, exact Fractions); the calculations
that fill them live in core/target.py (the funnel), core/capacity.py (people) and core/budget.py
(channels and cost), and core/commitments.py puts them together. The people and money types are
in core/capacity_report.py, loaded only for plans that have them.

A leaf: it imports nothing of funnelplan but months, so every core module can use these types
without importing another's calculation.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import TYPE_CHECKING

from funnelplan.model.adjustment import Adjustment
from funnelplan.model.months import Month

if TYPE_CHECKING:  # filled in only for plans with people over time or channels
    from funnelplan.core.capacity_report import Budget, TeamCapacity

# The funnel (core/target.py)

_WHOLE = Fraction(1)  # a single lag's share (Fractions are immutable: one serves every stage)


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
        return self.spread or ((self.lag, _WHOLE),)


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
