"""Whole-process time of the default (table) output against the stack floor, and of a large plan.

    python bench/table_startup.py              # 30 rounds; ROUNDS=60 for more
    python bench/table_startup.py --rounds 10

Each round runs every command once, in an order that rotates from round to round, so the shared
machine's slow spells fall on all of them alike; a ratio is taken within each round (paired) and
the median of those is printed, with each command's median wall and CPU time (user + system of
the child, steadier on a busy machine). Output goes to a pipe, as `funnelplan target plan.yaml |
less` or a CI log has it: the table at 160 columns, no colour.

Commands: the floor (bench/floor_app.py: a minimal Typer app importing typer, pydantic, rich and
yaml), `funnelplan target` and `funnelplan gap` on plans/example.yaml in their default format (and `check`, and `actuals` on
plans/example-crm.yaml, for reference),
`target --format markdown` for comparison, and `target` and `gap` on the 36-month x 100-segment x
12-stage plan that bench/gen_big_plan.py writes (gap with bench/plan_compute.py's actuals: 90% of
the plan's counts for its first 12 months). Goals (issue 16): table start-up <= 1.1x the floor; the
large plan's `target` and `gap` tables <= 3x the example plan's. No dependency beyond the standard library.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def commands(python: str, big_plan: Path, big_actuals: Path) -> dict[str, list[str]]:
    example = "plans/example.yaml"
    return {
        "floor": [python, "bench/floor_app.py", "target", example],
        "target": [python, "-m", "funnelplan", "target", example],
        "gap": [python, "-m", "funnelplan", "gap", example],
        "check": [python, "-m", "funnelplan", "check", example],
        "actuals": [python, "-m", "funnelplan", "actuals", "plans/example-crm.yaml"],
        "target-markdown": [python, "-m", "funnelplan", "target", example, "-f", "markdown"],
        "target-big": [python, "-m", "funnelplan", "target", str(big_plan)],
        "gap-big": [
            python,
            "-m",
            "funnelplan",
            "gap",
            str(big_plan),
            "--actuals",
            str(big_actuals),
        ],
    }


def run_once(command: list[str], environment: dict[str, str]) -> tuple[float, float]:
    """Wall seconds and CPU seconds (user + system) of one run, its output to a pipe."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, cwd=ROOT, env=environment, capture_output=True, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{done.stderr.decode()[-2000:]}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=int(os.environ.get("ROUNDS", "30")))
    parser.add_argument("--warmup", type=int, default=3)
    arguments = parser.parse_args()
    python = os.environ.get("PYTHON", sys.executable)
    sys.path.insert(0, str(ROOT / "bench"))
    from gen_big_plan import big_plan
    from plan_compute import big_actuals_csv as big_actuals

    # what users run: a pip install compiles bytecode (an editable checkout under
    # PYTHONDONTWRITEBYTECODE would otherwise recompile every module on every run)
    subprocess.run([python, "-m", "compileall", "-q", "src/funnelplan"], cwd=ROOT, check=True)
    environment = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "COLUMNS")}
    environment.pop("PYTHONDONTWRITEBYTECODE", None)
    with tempfile.TemporaryDirectory() as folder:
        big = Path(folder) / "big-plan.yaml"
        big.write_text(big_plan(), encoding="utf-8")
        chosen = commands(python, big, big_actuals(big))
        names = list(chosen)
        for _ in range(arguments.warmup):
            for name in names:
                run_once(chosen[name], environment)
        wall: dict[str, list[float]] = {name: [] for name in names}
        cpu: dict[str, list[float]] = {name: [] for name in names}
        for round_number in range(arguments.rounds):
            shift = round_number % len(names)
            for name in names[shift:] + names[:shift]:
                seconds, used = run_once(chosen[name], environment)
                wall[name].append(seconds)
                cpu[name].append(used)
    print(f"{arguments.rounds} rounds, {python}")
    print(f"{'command':<18}{'wall median':>13}{'cpu median':>13}")
    for name in names:
        print(
            f"{name:<18}{statistics.median(wall[name]) * 1000:>10.1f} ms"
            f"{statistics.median(cpu[name]) * 1000:>10.1f} ms"
        )

    def ratio(ours: str, base: str, times: dict[str, list[float]]) -> float:
        return statistics.median(a / b for a, b in zip(times[ours], times[base], strict=True))

    print()
    print(f"{'paired ratio (median)':<34}{'wall':>8}{'cpu':>8}  goal")
    for ours, base, goal in (
        ("target", "floor", "<= 1.10x"),
        ("gap", "floor", "<= 1.10x"),
        ("check", "floor", "<= 1.10x"),
        ("actuals", "floor", "<= 1.10x"),
        ("target-markdown", "floor", ""),
        ("target", "target-markdown", ""),
        ("target-big", "target", "<= 3.00x"),
        ("gap-big", "gap", "<= 3.00x"),
    ):
        label = f"{ours} / {base}"
        print(f"{label:<34}{ratio(ours, base, wall):>7.2f}x{ratio(ours, base, cpu):>7.2f}x  {goal}")
    print()
    in_process = [python, str(Path(__file__).resolve()), "--in-process"]
    print(subprocess.run(in_process, cwd=ROOT, capture_output=True, text=True, check=True).stdout)


def _best(step, repeats: int):  # type: ignore[no-untyped-def]
    """The least CPU time of `repeats` calls of `step`, in ms, and its result."""
    times, result = [], None
    for _ in range(repeats):
        start = time.process_time()
        result = step()
        times.append(time.process_time() - start)
    return min(times) * 1000, result


def _breakdown(path: Path, repeats: int) -> dict[str, float]:
    from funnelplan.core.commitments import build_target
    from funnelplan.formats.markdown import render_markdown
    from funnelplan.formats.terminal import render_terminal
    from funnelplan.load.planfile import load_plan
    from funnelplan.views.display import style_for
    from funnelplan.views.document import Table
    from funnelplan.views.presentation import Language, presentation_for
    from funnelplan.views.target import target_document

    plan = load_plan(path)
    row: dict[str, float] = {}
    row["compute (build_target)"], report = _best(lambda: build_target(plan), repeats)
    shown = presentation_for(plan, Language.en, None)
    style = style_for(report, shown.money_unit, shown.count_unit)
    view = lambda: target_document(report, shown.words, style)  # noqa: E731
    row["view (target_document)"], document = _best(view, repeats)
    row["table (render_terminal)"], _ = _best(lambda: render_terminal(document, style), repeats)
    row["markdown (render_markdown)"], _ = _best(lambda: render_markdown(document, style), repeats)
    tables = [block for block in document.blocks if isinstance(block, Table)]
    row["table cells (count)"] = sum(len(t.rows) * len(t.columns) for t in tables)
    return row


def in_process(repeats: int = 5) -> None:
    """Where a `target` run's time goes, in this process (CPU time, best of `repeats`)."""
    from gen_big_plan import big_plan

    with tempfile.TemporaryDirectory() as folder:
        big = Path(folder) / "big-plan.yaml"
        big.write_text(big_plan(), encoding="utf-8")
        example = _breakdown(ROOT / "plans" / "example.yaml", repeats)
        large = _breakdown(big, repeats)
    print(f"{'in process, ms (best of ' + str(repeats) + ')':<30}{'example':>10}{'36x100x12':>12}")
    for name in example:
        print(f"{name:<30}{example[name]:>10.1f}{large[name]:>12.1f}")


if __name__ == "__main__":
    if sys.argv[1:] == ["--in-process"]:
        sys.path.insert(0, str(ROOT / "bench"))
        in_process()
    else:
        main()
