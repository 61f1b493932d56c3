"""What one export file is read for: the columns of each stage, the id, revenue and won rules.

Built by `load.py` from the mapping and the file's header; read by both engines (`aggregate.py`
and `fast.py` row by row, `bulk.py` on DuckDB). Plain data, no I/O. Records, not frozen
dataclasses: `actuals` imports this on every run (funnelplan.model.record says why).
"""

from __future__ import annotations

from funnelplan.model.record import Record

_set = object.__setattr__


class StageSpec(Record):
    __match_args__ = ("stage", "column", "header", "won_only")
    __slots__ = __match_args__
    stage: str  # plan stage id
    column: int
    header: str
    won_only: bool

    def __init__(self, stage: str, column: int, header: str, won_only: bool = False) -> None:
        _set(self, "stage", stage)
        _set(self, "column", column)
        _set(self, "header", header)
        _set(self, "won_only", won_only)


class WonSpec(Record):
    __match_args__ = ("column", "header", "values")
    __slots__ = __match_args__
    column: int
    header: str
    values: frozenset[str]  # header_key forms

    def __init__(self, column: int, header: str, values: frozenset[str]) -> None:
        _set(self, "column", column)
        _set(self, "header", header)
        _set(self, "values", values)


class RevenueSpec(Record):
    __match_args__ = ("date", "amount", "date_header", "amount_header")
    __slots__ = __match_args__
    date: int
    amount: int
    date_header: str
    amount_header: str

    def __init__(self, date: int, amount: int, date_header: str, amount_header: str) -> None:
        _set(self, "date", date)
        _set(self, "amount", amount)
        _set(self, "date_header", date_header)
        _set(self, "amount_header", amount_header)


class FileJob(Record):
    __match_args__ = ("width", "stages", "id_column", "revenue", "won", "cohort_stage")
    __slots__ = __match_args__
    width: int  # fields in the header
    stages: tuple[StageSpec, ...]  # in funnel order
    id_column: int | None
    revenue: RevenueSpec | None
    won: WonSpec | None
    cohort_stage: str | None  # the creation stage, when a cohort view is asked for

    def __init__(
        self,
        width: int,
        stages: tuple[StageSpec, ...],
        id_column: int | None = None,
        revenue: RevenueSpec | None = None,
        won: WonSpec | None = None,
        cohort_stage: str | None = None,
    ) -> None:
        _set(self, "width", width)
        _set(self, "stages", stages)
        _set(self, "id_column", id_column)
        _set(self, "revenue", revenue)
        _set(self, "won", won)
        _set(self, "cohort_stage", cohort_stage)


__all__ = ["FileJob", "RevenueSpec", "StageSpec", "WonSpec"]
