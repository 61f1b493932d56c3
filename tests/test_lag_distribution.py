"""Lags as distributions (`lag: {0: 35%, 1: 50%, 2: 15%}`, issue 13 item 4) in target and gap.

The rule (core/target.py `_spread_back`, docs/plan.md "Lags"): of a month's next-stage count, each
share comes from this stage's entries that many months earlier, so a stage's need in month m is
Σ share × the next stage's count in m + months ÷ rate, exact, then the same cumulative round-up as
a single lag. A single lag is the distribution with one month at 100% and gives exactly today's
numbers (property test below)."""

from __future__ import annotations

import json
from decimal import Decimal
from fractions import Fraction
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.runner import PLANS, run_cli

from funnelplan import render
from funnelplan.core.commitments import build_target
from funnelplan.core.gap import build_gap
from funnelplan.core.target import backward
from funnelplan.model.actuals_table import ActualsTable, MonthActuals
from funnelplan.model.months import Month
from funnelplan.model.plan import Plan
from funnelplan.model.record import replace

SPREAD = {0: "35%", 1: "50%", 2: "15%"}


def _plan(lead_lag: object = None, **changes: Any) -> dict[str, Any]:
    plan: dict[str, Any] = {
        "plan": "spread",
        "currency": "JPY",
        "period": {"start": "2027-04", "end": "2027-09"},
        "kgi": {"revenue": 60_000_000},
        "deal_size": 1_000_000,
        "teams": {"marketing": {"headcount": 2}, "sales": {"headcount": 3}},
        "funnel": [
            {
                "id": "lead",
                "owner": "marketing",
                "rate": "30%",
                "lag": dict(SPREAD) if lead_lag is None else lead_lag,
            },
            {"id": "appointment", "owner": "sales", "rate": "25%", "lag": 1},
            {"id": "deal", "owner": "sales"},
        ],
    }
    plan.update(changes)
    return plan


def _counts(plan: Plan, stage: str) -> dict[str, int]:
    report = build_target(plan)
    return {str(row.month): int(row.counts[stage]) for row in report.months}


def test_target_spreads_each_months_need_over_earlier_months() -> None:
    # ¥60,000,000 over 6 months at ¥1,000,000: 10 deals a month; appointments a month earlier at
    # 25%: 40 a month from 2027-03 (and after the period, the average goes on: 40 a month).
    # A lead's need in month m: (35% x A(m) + 50% x A(m+1) + 15% x A(m+2)) / 30%:
    #   2027-01: 15% x 40 / 0.3 = 20;  2027-02: (50% + 15%) x 40 / 0.3 = 86.67;
    #   from 2027-03: 40 / 0.3 = 133.33 a month.
    # Running totals rounded up: 20, 106.67 -> 107, 240, 373.33 -> 374, 506.67 -> 507, 640, ...
    # so the steps are 20, 87, 133, 134, 133, 133, 134, 133, 133.
    plan = Plan.model_validate(_plan())
    leads = _counts(plan, "lead")
    assert leads == {
        "2027-01": 20,
        "2027-02": 87,
        "2027-03": 133,
        "2027-04": 134,
        "2027-05": 133,
        "2027-06": 133,
        "2027-07": 134,
        "2027-08": 133,
        "2027-09": 133,
    }
    assert _counts(plan, "appointment")["2027-03"] == 40
    # the period's leads need 6 x 40 / 0.3 = 800 exactly, spread: 800 - (20 + 87) of the
    # pre-period months feed the period's appointments... the months shown add up to what the
    # running total reached: 20 + 87 + 133 + 134 + 133 + 133 + 134 + 133 + 133 = 1,040
    assert sum(leads.values()) == 1_040


def test_the_report_says_the_distribution() -> None:
    plan = Plan.model_validate(_plan())
    report = build_target(plan)
    lead = json.loads(render(report, "json"))["stages"][0]
    assert lead["lag"] == 2  # the most months
    assert lead["lag_distribution"] == {"0": 0.35, "1": 0.5, "2": 0.15}
    table = render(report, "table")
    assert "0: 35%, 1: 50%, 2: 15%" in table
    assert "Odds of reaching the KGI: " in table and "not computed" not in table


def _actuals(rows: list[tuple[str, int, int, int, int]]) -> ActualsTable:
    months = tuple(
        MonthActuals(
            _month(month),
            None,
            {"lead": lead, "appointment": appointment, "deal": deal},
            Decimal(revenue),
        )
        for month, lead, appointment, deal, revenue in rows
    )
    return ActualsTable("t", ("lead", "appointment", "deal"), True, months)


def _month(text: str) -> Month:
    year, month = text.split("-")
    return Month(int(year), int(month))


ROWS = [
    ("2027-01", 20, 0, 0, 0),
    ("2027-02", 80, 0, 0, 0),
    ("2027-03", 130, 35, 0, 0),
    ("2027-04", 120, 38, 8, 8_000_000),
    ("2027-05", 125, 36, 9, 9_000_000),
]


def test_gap_weights_each_months_entries_by_the_share_that_reaches_the_window() -> None:
    # As of 2027-05 the deals are counted over 2027-04..05, appointments over 2027-03..04 (lag 1),
    # and each lead month by the share of its entries that reach an appointment in 2027-03..04:
    #   2027-01: 15% (reaches 03);  2027-02: 50% (03) + 15% (04) = 65%;
    #   2027-03: 35% (03) + 50% (04) = 85%;  2027-04: 35% (04).
    # Leads counted: 20 x .15 + 80 x .65 + 130 x .85 + 120 x .35 = 3 + 52 + 110.5 + 42 = 207.5;
    # appointments 35 + 38 = 73, so lead -> appointment is 73 / 207.5 = 146/415.
    plan = Plan.model_validate(_plan())
    report = build_gap(plan, _actuals(ROWS))
    rate = next(row for row in report.rates if row.from_id == "lead")
    assert rate.actual == Fraction(73) / Fraction(415, 2)
    assert report.windows["lead"] == (Month(2027, 1), Month(2027, 4))
    assert report.windows["appointment"] == (Month(2027, 3), Month(2027, 4))
    # the drivers still add up to the revenue gap exactly
    assert sum(driver.shown for driver in report.drivers) == Fraction(17_000_000 - 20_000_000)


def _forced(report):  # type: ignore[no-untyped-def]
    """The report with every single lag written as a distribution of one month at 100%."""
    stages = [replace(s, spread=s.shares) if s.rate is not None else s for s in report.stages]
    return replace(report, stages=stages)


def _without_distribution(document: dict[str, Any]) -> dict[str, Any]:
    for stage in document.get("stages", []):
        stage.pop("lag_distribution", None)
    return document


rates = st.sampled_from(["10%", "25%", "35%", "40%", "50%", "80%", "100%"])


@st.composite
def plan_data(draw) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    months = draw(st.integers(2, 6))
    start = Month(2027, 4)
    return {
        "plan": "p",
        "period": {"start": str(start), "end": str(start + (months - 1))},
        "kgi": {"revenue": draw(st.integers(1, 500)) * 100_000},
        "deal_size": draw(st.sampled_from([300_000, 1_000_000, 1_500_000])),
        "after_period": draw(st.sampled_from(["average", "stop"])),
        "rounding": draw(st.sampled_from(["up", "none"])),
        "funnel": [
            {
                "id": "lead",
                "owner": "marketing",
                "rate": draw(rates),
                "lag": draw(st.integers(0, 2)),
            },
            {
                "id": "meeting",
                "owner": "sales",
                "rate": draw(rates),
                "lag": draw(st.integers(0, 2)),
            },
            {"id": "deal", "owner": "sales"},
        ],
    }


def test_one_month_at_100_percent_is_that_single_lag() -> None:
    data = _plan(lead_lag={2: "100%"})
    written = Plan.model_validate(data)
    assert written.funnel[0].lag == {2: Decimal(1)}
    single = Plan.model_validate(_plan(lead_lag=2))
    assert build_target(written) == build_target(single)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plan_data(), st.data())
def test_a_single_lag_as_a_distribution_gives_todays_numbers(data: dict[str, Any], draw) -> None:  # type: ignore[no-untyped-def]
    """The distribution path (`_spread_back`, the gap's weighted windows, caps and held entries)
    with one month at 100% gives exactly the single lag's numbers, in target and in gap."""
    plan = Plan.model_validate(data)
    single = build_target(plan)
    forced = _forced(single)
    demand = _demand(single)
    assert backward(forced.stages, Fraction(plan.deal_size or 1), demand, plan.rounding, {}) == (
        backward(single.stages, Fraction(plan.deal_size or 1), demand, plan.rounding, {})
    )
    rows = []
    for row in single.months:
        counts = {
            sid: max(0, int(n) + draw.draw(st.integers(-3, 3))) for sid, n in row.counts.items()
        }
        rows.append(MonthActuals(row.month, None, counts, Decimal(counts["deal"]) * 300_000))
    first_in_period = next(i for i, row in enumerate(single.months) if row.in_period)
    cut = draw.draw(st.integers(first_in_period + 1, len(rows)))
    actuals = ActualsTable("a", ("lead", "meeting", "deal"), True, tuple(rows[:cut]))
    basis = draw.draw(st.sampled_from(["plan", "actual"]))
    gap_single = build_gap(plan, actuals, None, basis, target=single)
    gap_forced = build_gap(plan, actuals, None, basis, target=forced)
    assert _without_distribution(json.loads(render(gap_single, "json"))) == _without_distribution(
        json.loads(render(gap_forced, "json"))
    )


@st.composite
def spreads(draw) -> dict[int, str]:  # type: ignore[no-untyped-def]
    months = draw(st.lists(st.integers(0, 3), min_size=1, max_size=4, unique=True))
    weights = [draw(st.integers(1, 20)) for _ in months]
    total = sum(weights)
    # percentages with up to two decimals that add up to exactly 100%: the last takes the rest
    shares = [Decimal(w * 10_000 // total) / 100 for w in weights[:-1]]
    shares.append(Decimal(100) - sum(shares, Decimal(0)))
    if shares[-1] <= 0:
        shares = [Decimal(100)]
        months = months[:1]
    return {m: f"{s}%" for m, s in zip(months, shares, strict=True)}


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plan_data(), spreads())
def test_spread_counts_meet_every_running_need_and_none_could_be_one_lower(
    data: dict[str, Any], spread: dict[int, str]
) -> None:
    data["rounding"] = "up"
    data["funnel"][0]["lag"] = spread
    plan = Plan.model_validate(data)
    report = build_target(plan)
    months = [row.month for row in report.months]
    # the meetings the leads feed, after the period too (the funnel goes on)
    full = backward(report.stages, Fraction(plan.deal_size or 1), _demand(report), "up", {})
    meetings = full["meeting"]
    rate = Fraction(plan.funnel[0].rate or 1)
    shares = [(m, Fraction(Decimal(s.rstrip("%"))) / 100) for m, s in spread.items()]
    lead_months = sorted(full["lead"])
    running_need = Fraction(0)
    running = 0
    for month in lead_months:
        running_need += sum(share * meetings.get(month + m, 0) for m, share in shares) / rate
        running += int(full["lead"][month])
        assert running >= running_need  # every month's running need is met
        assert running - 1 < running_need  # and none could be one lower
    assert full["lead"] == {m: report.months[months.index(m)].counts["lead"] for m in months} | {
        m: n for m, n in full["lead"].items() if m not in months
    }


def _demand(report) -> dict[Month, Fraction]:  # type: ignore[no-untyped-def]
    demand = {row.month: row.revenue for row in report.months if row.in_period}
    for month in report.after_period.months:
        demand[month] = report.after_period.monthly_revenue
    return demand


def _problems(tmp_path, lag: object) -> str:  # type: ignore[no-untyped-def]
    import yaml

    path = tmp_path / "plan.yaml"
    path.write_text(yaml.safe_dump(_plan(lag), allow_unicode=True, sort_keys=False), "utf-8")
    result = run_cli("check", path)
    assert result.code == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    return result.stderr


def test_shares_that_do_not_add_up_to_100_percent(tmp_path) -> None:  # type: ignore[no-untyped-def]
    out = _problems(tmp_path, {0: "35%", 1: "50%"})
    assert "add up to 85%, not 100%" in out
    assert "lag: {0: 35%, 1: 50%, 2: 15%}" in out  # how to fix it
    assert "plan.yaml:" in out  # placed at the lag's line in the plan


def test_an_empty_distribution(tmp_path) -> None:  # type: ignore[no-untyped-def]
    assert "the lag distribution is empty" in _problems(tmp_path, {})


def test_a_month_past_the_limit_and_a_share_that_is_not_one(tmp_path) -> None:  # type: ignore[no-untyped-def]
    assert "longer than 24" in _problems(tmp_path, {0: "50%", 30: "50%"})
    assert "1 fortnight" in _problems(tmp_path, {0: "50%", 1: "1 fortnight"})


def test_calibrate_writes_a_distribution_that_adds_up_to_100_percent() -> None:
    from funnelplan.core.calibrate import LagProposal

    # thirds: running totals 33.33 -> 33.3, 66.67 -> 66.7, 100 -> 100: steps 33.3, 33.4, 33.3
    thirds = LagProposal(
        "lead", "deal", {0: Fraction(1, 3), 1: Fraction(1, 3), 2: Fraction(1, 3)}, 1, 30, 1, 0
    )
    assert thirds.written == {0: Fraction(333, 10), 1: Fraction(334, 10), 2: Fraction(333, 10)}
    # a month below 0.05% rounds to nothing and is left out; the rest still add up to 100
    rare = LagProposal(
        "lead", "deal", {0: Fraction(1999, 2000), 3: Fraction(1, 2000)}, 0, 2000, 0, 0
    )
    assert rare.written == {0: Fraction(100)}


def test_whatif_refuses_a_distribution_at_its_line() -> None:
    done = run_cli("whatif", "plans/example-lag-spread.yaml")
    assert done.code == 2 and done.stdout == ""
    assert "whatif takes single lags; this lag is a distribution" in done.stderr
    assert "plans/example-lag-spread.yaml:15:" in done.stderr  # the リード stage's lag
    assert "plans/example-lag-spread.yaml:16:" in done.stderr  # and the 商談 stage's


def test_sensitivity_counts_each_entry_where_the_plan_counts_it() -> None:
    # _odds_plan("stop"): one deal a month in 2027-04..05, leads at 50%, half from the same month
    # and half from the month before: leads 03: 1, 04: 2, 05: 1. The plan sends all of March's
    # lead to April's deal, April's two half to April, half to May, May's to May (June needs none).
    # A 10% better lead rate (50% -> 55%) acts on conversions arriving from 2027-04: 1 + 2 + 1 = 4
    # of them, all landing in the period: 4 x 5 points x ¥1,000,000 = ¥200,000. (Read per cohort
    # instead, March's lead would convert half in March, before the period, and May's half in
    # June, after it: 3 conversions, ¥150,000; the plan's reading is the one target planned.)
    # 10% more leads from 2027-04: (2 + 1) x 10% x 50% x ¥1,000,000 = ¥150,000.
    from funnelplan.core.sensitivity import build_sensitivity

    report = build_sensitivity(build_target(_odds_plan("stop")), Fraction(1, 10))
    rate = next(lever for lever in report.levers if lever.key == "rate:lead")
    assert rate.revenue_delta == 4 * Fraction(5, 100) * 1_000_000
    assert rate.first_month == Month(2027, 4)
    volume = next(lever for lever in report.levers if lever.kind == "volume")
    assert volume.revenue_delta == 3 * Fraction(1, 10) * Fraction(1, 2) * 1_000_000


def test_gap_on_a_distribution_plan_spreads_what_remains_over_the_remaining_months() -> None:
    # ¥60,000,000 - ¥17,000,000 to date = ¥43,000,000 remain, and the catch-up's months add up to it
    plan = Plan.model_validate(_plan())
    report = build_gap(plan, _actuals(ROWS))
    remaining = 60_000_000 - 17_000_000
    revenue = sum(month.revenue for month in report.catch_up.months)
    assert report.catch_up.remaining == remaining
    assert revenue == remaining  # the remaining months' revenue targets add up to what is left


def test_set_and_scenarios_take_a_distribution_as_the_plan_does(tmp_path) -> None:  # type: ignore[no-untyped-def]
    written = tmp_path / "written.yaml"
    text = (PLANS / "example-scenarios.yaml").read_text("utf-8")
    stage = "owner: sales, rate: 25%}"
    assert stage in text
    written.write_text(
        text.replace(stage, "owner: sales, rate: 25%, lag: {1: 50%, 2: 50%}}", 1), "utf-8"
    )
    by_hand = run_cli("target", written, "-f", "json")
    by_set = run_cli(
        "target",
        PLANS / "example-scenarios.yaml",
        "-f",
        "json",
        "--set",
        "funnel.appointment.lag={1: 50%, 2: 50%}",
    )
    assert by_hand.code == by_set.code == 0, by_set.stderr
    assert json.loads(by_set.stdout)["months"] == json.loads(by_hand.stdout)["months"]
    slower = tmp_path / "slower.yaml"
    slower.write_text(
        text.replace(
            "scenarios:", "scenarios:\n  slower: {funnel.appointment.lag: {1: 50%, 2: 50%}}", 1
        ),
        "utf-8",
    )
    by_scenario = run_cli("target", slower, "-f", "json", "--scenario", "slower")
    assert by_scenario.code == 0, by_scenario.stderr
    assert json.loads(by_scenario.stdout)["months"] == json.loads(by_hand.stdout)["months"]
    refused = run_cli("whatif", slower)
    assert refused.code == 2 and refused.stdout == ""
    assert (
        "slower.yaml:" in refused.stderr
        and "scenarios.slower: whatif takes single lags" in refused.stderr
    )
    assert "make the scenario set the lag to one month" in refused.stderr  # not "a copy of"
    by_option = run_cli(
        "whatif",
        PLANS / "example-scenarios.yaml",
        "--set",
        "funnel.appointment.lag={1: 50%, 2: 50%}",
    )
    assert by_option.code == 2 and by_option.stdout == ""
    assert "--set: funnel.appointment.lag: whatif takes single lags" in by_option.stderr
    assert "--set funnel.appointment.lag=1" in by_option.stderr
    wrong = run_cli(
        "target",
        PLANS / "example-scenarios.yaml",
        "--set",
        "funnel.appointment.lag={1: 50%, 2: 40%}",
    )
    assert wrong.code == 2
    assert (
        "--set: funnel.appointment.lag: the lag distribution's shares add up to 90%" in wrong.stderr
    )


def _odds_plan(after: str) -> Plan:
    return Plan.model_validate(
        {
            "plan": "odds",
            "period": {"start": "2027-04", "end": "2027-05"},
            "kgi": {"revenue": 2_000_000},
            "deal_size": 1_000_000,
            "after_period": after,
            "funnel": [
                {"id": "lead", "owner": "marketing", "rate": "50%", "lag": {0: "50%", 1: "50%"}},
                {"id": "deal", "owner": "sales"},
            ],
        }
    )


def test_the_odds_count_each_months_entries_where_the_plan_counts_them() -> None:
    from funnelplan.core.odds import target_odds

    # one deal a month in 2027-04..05, half of each from the same month's leads and half from the
    # month before, leads converting at 50%. after_period stop: leads 03: 1, 04: 2, 05: 1, each
    # counted wholly for deals inside the period: 4 units at 1/2, P(at least 2 deals) =
    # P(Bin(4, 1/2) >= 2) = 1 - 1/16 - 4/16 = 11/16.
    odds = target_odds(build_target(_odds_plan("stop"))).odds
    assert odds is not None
    assert abs(odds.probability - Fraction(11, 16)) <= odds.error
    # after_period average: 2027-06 needs a deal too, so May's 2 leads are counted half for
    # May's deal and half for June's (outside the period): 3 units at 1/2 (03, 04) and 2 at 1/4;
    # P(sum <= 1) = 1/8 x 9/16 + 3/8 x 9/16 + 1/8 x 6/16 = 42/128, so P(at least 2) = 43/64.
    report = build_target(_odds_plan("average"))
    assert [int(row.counts["lead"]) for row in report.months] == [1, 2, 2]
    odds = target_odds(report).odds
    assert odds is not None
    assert abs(odds.probability - Fraction(43, 64)) <= odds.error


def _crm_plan(tmp_path, lag: str) -> Any:  # type: ignore[no-untyped-def]
    """plans/example-crm.yaml with 商談's lag replaced and the exports' paths made absolute."""
    text = (PLANS / "example-crm.yaml").read_text(encoding="utf-8")
    text = text.replace("lag: 1}", f"lag: {lag}}}").replace(
        "file: exports/", f"file: {PLANS}/exports/"
    )
    path = tmp_path / f"crm-{len(lag)}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_actuals_from_exports_read_a_distribution_by_its_latest_month(tmp_path) -> None:  # type: ignore[no-untyped-def]
    # the lead-in months before the period and a cohort's "still open" both reach back to the
    # most months an entry can take: {0: 50%, 1: 50%} reaches back as far as `lag: 1`
    single = _crm_plan(tmp_path, "1")
    spread = _crm_plan(tmp_path, "{0: 50%, 1: 50%}")
    for args in (["--format", "csv"], ["--cohort", "--format", "json"]):
        want = run_cli("actuals", single, *args)
        got = run_cli("actuals", spread, *args)
        assert want.code == 0, want.stderr
        assert got.code == 0, got.stderr
        assert got.stdout.replace(spread.name, single.name) == want.stdout
    assert run_cli("gap", spread).code == 0


def test_the_schema_accepts_the_distributions_the_loader_accepts_and_refuses_the_rest(
    tmp_path,  # type: ignore[no-untyped-def]
) -> None:
    import jsonschema
    import yaml

    from funnelplan.model.schema import plan_schema

    validator = jsonschema.Draft202012Validator(plan_schema())
    accepted = [
        {0: "35%", 1: "50%", 2: "15%"},
        {"1": "50%", "2": 0.5},
        {1: "33.33%", 2: "33.33%", 24: "33.34%"},
        {0: "100%", 3: "0%"},
    ]
    refused = [
        {},
        {-1: "50%", 2: "50%"},
        {25: "100%"},
        {"a": "100%"},
        {1: 1.7},
        {1: "-40%", 2: "140%"},
    ]
    for lag in accepted + refused:
        plan = _plan(lag)
        path = tmp_path / "plan.yaml"
        path.write_text(yaml.safe_dump(plan, allow_unicode=True), encoding="utf-8")
        loads = run_cli("check", path).code == 0
        # an editor sees the plan as JSON: the months are text keys
        valid = validator.is_valid(json.loads(json.dumps(plan)))
        assert (loads, valid) == (lag in accepted, lag in accepted), lag


def test_a_distributions_shares_are_shown_as_written() -> None:
    # 33.33% + 33.33% + 33.34% is 100%; shown to one decimal they read 33.3% three times
    # (99.9%), so a distribution's shares are shown exactly, in every format that writes them
    plan = Plan.model_validate(_plan({0: "33.33%", 1: "33.33%", 2: "33.34%"}))
    report = build_target(plan)
    want = "0: 33.33%, 1: 33.33%, 2: 33.34%"
    assert want in render(report, "table")
    assert want in render(report, "markdown")
    assert "0か月 33.33%、1か月 33.33%、2か月 33.34%" in render(report, "table", lang="ja")


def test_a_bad_month_or_share_in_a_distribution_is_told_how_to_write_a_distribution(
    tmp_path,  # type: ignore[no-untyped-def]
) -> None:
    # each is refused at the bad month or share itself (a list: at the list), with the
    # distribution's hint, not the hint of a count ("such as 35") or of a capacity ramp ("a
    # ramp month above 100%")
    text = (PLANS / "example-lag-spread.yaml").read_text(encoding="utf-8")
    line = text.splitlines()[15]
    start = line.index("lag: {1: 60%, 2: 40%}") + len("lag: ")  # 0-based: the lag's `{`
    for lag, bad, field in [
        ("{-1: 60%, 2: 40%}", "-1", "funnel[2].lag.-1"),
        ("{1: 60%, 2: -40%}", "-40%", "funnel[2].lag.2"),
        ("[60%, 40%]", "[", "funnel[2].lag"),
        ("{1: 60%, 1.5: 40%}", "1.5", "funnel[2].lag.1.5"),
    ]:
        path = tmp_path / "plan.yaml"
        path.write_text(text.replace("lag: {1: 60%, 2: 40%}", f"lag: {lag}"), encoding="utf-8")
        done = run_cli("check", path)
        assert done.code == 2, lag
        column = start + lag.index(bad) + 1
        assert f"{path}:16:{column}: {field}: " in done.stderr, (lag, done.stderr)
        assert "adding up to 100%" in done.stderr, (lag, done.stderr)
        assert "ramp" not in done.stderr and "such as 35" not in done.stderr, (lag, done.stderr)


def test_a_month_written_twice_in_a_distribution_is_a_duplicate_not_a_split_amount(
    tmp_path,  # type: ignore[no-untyped-def]
) -> None:
    # YAML keeps the last of two equal keys; the hint for a repeated digit key was the one for
    # `{revenue: 60,000,000}` split at its commas, which a month (1 or 2 digits) never is
    text = (PLANS / "example-lag-spread.yaml").read_text(encoding="utf-8")
    path = tmp_path / "plan.yaml"
    path.write_text(text.replace("lag: {1: 60%, 2: 40%}", "lag: {1: 60%, 1: 40%}"), "utf-8")
    done = run_cli("check", path)
    assert done.code == 2
    assert "duplicate key '1'" in done.stderr and "remove one of them" in done.stderr
    assert "comma" not in done.stderr
