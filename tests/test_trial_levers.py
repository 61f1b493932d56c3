"""What a new user and an attacker found in --set/--scenario and `whatif` (each fails before its fix)."""

from __future__ import annotations

from runner import PLANS, run_cli

SCENARIOS = PLANS / "example-scenarios.yaml"


def test_target_reports_a_bad_scenario_and_bad_sets_at_once() -> None:
    # An unknown --scenario used to hide the --set mistakes beside it (1 problem, then 2 more
    # on the next run): every problem at once.
    done = run_cli(
        "target",
        SCENARIOS,
        "--scenario",
        "strech",
        "--set",
        "funnel.apointment.rate=30%",
        "--set",
        "kgi.revenue=abc",
    )
    assert done.code == 2 and "Traceback" not in done.stderr
    assert "did you mean 'stretch'?" in done.stderr
    assert "did you mean 'funnel.appointment.rate'?" in done.stderr
    assert "'abc' is not an amount of money" in done.stderr
    assert "3 problems" in done.stderr


def test_whatif_reports_cap_mistakes_with_scenario_and_set_mistakes() -> None:
    # A bad --scenario or --set used to stop before the --cap options were read.
    done = run_cli(
        "whatif",
        SCENARIOS,
        "--scenario",
        "strech",
        "--set",
        "funnel.apointment.rate=30%",
        "--cap",
        "inqury=150",
    )
    assert done.code == 2 and "Traceback" not in done.stderr
    assert "did you mean 'stretch'?" in done.stderr
    assert "did you mean 'funnel.appointment.rate'?" in done.stderr
    assert "did you mean 'inquiry'?" in done.stderr
    assert "3 problems" in done.stderr
