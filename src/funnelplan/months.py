"""Calendar months: the unit every plan is counted in."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass


@dataclass(frozen=True, order=True, slots=True)
class Month:
    """A calendar month. `Month(2027, 4) + 1 == Month(2027, 5)`."""

    year: int
    month: int

    @property
    def ordinal(self) -> int:
        return self.year * 12 + self.month - 1

    @classmethod
    def from_ordinal(cls, ordinal: int) -> Month:
        return cls(ordinal // 12, ordinal % 12 + 1)

    def __add__(self, months: int) -> Month:
        return Month.from_ordinal(self.ordinal + months)

    def __sub__(self, other: Month) -> int:
        return self.ordinal - other.ordinal

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"


def month_range(first: Month, last: Month) -> list[Month]:
    """Every month from `first` to `last`, both included."""
    return [Month.from_ordinal(o) for o in range(first.ordinal, last.ordinal + 1)]


_MONTH_FORMS = (
    # 2027-04, 2027/4, 2027.04, with an optional day: 2027-04-01, 2027/4/1
    re.compile(r"(?P<y>\d{4})[-/.](?P<m>\d{1,2})(?:[-/.](?P<d>\d{1,2}))?"),
    # 2027年4月, 2027年4月1日
    re.compile(r"(?P<y>\d{4})年\s*(?P<m>\d{1,2})月(?:\s*(?P<d>\d{1,2})日)?"),
    # 202704
    re.compile(r"(?P<y>\d{4})(?P<m>\d{2})"),
)

_DAYS = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


class MonthFormatError(ValueError):
    """A text that is not a month, with a hint on the forms we read."""

    hint = "write the month as YYYY-MM, e.g. 2027-04 (2027/4 and 2027年4月 work too)"

    @property
    def message(self) -> str:  # the same shape as ValueProblem, which the plan loader reads
        return str(self)


def parse_month(text: object) -> Month:
    """Read a month as people write it; a full date must exist and gives its month."""
    if isinstance(text, Month):
        return text
    if isinstance(text, bool) or not isinstance(text, str | int):
        raise MonthFormatError(f"expected a month such as 2027-04, got {text!r}")
    raw = unicodedata.normalize("NFKC", str(text)).strip()
    for form in _MONTH_FORMS:
        found = form.fullmatch(raw)
        if found is None:
            continue
        year, month = int(found["y"]), int(found["m"])
        if not 1 <= month <= 12:
            raise MonthFormatError(f"{text!r} has no month {month}: months run from 1 to 12")
        day = found.groupdict().get("d")
        if day is not None:
            leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
            last_day = 29 if month == 2 and leap else _DAYS[month - 1] - (month == 2)
            if not 1 <= int(day) <= last_day:
                raise MonthFormatError(
                    f"{text!r} is not a date: {year}-{month:02d} has {last_day} days"
                )
        return Month(year, month)
    raise MonthFormatError(f"{text!r} is not a month")
