"""Parquet exports (a warehouse's unload): one file or a glob of files, read by DuckDB.

`actuals.file: exports/contacts-*.parquet` takes every file the pattern matches, in name order,
as one export; its columns are the mapping's columns, by name (files with other columns line up
by name, a column missing from a file is blank there). Every cell comes as DuckDB's text of it
(`DATE` 2027-04-15, `TIMESTAMP` 2027-04-15 10:22:00, numbers as written, NULL blank), so the
mapping, the date rules and the data-quality account are the CSV path's: the rows go through the
same row-by-row tally. A record's place is its number in the export (the files one after the
other, from 1), as `line` in problems. Memory: DuckDB hands over ROWS_AT_A_TIME rows at a time.
"""

from __future__ import annotations

import glob
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from funnelplan.errors import say
from funnelplan.load.crm.opened import Opened, ReadProblem, Row

ROWS_AT_A_TIME = 10_000
MEMORY_LIMIT = "160MB"


def is_parquet(path: Path) -> bool:
    return path.name.lower().endswith(".parquet")


def has_pattern(path: Path) -> bool:
    return glob.has_magic(str(path))


def matched(path: Path) -> list[str]:
    """The files `path` names: itself, or what its pattern matches, in name order."""
    if not has_pattern(path):
        return [str(path)] if path.is_file() else []
    return sorted(name for name in glob.glob(str(path)) if Path(name).is_file())


def open_parquet(path: Path) -> Opened:
    files = matched(path)
    if not files:
        raise ReadProblem(
            say("crm.parquet.no_match") if has_pattern(path) else say("crm.file_missing"),
            say("crm.check_file_path"),
        )
    try:
        import _duckdb as duckdb
    except ImportError:  # pragma: no cover
        import duckdb  # type: ignore[no-redef]
    connection = duckdb.connect()
    try:
        connection.execute(f"SET memory_limit = '{MEMORY_LIMIT}'")
        names = ", ".join("'" + name.replace("'", "''") + "'" for name in files)
        source = f"read_parquet([{names}], union_by_name = true)"
        described = connection.execute(f"DESCRIBE SELECT * FROM {source}").fetchall()
        header = [str(row[0]) for row in described]
        cells = ", ".join(
            f'CAST("{name.replace(chr(34), chr(34) * 2)}" AS VARCHAR)' for name in header
        )
        result = connection.execute(f"SELECT {cells} FROM {source}")
    except duckdb.Error as error:
        connection.close()
        first = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise ReadProblem(
            say("crm.parquet.unreadable", reason=first),
            say("crm.parquet.unload_again"),
        ) from None
    counter = _Records()
    return Opened(
        path=path,
        kind="parquet",
        encoding="parquet",
        delimiter="",
        header=header,
        header_line=0,
        rows=counter.rows(result, connection, len(header)),
        size=sum(Path(name).stat().st_size for name in files),
        guessed=False,
        line=lambda: counter.number,
        _raw=_Connection(connection),  # type: ignore[arg-type]
    )


class _Connection:
    """What `Opened` closes (and asks the position of, for a progress bar: rows, not bytes)."""

    def __init__(self, connection: Any) -> None:
        self.connection = connection

    def tell(self) -> int:
        return 0

    def close(self) -> None:
        self.connection.close()


class _Records:
    def __init__(self) -> None:
        self.number = 0

    def rows(self, result: Any, connection: Any, width: int) -> Iterator[Row]:
        try:
            while batch := result.fetchmany(ROWS_AT_A_TIME):
                for record in batch:
                    self.number += 1
                    yield ["" if cell is None else cell for cell in record]
        except Exception as error:  # a file broken past its footer: DuckDB finds it mid-scan
            first = str(error).splitlines()[0] if str(error) else type(error).__name__
            raise ReadProblem(
                say("crm.parquet.unreadable", reason=first),
                say("crm.parquet.unload_again"),
                self.number + 1,
            ) from None
        finally:
            connection.close()
