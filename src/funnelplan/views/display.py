"""How numbers read to people: money per currency, counts, rates. Renderers call these."""

from __future__ import annotations

from fractions import Fraction
from typing import TYPE_CHECKING, Protocol

from funnelplan.core.rounding import round_half_away, round_half_up
from funnelplan.model.record import Record
from funnelplan.views.document import Cell, Count, Money, Rate, Status

if TYPE_CHECKING:
    from funnelplan.i18n.words import Words

CURRENCY_SIGNS = {"JPY": "¥", "USD": "$", "EUR": "€", "GBP": "£"}


class Style(Record):  # a Record, not a frozen dataclass: see model/record.py
    """Display settings for a report: currency and its minor unit, and count decimals."""

    __match_args__ = ("currency", "minor_unit", "count_places", "money_unit", "count_unit")
    __slots__ = __match_args__
    currency: str
    minor_unit: int
    count_places: int  # 0 under rounding: up; 2 under rounding: none
    money_unit: str | None  # None: ¥120,000,000; auto: 1億2,000万円; 円 千円 万円 百万円 億円
    count_unit: str  # shown after counts in sentences: 件, 社

    def __init__(
        self,
        currency: str,
        minor_unit: int,
        count_places: int = 0,
        money_unit: str | None = None,
        count_unit: str = "",
    ) -> None:
        _set = object.__setattr__
        _set(self, "currency", currency)
        _set(self, "minor_unit", minor_unit)
        _set(self, "count_places", count_places)
        _set(self, "money_unit", money_unit)
        _set(self, "count_unit", count_unit)


class Priced(Protocol):
    """What a report needs for its style: TargetReport and GapReport both have these."""

    currency: str
    minor_unit: int
    rounding: str


def style_for(report: Priced, money_unit: str | None = None, count_unit: str = "") -> Style:
    """Counts are whole under `rounding: up`; fractions show two decimals under `none`."""
    return Style(
        report.currency,
        report.minor_unit,
        0 if report.rounding == "up" else 2,
        money_unit,
        count_unit,
    )


MONEY_UNITS = {"円": 1, "千円": 10**3, "万円": 10**4, "百万円": 10**6, "億円": 10**8}


def format_yen_unit(amount: Fraction, unit: str) -> str:
    """Japanese display units. `auto`: 1億2,000万円, 1,714万円, 5,000円 (to the nearest 万 from 1万 up).

    Display only: amounts are rounded half up to the unit shown; CSV and JSON keep exact yen.
    """
    sign = "-" if amount < 0 else ""
    size = abs(amount)
    if unit != "auto":
        step = MONEY_UNITS[unit]
        places = _places_for_two_digits(size / step, 0 if step <= 10**4 else 1)
        if places is None:  # ¥1,000 in 億円 would be 0.00001億円: shown in the auto unit instead
            return format_yen_unit(amount, "auto")
        text = _grouped(size / step, places)
        if (size / step).denominator == 1:  # exactly whole: 1億円, not 1.0億円
            text = text.split(".")[0]
        return f"{sign if text.strip('0.,') else ''}{text}{unit}"
    if size < 10**4:
        return f"{sign}{round_half_away(size):,}円"
    man = round_half_away(size / 10**4)
    oku, man = divmod(man, 10**4)
    if oku == 0:
        return f"{sign}{man:,}万円"
    return f"{sign}{oku:,}億" + (f"{man:,}万円" if man else "円")


MAX_UNIT_PLACES = 3


def _places_for_two_digits(value: Fraction, places: int) -> int | None:
    """Decimals that show `value` with at least two significant digits (or exactly), at most 3.

    ¥5,000,000 in 億円 is 0.05億円, not 0.1億円; ¥120,000,000 stays 1.2億円; None when even three
    decimals cannot (the caller falls back to the auto unit).
    """
    while places <= MAX_UNIT_PLACES:
        scaled = value * 10**places
        if value == 0 or scaled >= 10 or round_half_up(value, places) == value:
            return places
        places += 1
    return None


def _grouped(value: Fraction, places: int) -> str:
    """Round half up to `places` decimals and group thousands: 1234567.891 -> '1,234,567.89'."""
    if places == 0 and value.denominator == 1:  # whole already: the same text, no Fraction work
        return f"{value.numerator:,}"  # Python groups as we do: -1234 -> -1,234
    negative = value < 0
    whole = int(round_half_up(abs(value), places) * 10**places)
    integer, fraction = divmod(whole, 10**places)
    text = f"{integer:,}"
    if places:
        text += "." + str(fraction).rjust(places, "0")
    return ("-" if negative and whole else "") + text


def format_money(amount: Fraction, style: Style, signed: bool = False) -> str:
    if style.money_unit is not None and style.currency == "JPY":
        text = format_yen_unit(amount, style.money_unit)
        return ("+" + text) if signed and not text.startswith("-") and amount > 0 else text
    sign = CURRENCY_SIGNS.get(style.currency)
    number = _grouped(abs(amount), style.minor_unit)
    text = f"{sign}{number}" if sign else f"{number} {style.currency}"
    if amount < 0 and number.strip("0,.") != "":
        return "-" + text
    return ("+" + text) if signed and amount > 0 else text


def format_count_with_unit(value: Fraction, style: Style, signed: bool = False) -> str:
    """A count in a sentence: 1,200件 (with the plan's count unit)."""
    return format_count(value, style, signed) + style.count_unit


def format_count(
    value: Fraction, style: Style, signed: bool = False, places: int | None = None
) -> str:
    if places is None:
        places = (
            0
            if value.denominator == 1
            else next((p for p in range(3) if (value * 10**p).denominator == 1), 2)
        )
    text = _grouped(value, places)
    return ("+" + text) if signed and value > 0 else text


def format_rate(value: Fraction | None, signed: bool = False, column: bool = False) -> str:
    """A share as a percentage with at most one decimal: 0.25 -> 25%, 0.125 -> 12.5%. A change in
    a table's column (`signed` and `column`) always has its decimal, as the workbook's +0.0% has:
    +10.0% under +11.9%, so the column reads alike; in a sentence it is +10%."""
    if value is None:
        return "-"
    percent = value * 100
    fixed = signed and column
    places = 1 if fixed or percent.denominator != 1 else 0
    text = _grouped(percent, places)
    if places and not fixed and text.endswith(".0"):
        text = text[:-2]
    return (("+" if signed and value > 0 else "") + text) + "%"


def format_share_exact(value: Fraction) -> str:
    """A share as written, every decimal it has (a lag distribution's 33.34%, not 33.3%);
    one that does not end in ten decimals (a computed share) as `format_rate` shows it."""
    percent = value * 100
    for places in range(11):
        if (percent * 10**places).denominator == 1:
            return _grouped(percent, places) + "%"
    return format_rate(value)


def lag_shares_text(shares: tuple[tuple[int, Fraction], ...], words: Words) -> str:
    """A lag distribution as the plan writes it, month by month: "0: 35%, 1: 50%, 2: 15%"
    (「0か月 35%、1か月 50%、2か月 15%」); the target table and the workbook's inputs."""
    return words("list_separator").join(
        words("lag_share", months=months, share=format_share_exact(share))
        for months, share in shares
    )


_CONTROL = {code: f"\\x{code:02x}" for code in [*range(0x20), 0x7F, *range(0x80, 0xA0)]}


def printable(text: str) -> str:
    """User text shown literally: control characters (escape sequences) become visible `\\x1b`."""
    return text.translate(_CONTROL)


# A shape for each status, so that it reads without colour (print, colour-blind readers): a full
# circle on track, a warning triangle at risk, a cross behind. None of them is an emoji, and each
# is one cell wide in a terminal.
STATUS_MARKS = {"on_track": "●", "at_risk": "▲", "behind": "✕"}


def format_status(status: Status) -> str:
    """`● on track`, `▲ at risk`, `✕ behind`; a status without a judgement (missing, -) as its words."""
    mark = STATUS_MARKS.get(status.level)
    return f"{mark} {printable(status.text)}" if mark else printable(status.text)


def format_cell(cell: Cell, style: Style) -> str:
    if isinstance(cell, Count):  # the usual cell (56,000 of them in a large plan's table) first
        value = cell.value
        if value.denominator == 1 and not cell.places:  # whole: format_count's text, directly
            text = f"{value.numerator:,}"
            return "+" + text if cell.signed and value > 0 else text
        return format_count(value, style, cell.signed, cell.places)
    if cell is None:
        return ""
    if isinstance(cell, Status):
        return format_status(cell)
    if isinstance(cell, Money):
        return format_money(cell.amount, style, cell.signed)
    if isinstance(cell, Rate):
        return format_rate(cell.value, cell.signed, column=True)
    return printable(cell)


def file_list(source: str, list_separator: str) -> str:
    """The actuals' files (`a.csv, b.csv`, as the loader names them) with the language's separator."""
    return list_separator.join(source.split(", "))
