"""The data-quality account: what happened to every row of an export, as data.

A row is used whole or not at all. Reasons a row is skipped (never fatal):
`fields` (more or fewer fields than the header), `duplicate_id` (a record id seen on an earlier
row: the first row wins), `bad_date` (a mapped date that is not a date), `no_date` (no date for
any mapped stage, or a won deal with no close date), `bad_amount` (a won deal whose amount is
blank or not an amount). Blank rows and report footers (Salesforce's "Confidential Information"
lines after a blank row) are not records and are counted apart. Records whose stage dates run
backwards (customer before lead) are counted and reported, not dropped.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from funnelplan.model.record import Record

FIRST_ROWS = 5  # row numbers kept per reason
EXAMPLE = 80  # characters of the first row's value shown
REASONS = ("fields", "duplicate_id", "bad_date", "no_date", "bad_amount")


class Worded(str):
    """An example a report words in its own language: as a `str` it is the English text (the JSON
    keeps it); `key` and `params` are the entry in the report words (funnelplan.i18n.words).
    Params named in `stages` hold stage ids, which reports show by their labels."""

    key: str
    params: dict[str, object]
    stages: tuple[str, ...]

    def __new__(
        cls, english: str, key: str, stages: tuple[str, ...] = (), **params: object
    ) -> Worded:
        worded = super().__new__(cls, english)
        worded.key, worded.params, worded.stages = key, params, stages
        return worded


@dataclass
class Tally:
    count: int = 0
    rows: list[int] = field(default_factory=list)  # the first FIRST_ROWS row numbers
    example: str = ""  # what the first such row held

    def add(self, row: int, example: str = "") -> None:
        self.count += 1
        if len(self.rows) < FIRST_ROWS:
            self.rows.append(row)
        if self.count == 1:  # a 200 KB field is shown by its start
            self.example = example if len(example) <= EXAMPLE else example[:EXAMPLE] + "..."


@dataclass
class FileQuality:
    file: str  # as reports show it
    encoding: str
    delimiter: str
    records: int = 0  # data rows: not the header, blank rows or footers
    used: int = 0
    skipped: dict[str, Tally] = field(default_factory=dict)
    backwards: Tally = field(default_factory=Tally)
    not_won: int = 0  # rows of a deals export that are not won: no revenue, not a problem
    blank: int = 0
    footer: int = 0
    outside_period: dict[str, int] = field(default_factory=dict)  # stage or revenue -> dates

    def skip(self, reason: str, row: int, example: str = "") -> None:
        tally = self.skipped.get(reason)
        if tally is None:
            tally = self.skipped[reason] = Tally()
        tally.add(row, example)

    @property
    def skipped_total(self) -> int:
        return sum(tally.count for tally in self.skipped.values())


class DataQuality(Record):  # a Record, not a frozen dataclass: see model/record.py
    __match_args__ = ("files",)
    __slots__ = __match_args__
    files: tuple[FileQuality, ...]

    def __init__(self, files: tuple[FileQuality, ...]) -> None:
        object.__setattr__(self, "files", files)

    @property
    def skipped_total(self) -> int:
        return sum(f.skipped_total for f in self.files)
