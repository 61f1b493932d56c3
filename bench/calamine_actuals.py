"""`funnelplan actuals` with python-calamine as the XLSX row source: the yardstick for the reader.

    python bench/calamine_actuals.py PLAN.yaml -f csv      # pip install -e '.[bench]'

The same command, the same aggregation and account; only the sheet's rows come from calamine
(the whole sheet, loaded at once) instead of load/crm/xlsx.py. Its numbers are floats: whole
ones are made ints again, as the XML's text gives them to funnelplan. Bench only.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

from funnelplan.load.crm import readers
from funnelplan.load.crm.opened import Opened


class _Closed:
    def close(self) -> None:
        pass


def _cells(values: list[object]) -> list[object]:
    return [
        int(value) if type(value) is float and value.is_integer() else value  # type: ignore[union-attr]
        for value in values
    ]


def _open_xlsx(path: Path, sheet: str | None) -> Opened:
    from python_calamine import CalamineWorkbook

    book = CalamineWorkbook.from_path(str(path))
    worksheet = book.get_sheet_by_name(sheet) if sheet else book.get_sheet_by_index(0)
    rows = enumerate(worksheet.iter_rows(), start=1)
    header: list[str] = []
    number = 0
    for number, values in rows:  # noqa: B007 - the header's row, used after the loop
        if any(value != "" for value in values):
            header = [str(value).strip() for value in _cells(values)]
            break
    while header and not header[-1]:
        header.pop()
    width = len(header)
    converted: Iterator[tuple[int, list[object]]] = (
        (row, _cells(values[: width + 1])) for row, values in rows
    )
    counter = readers._SheetRows()
    return Opened(
        path=path,
        kind="xlsx",
        encoding="xlsx",
        delimiter="",
        header=header,
        header_line=number,
        rows=counter.rows(converted, number, width, _Closed()),  # type: ignore[arg-type]
        size=path.stat().st_size,
        guessed=False,
        line=lambda: counter.number,
    )


if __name__ == "__main__":
    readers._open_xlsx = _open_xlsx  # type: ignore[assignment]
    from funnelplan.cli.app import run

    sys.argv = ["funnelplan", "actuals", *sys.argv[1:]]
    run()
