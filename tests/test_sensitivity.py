"""`funnelplan sensitivity` (core/sensitivity.py): worked examples, the lag rule, golden files."""

from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from funnelplan.core.commitments import build_target
from funnelplan.core.sensitivity import build_sensitivity
from funnelplan.load.planfile import load_plan
from funnelplan.model.months import Month
from funnelplan.model.plan import Plan
from gold import assert_gold
from runner import PLANS, ROOT, run_cli

ACTUALS = "plans/sensitivity-actuals.csv"  # as given on the command line, from the repo root
EXTENSIONS = {"table": "txt", "markdown": "md", "csv": "csv", "json": "json", "html": "html"}


def worked() -> dict[str, dict]:
    run = run_cli(
        "sensitivity", "plans/sensitivity.yaml", "--actuals", ACTUALS, "-f", "json", cwd=ROOT
    )
    assert run.code == 0, run.stderr
    return {lever["lever"]: lever for lever in json.loads(run.stdout)["levers"]}


def test_three_months_before_the_end_with_a_three_month_sales_cycle() -> None:
    # actuals through 2027-06, so levers act from 2027-07; appointments take 3 months to close.
    levers = worked()
    close = levers["rate:appointment"]
    # deals in 07, 08, 09 come from appointments in 04, 05, 06: 37 + 42 + 40 = 119 (actuals);
    # the close rate 25% -> 27.5% adds 119 x 0.025 = 2.975 deals x ¥2,000,000 = ¥5,950,000
    assert close["revenue_delta"] == 5_950_000
    assert close["first_month"] == "2027-07" and close["owner"] == "sales"
    # the deal size: 119 x 25% = 29.75 deals from 2027-07, x ¥200,000 more = ¥5,950,000
    assert levers["deal_size"]["revenue_delta"] == 5_950_000
    # inquiries from 2027-07 become appointments then, and deals from 2027-10: after the period
    for key in ("volume", "rate:inquiry", "rate:lead"):
        assert levers[key]["revenue_delta"] == 0
        assert levers[key]["first_month"] == "2027-10"
        assert levers[key]["in_period"] is False
    assert levers["volume"]["owner"] == "marketing"


def test_the_headline_a_meeting_can_paste() -> None:
    run = run_cli("sensitivity", "plans/sensitivity.yaml", "--actuals", ACTUALS, cwd=ROOT)
    assert run.code == 0, run.stderr
    lines = run.stdout.splitlines()
    assert lines[1] == "改善が今期中に効くのは商談→受注率と顧客単価だけです。"
    assert "2027-10から売上に効くため、今期には間に合いません" in lines[2]
    english = run_cli(
        "sensitivity", "plans/sensitivity.yaml", "--actuals", ACTUALS, "--lang", "en", cwd=ROOT
    )
    assert "Only 商談 → 受注 rate and Deal size still bring revenue" in english.stdout
    assert "reaches revenue from 2027-10, after the period" in english.stdout


def test_a_better_close_rate_lowers_every_earlier_stage_by_9_1_percent() -> None:
    levers = worked()
    # 1 / 1.1 - 1 = -1/11 = -9.09%: every stage above the deal; the deals stay as they are
    assert levers["rate:appointment"]["commitments"] == {
        "inquiry": -0.0909,
        "lead": -0.0909,
        "appointment": -0.0909,
        "deal": 0,
    }
    # a better lead rate (lead -> appointment) lowers only the stages above it
    assert levers["rate:lead"]["commitments"] == {
        "inquiry": -0.0909,
        "lead": -0.0909,
        "appointment": 0,
        "deal": 0,
    }
    assert levers["volume"]["commitments"] == {}


def test_without_actuals_every_lever_acts_from_the_period_start() -> None:
    # plans/odds.yaml: no lags, 200 inquiries a month, 5% end to end, ¥1,000,000 a deal:
    # every lever multiplies the 60 deals by 1.1: +6 deals = +¥6,000,000 each
    report = build_sensitivity(build_target(load_plan(PLANS / "odds.yaml")), Fraction(1, 10))
    assert report.from_month == Month(2027, 4)
    assert [lever.revenue_delta for lever in report.levers] == [6_000_000] * 5
    assert [lever.key for lever in report.levers] == [
        "volume",
        "rate:inquiry",
        "rate:lead",
        "rate:appointment",
        "deal_size",
    ]


def test_segments_that_differ_have_levers_of_their_own() -> None:
    report = build_sensitivity(build_target(load_plan(PLANS / "example.yaml")), Fraction(1, 10))
    keys = {(lever.key, lever.segment) for lever in report.levers}
    # the appointment rate (20% / 25%) and the deal sizes differ; the other rates agree
    assert ("rate:appointment", "enterprise") in keys and ("rate:appointment", "smb") in keys
    assert ("deal_size", "enterprise") in keys and ("deal_size", "smb") in keys
    assert ("rate:lead", None) in keys and ("volume", None) in keys


def test_a_rate_is_raised_at_most_to_100_percent() -> None:
    report = build_sensitivity(build_target(load_plan(PLANS / "odds.yaml")), Fraction(3, 2))
    close = next(lever for lever in report.levers if lever.key == "rate:appointment")
    assert close.after == 1 and close.capped  # 50% x 2.5 = 125%: 100%, no further
    # 60 deals at 50% come from 120 appointments; at 100%, 120 deals: +60 x ¥1,000,000
    assert close.revenue_delta == 60_000_000
    inquiry = next(lever for lever in report.levers if lever.key == "rate:inquiry")
    assert inquiry.after == Fraction(5, 8) and not inquiry.capped  # 25% x 2.5 = 62.5%


def small_plan(months: int, lags: list[int]) -> Plan:
    start = Month(2027, 1)
    return Plan.model_validate(
        {
            "plan": "t",
            "currency": "JPY",
            "period": {"start": str(start), "end": str(start + (months - 1))},
            "kgi": {"revenue": 12_000_000},
            "deal_size": 1_000_000,
            "funnel": [
                {"id": "inquiry", "owner": "marketing", "rate": "50%", "lag": lags[0]},
                {"id": "lead", "owner": "marketing", "rate": "40%", "lag": lags[1]},
                {"id": "appointment", "owner": "sales", "rate": "25%", "lag": lags[2]},
                {"id": "deal", "owner": "sales"},
            ],
        }
    )


@settings(max_examples=40, deadline=None)
@given(
    st.integers(1, 4),
    st.lists(st.integers(0, 3), min_size=3, max_size=3),
    st.fractions(min_value=Fraction(1, 20), max_value=1, max_denominator=20),
)
def test_levers_whose_first_month_is_after_the_period_add_nothing(
    months: int, lags: list[int], step: Fraction
) -> None:
    report = build_sensitivity(build_target(small_plan(months, lags)), step)
    for lever in report.levers:
        if lever.first_month > report.period_end:
            assert lever.revenue_delta == 0 and not lever.in_period
        else:
            assert lever.revenue_delta > 0 and lever.in_period
    ranked = [lever.revenue_delta for lever in report.levers]
    assert ranked == sorted(ranked, reverse=True)


@pytest.mark.parametrize("fmt", list(EXTENSIONS))
def test_every_format_matches_its_golden_file(tmp_path: Path, fmt: str) -> None:
    output = tmp_path / f"out.{EXTENSIONS[fmt]}"
    run = run_cli("sensitivity", PLANS / "sensitivity.yaml", "--actuals", ACTUALS, "-o", output)
    assert run.code == 0, run.stderr
    assert_gold(f"sensitivity/sensitivity.{EXTENSIONS[fmt]}", output.read_bytes().decode("utf-8"))


@pytest.mark.parametrize("fmt", ["table", "json"])
def test_the_plan_alone_in_english(fmt: str) -> None:
    run = run_cli("sensitivity", PLANS / "example-en.yaml", "-f", fmt)
    assert run.code == 0, run.stderr
    assert_gold(f"sensitivity/example-en.{EXTENSIONS[fmt]}", run.stdout)


@pytest.mark.parametrize(
    ("options", "field", "words"),
    [
        (["--step", "abc"], "--step", "--step abc is not a percentage"),
        (["--step", "0"], "--step", "--step 0 is not a percentage"),
        (["--step", "150%"], "--step", "--step 150% is not a percentage"),
        (["--pace", "actual"], "--pace", "--pace actual needs actuals"),
    ],
)
def test_bad_options_are_exit_2_problems(options: list[str], field: str, words: str) -> None:
    run = run_cli("sensitivity", PLANS / "odds.yaml", *options)
    assert run.code == 2
    assert run.stdout == ""
    assert run.stderr.startswith(f"{field}: ")
    assert words in run.stderr
    assert "hint: " in run.stderr


def test_the_step_and_the_pace_in_json() -> None:
    run = run_cli(
        "sensitivity",
        "plans/sensitivity.yaml",
        "--actuals",
        ACTUALS,
        "--step",
        "20%",
        "--pace",
        "actual",
        "-f",
        "json",
        cwd=ROOT,
    )
    data = json.loads(run.stdout)
    assert data["step"] == 0.2 and data["from_month"] == "2027-07" and data["pace"] == "actual"
    assert {"lever", "owner", "revenue_delta", "first_month"} <= set(data["levers"][0])


def test_the_pace_of_the_actuals_by_hand(tmp_path: Path) -> None:
    # plans/odds.yaml (no lags): inquiries 180, 190, 200 to 2027-06, so the to-date pace is 190 a
    # month. Raising the volume 10% from 2027-07: plan pace 3 x 200 x 10% x 5% x ¥1,000,000 =
    # ¥3,000,000; actual pace 3 x 190 x 10% x 5% x ¥1,000,000 = ¥2,850,000.
    actuals = tmp_path / "actuals.csv"
    actuals.write_text(
        "month,inquiry,lead,appointment,deal,revenue\n"
        "2027-04,180,45,18,9,9000000\n"
        "2027-05,190,47,19,9,9000000\n"
        "2027-06,200,50,20,10,10000000\n",
        encoding="utf-8",
    )

    def volume(pace: str) -> int:
        run = run_cli(
            "sensitivity", PLANS / "odds.yaml", "--actuals", actuals, "--pace", pace, "-f", "json"
        )
        assert run.code == 0, run.stderr
        levers = json.loads(run.stdout)["levers"]
        return next(lever for lever in levers if lever["lever"] == "volume")["revenue_delta"]

    assert volume("plan") == 3_000_000
    assert volume("actual") == 2_850_000
