"""Monthly actuals as the gap analysis reads them, whatever file they came from.

A hand-kept monthly table (CSV/YAML, `load/actuals.py`) and a CRM export aggregated by month
(`exports/`) both become an ActualsTable. A stage the source does not carry is absent from
`stages` and from every row's `counts`: it is *missing*, never zero.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from funnelplan.model.headers import MONTH_NAMES, REVENUE_NAMES, SEGMENT_NAMES, header_key
from funnelplan.model.months import Month

__all__ = [
    "MONTH_NAMES",
    "REVENUE_NAMES",
    "SEGMENT_NAMES",
    "ActualsTable",
    "MonthActuals",
    "header_key",
]


@dataclass(frozen=True)
class MonthActuals:
    month: Month
    segment: str | None  # a segment id for segmented plans, else None
    counts: dict[str, int]  # stage id -> how many entered the stage that month
    revenue: Decimal | None  # won revenue that month; None when the source has no revenue


@dataclass(frozen=True)
class ActualsTable:
    source: str  # the file name, as reports show it
    stages: tuple[str, ...]  # the stage ids the source carries, in funnel order
    has_revenue: bool
    rows: tuple[MonthActuals, ...]  # one per (month, segment), sorted by month then segment
    # CRM exports: the newest date in them (the last month's rows hold data up to this day)
    data_through: date | None = None

    @property
    def months(self) -> list[Month]:
        return sorted({row.month for row in self.rows})
