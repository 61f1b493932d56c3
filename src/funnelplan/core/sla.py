"""The agreement, measured: SLA limits (`1 business day`, `7 days`, `4 hours`) and business days.

Pure: moments are whole minutes (see `load/crm/records.py`), limits are read from the plan's words,
and business days skip Saturdays, Sundays and the public holidays of the plan's
`agreement.holidays` country, from the `holidays` library (a maintained calendar: Japan's
holidays move by law and by the equinox, so no hand-typed list stays right).

A limit of N business days moves a moment to the same clock time N business days later; a moment
on a weekend or holiday starts at 00:00 of the next business day. `N days` and `N hours` are
calendar time.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import cache

from funnelplan.model.crm_records import MINUTES_PER_DAY, Limit, parse_limit


class UnknownCalendar(ValueError):
    pass


@cache
def holiday_calendar(country: str) -> Callable[[date], bool]:
    """Whether a day is a public holiday in `country` (ISO 3166 code); UnknownCalendar if none."""
    import holidays

    code = country.strip().upper()
    if code not in holidays.list_supported_countries():
        raise UnknownCalendar(country)
    calendar = holidays.country_holidays(code)
    return calendar.__contains__


def supported_calendars() -> list[str]:
    import holidays

    return sorted(holidays.list_supported_countries())


class BusinessDays:
    """Business-day arithmetic on day ordinals: no weekends, no holidays of the given country."""

    def __init__(self, country: str | None) -> None:
        self.is_holiday = holiday_calendar(country) if country else (lambda day: False)
        self._business: dict[int, bool] = {}

    def business(self, ordinal: int) -> bool:
        known = self._business.get(ordinal)
        if known is None:
            day = date.fromordinal(ordinal)
            known = self._business[ordinal] = day.weekday() < 5 and not self.is_holiday(day)
        return known

    def deadline(self, start: int, limit: Limit) -> int:
        """The last minute (inclusive) by which a response meets `limit` from `start` (minutes)."""
        if limit.unit == "hours":
            return start + limit.amount * 60
        if limit.unit == "days":
            return start + limit.amount * MINUTES_PER_DAY
        day, clock = divmod(start, MINUTES_PER_DAY)
        if not self.business(day):
            clock = 0
            while not self.business(day):
                day += 1
        for _ in range(limit.amount):
            day += 1
            while not self.business(day):
                day += 1
        return day * MINUTES_PER_DAY + clock


# response-time buckets (minutes, upper bound inclusive); the last is "later"
BUCKETS: tuple[tuple[str, int | None], ...] = (
    ("1h", 60),
    ("24h", 24 * 60),
    ("3d", 3 * MINUTES_PER_DAY),
    ("7d", 7 * MINUTES_PER_DAY),
    ("later", None),
)


def bucket_of(minutes: int) -> str:
    for name, bound in BUCKETS:
        if bound is None or minutes <= bound:
            return name
    raise AssertionError("unreachable")


__all__ = [
    "BUCKETS",
    "BusinessDays",
    "Limit",
    "UnknownCalendar",
    "bucket_of",
    "parse_limit",
    "supported_calendars",
]
