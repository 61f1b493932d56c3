"""Monthly actuals as the gap analysis reads them, whatever file they came from.

A hand-kept monthly table (CSV/YAML, `load/actuals.py`) and a CRM export aggregated by month
(`exports/`) both become an ActualsTable. A stage the source does not carry is absent from
`stages` and from every row's `counts`: it is *missing*, never zero.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from funnelplan.model.headers import MONTH_NAMES, REVENUE_NAMES, SEGMENT_NAMES, header_key
from funnelplan.model.months import Month
from funnelplan.model.record import Record

__all__ = [
    "MONTH_NAMES",
    "REVENUE_NAMES",
    "SEGMENT_NAMES",
    "ActualsTable",
    "MonthActuals",
    "header_key",
]

_set = object.__setattr__  # Records, not frozen dataclasses: see model/record.py


class MonthActuals(Record):
    __match_args__ = ("month", "segment", "counts", "revenue")
    __slots__ = __match_args__
    month: Month
    segment: str | None  # a segment id for segmented plans, else None
    counts: dict[str, int]  # stage id -> how many entered the stage that month
    revenue: Decimal | None  # won revenue that month; None when the source has no revenue

    def __init__(
        self, month: Month, segment: str | None, counts: dict[str, int], revenue: Decimal | None
    ) -> None:
        _set(self, "month", month)
        _set(self, "segment", segment)
        _set(self, "counts", counts)
        _set(self, "revenue", revenue)


class ActualsTable(Record):
    __match_args__ = ("source", "stages", "has_revenue", "rows", "data_through")
    __slots__ = __match_args__
    source: str  # the file name, as reports show it
    stages: tuple[str, ...]  # the stage ids the source carries, in funnel order
    has_revenue: bool
    rows: tuple[MonthActuals, ...]  # one per (month, segment), sorted by month then segment
    # CRM exports: the newest date in them (the last month's rows hold data up to this day)
    data_through: date | None

    def __init__(
        self,
        source: str,
        stages: tuple[str, ...],
        has_revenue: bool,
        rows: tuple[MonthActuals, ...],
        data_through: date | None = None,
    ) -> None:
        _set(self, "source", source)
        _set(self, "stages", stages)
        _set(self, "has_revenue", has_revenue)
        _set(self, "rows", rows)
        _set(self, "data_through", data_through)

    @property
    def months(self) -> list[Month]:
        return sorted({row.month for row in self.rows})
