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


def test_the_japanese_lever_headline_does_not_break_inside_a_phrase() -> None:
    # "次のどれか 1 つ" (spaces inside a Japanese phrase) let the terminal wrap between "1" and
    # "つ" at any width; Japanese writes the count against its counter: "どれか1つ".
    done = run_cli("whatif", SCENARIOS, "--cap", "inquiry=150", "--lang", "ja")
    assert done.code == 0, done.stderr
    assert "KGIに届くには、次のどれか1つ：" in done.stdout
    assert "KGI \n" not in done.stdout
    assert "どれか 1" not in done.stdout


def test_whatif_on_a_plan_without_scenarios_says_how_to_ask() -> None:
    # plans/example.yaml has no `scenarios:`; `whatif` used to print the base alone, no word why.
    done = run_cli("whatif", PLANS / "example.yaml")
    assert done.code == 0, done.stderr
    assert "the plan has no `scenarios:`" in done.stdout and "--cap STAGE=N" in done.stdout
    ja = run_cli("whatif", PLANS / "example.yaml", "--lang", "ja")
    assert "計画に `scenarios:` がなく" in ja.stdout
    asked = run_cli("whatif", PLANS / "example.yaml", "--cap", "inquiry=150")
    assert "no `scenarios:`" not in asked.stdout


def test_a_scenario_named_twice_is_shown_once() -> None:
    done = run_cli("whatif", SCENARIOS, "--scenario", "stretch", "--scenario", "stretch")
    assert done.code == 0, done.stderr
    assert done.stdout.count("stretch: revenue") == 1


def test_whatif_shows_what_a_headcount_scenario_does_to_capacity() -> None:
    # `teams.<id>.headcount` changes no count, so `whatif` used to show the scenario as "0 (0%)"
    # everywhere while the base's over-capacity months (target's headline) went unmentioned.
    # By hand, 2027-08 (month 5): inside_sales 4 × 40 = 160 leads ≥ 136; sales 6 starting people
    # kept 1 − 4 × 15%/12 = 95% → 5.7, plus the 2 hires of 2027-05 in their 4th month at 75%,
    # kept 1 − 3 × 1.25% → 2 × 0.75 × 0.9625 = 1.44375: 7.14375 × 12 = 85.7 meetings ≥ 68.
    done = run_cli(
        "whatif",
        PLANS / "example-capacity.yaml",
        "--set",
        "teams.inside_sales.headcount=4",
        "--set",
        "teams.sales.headcount=6",
    )
    assert done.code == 0, done.stderr
    assert "Base: Over capacity: sales 商談 in 2027-08 (68 against 62.93)." in done.stdout
    assert "With --set: no month is over capacity." in done.stdout
    ja = run_cli(
        "whatif",
        PLANS / "example-capacity.yaml",
        "--set",
        "teams.sales.headcount=5",
        "--lang",
        "ja",
    )
    assert "--set の値：処理能力超過：inside_salesのリード" in ja.stdout  # 3 × 40 = 120 < 136
