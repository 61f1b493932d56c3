"""Record-level tallies of a CRM export (what `review` and `calibrate` read), as plain data.

Filled by `load/crm/records.py` in one pass over the rows; read by `core/review.py` and
`core/calibrate.py`. No I/O.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from funnelplan.model.months import Month
from funnelplan.model.plan import SlaRule

Key = tuple[str, ...]
MINUTES_PER_DAY = 24 * 60


@dataclass(frozen=True)
class Limit:
    """An SLA limit: `amount` business days, days or hours."""

    amount: int
    unit: str  # business_days | days | hours

    def __str__(self) -> str:
        unit = self.unit.replace("_", " ")
        return f"{self.amount} {unit[:-1] if self.amount == 1 else unit}"


_LIMIT = re.compile(
    r"(?P<n>\d{1,3})\s*(?P<unit>business\s+days?|days?|hours?|h|営業日|日|時間)", re.IGNORECASE
)
UNITS = {
    "business day": "business_days",
    "business days": "business_days",
    "営業日": "business_days",
    "day": "days",
    "days": "days",
    "日": "days",
    "hour": "hours",
    "hours": "hours",
    "h": "hours",
    "時間": "hours",
}


def parse_limit(text: str) -> Limit | None:
    """`1 business day`, `7 days`, `4 hours`, `1営業日`, `7日`; None when it is none of these."""
    normal = unicodedata.normalize("NFKC", str(text)).strip()
    found = _LIMIT.fullmatch(normal)
    if found is None:
        return None
    unit = re.sub(r"\s+", " ", found["unit"].lower())
    amount = int(found["n"])
    if amount == 0:
        return None
    return Limit(amount, UNITS[unit])


@dataclass
class GroupTally:
    """One group's records (one value of the --by columns, or one pair of values)."""

    reached: list[int]  # per mapped stage: records that reached it
    steps: list[
        dict[int, list[int]]
    ]  # per step: month entering its first stage -> [entered, went on]
    lags: list[dict[int, Counter[int]]]  # per step: that month -> months to the next stage -> n
    days: list[Counter[int]]  # per step: days from one stage to the next -> records
    amounts: Counter[Decimal] = field(default_factory=Counter)  # won deals' amounts
    won: int = 0  # won deals (with an amount when the export has one)
    cost: Decimal = Decimal(0)  # the cost column's sum
    # segmented actuals only: per stage, month -> records that entered it; close month -> revenue
    entries: list[dict[int, int]] = field(default_factory=list)
    revenue_months: dict[int, Decimal] = field(default_factory=dict)

    @classmethod
    def empty(cls, stages: int) -> GroupTally:
        steps = max(stages - 1, 0)
        return cls(
            [0] * stages,
            [{} for _ in range(steps)],
            [{} for _ in range(steps)],
            [Counter() for _ in range(steps)],
        )


@dataclass(frozen=True)
class SlaEntry:
    record: str  # the record id (or the row number when the export has no id column)
    owner: str
    month: int  # month ordinal of the start
    start: int  # minutes since 0001-01-01 00:00
    end: int | None  # when the `to` date was reached, None while untouched
    went_on: bool  # reached the stage after `from`


@dataclass
class SlaTally:
    index: int  # the rule's place in agreement.sales_sla
    rule: SlaRule
    limit: Limit
    next_stage: str | None  # the stage after `from` (response time against conversion)
    entries: list[SlaEntry] = field(default_factory=list)


@dataclass
class ReviewRecords:
    source: str
    by: tuple[str, ...]  # the attribute names grouped by
    columns: tuple[str, ...]  # their headers in the export
    stages: tuple[str, ...]  # the mapped stages, funnel order
    groups: dict[Key, GroupTally]
    data_through: date | None
    as_of: int  # minutes: the latest moment seen (the export's "now")
    amounts_known: bool  # won amounts are in the main export
    deals_known: bool  # the funnel's last stage is mapped in the main export
    revenue_by_month: dict[int, Decimal]  # close month -> won amount (all groups)
    won_by_month: dict[int, int]
    sla: list[SlaTally]
    records: int  # data rows read
    skipped: int  # rows not used (the data-quality account's reasons)
    window: tuple[Month | None, Month | None]
    first_month: int | None  # earliest creation month read (in the window)
    last_month: int | None
    stage_headers: tuple[str, ...] = ()  # the header each mapped stage is read from


__all__ = [
    "MINUTES_PER_DAY",
    "GroupTally",
    "Key",
    "Limit",
    "ReviewRecords",
    "SlaEntry",
    "SlaTally",
    "parse_limit",
]
