"""`gap --fail-if-behind` and `--fail-if-at-risk`: what the help says is what fires (issue 9)."""

from __future__ import annotations

from pathlib import Path

import pytest

from runner import PLANS, run_cli

HEADER = "月,問い合わせ,リード,商談,受注,売上\n2027-03,220,86,43,0,0\n"


def _actuals(tmp_path: Path, june_revenue: int) -> Path:
    # plan to date (Apr-Jun) is ¥51,428,571 (tests/test_gap.py works it by hand); Apr + May are
    # ¥28,500,000, so June decides the attainment.
    path = tmp_path / "actuals.csv"
    path.write_text(
        HEADER
        + '2027-04,214,79,41,8,"15,200,000"\n2027-05,226,81,40,7,"13,300,000"\n'
        + f'2027-06,231,84,42,8,"{june_revenue:,}"\n',
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize(
    ("june", "behind_code", "at_risk_code"),
    [
        (14_600_000, 3, 3),  # 43,100,000 / 51,428,571 = 83.8%: behind
        # 85% of 51,428,571 is 43,714,285.35: June 15,214,285 leaves 43,714,285 just below it
        (15_214_285, 3, 3),
        (15_214_286, 0, 3),  # 43,714,286: at risk, the behind mark passed by one yen
        (17_800_000, 0, 3),  # 46,300,000 / 51,428,571 = 90.0%: at risk (85% <= x < 95%)
        (22_000_000, 0, 0),  # 50,500,000 / 51,428,571 = 98.2%: on track
    ],
)
def test_each_flag_fires_on_its_mark(
    tmp_path: Path, june: int, behind_code: int, at_risk_code: int
) -> None:
    actuals = _actuals(tmp_path, june)
    plan = PLANS / "example.yaml"
    assert run_cli("gap", plan, "--actuals", actuals, "--fail-if-behind").code == behind_code
    assert run_cli("gap", plan, "--actuals", actuals, "--fail-if-at-risk").code == at_risk_code
    assert run_cli("gap", plan, "--actuals", actuals).code == 0


def test_the_help_names_the_marks() -> None:
    shown = " ".join(run_cli("gap", "--help").stdout.split())
    assert "marked behind" in shown and "at risk or behind" in shown
