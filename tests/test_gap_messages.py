"""gap's problems name what the user did: a missing month is the actuals' fault unless --as-of asked."""

from __future__ import annotations

from pathlib import Path

from runner import PLANS, run_cli

HEADER = "月,問い合わせ,リード,商談,受注,売上\n2027-03,220,86,43,0,0\n"


def _without_may(tmp_path: Path) -> Path:
    path = tmp_path / "a.csv"
    path.write_text(
        HEADER + '2027-04,214,79,41,8,"15,200,000"\n2027-06,231,84,42,8,"14,600,000"\n', "utf-8"
    )
    return path


def test_a_missing_month_is_blamed_on_the_actuals_when_no_as_of_was_given(tmp_path: Path) -> None:
    done = run_cli("gap", PLANS / "example.yaml", "--actuals", _without_may(tmp_path))
    assert done.code == 2
    assert (
        "a.csv: month: the actuals have no row for 2027-05 (comparing up to 2027-06)" in done.stderr
    )
    assert "--as-of:" not in done.stderr


def test_a_missing_month_names_as_of_when_it_was_given(tmp_path: Path) -> None:
    actuals = _without_may(tmp_path)
    done = run_cli("gap", PLANS / "example.yaml", "--actuals", actuals, "--as-of", "2027-06")
    assert done.code == 2
    assert "--as-of: the actuals have no row for 2027-05" in done.stderr
