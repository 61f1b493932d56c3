"""The backward calculation (target.py): exact, cumulative rounding up, minimal, and reproducible.

Property tests run the plan's whole counts *forward*, with whole numbers at every stage (rounding
down), and check that they reach every month's cumulative target and that no count could be one lower.
"""

from __future__ import annotations

import math
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from funnelplan.core.commitments import build_target
from funnelplan.core.target import backward, monthly_revenue
from funnelplan.core.target_report import TargetReport
from funnelplan.model.months import Month
from funnelplan.model.plan import Plan

STAGE_IDS = ["inquiry", "lead", "appointment", "proposal", "negotiation", "deal"]


def make_plan(**changes: object) -> Plan:
    """A small valid plan; keyword arguments replace top-level keys."""
    data: dict[str, object] = {
        "plan": "test",
        "currency": "JPY",
        "period": {"start": "2027-04", "end": "2027-09"},
        "kgi": {"revenue": 60_000_000},
        "deal_size": 1_500_000,
        "funnel": [
            {"id": "appointment", "owner": "sales", "rate": "25%"},
            {"id": "deal", "owner": "sales"},
        ],
    }
    data.update(changes)
    return Plan.model_validate(data)


def counts(report: TargetReport, stage: str, *, in_period_only: bool = False) -> list[Fraction]:
    return [row.counts[stage] for row in report.months if row.in_period or not in_period_only]


def percent_text(rate: Fraction) -> str:
    """An exact decimal percentage text for a rate with a power-of-ten denominator."""
    return f"{Decimal(rate.numerator) / Decimal(rate.denominator) * 100}%"


# --- worked examples from the issue ----------------------------------------------------------


def test_21_deals_at_35_percent_need_60_appointments_not_61() -> None:
    # 21 / 0.35 = 60 exactly; in floats 21 / 0.35 = 60.00000000000001, whose ceiling is 61.
    assert math.ceil(21 / 0.35) == 61  # the float trap this guards against
    plan = make_plan(
        period={"start": "2027-04", "end": "2027-04"},
        kgi={"revenue": 21_000_000},
        deal_size=1_000_000,
        funnel=[
            {"id": "appointment", "owner": "sales", "rate": "35%"},
            {"id": "deal", "owner": "sales"},
        ],
    )
    report = build_target(plan)
    assert report.total.counts == {"deal": 21, "appointment": 60}


def test_six_months_of_10m_with_1_5m_deals_is_40_deals_not_42() -> None:
    # Needs 10/1.5 = 6 2/3 deals a month. Running needs 6.67, 13.33, 20, 26.67, 33.33, 40 round up
    # to 7, 14, 20, 27, 34, 40: steps 7, 7, 6, 7, 7, 6 = 40. Rounding each month up gives 6 x 7 = 42.
    report = build_target(make_plan())
    assert counts(report, "deal", in_period_only=True) == [7, 7, 6, 7, 7, 6]
    assert report.total.counts["deal"] == 40
    # 40 deals at 25% = 160 appointments exactly, spread the same way (lag 0): 28, 28, 24, ...
    assert counts(report, "appointment") == [28, 28, 24, 28, 28, 24]
    assert report.total.counts["appointment"] == 160


def test_monthly_revenue_adds_up_to_the_kgi_exactly() -> None:
    # 120,000,000 x 1/7 = 17,142,857.142...; running totals rounded half up to whole yen:
    # 17,142,857 / 34,285,714 (.29) / 51,428,571 (.43) / 68,571,429 (.57) / 85,714,286 (.71)
    # / 120,000,000 (the September month weighs 2): steps 17,142,857 x3, 17,142,858, 17,142,857,
    # 34,285,714.
    plan = make_plan(kgi={"revenue": "1億2000万円", "weights": {"2027-09": 2}})
    revenue = list(monthly_revenue(plan).values())
    assert revenue == [17_142_857, 17_142_857, 17_142_857, 17_142_858, 17_142_857, 34_285_714]
    assert sum(revenue) == 120_000_000


def test_monthly_targets_are_used_as_given() -> None:
    months = {f"2027-{m:02d}": 10_000_000 for m in range(4, 10)}
    months["2027-06"] = 0
    plan = make_plan(kgi={"monthly": months})
    report = build_target(plan)
    # deals: 10/1.5 = 6.67 -> 7; 13.33 -> 14 (7); June adds nothing: 14 (0); 20 (6); 26.67 -> 27 (7);
    # 33.33 -> 34 (7)
    assert counts(report, "deal") == [7, 7, 0, 6, 7, 7]
    assert report.kgi == 50_000_000


def test_rounding_none_keeps_exact_fractions() -> None:
    report = build_target(make_plan(rounding="none"))
    # 10,000,000 / 1,500,000 = 20/3 deals a month; / 25% = 80/3 appointments
    assert counts(report, "deal") == [Fraction(20, 3)] * 6
    assert counts(report, "appointment") == [Fraction(80, 3)] * 6
    assert report.total.counts == {"deal": 40, "appointment": 160}


def test_usd_cents_are_kept_in_revenue() -> None:
    # $100,000 over 3 months: 33,333.333... -> cumulative half up to cents: 33,333.33, 66,666.67,
    # 100,000.00 -> steps 33,333.33, 33,333.34, 33,333.33
    plan = make_plan(
        currency="USD",
        period={"start": "2027-01", "end": "2027-03"},
        kgi={"revenue": "$100,000"},
        deal_size=10_000,
    )
    assert list(monthly_revenue(plan).values()) == [
        Fraction(3_333_333, 100),
        Fraction(3_333_334, 100),
        Fraction(3_333_333, 100),
    ]


# --- lags, pipeline, after the period ----------------------------------------------------------


LAGGED = [
    {"id": "lead", "owner": "marketing", "rate": "50%"},
    {"id": "appointment", "owner": "sales", "rate": "25%", "lag": 1},
    {"id": "deal", "owner": "sales"},
]


def test_lag_puts_needs_before_the_period() -> None:
    report = build_target(make_plan(funnel=LAGGED))
    assert report.pre_period_months == [Month(2027, 3)]
    first = report.months[0]
    assert (first.month, first.in_period, first.revenue) == (Month(2027, 3), False, 0)
    # April's 7 deals need 28 appointments in March, which need 56 leads in March (lag only on
    # appointment -> deal)
    assert first.counts == {"lead": 56, "appointment": 28, "deal": 0}


def test_pipeline_reduces_pre_period_needs_first() -> None:
    without = build_target(make_plan(funnel=LAGGED))
    held = build_target(make_plan(funnel=LAGGED, pipeline={"appointment": 35}))
    # March needs 28 appointments: all 28 come from the 35 held; the 7 left come off April's 28.
    assert counts(without, "appointment")[:2] == [28, 28]
    assert counts(held, "appointment")[:2] == [0, 21]
    assert without.total.counts["appointment"] - held.total.counts["appointment"] == 35
    # fewer appointments to create means fewer leads (50%): 70 fewer
    assert without.total.counts["lead"] - held.total.counts["lead"] == 70
    assert held.total.counts["deal"] == without.total.counts["deal"]


def test_after_period_average_feeds_deals_after_the_period() -> None:
    report = build_target(make_plan(funnel=LAGGED))
    after = report.after_period
    # the period's average: 60,000,000 / 6 = 10,000,000 assumed in 2027-10
    assert (after.mode, after.monthly_revenue, after.months) == (
        "average",
        10_000_000,
        [Month(2027, 10)],
    )
    # September appointments feed October deals: running deals 40 -> 46.67 -> 47: 7 more, x4 = 28
    assert counts(report, "appointment")[-1] == 28


def test_after_period_stop_tapers_off() -> None:
    report = build_target(make_plan(funnel=LAGGED, after_period="stop"))
    assert report.after_period.mode == "stop"
    assert counts(report, "appointment")[-1] == 0
    assert counts(report, "lead")[-1] == 0


def test_after_period_amount() -> None:
    report = build_target(make_plan(funnel=LAGGED, after_period="¥3,000,000"))
    after = report.after_period
    assert (after.mode, after.monthly_revenue) == ("amount", 3_000_000)
    # October: 3,000,000 / 1,500,000 = 2 deals -> 8 appointments in September
    assert counts(report, "appointment")[-1] == 8


def test_no_lag_no_after_period_months() -> None:
    report = build_target(make_plan())
    assert report.after_period.months == []
    assert report.pre_period_months == []


# --- segments and people ---------------------------------------------------------------------


def test_segments_sum_to_team_totals_and_are_rounded_each() -> None:
    plan = make_plan(
        deal_size=None,
        funnel=LAGGED,
        segments=[
            {"id": "ent", "share": "60%", "deal_size": 5_000_000, "rates": {"appointment": "20%"}},
            {"id": "smb", "share": "40%", "deal_size": 1_000_000, "pipeline": {"lead": 10}},
        ],
    )
    report = build_target(plan)
    assert [s.id for s in report.segments] == ["ent", "smb"]
    for index, row in enumerate(report.months):
        for stage, count in row.counts.items():
            assert count == sum(s.months[index].counts[stage] for s in report.segments)
    # enterprise: 36,000,000 / 5,000,000 = 7.2 deals -> 8 (rounded within the segment);
    # smb: 24,000,000 / 1,000,000 = 24. Team: 32, not ceil(7.2 + 24) = 32 by luck of the numbers
    assert report.segments[0].total.counts["deal"] == 8
    assert report.segments[1].total.counts["deal"] == 24
    assert report.total.counts["deal"] == 32
    assert report.segments[0].rates["appointment"] == Fraction(1, 5)
    assert report.segments[1].rates["appointment"] == Fraction(1, 4)


def test_people_loads_round_up_to_a_tenth() -> None:
    plan = make_plan(funnel=LAGGED, teams={"sales": {"headcount": 8, "working_days": 20}})
    report = build_target(plan)
    deals = next(p for p in report.people if p.stage == "deal")
    # 40 deals / 6 months / 8 people = 0.8333 -> 0.9 (rounded up: the team's sum is covered);
    # per day: 0.8333 / 20 = 0.041666 -> 0.05
    assert deals.period_total == 40
    assert deals.per_person_month == Fraction(9, 10)
    assert deals.per_person_day == Fraction(5, 100)
    # peak month: 7 / 8 = 0.875 -> 0.9
    assert deals.peak_per_person_month == Fraction(9, 10)


# --- properties ------------------------------------------------------------------------------


@st.composite
def funnels(draw: st.DrawFn) -> dict[str, object]:
    """A random plan: 2-6 stages, rates in (0, 1] on a 0.1% grid, lags 0-2, 1-12 months."""
    n = draw(st.integers(2, 6))
    ids = STAGE_IDS[-n:]
    stages: list[dict[str, object]] = []
    for index, stage_id in enumerate(ids):
        stage: dict[str, object] = {"id": stage_id, "owner": "a" if index < n // 2 else "b"}
        if index < n - 1:
            stage["rate"] = percent_text(Fraction(draw(st.integers(1, 1000)), 1000))
            stage["lag"] = draw(st.integers(0, 2))
        stages.append(stage)
    months = draw(st.integers(1, 12))
    end = Month(2027, 1) + (months - 1)
    weights = {
        str(Month(2027, 1) + i): draw(st.integers(1, 5))
        for i in range(months)
        if draw(st.booleans())
    }
    held = {
        stage_id: draw(st.integers(0, 50)) for stage_id in ids[:-1] if draw(st.integers(0, 3)) == 0
    }
    return {
        "plan": "random",
        "period": {"start": "2027-01", "end": str(end)},
        "kgi": {"revenue": draw(st.integers(1, 10**10)), "weights": weights},
        "deal_size": draw(st.integers(1, 10**8)),
        "funnel": stages,
        "pipeline": held,
        "after_period": draw(st.sampled_from(["average", "stop", 5_000_000])),
    }


def full_counts(
    report: TargetReport, plan: Plan
) -> tuple[dict[str, dict[Month, Fraction]], dict[Month, Fraction]]:
    """Every month's counts including those after the period (which the report does not show)."""
    demand = {row.month: row.revenue for row in report.months if row.in_period}
    for month in report.after_period.months:
        demand[month] = report.after_period.monthly_revenue
    result = backward(report.stages, Fraction(plan.deal_size), demand, plan.rounding, plan.pipeline)
    return result, demand


def running(values: dict[Month, Fraction], until: Month) -> Fraction:
    return sum((v for m, v in values.items() if m <= until), Fraction(0))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(funnels())
def test_whole_counts_run_forward_reach_every_month_and_none_could_be_lower(
    data: dict[str, object],
) -> None:
    plan = Plan.model_validate(data)
    report = build_target(plan)
    every, demand = full_counts(report, plan)
    stages = report.stages
    held = plan.pipeline
    # the report shows exactly these counts (before and in the period)
    for row in report.months:
        for stage in stages:
            assert row.counts[stage.id] == every[stage.id].get(row.month, 0)
            assert row.counts[stage.id].denominator == 1 and row.counts[stage.id] >= 0

    deal = stages[-1]
    for month in demand:
        # deals: whole deals x deal size cover the running revenue target
        cumulative = running(every[deal.id], month)
        assert cumulative * Fraction(plan.deal_size) >= running(demand, month)
        if every[deal.id].get(month, 0) > 0:  # one deal fewer would fall short
            assert (cumulative - 1) * Fraction(plan.deal_size) < running(demand, month)

    for position, stage in enumerate(stages[:-1]):
        following = stages[position + 1]
        assert stage.rate is not None
        for month in every[stage.id]:
            have = held.get(stage.id, 0) + running(every[stage.id], month)
            # forward, rounding down: what this stage yields by `month` reaches the next stage's
            # running count `lag` months later
            target = running(every[following.id], month + stage.lag)
            assert math.floor(have * stage.rate) >= target
            if every[stage.id][month] > 0:
                assert math.floor((have - 1) * stage.rate) < target

    # run the top stage alone forward through the whole funnel, whole numbers at every step
    top = stages[0]
    for month in demand:
        produced = held.get(top.id, 0) + running(every[top.id], month + -sum(s.lag for s in stages))
        for position, stage in enumerate(stages[:-1]):
            assert stage.rate is not None
            produced = math.floor(produced * stage.rate)
            if position + 1 < len(stages) - 1:
                produced += held.get(stages[position + 1].id, 0)
        assert produced * Fraction(plan.deal_size) >= running(demand, month)


@settings(max_examples=200, deadline=None)
@given(funnels())
def test_period_total_equals_one_step_backward_when_lags_are_zero(data: dict[str, object]) -> None:
    for stage in data["funnel"]:  # type: ignore[attr-defined]
        stage.pop("lag", None)
    data["pipeline"] = {}
    plan = Plan.model_validate(data)
    report = build_target(plan)
    # one step for the whole period: deals = ceil(KGI / deal size); each earlier stage =
    # ceil(next / rate)
    expected = math.ceil(Fraction(plan.kgi.revenue) / Fraction(plan.deal_size))
    for stage in reversed(report.stages):
        if stage.rate is not None:
            expected = math.ceil(expected / stage.rate)
        assert report.total.counts[stage.id] == expected


@settings(max_examples=100, deadline=None)
@given(funnels(), st.data())
def test_rate_spellings_give_the_same_report(data: dict[str, object], draw: st.DataObject) -> None:
    import copy

    spellings = []
    for form in ("decimal", "percent", "fullwidth"):
        variant = copy.deepcopy(data)
        for stage in variant["funnel"]:  # type: ignore[index]
            if "rate" not in stage:
                continue
            rate = Decimal(stage["rate"].rstrip("%")) / 100
            stage["rate"] = {
                "decimal": rate,
                "percent": f"{rate * 100}%",
                "fullwidth": f"{rate * 100}%".translate(
                    str.maketrans("0123456789.%", "０１２３４５６７８９．％")
                ),
            }[form]
        spellings.append(build_target(Plan.model_validate(variant)))
    assert spellings[0] == spellings[1] == spellings[2]


@settings(max_examples=100, deadline=None)
@given(funnels())
def test_rounding_none_is_the_exact_requirement(data: dict[str, object]) -> None:
    data["rounding"] = "none"
    data["pipeline"] = {}
    plan = Plan.model_validate(data)
    report = build_target(plan)
    every, demand = full_counts(report, plan)
    deal = report.stages[-1]
    for month, amount in demand.items():
        assert every[deal.id][month] == amount / Fraction(plan.deal_size)
    for position, stage in enumerate(report.stages[:-1]):
        following = report.stages[position + 1]
        for month, count in every[stage.id].items():
            assert count * stage.rate == every[following.id].get(month + stage.lag, 0)


@pytest.mark.parametrize("rate", ["0.25", "25%", "２５％", Decimal("0.25")])
def test_rate_forms_in_a_plan(rate: object) -> None:
    plan = make_plan(funnel=[{"id": "a", "owner": "s", "rate": rate}, {"id": "deal", "owner": "s"}])
    assert build_target(plan).total.counts == {"a": 160, "deal": 40}


# --- what the machine formats and the tables say (issue 9, items 4 and 7) --------------------


def _two_halves(**changes: object) -> Plan:
    return make_plan(
        period={"start": "2027-04", "end": "2027-05"},
        kgi={"monthly": {"2027-04": 1_000_001, "2027-05": 1_000_000}},
        deal_size=None,
        segments=[
            {"id": "a", "share": "50%", "deal_size": 100_000},
            {"id": "b", "share": "50%", "deal_size": 100_000},
        ],
        **changes,
    )


def test_segment_revenue_parts_add_up_to_the_month_and_the_total() -> None:
    import json

    from funnelplan.core.segment_focus import focus_segment
    from funnelplan.formats.machine import target_csv, target_json

    plan = _two_halves()
    report = build_target(plan)
    # April: 1,000,001 / 2 = 500,000.5 each; rounded each half up they would be 500,001 twice
    # (1,000,002). Running totals: round(0.5 x 1,000,001) = 500,001, then 1,000,001 - 500,001.
    assert [s.months[0].revenue for s in report.segments] == [500_001, 500_000]
    # May: 500,000 each; the running totals over both months: a 1,000,000.5 -> 1,000,001 in all,
    # so a's May is 1,000,001 - 500,001 = 500,000, and b's 2,000,001 - 1,000,001 - 500,000
    assert [s.months[1].revenue for s in report.segments] == [500_000, 500_000]
    data = json.loads(target_json(report))
    for index, month in enumerate(data["months"]):
        parts = [s["months"][index]["revenue"] for s in data["segments"]]
        assert sum(parts) == month["revenue"]
    assert sum(s["total"]["revenue"] for s in data["segments"]) == data["total"]["revenue"]
    assert data["segments"][0]["months"][0]["revenue"] == 500_001
    assert data["segments"][1]["months"][0]["revenue"] == 500_000
    for segment, total in (("a", ",1000001"), ("b", ",1000000")):
        focused = focus_segment(plan, report, segment)
        assert target_csv(focused).splitlines()[-1].endswith(total)
    # the counts are still worked from the exact halves: 5.000005 deals -> 6 in April for each
    assert [s.months[0].counts["deal"] for s in report.segments] == [6, 6]


def test_split_by_shares_keeps_exact_halves_and_thirds() -> None:
    from funnelplan.core.rounding import split_by_shares

    thirds = [Fraction(1, 3)] * 3
    parts = split_by_shares([Fraction(100), Fraction(100)], thirds, 0)
    # running totals 33.3 -> 33, 66.7 -> 67, 100; over both months 66.7 -> 67, 133.3 -> 133, 200
    assert parts == [[33, 34], [34, 32], [33, 34]]
    assert [sum(column) for column in zip(*parts, strict=True)] == [100, 100]


def test_segment_pipelines_are_summed_in_the_table_and_json() -> None:
    import json

    from funnelplan.formats.machine import target_json
    from funnelplan.formats.markdown import render_markdown
    from funnelplan.i18n.words import Words
    from funnelplan.views.display import style_for
    from funnelplan.views.target import target_document

    plan = make_plan(
        funnel=LAGGED,
        deal_size=None,
        segments=[
            {"id": "a", "share": "50%", "deal_size": 1_000_000, "pipeline": {"appointment": 5}},
            {"id": "b", "share": "50%", "deal_size": 1_000_000, "pipeline": {"appointment": 7}},
        ],
    )
    report = build_target(plan)
    assert report.pipeline == {"appointment": 12}  # 5 + 7, in the core
    data = json.loads(target_json(report))
    assert data["pipeline"] == {"appointment": 12}
    assert [s["pipeline"] for s in data["segments"]] == [{"appointment": 5}, {"appointment": 7}]
    text = render_markdown(
        target_document(report, Words("en"), style_for(report)), style_for(report)
    )
    assert "appointment 12" in text and "appointment 7;" not in text
