"""Calendar months: the unit every plan is counted in."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import FrozenInstanceError
from functools import lru_cache

from funnelplan.errors import Refusal, Text, say

_set = object.__setattr__


class Month:
    """A calendar month. `Month(2027, 4) + 1 == Month(2027, 5)`.

    Immutable, equal and ordered by (year, month), as `@dataclass(frozen=True, order=True,
    slots=True)` made it, and hashed by its ordinal (cheaper than a tuple's hash, as dict keys
    by the hundred thousand in a large plan); written out because that decorator compiles ten methods
    from text at import (~1 ms of every command's start-up), and because pydantic checks a
    plain class by isinstance where it builds a dataclass's schema for every month field.
    """

    __slots__ = ("month", "ordinal", "year")
    __match_args__ = ("year", "month")
    year: int
    month: int
    ordinal: int  # year x 12 + month - 1: months in a row are consecutive ordinals

    def __init__(self, year: int, month: int) -> None:
        _set(self, "year", year)
        _set(self, "month", month)
        _set(self, "ordinal", year * 12 + month - 1)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not Month:
            return NotImplemented
        return self.month == other.month and self.year == other.year  # type: ignore[attr-defined]

    def __lt__(self, other: Month) -> bool:
        if other.__class__ is not Month:
            return NotImplemented
        return self.ordinal < other.ordinal

    def __le__(self, other: Month) -> bool:
        if other.__class__ is not Month:
            return NotImplemented
        return self.ordinal <= other.ordinal

    def __gt__(self, other: Month) -> bool:
        if other.__class__ is not Month:
            return NotImplemented
        return self.ordinal > other.ordinal

    def __ge__(self, other: Month) -> bool:
        if other.__class__ is not Month:
            return NotImplemented
        return self.ordinal >= other.ordinal

    def __hash__(self) -> int:  # the ordinal: equal months, equal hashes, no tuple made
        return self.ordinal

    def __repr__(self) -> str:
        return f"Month(year={self.year!r}, month={self.month!r})"

    def __setattr__(self, name: str, value: object) -> None:
        raise FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise FrozenInstanceError(f"cannot delete field {name!r}")

    def __reduce__(self) -> tuple[type[Month], tuple[int, int]]:  # copy and pickle
        return Month, (self.year, self.month)

    @classmethod
    def from_ordinal(cls, ordinal: int) -> Month:
        return _month_at(ordinal)

    def __add__(self, months: int) -> Month:
        return _month_at(self.ordinal + months)

    def __sub__(self, other: Month) -> int:
        return self.ordinal - other.ordinal

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"


@lru_cache(maxsize=4096)
def _month_at(ordinal: int) -> Month:
    """The month of an ordinal, one object for each (a large plan steps months by the hundred
    thousand: `month + lag`); a Month is immutable, so sharing one is safe."""
    return Month(ordinal // 12, ordinal % 12 + 1)


def month_range(first: Month, last: Month) -> list[Month]:
    """Every month from `first` to `last`, both included."""
    return list(map(_month_at, range(first.ordinal, last.ordinal + 1)))


def shifted(months: list[Month], by: int) -> list[Month]:
    """Each of `months` moved by `by` months: `month + by`, the shared month objects looked up
    by ordinal without running `Month.__add__` for each."""
    return list(map(_month_at, [month.ordinal + by for month in months]))


_MONTH_FORMS = (
    # 2027-04, 2027/4, 2027.04, with an optional day: 2027-04-01, 2027/4/1
    re.compile(r"(?P<y>\d{4})[-/.](?P<m>\d{1,2})(?:[-/.](?P<d>\d{1,2}))?"),
    # 2027年4月, 2027年4月1日
    re.compile(r"(?P<y>\d{4})年\s*(?P<m>\d{1,2})月(?:\s*(?P<d>\d{1,2})日)?"),
    # 202704
    re.compile(r"(?P<y>\d{4})(?P<m>\d{2})"),
)

_DAYS = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)

_NAMES = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_FULL_NAMES = (
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
)  # fmt: skip
# Jan 2027, January 2027, Jan-2027, Sept. 2027
_NAMED = re.compile(r"(?P<name>[A-Za-z]{3,9})\.?[\s\-/]*(?P<y>\d{4})")
# 1/1/2027, 31.01.2027, 01-31-2027: the order (day or month first) is the column's, not the cell's
_DAY_MONTH = re.compile(r"(?P<a>\d{1,2})[/.\-](?P<b>\d{1,2})[/.\-](?P<y>\d{4})")


class MonthFormatError(Refusal):
    """A text that is not a month, with a hint on the forms we read."""

    hint: Text | None = say("month.how_to_write")


def _named_month(name: str) -> int | None:
    lowered = name.lower()
    if lowered in _FULL_NAMES:
        return _FULL_NAMES.index(lowered) + 1
    if lowered == "sept":
        return 9
    return _NAMES.index(lowered) + 1 if lowered in _NAMES else None


def _check_day(text: object, year: int, month: int, day: int) -> None:
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    last_day = 29 if month == 2 and leap else _DAYS[month - 1] - (month == 2)
    if not 1 <= day <= last_day:
        raise MonthFormatError(
            say("month.no_such_day", text=text, month=f"{year}-{month:02d}", days=last_day)
        )


def day_first_order(texts: list[object]) -> bool | None:
    """Whether a column's `1/2/2027`-style dates put the day first, decided over the whole column.

    A cell with a first number over 12 (31/1/2027) says day first; a second number over 12
    (1/31/2027) says month first. Both in one column, or no cell that decides while some cell
    reads as two different months, is a MonthFormatError naming the readings. None: the column
    has no such dates, or every one reads the same either way (1/1/2027).
    """
    day_first: str | None = None
    month_first: str | None = None
    undecided: str | None = None
    for text in texts:
        if not isinstance(text, str):
            continue
        found = _DAY_MONTH.fullmatch(unicodedata.normalize("NFKC", text).strip())
        if found is None:
            continue
        a, b = int(found["a"]), int(found["b"])
        if a > 12 and day_first is None:
            day_first = text
        elif b > 12 and month_first is None:
            month_first = text
        elif a != b and undecided is None and a <= 12 and b <= 12:
            undecided = text
    if day_first is not None and month_first is not None:
        raise MonthFormatError(
            say("month.mixed_order", first=day_first, second=month_first),
            say("month.one_order"),
        )
    if day_first is not None or month_first is not None:
        return day_first is not None
    if undecided is not None:
        found = _DAY_MONTH.fullmatch(unicodedata.normalize("NFKC", undecided).strip())
        assert found is not None
        year, a, b = int(found["y"]), int(found["a"]), int(found["b"])
        raise MonthFormatError(
            say(
                "month.ambiguous_in_column",
                value=undecided,
                first=Month(year, a),
                second=Month(year, b),
            ),
            say("month.write_yyyy_mm_column"),
        )
    return None


def parse_month(text: object, day_first: bool | None = None) -> Month:
    """Read a month as people write it; a full date must exist and gives its month.

    `day_first` is the order of `1/2/2027`-style dates, from `day_first_order` over the column;
    without it such a date is read only when both orders give the same month or one cannot be.
    """
    if isinstance(text, Month):
        return text
    if isinstance(text, bool) or not isinstance(text, str | int):
        raise MonthFormatError(
            say("value.expected", what=say("value.what.month"), value=repr(text))
        )
    raw = unicodedata.normalize("NFKC", str(text)).strip()
    named = _NAMED.fullmatch(raw)
    if named is not None:
        number = _named_month(named["name"])
        if number is None:
            raise MonthFormatError(say("month.no_month_name", value=text, name=named["name"]))
        return Month(int(named["y"]), number)
    dated = _DAY_MONTH.fullmatch(raw)
    if dated is not None:
        year, a, b = int(dated["y"]), int(dated["a"]), int(dated["b"])
        if day_first is None:
            if a > 12:
                day_first = True
            elif b > 12 or a == b:
                day_first = False
            else:
                raise MonthFormatError(
                    say("month.ambiguous", value=text, first=Month(year, a), second=Month(year, b)),
                    say("month.write_yyyy_mm"),
                )
        day, month = (a, b) if day_first else (b, a)
        if not 1 <= month <= 12:
            order = "day/month/year" if day_first else "month/day/year"
            raise MonthFormatError(
                say("month.no_month_in_order", value=text, month=month, order=order)
            )
        _check_day(text, year, month, day)
        return Month(year, month)
    for form in _MONTH_FORMS:
        found = form.fullmatch(raw)
        if found is None:
            continue
        year, month = int(found["y"]), int(found["m"])
        if not 1 <= month <= 12:
            raise MonthFormatError(say("month.no_such_month", text=text, month=month))
        day = found.groupdict().get("d")
        if day is not None:
            _check_day(text, year, month, int(day))
        return Month(year, month)
    raise MonthFormatError(say("month.not_a_month", text=text))
