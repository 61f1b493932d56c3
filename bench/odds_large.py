"""The odds of reaching the KGI on large plans: the products on words against the plain products.

    python bench/odds_large.py                 # 5 rounds; --rounds 9 for more
    python bench/odds_large.py --no-plain      # leave out the plain products (seconds a run)

In one process (CPU time, `time.process_time`), each round computes `target_odds` on the
36-month x 100-segment x 12-stage plan of bench/gen_big_plan.py and on the 40-segment plan of
bench/plan-segments.yaml three ways, interleaved: every product through `multiply` (the plain
products, as before the change: FAST_WORK set past any product), the running distribution on
64-bit words with Python's integers, and the same with GMP's (gmpy2). All three must give the same
probability and error bound, to the last unit of 2^-64 (checked). Then, as separate processes
paired round by round, `funnelplan target` (default table, output to a pipe) on
plans/example.yaml and on the large plan, and the large plan once more with the odds left out
(what the rest of the run costs): the issue-16 goal is the large plan <= 3x the example.
Medians of the rounds are printed. Standard library only (gmpy2 when installed).
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


@contextmanager
def way(name: str) -> Iterator[None]:
    from funnelplan.core import odds

    saved_work, saved_integers = odds.FAST_WORK, odds._integers
    if name == "plain":
        odds.FAST_WORK = 1 << 62
    elif name == "words, Python ints":

        def python_integers() -> Callable[[bytes], Any]:
            return lambda raw: int.from_bytes(raw, "little")

        odds._integers = python_integers  # type: ignore[assignment]
    try:
        yield
    finally:
        odds.FAST_WORK, odds._integers = saved_work, saved_integers


def in_process(plans: dict[str, Path], ways: list[str], rounds: int) -> None:
    from funnelplan.core.odds import target_odds
    from funnelplan.core.target import build_target
    from funnelplan.load.planfile import load_plan

    reports = {name: build_target(load_plan(path)) for name, path in plans.items()}
    times: dict[tuple[str, str], list[float]] = {}
    answers: dict[tuple[str, str], tuple[object, object]] = {}
    for _ in range(rounds):
        for plan, report in reports.items():
            for chosen in ways:
                with way(chosen):
                    start = time.process_time()
                    result = target_odds(report)
                    spent = time.process_time() - start
                assert result.odds is not None, result.reason
                times.setdefault((plan, chosen), []).append(spent)
                answers[(plan, chosen)] = (result.odds.probability, result.odds.error)
    for plan in reports:
        first = answers[(plan, ways[0])]
        assert all(answers[(plan, w)] == first for w in ways), f"{plan}: the ways differ"
        probability, error = first
        print(
            f"\n{plan}: P = {float(probability):.6f} (error bound {float(error):.2e}), same in all"
        )  # type: ignore[arg-type]
        base = statistics.median(times[(plan, ways[0])])
        for chosen in ways:
            median = statistics.median(times[(plan, chosen)])
            print(f"  {chosen:<22} {median * 1000:9.1f} ms CPU  {median / base:6.3f}x")


# `funnelplan target` with the odds replaced by "not computed": what the rest of the run costs
WITHOUT_ODDS = """
import sys
from funnelplan.core import odds
def left_out(report, wanted=None):
    entries = odds.target_entries(report)
    return odds.TargetOdds(None, None, sum(e.top for e in entries), dict(report.total.counts),
                           None, "left out by the benchmark")
odds.target_odds = left_out
from funnelplan.cli import run
sys.argv = ["funnelplan", *sys.argv[1:]]
run()
"""


def whole_process(big: Path, rounds: int) -> None:
    python = sys.executable
    commands = {
        "target plans/example.yaml": [python, "-m", "funnelplan", "target", "plans/example.yaml"],
        "target (36x100x12 plan)": [python, "-m", "funnelplan", "target", str(big)],
        "the same, odds left out": [python, "-c", WITHOUT_ODDS, "target", str(big)],
    }
    subprocess.run([python, "-m", "compileall", "-q", "src/funnelplan"], cwd=ROOT, check=True)
    walls: dict[str, list[float]] = {name: [] for name in commands}
    cpus: dict[str, list[float]] = {name: [] for name in commands}
    ratios: list[tuple[float, float]] = []
    ratios_rest: list[tuple[float, float]] = []
    large, example = "target (36x100x12 plan)", "target plans/example.yaml"
    for index in range(rounds + 1):
        order = list(commands) if index % 2 == 0 else list(reversed(commands))
        spent: dict[str, tuple[float, float]] = {}
        for name in order:
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            subprocess.run(commands[name], cwd=ROOT, capture_output=True, check=True)
            wall = time.perf_counter() - start
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
            spent[name] = (wall, cpu)
        if index == 0:
            continue  # a warm-up round
        for name, (wall, cpu) in spent.items():
            walls[name].append(wall)
            cpus[name].append(cpu)
        ratios.append((spent[large][0] / spent[example][0], spent[large][1] / spent[example][1]))
        rest = spent["the same, odds left out"]
        ratios_rest.append((rest[0] / spent[example][0], rest[1] / spent[example][1]))
    print("\nwhole process, medians (wall / CPU):")
    for name in commands:
        wall, cpu = statistics.median(walls[name]), statistics.median(cpus[name])
        print(f"  {name:<28} {wall * 1000:8.0f} ms / {cpu * 1000:6.0f} ms")
    for label, paired in (("large", ratios), ("large, odds left out", ratios_rest)):
        wall_ratio = statistics.median(r[0] for r in paired)
        cpu_ratio = statistics.median(r[1] for r in paired)
        print(f"  {label} / example, paired: {wall_ratio:.2f}x / {cpu_ratio:.2f}x (goal <= 3x)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--no-plain", action="store_true")
    arguments = parser.parse_args()
    sys.path.insert(0, str(ROOT / "bench"))
    from gen_big_plan import big_plan

    ways = ["plain", "words, Python ints", "words, GMP"]
    if arguments.no_plain:
        ways = ways[1:]
    try:
        import gmpy2  # noqa: F401
    except ImportError:
        print("gmpy2 is not installed: 'words, GMP' runs on Python's integers")
    with tempfile.TemporaryDirectory() as folder:
        big = Path(folder) / "big-plan.yaml"
        big.write_text(big_plan(), encoding="utf-8")
        plans = {"36x100x12 plan": big, "40-segment plan": ROOT / "bench" / "plan-segments.yaml"}
        in_process(plans, ways, arguments.rounds)
        whole_process(big, arguments.rounds)


if __name__ == "__main__":
    main()
