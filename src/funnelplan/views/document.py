"""Reports as data: a Document of titled tables and notes holding typed cells.

Core reports (target, gap) are turned into a Document once; each text renderer (terminal table,
markdown, HTML) only formats it. Cells keep their type (Money, Count, Rate, Text) so a renderer can
align numbers and a formatter can apply the currency and the display unit.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction


@dataclass(frozen=True)
class Money:
    amount: Fraction
    signed: bool = False  # show + for positive (gaps)


@dataclass(frozen=True)
class Count:
    value: Fraction
    signed: bool = False
    places: int | None = None  # fixed decimals (scores: 2.0); None: as many as the value needs


@dataclass(frozen=True)
class Rate:
    value: Fraction | None  # None shows as a dash (no plan, no rate)
    signed: bool = False


@dataclass(frozen=True)
class Status:
    """A judgement against plan: `level` is on_track, at_risk, behind, missing or no_plan.

    `text` is its words; renderers add a mark (and, where they can, a colour) by `level`.
    """

    level: str
    text: str


Cell = Money | Count | Rate | Status | str | None


@dataclass(frozen=True)
class Column:
    header: str
    numeric: bool = True


@dataclass(frozen=True)
class Table:
    title: str
    columns: list[Column]
    rows: list[list[Cell]]
    total_rows: int = 0  # the last N rows are totals, shown apart
    caption: str = ""


@dataclass(frozen=True)
class Notes:
    title: str
    items: list[str]
    numbered: bool = False


@dataclass(frozen=True)
class Bar:
    label: str
    value: Cell  # Count or Money: the bar's length and its printed value
    reference: Cell = None  # paired charts: the plan beside the actual
    note: str = ""  # e.g. the rate to the next stage


@dataclass(frozen=True)
class Chart:
    """A picture of numbers the tables also hold; text formats without pictures may skip it.

    kind: "funnel" (one bar per stage, widest first), "paired" (actual against a reference),
    "signed" (bars left and right of zero).
    """

    title: str
    kind: str
    bars: list[Bar]
    legend: tuple[str, str] = ("", "")  # paired: (value name, reference name)


Block = Table | Notes | Chart


@dataclass(frozen=True)
class Document:
    title: str
    facts: list[tuple[str, str]]  # label, value lines under the title
    blocks: list[Block] = field(default_factory=list)
    headline: list[str] = field(default_factory=list)  # sentences to paste alone
    fact_separator: str = ": "  # between a fact's label and its value: "：" in Japanese
