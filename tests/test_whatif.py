"""`funnelplan whatif`: the worked example by hand, scenarios side by side, every format's golden
file, and bad `--cap` / `--scenario` input."""

from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path

import pytest

from funnelplan.core.commitments import build_target
from funnelplan.core.rounding import money_shown_up, rate_shown_up
from funnelplan.core.whatif import Cap, build_whatif, funnel_for, run_forward
from funnelplan.load.planfile import load_plan
from gold import assert_gold
from runner import PLANS, run_cli

SCENARIOS = PLANS / "example-scenarios.yaml"


def test_the_worked_example_by_hand() -> None:
    """6 months, ¥60M KGI, ¥1M deals, 40% / 50% / 25%, no lags, inquiries capped at 150 a month.

    The plan needs 10 deals a month: 10 / 25% = 40 appointments, / 50% = 80 leads, / 40% = 200
    inquiries. At 150 inquiries a month the running totals after m months are 150m inquiries,
    floor(150m x 40%) = 60m leads, 30m appointments and floor(7.5m) deals: 7, 15, 22, 30, 37, 45.
    45 deals x ¥1M = ¥45,000,000 reachable.
    Needed alone (the period's end decides: 900 inquiries, 360 leads, 180 appointments):
    - inquiry->lead r: floor(floor(900r) x 50% x 25%) >= 60 <=> floor(900r) >= 480 <=> r >= 8/15
    - lead->appointment r: floor(floor(360r) x 25%) >= 60 <=> 360r >= 240 <=> r >= 2/3
    - close rate r: floor(180r) >= 60 <=> r >= 1/3
    - deal size d: 45d >= 60,000,000 <=> d >= 1,333,333.33..., shown ¥1,333,334
    - volume: 200 inquiries a month (the plan's own)
    """
    report = build_whatif(build_target(load_plan(SCENARIOS)), [], [Cap("inquiry", 150)])
    assert report.reachable_revenue == 45_000_000
    assert report.reachable_ratio == Fraction(3, 4)
    solved = {item.lever: item for item in report.solve}
    assert solved["rate:inquiry"].needed == Fraction(8, 15)
    assert solved["rate:inquiry"].shown == Fraction(534, 1000)  # 53.4%, rounded up
    assert solved["rate:lead"].needed == Fraction(2, 3)
    assert solved["rate:lead"].shown == Fraction(667, 1000)
    assert solved["rate:appointment"].needed == Fraction(1, 3)
    assert solved["rate:appointment"].shown == Fraction(334, 1000)
    assert solved["deal_size"].needed == Fraction(60_000_000, 45)
    assert solved["deal_size"].shown == 1_333_334
    assert solved["volume"].needed == 200
    assert [item.owner for item in report.solve] == ["marketing"] * 3 + ["sales"] * 2
    assert all(item.possible for item in report.solve)


def test_the_worked_example_on_the_command_line() -> None:
    done = run_cli("whatif", SCENARIOS, "--cap", "inquiry=150", "--scenario", "stretch")
    assert done.code == 0, done.stderr
    assert (
        "With 問い合わせ at 150 a month, revenue reaches ¥45,000,000 (75% of the KGI of "
        "¥60,000,000)." in done.stdout
    )
    assert "問い合わせ → リード rate: 53.4% (now 40%)" in done.stdout
    assert "Deal size: ¥1,333,334 (now ¥1,000,000)" in done.stdout
    japanese = run_cli(
        "whatif", SCENARIOS, "--cap", "inquiry=150", "--lang", "ja", "-f", "markdown"
    )
    assert "問い合わせは月150件までとすると、売上は4,500万円（KGI 6,000万円の75%）に届きます。" in (
        japanese.stdout
    )
    assert "顧客単価：¥1,333,334（現在¥1,000,000）" in japanese.stdout  # in full, never 133万円


def test_json_contract() -> None:
    done = run_cli("whatif", SCENARIOS, "--cap", "inquiry=150", "-f", "json")
    assert done.code == 0, done.stderr
    report = json.loads(done.stdout)
    assert set(report) >= {"base", "scenarios", "solve", "reachable_revenue"}
    assert report["reachable_revenue"] == 45_000_000
    assert report["base"] == json.loads(run_cli("target", SCENARIOS, "-f", "json").stdout)
    names = [scenario["name"] for scenario in report["scenarios"]]
    assert names == ["stretch", "better_close", "more_leads"]  # all of them, in the plan's order
    better = report["scenarios"][1]
    assert better["set"] == {"funnel.appointment.rate": "30%", "deal_size": "1200000"}
    assert better["target"] == json.loads(
        run_cli("target", SCENARIOS, "--scenario", "better_close", "-f", "json").stdout
    )
    levers = {item["lever"]: item for item in report["solve"]}
    assert levers["rate:inquiry"] == {
        "lever": "rate:inquiry",
        "segment": None,
        "owner": "marketing",
        "kind": "rate",
        "current": "0.4",
        "needed": "0.534",
        "exact": "8/15",
        "possible": True,
    }
    assert levers["deal_size"]["needed"] == 1333334
    assert levers["volume"]["needed"] == 200


def test_scenarios_side_by_side_against_the_base() -> None:
    plan = load_plan(SCENARIOS)
    from funnelplan.load.overrides import load_variants

    base, variants = load_variants(SCENARIOS, ["stretch"])
    report = build_whatif(
        build_target(base), [(v.name, v.settings, build_target(v.plan)) for v in variants]
    )
    stretch = report.scenarios[0]
    # ¥75M over 6 months = 12.5 deals a month: running totals 13, 25, 38, 50, 63, 75 -> 75 deals;
    # 75 / 25% = 300 appointments, 600 leads, 1,500 inquiries (base 1,200: +300, +25%)
    inquiry = stretch.stages[0]
    assert (inquiry.total, inquiry.change, inquiry.change_ratio) == (1500, 300, Fraction(1, 4))
    assert inquiry.peak == 260 and str(inquiry.peak_month) == "2027-04"  # 13 deals x 20
    assert stretch.revenue == 75_000_000 and stretch.revenue_change == 15_000_000
    assert report.base.stages[0].change == 0
    assert plan.scenarios["stretch"] == {"kgi.revenue": "7500万円"}


def test_no_value_can_when_a_rate_would_pass_100_percent(tmp_path: Path) -> None:
    """Leads capped at 10 a month: at most 60 leads -> 15 appointments at 25%... even 100% at
    every step after the cap gives 60 deals x ¥1M = ¥60M exactly; capped at 9 it cannot."""
    report = build_whatif(build_target(load_plan(SCENARIOS)), [], [Cap("lead", 9)])
    solved = {item.lever: item for item in report.solve}
    # 9 a month -> 54 leads -> appointments floor(54 x 50%) = 27 -> deals floor(27 x r)
    assert not solved["rate:appointment"].possible  # 27 x 100% = 27 < 60 deals
    assert not solved["rate:inquiry"].possible  # above the cap: more inquiries cannot pass it
    assert solved["deal_size"].possible
    done = run_cli("whatif", SCENARIOS, "--cap", "lead=9", "--scenario", "stretch")
    assert "no value can" in done.stdout
    assert "No value can: 問い合わせ → リード rate" in done.stdout


def test_segments_solve_each_segments_levers() -> None:
    report = build_whatif(
        build_target(load_plan(PLANS / "example.yaml")), [], [Cap("inquiry", 150)]
    )
    levers = [(item.lever, item.segment) for item in report.solve]
    assert ("rate:appointment", "enterprise") in levers
    assert ("deal_size", "smb") in levers
    assert ("share:enterprise", "enterprise") in levers
    funnel = funnel_for(report.base.report, [Cap("inquiry", 150)])
    assert run_forward(funnel).revenue == report.reachable_revenue


def test_rounding_rules_for_shown_values() -> None:
    assert rate_shown_up(Fraction(8, 15)) == Fraction(534, 1000)
    assert rate_shown_up(Fraction(1, 2)) == Fraction(1, 2)  # exact stays
    assert money_shown_up(Fraction(4_000_000, 3), 0) == 1_333_334
    assert money_shown_up(Fraction(1001, 1000), 2) == Fraction(101, 100)


# -- golden files -------------------------------------------------------------------------------

FORMATS = {"table": "txt", "markdown": "md", "html": "html", "csv": "csv", "json": "json"}


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_every_format_matches_its_golden_file(tmp_path: Path, fmt: str) -> None:
    output = tmp_path / f"out.{FORMATS[fmt]}"
    done = run_cli("whatif", SCENARIOS, "--cap", "inquiry=150", "-o", output)
    assert done.code == 0, done.stderr
    assert_gold(f"whatif/example-scenarios.{FORMATS[fmt]}", output.read_bytes().decode("utf-8"))


@pytest.mark.parametrize("fmt", ["table", "markdown", "html"])
def test_japanese_and_segments_golden_files(fmt: str) -> None:
    done = run_cli(
        "whatif",
        PLANS / "example.yaml",
        "--cap",
        "inquiry=150",
        "--set",
        "kgi.revenue=1.5億円",
        "--lang",
        "ja",
        "-f",
        fmt,
    )
    assert done.code == 0, done.stderr
    assert_gold(f"whatif/example-ja.{FORMATS[fmt]}", done.stdout)


def test_english_plan_golden_json() -> None:
    done = run_cli(
        "whatif",
        PLANS / "example-en.yaml",
        "--cap",
        "lead=40",
        "--set",
        "deal_size=50000",
        "-f",
        "json",
    )
    assert done.code == 0, done.stderr
    assert_gold("whatif/example-en.json", done.stdout)


# -- bad input ----------------------------------------------------------------------------------


def test_bad_caps_all_at_once() -> None:
    done = run_cli(
        "whatif",
        SCENARIOS,
        "--cap",
        "inquirry=150",
        "--cap",
        "lead=many",
        "--cap",
        "deal",
        "--cap",
        "appointment=5",
        "--cap",
        "appointment=6",
    )
    assert done.code == 2
    assert done.stdout == ""
    err = done.stderr
    assert "--cap: inquirry: 'inquirry' is not a stage of this plan" in err
    assert "did you mean 'inquiry'?" in err
    assert "--cap: lead: expected a whole number, got 'many'" in err
    assert "--cap: deal: 'deal' is not STAGE=N" in err
    assert "--cap: appointment: appointment is capped twice" in err
    assert "4 problems, nothing written" in err


def test_bad_cap_in_japanese() -> None:
    done = run_cli("whatif", SCENARIOS, "--cap", "x=1", "--lang", "ja")
    assert done.code == 2
    assert "'x' はこの計画の段階ではありません" in done.stderr
    assert "段階：inquiry、lead、appointment、deal" in done.stderr


def test_cap_needs_whole_counts(tmp_path: Path) -> None:
    plan = tmp_path / "none.yaml"
    plan.write_text(
        SCENARIOS.read_text(encoding="utf-8").replace(
            "deal_size: 1000000", "deal_size: 1000000\nrounding: none"
        ),
        encoding="utf-8",
    )
    done = run_cli("whatif", plan, "--cap", "inquiry=150")
    assert done.code == 2
    assert "rounding: none" in done.stderr


def test_unknown_scenario_in_whatif() -> None:
    done = run_cli("whatif", SCENARIOS, "--scenario", "better_clos", "--scenario", "stretch")
    assert done.code == 2
    assert "did you mean 'better_close'?" in done.stderr


def test_set_in_whatif_is_a_scenario_of_its_own() -> None:
    done = run_cli(
        "whatif", SCENARIOS, "--scenario", "stretch", "--set", "deal_size=2000000", "-f", "json"
    )
    assert done.code == 0, done.stderr
    report = json.loads(done.stdout)
    assert [s["name"] for s in report["scenarios"]] == ["stretch", "--set"]
    assert report["scenarios"][1]["set"] == {"deal_size": "2000000"}
    assert report["scenarios"][1]["target"]["total"]["counts"]["deal"] == 30  # ¥60M / ¥2M
    assert report["solve"] == [] and report["reachable_revenue"] is None


def test_a_cap_that_leaves_room_says_so() -> None:
    # 1,000 a month is far above the plan's 200: the plan reaches the KGI as it is, and each
    # lever could fall to the plan's own value (the plan's whole counts are exactly enough)
    done = run_cli("whatif", SCENARIOS, "--cap", "inquiry=1000", "-f", "markdown")
    assert done.code == 0, done.stderr
    assert "revenue still reaches ¥60,000,000 (100% of the KGI of ¥60,000,000)" in done.stdout
    assert "Alone, each lever could fall to this and still reach the KGI" in done.stdout
    report = json.loads(run_cli("whatif", SCENARIOS, "--cap", "inquiry=1000", "-f", "json").stdout)
    assert {item["lever"]: item["needed"] for item in report["solve"]} == {
        "volume": 200,
        "rate:inquiry": "0.4",
        "rate:lead": "0.5",
        "rate:appointment": "0.25",
        "deal_size": 1000000,
    }


def test_help() -> None:
    done = run_cli("whatif", "--help")
    assert done.code == 0
    for option in ("--scenario", "--set", "--cap", "--format", "--lang"):
        assert option in done.stdout


def test_markdown_tables_parse_with_a_tricky_scenario_name(tmp_path: Path) -> None:
    from markdown_it import MarkdownIt

    plan = tmp_path / "tricky.yaml"
    plan.write_text(
        SCENARIOS.read_text(encoding="utf-8").split("scenarios:")[0]
        + 'scenarios:\n  "a | *b* <i>": {deal_size: 2000000}\n',
        encoding="utf-8",
    )
    done = run_cli("whatif", plan, "-f", "markdown")
    assert done.code == 0, done.stderr
    tokens = MarkdownIt("commonmark").enable("table").parse(done.stdout)
    headers = [
        tokens[i + 1].children[0].content  # type: ignore[index]
        for i, token in enumerate(tokens)
        if token.type == "th_open"
    ]
    # the name is a column of its own in the commitments, changes and peaks tables, read back as written
    assert headers.count("a | *b* <i>") == 3
