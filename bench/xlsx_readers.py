"""Read every row of an XLSX with openpyxl (streaming, what funnelplan uses) or python-calamine.

    python bench/xlsx_readers.py openpyxl FILE.xlsx
    python bench/xlsx_readers.py calamine FILE.xlsx     # pip install python-calamine (bench only)

Prints the rows, the seconds and the process's peak RSS. docs/speed.md quotes it.
"""

from __future__ import annotations

import resource
import sys
import time


def main(reader: str, path: str) -> None:
    start = time.perf_counter()
    rows = 0
    if reader == "openpyxl":
        import openpyxl

        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
        for _ in book.worksheets[0].iter_rows(values_only=True):
            rows += 1
    else:
        from python_calamine import CalamineWorkbook

        for _ in CalamineWorkbook.from_path(path).get_sheet_by_index(0).iter_rows():
            rows += 1
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    print(f"{reader} {rows} rows {time.perf_counter() - start:.2f} s peak {peak} MiB")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
