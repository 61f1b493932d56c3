"""How numbers read to people: money per currency, counts, rates. Renderers call these."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from funnelplan.document import Cell, Count, Money, Rate

CURRENCY_SIGNS = {"JPY": "¥", "USD": "$", "EUR": "€", "GBP": "£"}


@dataclass(frozen=True)
class Style:
    """Display settings for a report: currency and its minor unit, and count decimals."""

    currency: str
    minor_unit: int
    count_places: int = 0  # 0 under rounding: up; 2 under rounding: none


def _grouped(value: Fraction, places: int) -> str:
    """Round half up to `places` decimals and group thousands: 1234567.891 -> '1,234,567.89'."""
    negative = value < 0
    scaled = abs(value) * 10**places
    whole = int(scaled + Fraction(1, 2))
    integer, fraction = divmod(whole, 10**places)
    text = f"{integer:,}"
    if places:
        text += "." + str(fraction).rjust(places, "0")
    return ("-" if negative and whole else "") + text


def format_money(amount: Fraction, style: Style, signed: bool = False) -> str:
    sign = CURRENCY_SIGNS.get(style.currency)
    number = _grouped(abs(amount), style.minor_unit)
    text = f"{sign}{number}" if sign else f"{number} {style.currency}"
    if amount < 0 and number.strip("0,.") != "":
        return "-" + text
    return ("+" + text) if signed and amount > 0 else text


def format_count(value: Fraction, style: Style, signed: bool = False) -> str:
    places = next((p for p in range(3) if (value * 10**p).denominator == 1), 2)
    text = _grouped(value, places)
    return ("+" + text) if signed and value > 0 else text


def format_rate(value: Fraction | None, signed: bool = False) -> str:
    """A share as a percentage with at most one decimal: 0.25 -> 25%, 0.125 -> 12.5%."""
    if value is None:
        return "-"
    percent = value * 100
    places = 0 if percent.denominator == 1 else 1
    text = _grouped(percent, places)
    if places and text.endswith(".0"):
        text = text[:-2]
    return (("+" if signed and value > 0 else "") + text) + "%"


_CONTROL = {code: f"\\x{code:02x}" for code in [*range(0x20), 0x7F, *range(0x80, 0xA0)]}


def printable(text: str) -> str:
    """User text shown literally: control characters (escape sequences) become visible `\\x1b`."""
    return text.translate(_CONTROL)


def format_cell(cell: Cell, style: Style) -> str:
    if cell is None:
        return ""
    if isinstance(cell, Money):
        return format_money(cell.amount, style, cell.signed)
    if isinstance(cell, Count):
        return format_count(cell.value, style, cell.signed)
    if isinstance(cell, Rate):
        return format_rate(cell.value, cell.signed)
    return printable(cell)
