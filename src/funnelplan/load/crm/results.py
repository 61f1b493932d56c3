"""What reading a plan's CRM exports gives: the monthly table, its account and the cohort view."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from funnelplan.load.crm.quality import DataQuality
from funnelplan.model.actuals_table import ActualsTable
from funnelplan.model.months import Month, month_range
from funnelplan.model.plan import Plan
from funnelplan.model.record import Record

_set = object.__setattr__


# Records, not frozen dataclasses: `actuals` imports this on every run (model/record.py says why)
class CohortRow(Record):
    __match_args__ = ("month", "created", "reached", "open")
    __slots__ = __match_args__
    month: Month
    created: int
    reached: dict[str, int]  # later stage -> records of this cohort that reached it so far
    open: bool

    def __init__(self, month: Month, created: int, reached: dict[str, int], open: bool) -> None:
        _set(self, "month", month)
        _set(self, "created", created)
        _set(self, "reached", reached)
        _set(self, "open", open)


class CohortView(Record):
    __match_args__ = ("stage", "stages", "as_of", "rows")
    __slots__ = __match_args__
    stage: str  # the creation stage
    stages: tuple[str, ...]  # the later stages, funnel order
    as_of: date | None
    rows: tuple[CohortRow, ...]

    def __init__(
        self, stage: str, stages: tuple[str, ...], as_of: date | None, rows: tuple[CohortRow, ...]
    ) -> None:
        _set(self, "stage", stage)
        _set(self, "stages", stages)
        _set(self, "as_of", as_of)
        _set(self, "rows", rows)


class ExportActuals(Record):
    __match_args__ = ("table", "quality", "cohorts", "mapping")
    __slots__ = __match_args__
    table: ActualsTable
    quality: DataQuality
    cohorts: CohortView | None
    mapping: dict[str, str]  # stage/revenue -> "file: column"

    def __init__(
        self,
        table: ActualsTable,
        quality: DataQuality,
        cohorts: CohortView | None = None,
        mapping: dict[str, str] | None = None,
    ) -> None:
        _set(self, "table", table)
        _set(self, "quality", quality)
        _set(self, "cohorts", cohorts)
        _set(self, "mapping", {} if mapping is None else mapping)


def table_months(
    plan: Plan,
    counts: dict[str, dict[int, int]],
    revenue: dict[int, Decimal] | None,
    data_through: date | None,
) -> list[Month]:
    """The months the table holds: the lead-in the lags need, the period, up to the newest date.

    Months before the period (as many as the funnel's lags add up to, so that a lagged rate
    compares the entries that could have converted) are rows of their own, as in a monthly
    table; they start no earlier than the exports' first dated month (an export that begins in
    the period has no March to show, and a 0 there would be a wrong rate). Months after the
    month of the newest date are not rows: nothing is known about them yet (never 0).
    """
    start, end = plan.period.start, plan.period.end
    lead = sum(stage.latest_lag for stage in plan.funnel[:-1])
    dated = [month for tally in counts.values() for month in tally]
    dated += list(revenue or ())
    if dated and lead:
        earliest = Month.from_ordinal(min(dated))
        start = max(start + -lead, min(earliest, start))
    if data_through is not None:
        end = min(end, Month(data_through.year, data_through.month))
    if end < start:
        return []
    return month_range(start, end)
