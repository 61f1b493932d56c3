"""Chart geometry shared by the terminal and HTML renderers: bar lengths from typed values."""

from __future__ import annotations

from fractions import Fraction

from funnelplan.views.document import Bar, Cell, Count, Money


def magnitude(cell: Cell) -> Fraction:
    if isinstance(cell, Count):
        return cell.value
    if isinstance(cell, Money):
        return cell.amount
    return Fraction(0)


def scale(bars: list[Bar]) -> Fraction:
    """The largest absolute value any bar or reference reaches (1 when all are zero)."""
    largest = max(
        (abs(magnitude(cell)) for bar in bars for cell in (bar.value, bar.reference)),
        default=Fraction(0),
    )
    return largest or Fraction(1)
