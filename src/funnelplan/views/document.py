"""Reports as data: a Document of titled tables and notes holding typed cells.

Core reports (target, gap) are turned into a Document once; each text renderer (terminal table,
markdown, HTML) only formats it. Cells keep their type (Money, Count, Rate, Text) so a renderer can
align numbers and a formatter can apply the currency and the display unit.

The classes are written out (`__slots__` and `__init__`) rather than made by
`@dataclass(frozen=True)` (on funnelplan.model.record.Record): they behave as those did (immutable, equal and hashed by their fields,
shown as `Money(amount=..., signed=False)`), but a frozen dataclass compiles six methods from text
when its module is imported, ~0.5 ms each and ~5 ms for these ten, paid by every report command
before it reads its plan (bench/README.md, "Start-up"). Slots also make the cells of a large
table smaller and quicker to create.
"""

from __future__ import annotations

from fractions import Fraction

from funnelplan.model.record import Record

_set = object.__setattr__


class Money(Record):
    __match_args__ = ("amount", "signed")
    __slots__ = __match_args__
    amount: Fraction
    signed: bool  # show + for positive (gaps)

    def __init__(self, amount: Fraction, signed: bool = False) -> None:
        _set(self, "amount", amount)
        _set(self, "signed", signed)


class Count(Record):
    __match_args__ = ("value", "signed", "places")
    __slots__ = __match_args__
    value: Fraction
    signed: bool
    places: int | None  # fixed decimals (scores: 2.0); None: as many as the value needs

    def __init__(self, value: Fraction, signed: bool = False, places: int | None = None) -> None:
        _set(self, "value", value)
        _set(self, "signed", signed)
        _set(self, "places", places)


class Rate(Record):
    __match_args__ = ("value", "signed")
    __slots__ = __match_args__
    value: Fraction | None  # None shows as a dash (no plan, no rate)
    signed: bool

    def __init__(self, value: Fraction | None, signed: bool = False) -> None:
        _set(self, "value", value)
        _set(self, "signed", signed)


class Status(Record):
    """A judgement against plan: `level` is on_track, at_risk, behind, missing or no_plan.

    `text` is its words; renderers add a mark (and, where they can, a colour) by `level`.
    """

    __match_args__ = ("level", "text")
    __slots__ = __match_args__
    level: str
    text: str

    def __init__(self, level: str, text: str) -> None:
        _set(self, "level", level)
        _set(self, "text", text)


Cell = Money | Count | Rate | Status | str | None


class Column(Record):
    __match_args__ = ("header", "numeric")
    __slots__ = __match_args__
    header: str
    numeric: bool

    def __init__(self, header: str, numeric: bool = True) -> None:
        _set(self, "header", header)
        _set(self, "numeric", numeric)


class Table(Record):
    __match_args__ = ("title", "columns", "rows", "total_rows", "caption")
    __slots__ = __match_args__
    title: str
    columns: list[Column]
    rows: list[list[Cell]]
    total_rows: int  # the last N rows are totals, shown apart
    caption: str

    def __init__(
        self,
        title: str,
        columns: list[Column],
        rows: list[list[Cell]],
        total_rows: int = 0,
        caption: str = "",
    ) -> None:
        _set(self, "title", title)
        _set(self, "columns", columns)
        _set(self, "rows", rows)
        _set(self, "total_rows", total_rows)
        _set(self, "caption", caption)


class Notes(Record):
    __match_args__ = ("title", "items", "numbered")
    __slots__ = __match_args__
    title: str
    items: list[str]
    numbered: bool

    def __init__(self, title: str, items: list[str], numbered: bool = False) -> None:
        _set(self, "title", title)
        _set(self, "items", items)
        _set(self, "numbered", numbered)


class Bar(Record):
    __match_args__ = ("label", "value", "reference", "note")
    __slots__ = __match_args__
    label: str
    value: Cell  # Count or Money: the bar's length and its printed value
    reference: Cell  # paired charts: the plan beside the actual
    note: str  # e.g. the rate to the next stage

    def __init__(self, label: str, value: Cell, reference: Cell = None, note: str = "") -> None:
        _set(self, "label", label)
        _set(self, "value", value)
        _set(self, "reference", reference)
        _set(self, "note", note)


class Chart(Record):
    """A picture of numbers the tables also hold; text formats without pictures may skip it.

    kind: "funnel" (one bar per stage, widest first), "paired" (actual against a reference),
    "signed" (bars left and right of zero).
    """

    __match_args__ = ("title", "kind", "bars", "legend")
    __slots__ = __match_args__
    title: str
    kind: str
    bars: list[Bar]
    legend: tuple[str, str]  # paired: (value name, reference name)

    def __init__(
        self, title: str, kind: str, bars: list[Bar], legend: tuple[str, str] = ("", "")
    ) -> None:
        _set(self, "title", title)
        _set(self, "kind", kind)
        _set(self, "bars", bars)
        _set(self, "legend", legend)


Block = Table | Notes | Chart


class Document(Record):
    __match_args__ = ("title", "facts", "blocks", "headline", "fact_separator")
    __slots__ = __match_args__
    title: str
    facts: list[tuple[str, str]]  # label, value lines under the title
    blocks: list[Block]
    headline: list[str]  # sentences to paste alone
    fact_separator: str  # between a fact's label and its value: "：" in Japanese

    def __init__(
        self,
        title: str,
        facts: list[tuple[str, str]],
        blocks: list[Block] | None = None,
        headline: list[str] | None = None,
        fact_separator: str = ": ",
    ) -> None:
        _set(self, "title", title)
        _set(self, "facts", facts)
        _set(self, "blocks", [] if blocks is None else blocks)
        _set(self, "headline", [] if headline is None else headline)
        _set(self, "fact_separator", fact_separator)
