"""Dates as CRM exports write them, read to (month ordinal, day ordinal).

Forms: `2027-04-15`, `2027-04-15 10:22`, `2027-04-15T01:22:00.000Z`, `2027-04-15T10:22+09:00`,
`2027/4/15`, `2027.4.15`, `4/15/2027 10:22 AM`, `15/4/2027`, `2027年4月15日 10時22分`, and the
date and datetime values of XLSX cells.

Rules:
- A value without an offset is taken as written: `2027-04-30 23:30` is in April, whatever the zone.
- A value with `Z` or an offset (`+09:00`) is converted to the mapping's `timezone` first, so
  `2027-04-30T15:30:00Z` is in May in Asia/Tokyo. With no `timezone`, such a value stops the read
  with a request for one (`NeedsTimezone`): a month could otherwise shift silently.
- Slashed dates with the year last (`4/5/2027`) are M/D/Y or D/M/Y by `date_format`; with `auto`
  the caller decides once per file (`decide_order`) from values that can only be read one way
  (a first part above 12 is a day, a second part above 12 is a day), and stops when the file cannot
  tell or holds both.
- A date that does not exist (`2027-02-30`), a time that does not (`25:00`), or any other text is
  a `DateProblem`: the row is skipped and counted.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta, timezone

from funnelplan.errors import Refusal, Text, say

Read = tuple[int, int]  # (month ordinal: year * 12 + month - 1, date.toordinal())

_DATE = re.compile(
    r"\s*(?:(?P<y>\d{4})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})"
    r"|(?P<a>\d{1,2})[/.-](?P<b>\d{1,2})[/.-](?P<y2>\d{4})"
    r"|(?P<y3>\d{4})\s*年\s*(?P<m3>\d{1,2})\s*月\s*(?P<d3>\d{1,2})\s*日)"
    r"(?P<rest>.*)",
    re.DOTALL,
)
_TIME = re.compile(
    r"(?:[T\s]\s*(?:(?P<noon>午前|午後)\s*)?(?P<H>\d{1,2})"
    r"(?::(?P<M>\d{2})(?::(?P<S>\d{2})(?:[.,]\d+)?)?|\s*時\s*(?P<M2>\d{1,2})\s*分(?:\s*\d{1,2}\s*秒)?)"
    r"\s*(?P<ampm>[AaPp]\.?[Mm]\.?)?)?"
    r"\s*(?P<tz>Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?\s*"
)
CACHE_LIMIT = 200_000  # texts remembered whole; the date part of every text is always remembered


class DateProblem(ValueError):
    """A value that is not a date; the row is skipped."""


class NeedsTimezone(Exception):
    """A value with an offset and no `timezone` in the mapping: the caller stops and asks."""

    def __init__(self, value: str) -> None:
        super().__init__(value)
        self.value = value


class NeedsDateOrder(Exception):
    """A year-last slashed date under `date_format: auto`: the file must be scanned first."""


class DateReader:
    """Reads one file's dates; remembers what it read (files repeat the same days)."""

    def __init__(self, zone: str | None = None, order: str | None = None) -> None:
        self.zone_name = zone
        self._zone = None
        if zone is not None:
            from zoneinfo import ZoneInfo

            self._zone = ZoneInfo(zone)
        self.order = order  # "M/D/Y", "D/M/Y", "Y/M/D" or None (auto, not decided yet)
        self.cache: dict[str, Read] = {}  # the aggregator looks values up here first

    def read(self, value: object) -> Read | None:
        """The value's (month, day) ordinals; None for a blank text."""
        if isinstance(value, str):
            return self._read_text(value)
        if isinstance(value, datetime):
            if value.tzinfo is not None:
                value = self._convert(value, str(value))
            return _ordinals(value.date())
        if isinstance(value, date):
            return _ordinals(value)
        raise DateProblem(f"{value!r} is not a date")

    def _read_text(self, text: str) -> Read | None:
        found = _DATE.match(text)
        if found is None and not text.strip():
            return None
        if found is None:
            raise DateProblem(f"{text!r} is not a date")
        rest = found["rest"]
        key = text[: found.start("rest")].strip()
        day = self.cache.get(key)
        if day is None:
            day = _ordinals(self._day(found, text))
            self.cache[key] = day
        if rest:
            time = _TIME.fullmatch(rest)
            if time is None:
                raise DateProblem(f"{text!r}: {rest.strip()!r} is not a time")
            hour, minute = _clock(time, text)
            if time["tz"] is not None:
                stamp = datetime.fromordinal(day[1]) + timedelta(hours=hour, minutes=minute)
                aware = stamp.replace(tzinfo=_offset(time["tz"], text))
                return _ordinals(self._convert(aware, text).date())
        if len(self.cache) < CACHE_LIMIT:
            self.cache[text] = day
        return day

    def _day(self, found: re.Match[str], text: str) -> date:
        if found["y"] is not None:
            year, month, day = int(found["y"]), int(found["m"]), int(found["d"])
        elif found["y3"] is not None:
            year, month, day = int(found["y3"]), int(found["m3"]), int(found["d3"])
        else:
            a, b, year = int(found["a"]), int(found["b"]), int(found["y2"])
            if self.order is None:
                raise NeedsDateOrder(text)
            if self.order == "Y/M/D":
                raise DateProblem(f"{text!r} puts the year last, but date_format is Y/M/D")
            month, day = (a, b) if self.order == "M/D/Y" else (b, a)
        try:
            return date(year, month, day)
        except ValueError:
            raise DateProblem(f"{text!r} is not a date that exists") from None

    def _convert(self, aware: datetime, text: str) -> datetime:
        if self._zone is None:
            raise NeedsTimezone(text)
        try:
            return aware.astimezone(self._zone)
        except (OverflowError, ValueError):  # 0001-01-01 00:00+09:00 is in year 0 in UTC
            raise DateProblem(f"{text!r} falls outside the calendar in {self._zone}") from None


def plain_time(rest: str) -> bool:
    """True when `rest`, written after a date, is a time that exists and has no offset.

    Such a value is in the month of its date as written (the fast path reads the date alone).
    """
    if not rest:
        return True
    time = _TIME.fullmatch(rest)
    if time is None or time["tz"] is not None:
        return False
    try:
        _clock(time, rest)
    except DateProblem:
        return False
    return True


def _ordinals(day: date) -> Read:
    return day.year * 12 + day.month - 1, day.toordinal()


def _clock(time: re.Match[str], text: str) -> tuple[int, int]:
    if time["H"] is None:
        return 0, 0
    hour = int(time["H"])
    minute = int(time["M"] or time["M2"] or 0)
    second = int(time["S"] or 0)
    marker = (time["ampm"] or "").replace(".", "").upper() or time["noon"]
    if marker:
        if not 1 <= hour <= 12:
            raise DateProblem(f"{text!r}: hour {hour} with AM/PM")
        hour = hour % 12 + (12 if marker in ("PM", "午後") else 0)
    if hour > 23 or minute > 59 or second > 60:
        raise DateProblem(f"{text!r} is not a time that exists")
    return hour, minute


def _offset(text: str, value: str) -> timezone:
    if text in ("Z", "UTC", "GMT"):
        return UTC
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    hours, minutes = int(digits[:2]), int(digits[2:] or 0)
    if hours > 23 or minutes > 59:  # +24:00, -9999: no such offset
        raise DateProblem(f"{value!r}: {text!r} is not a time zone offset")
    return timezone(sign * timedelta(hours=hours, minutes=minutes))


def year_last_parts(value: object) -> tuple[int, int] | None:
    """(a, b) of an `a/b/YYYY` value, else None: the evidence `decide_order` weighs."""
    if not isinstance(value, str):
        return None
    found = _DATE.match(value)
    if found is None or found["a"] is None:
        return None
    return int(found["a"]), int(found["b"])


class OrderUndecided(Refusal):
    def __init__(self, message: Text, example: str) -> None:
        super().__init__(message)
        self.example = example


def decide_order(evidence: dict[str, str | None]) -> str:
    """M/D/Y or D/M/Y from the file's year-last dates, or OrderUndecided.

    `evidence` holds the first value that proves each order ("M/D/Y": a value like 4/15/2027,
    "D/M/Y": one like 15/4/2027) and "any": the first year-last value at all.
    """
    mdy, dmy = evidence.get("M/D/Y"), evidence.get("D/M/Y")
    if mdy and dmy:
        raise OrderUndecided(say("crm.dates.mixed_order", first=mdy, second=dmy), mdy)
    if mdy:
        return "M/D/Y"
    if dmy:
        return "D/M/Y"
    example = evidence.get("any") or ""
    raise OrderUndecided(
        say("crm.dates.ambiguous_order", example=example),
        example,
    )


def weigh(evidence: dict[str, str | None], value: object) -> None:
    parts = year_last_parts(value)
    if parts is None:
        return
    evidence.setdefault("any", str(value))
    a, b = parts
    if a > 12 and b <= 12:
        evidence.setdefault("D/M/Y", str(value))
    elif b > 12 and a <= 12:
        evidence.setdefault("M/D/Y", str(value))
