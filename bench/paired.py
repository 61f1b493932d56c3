"""Paired whole-process timings without hyperfine: the commands run in turn, RUNS rounds.

    python bench/paired.py RUNS 'name=command' 'name=command' ...

Prints each command's median wall time, median CPU time (user + system of the child: steadier
when other work shares the machine) and peak RSS (os.wait4's rusage), and each median's ratio to
the first command's. Round-robin, so a busy machine slows every command alike.
"""

from __future__ import annotations

import os
import shlex
import statistics
import subprocess
import sys
import time


def run(command: list[str]) -> tuple[float, float, int]:
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{shlex.join(command)} failed")
    return elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss // 1024


def main() -> None:
    runs = int(sys.argv[1])
    named = [argument.split("=", 1) for argument in sys.argv[2:]]
    commands = {name: shlex.split(command) for name, command in named}
    times: dict[str, list[float]] = {name: [] for name in commands}
    cpu: dict[str, list[float]] = {name: [] for name in commands}
    peaks: dict[str, int] = dict.fromkeys(commands, 0)
    for command in commands.values():  # warm-up: the file cache
        run(command)
    for _ in range(runs):
        for name, command in commands.items():
            elapsed, used, peak = run(command)
            times[name].append(elapsed)
            cpu[name].append(used)
            peaks[name] = max(peaks[name], peak)
    first = statistics.median(times[named[0][0]])
    first_cpu = statistics.median(cpu[named[0][0]])
    for name in commands:
        median, used = statistics.median(times[name]), statistics.median(cpu[name])
        print(
            f"{name:24} {median * 1000:8.0f} ms  {median / first:5.2f}x"
            f"  cpu {used * 1000:6.0f} ms  {used / first_cpu:5.2f}x  peak {peaks[name]} MiB"
        )


if __name__ == "__main__":
    main()
