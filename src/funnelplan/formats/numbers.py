"""Plain numbers and CSV text for every machine format: no display units, no rounding but these.

`number` writes a whole number as an int and anything else rounded half up to a fixed number of
decimals; `write_csv` writes a header and rows with CRLF and Excel's formula guard.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from fractions import Fraction

from funnelplan.core.rounding import round_half_up
from funnelplan.model.adjustment import Adjustment
from funnelplan.views.display import printable

MACHINE_PLACES = 4  # fractional counts (rounding: none) are written to 4 decimals, half up
PROBABILITY_PLACES = 6  # probabilities (confidence) to 6 decimals, half up; exact to 1e-9


def number(value: Fraction, places: int = MACHINE_PLACES) -> int | float:
    """A whole number as an int; anything else rounded half up to `places` decimals."""
    if value.denominator == 1:
        return value.numerator
    rounded = round_half_up(abs(value), places)
    if rounded.denominator == 1:
        return rounded.numerator * (-1 if value < 0 else 1)
    return float(rounded) * (-1 if value < 0 else 1)


def money(value: Fraction, minor_unit: int) -> int | float:
    return number(value, minor_unit)


def excel_safe(text: str) -> str:
    """A text cell Excel would run as a formula (=, +, -, @, tab, CR first) gets a leading quote."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def write_csv(header: list[str], rows: list[list[object]]) -> str:
    """Text cells as Excel can take them: never a formula, and user text (a scenario, team or
    channel name) never an escape sequence on a terminal: control characters show as `\\x1b`."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([excel_safe(printable(h)) for h in header])
    for row in rows:
        writer.writerow(
            [excel_safe(printable(cell)) if isinstance(cell, str) else cell for cell in row]
        )
    return buffer.getvalue()


def adjustments_json(adjustments: Sequence[Adjustment]) -> list[dict[str, str | None]]:
    """What --scenario / --set changed from the plan file, in the order applied (JSON reports)."""
    return [{"scenario": a.scenario, "key": a.key, "value": a.value} for a in adjustments]
