"""The trial's attack battery on the new options: each a clean exit 2 (or 0), never a traceback."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from runner import PLANS, run_cli

SCENARIOS = str(PLANS / "example-scenarios.yaml")
CAPACITY = str(PLANS / "example-capacity.yaml")
ANSWERS = str(PLANS / "example-assessment.csv")


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (("target", SCENARIOS, "--set", "funnel.apointment.rate=30%"), "did you mean"),
        (("whatif", SCENARIOS, "--cap", "inqury=150"), "did you mean 'inquiry'?"),
        (("target", SCENARIOS, "--scenario", "strech"), "did you mean 'stretch'?"),
        (("gap", str(PLANS / "example.yaml"), "--scenario", "x"), "no scenario 'x'"),
        (("target", SCENARIOS, "--set", "kgi.revenue=abc"), "not an amount of money"),
        (("target", SCENARIOS, "--set", "funnel.inquiry.rate=150%"), "more than 100%"),
        (("whatif", SCENARIOS, "--cap", "inquiry=-1"), "cannot be negative"),
        (("whatif", SCENARIOS, "--cap", "inquiry=1e999"), "whole number"),
        (("whatif", SCENARIOS, "--cap", "inquiry="), "whole number"),
        (("whatif", SCENARIOS, "--cap", "inquiry=1.5"), "whole number"),
        (("whatif", SCENARIOS, "--cap", "inquiry=1", "--cap", "inquiry=2"), "inquiry"),
        (("target", SCENARIOS, "--set", "deal_size=1e-999999999"), "far too small"),
        (("target", SCENARIOS, "--set", "funnel.inquiry.lag=240"), "longer than 24"),
        (("target", SCENARIOS, "--set", "kgi.revenue=[1,2]"), "needs one value"),
        (("target", SCENARIOS, "--set", "foo"), "is not KEY=VALUE"),
        (("whatif", "/dev/zero"), "a device is not a file"),
        (("assess", "/dev/zero"), "a device is not a file"),
        (("target", CAPACITY, "--hire", "-o", CAPACITY), "-o"),
        (("assess", ANSWERS, "-o", ANSWERS), "which this command reads"),
    ],
)
def test_bad_input_is_a_clean_problem(args: tuple[str, ...], said: str) -> None:
    done = run_cli(*args)
    assert done.code == 2, done.stderr
    assert said in done.stderr and "Traceback" not in done.stderr
    assert "internal error" not in done.stderr


def test_a_fifo_as_the_plan_or_the_answers(tmp_path: Path) -> None:
    fifo = tmp_path / "plan.fifo"
    os.mkfifo(fifo)
    for command in ("whatif", "assess", "target"):
        done = run_cli(command, fifo)
        assert done.code == 2 and "a pipe (FIFO) is not a file" in done.stderr, command


def test_a_plan_cut_mid_file(tmp_path: Path) -> None:
    cut = tmp_path / "cut.yaml"
    cut.write_bytes(
        Path(SCENARIOS).read_bytes()[:700]
    )  # ends on `scenarios:` with nothing under it
    done = run_cli("whatif", cut)
    assert done.code == 2 and f"{cut}:17:" in done.stderr and "Traceback" not in done.stderr
