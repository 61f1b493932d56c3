"""Read every row of an XLSX: funnelplan's reader, python-calamine or openpyxl's streaming reader.

    python bench/xlsx_readers.py funnelplan FILE.xlsx
    python bench/xlsx_readers.py mapped FILE.xlsx       # only the plan's 7 columns converted
    python bench/xlsx_readers.py calamine FILE.xlsx     # pip install -e '.[bench]'
    python bench/xlsx_readers.py openpyxl FILE.xlsx
    python bench/xlsx_readers.py compare RUNS 'name=command' ...   # whole processes, paired

Prints the rows, the seconds spent reading them (wall and CPU, after the imports: a reader's
import is not its reading) and the process's peak RSS. funnelplan's rows are its CRM reader's
(`load.crm.readers.open_export`): header, then each row padded to the header, values converted
(dates as datetimes, numbers as int or float; `mapped`: only the columns the contacts plan
maps, as `actuals` reads them); calamine's are its own `iter_rows()`.
bench/run_xlsx.sh runs it; docs/speed.md quotes it.
"""

from __future__ import annotations

import resource
import sys
import time
from pathlib import Path


def main(reader: str, path: str) -> None:
    rows = 0
    if reader in ("funnelplan", "mapped"):
        from funnelplan.load.crm.readers import open_export
        from gen_xlsx import HEADER

        start, cpu = time.perf_counter(), time.process_time()
        opened = open_export(Path(path))
        if reader == "mapped":  # as `actuals` narrows it for bench/plan-contacts.yaml
            mapped = HEADER[:7]  # Record ID and the six stage dates
            assert opened.narrow is not None
            opened.narrow(frozenset(opened.header.index(name) for name in mapped))
        rows = 1
        for _ in opened.rows:
            rows += 1
    elif reader == "openpyxl":
        import openpyxl

        start, cpu = time.perf_counter(), time.process_time()
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
        for _ in book.worksheets[0].iter_rows(values_only=True):
            rows += 1
    else:
        from python_calamine import CalamineWorkbook

        start, cpu = time.perf_counter(), time.process_time()
        for _ in CalamineWorkbook.from_path(path).get_sheet_by_index(0).iter_rows():
            rows += 1
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    print(f"{reader} {rows} rows {elapsed:.3f} s cpu {cpu:.3f} s peak {peak} MiB")


def compare(runs: int, named: list[str]) -> None:
    """Whole processes in turn, `runs` rounds: medians of wall and CPU time (user + system, the
    steadier figure on a shared machine), ratios to the first, peak RSS (os.wait4's rusage)."""
    import os
    import shlex
    import statistics
    import subprocess

    commands = dict(argument.split("=", 1) for argument in named)
    wall: dict[str, list[float]] = {name: [] for name in commands}
    cpu: dict[str, list[float]] = {name: [] for name in commands}
    peaks = dict.fromkeys(commands, 0)
    for round_ in range(runs + 1):  # the first round warms the file cache and is not counted
        for name, command in commands.items():
            start = time.perf_counter()
            process = subprocess.Popen(shlex.split(command), stdout=subprocess.DEVNULL)
            _, status, usage = os.wait4(process.pid, 0)
            if os.waitstatus_to_exitcode(status) != 0:
                raise SystemExit(f"{command} failed")
            if round_:
                wall[name].append(time.perf_counter() - start)
                cpu[name].append(usage.ru_utime + usage.ru_stime)
                peaks[name] = max(peaks[name], usage.ru_maxrss // 1024)
    first = next(iter(commands))
    base_wall, base_cpu = statistics.median(wall[first]), statistics.median(cpu[first])
    for name in commands:
        w, c = statistics.median(wall[name]), statistics.median(cpu[name])
        print(
            f"{name:12} wall {w * 1000:6.0f} ms {w / base_wall:5.2f}x  cpu {c * 1000:6.0f} ms"
            f" {c / base_cpu:5.2f}x  peak {peaks[name]} MiB"
        )


if __name__ == "__main__":
    if sys.argv[1] == "compare":
        compare(int(sys.argv[2]), sys.argv[3:])
    else:
        main(sys.argv[1], sys.argv[2])
