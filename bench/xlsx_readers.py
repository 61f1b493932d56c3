"""Read every row of an XLSX: funnelplan's reader, python-calamine or openpyxl's streaming reader.

    python bench/xlsx_readers.py funnelplan FILE.xlsx
    python bench/xlsx_readers.py calamine FILE.xlsx     # pip install -e '.[bench]'
    python bench/xlsx_readers.py openpyxl FILE.xlsx

Prints the rows, the seconds spent reading them (after the imports: a reader's import is not
its reading) and the process's peak RSS. funnelplan's rows are its CRM reader's
(`load.crm.readers.open_export`): header, then each row padded to the header, values converted
(dates as datetimes, numbers as int or float); calamine's are its own `iter_rows()`.
bench/run_xlsx.sh runs it; docs/speed.md quotes it.
"""

from __future__ import annotations

import resource
import sys
import time
from pathlib import Path


def main(reader: str, path: str) -> None:
    rows = 0
    if reader == "funnelplan":
        from funnelplan.load.crm.readers import open_export

        start = time.perf_counter()
        opened = open_export(Path(path))
        rows = 1
        for _ in opened.rows:
            rows += 1
    elif reader == "openpyxl":
        import openpyxl

        start = time.perf_counter()
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
        for _ in book.worksheets[0].iter_rows(values_only=True):
            rows += 1
    else:
        from python_calamine import CalamineWorkbook

        start = time.perf_counter()
        for _ in CalamineWorkbook.from_path(path).get_sheet_by_index(0).iter_rows():
            rows += 1
    elapsed = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    print(f"{reader} {rows} rows {elapsed:.3f} s peak {peak} MiB")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
