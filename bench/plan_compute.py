"""Time the calculation alone (no rendering): `target` and `gap` on the big plan vs the example.

    python bench/plan_compute.py [RUNS]          # default 7 runs each, medians and ratios

The big plan is bench/gen_compute_plan.py's 36 months x 100 segments x 12 stages; its actuals are the
plan's own team counts for the first 12 months, 90% of them (so the catch-up has work to do).
Both plans are loaded once; each run times build_target, then build_gap, in the same process,
example and big interleaved (paired), so a busy machine slows both alike.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from fractions import Fraction
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from funnelplan.core.commitments import build_target
from funnelplan.core.gap import build_gap
from funnelplan.load.actuals import read_actuals
from funnelplan.load.planfile import load_plan
from gen_compute_plan import big_plan

ROOT = Path(__file__).parent.parent


def big_actuals_csv(plan_path: Path, months: int = 12) -> Path:
    plan = load_plan(plan_path)
    report = build_target(plan)
    ids = [s.id for s in report.stages]
    lines = ["month," + ",".join(s.label for s in report.stages) + ",revenue"]
    rows = [row for row in report.months][: len(report.pre_period_months) + months]
    for row in rows:
        counts = [int(row.counts[sid] * Fraction(9, 10)) for sid in ids]
        lines.append(f"{row.month}," + ",".join(map(str, counts)) + f",{int(row.revenue * 9 / 10)}")
    path = plan_path.with_name("big-actuals.csv")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    folder = Path(tempfile.mkdtemp(prefix="funnelplan-bench-"))
    big_path = folder / "big.yaml"
    big_path.write_text(big_plan(), encoding="utf-8")
    big = load_plan(big_path)
    big_table = read_actuals(big_actuals_csv(big_path), big)
    example = load_plan(ROOT / "plans" / "example.yaml")
    example_table = read_actuals(ROOT / "plans" / "example-actuals.csv", example)
    times: dict[str, list[float]] = {}

    def timed(name: str, work: object) -> None:
        start = time.perf_counter()
        work()  # type: ignore[operator]
        times.setdefault(name, []).append(time.perf_counter() - start)

    for _ in range(runs):
        timed("target example", lambda: build_target(example))
        timed("target big", lambda: build_target(big))
        timed("gap example", lambda: build_gap(example, example_table))
        timed("gap big", lambda: build_gap(big, big_table))
    medians = {name: statistics.median(values) for name, values in times.items()}
    for name, value in medians.items():
        print(f"{name:16} {value * 1000:9.1f} ms (median of {runs})")
    for command in ("target", "gap"):
        ratio = medians[f"{command} big"] / medians[f"{command} example"]
        print(f"{command}: big / example = {ratio:.0f}x")


if __name__ == "__main__":
    main()
