"""What one export file is read for: the columns of each stage, the id, revenue and won rules.

Built by `load.py` from the mapping and the file's header; read by both engines (`aggregate.py`
and `fast.py` row by row, `bulk.py` on DuckDB). Plain data, no I/O.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class StageSpec:
    stage: str  # plan stage id
    column: int
    header: str
    won_only: bool = False


@dataclass(frozen=True)
class WonSpec:
    column: int
    header: str
    values: frozenset[str]  # header_key forms


@dataclass(frozen=True)
class RevenueSpec:
    date: int
    amount: int
    date_header: str
    amount_header: str


@dataclass(frozen=True)
class FileJob:
    width: int  # fields in the header
    stages: tuple[StageSpec, ...]  # in funnel order
    id_column: int | None = None
    revenue: RevenueSpec | None = None
    won: WonSpec | None = None
    cohort_stage: str | None = None  # the creation stage, when a cohort view is asked for


__all__ = ["FileJob", "RevenueSpec", "StageSpec", "WonSpec"]
