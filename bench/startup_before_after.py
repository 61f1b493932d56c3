"""Start-up before and after a change: the default-format commands of two trees, paired, in CPU.

    git archive 3153a36 | (mkdir -p /tmp/before && tar -x -C /tmp/before)
    python bench/startup_before_after.py /tmp/before          # 20 rounds; --rounds 40 for more

Each round runs the floor (bench/floor_app.py), then `target`, `gap` and `check` on
plans/example.yaml and `actuals` on plans/example-crm.yaml, each from the other tree (its `src`
first on PYTHONPATH) and from this one, in an order that rotates from round to round. Prints each
command's median CPU time (user + system of the child: steadier than wall time on a shared
machine) and the median of its per-round ratio to the floor. Both trees are compiled to bytecode
first, as a pip install is. Standard library only.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COMMANDS = {
    "target": ["target", "plans/example.yaml"],
    "gap": ["gap", "plans/example.yaml"],
    "check": ["check", "plans/example.yaml"],
    "actuals": ["actuals", "plans/example-crm.yaml"],
}


def cpu_seconds(command: list[str], environment: dict[str, str]) -> float:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run(command, cwd=ROOT, env=environment, capture_output=True, check=False)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{done.stderr.decode()[-2000:]}")
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("before", type=Path, help="the other tree (a checkout or an archive)")
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--warmup", type=int, default=2)
    arguments = parser.parse_args()
    python = sys.executable
    plain = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE",)}
    plain.pop("PYTHONPATH", None)
    other = {**plain, "PYTHONPATH": str(arguments.before.resolve() / "src")}
    for tree in (ROOT, arguments.before.resolve()):
        subprocess.run([python, "-m", "compileall", "-q", str(tree / "src")], check=True)
    runs: dict[str, tuple[list[str], dict[str, str]]] = {
        "floor": ([python, "bench/floor_app.py", "target", "plans/example.yaml"], plain)
    }
    for name, args in COMMANDS.items():
        runs[f"{name} before"] = ([python, "-m", "funnelplan", *args], other)
        runs[f"{name} after"] = ([python, "-m", "funnelplan", *args], plain)
    names = list(runs)
    times: dict[str, list[float]] = {name: [] for name in names}
    for round_number in range(arguments.warmup + arguments.rounds):
        shift = round_number % len(names)
        for name in names[shift:] + names[:shift]:
            spent = cpu_seconds(*runs[name])
            if round_number >= arguments.warmup:
                times[name].append(spent)
    print(f"{arguments.rounds} rounds, {python}")
    print(f"{'command':18s} {'cpu median':>11s} {'/ floor':>8s}")
    for name in names:
        ratios = [spent / floor for spent, floor in zip(times[name], times["floor"], strict=True)]
        median = 1000 * statistics.median(times[name])
        print(f"{name:18s} {median:8.1f} ms {statistics.median(ratios):7.2f}x")


if __name__ == "__main__":
    main()
