"""`target --confidence 80%` and `sensitivity` against `target` on a 40-segment, 24-month plan.

    python bench/gen_segments.py          # writes bench/plan-segments.yaml (once)
    python bench/odds_sensitivity.py      # RUNS=15 by default; prints medians and ratios

Each command runs RUNS times as its own process (`python -m funnelplan ... -f json`, output
discarded), interleaved so a busy machine slows all three alike. Wall time and CPU time (user +
system of the child, steadier on a shared machine) are reported as medians; the goal is both
within 3x of `target` (which itself includes the odds of reaching the KGI).
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PLAN = "bench/plan-segments.yaml"
COMMANDS = {
    "target": ["target", PLAN],
    "target --confidence 80%": ["target", PLAN, "--confidence", "80%"],
    "sensitivity": ["sensitivity", PLAN],
}


def run_once(args: list[str]) -> tuple[float, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "funnelplan", *args, "-f", "json"],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        check=True,
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main() -> None:
    if not (ROOT / PLAN).exists():
        subprocess.run([sys.executable, "bench/gen_segments.py"], cwd=ROOT, check=True)
    subprocess.run([sys.executable, "-m", "compileall", "-q", "src/funnelplan"], cwd=ROOT)
    runs = int(os.environ.get("RUNS", "15"))
    walls: dict[str, list[float]] = {name: [] for name in COMMANDS}
    cpus: dict[str, list[float]] = {name: [] for name in COMMANDS}
    for args in COMMANDS.values():  # warm-up
        run_once(args)
    for _ in range(runs):
        for name, args in COMMANDS.items():
            wall, cpu = run_once(args)
            walls[name].append(wall)
            cpus[name].append(cpu)
    base_wall = statistics.median(walls["target"])
    base_cpu = statistics.median(cpus["target"])
    print(f"{runs} runs each, {PLAN}")
    print(f"{'command':<26}{'wall median':>12}{'ratio':>8}{'cpu median':>12}{'ratio':>8}")
    for name in COMMANDS:
        wall, cpu = statistics.median(walls[name]), statistics.median(cpus[name])
        print(
            f"{name:<26}{wall * 1000:>9.0f} ms{wall / base_wall:>7.2f}x"
            f"{cpu * 1000:>9.0f} ms{cpu / base_cpu:>7.2f}x"
        )


if __name__ == "__main__":
    main()
