"""Properties of the capped forward run and the solved levers, over random small plans.

- Without a cap, whole counts run forward reach the KGI (the target's rounding rule, run back).
- A capped stage never passes more than its cap in a month.
- Each solved lever, run forward, reaches the KGI, and one unit less does not: a rate a hair below
  the exact answer (and the shown 0.1% value less 0.1%), a deal size one minor unit less than the
  shown one, a monthly cap one less, a segment share 0.1% less. "No value can" means 100% falls
  short. Lower rates than the answer never reach (the revenue only grows with a rate).
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from funnelplan.core.commitments import build_target
from funnelplan.core.whatif import (
    Cap,
    Funnel,
    _with_rate,
    funnel_for,
    reaches,
    run_forward,
    solve_levers,
)
from funnelplan.model.plan import Plan, check_plan
from funnelplan.model.record import replace

RATES = ["5%", "10%", "20%", "25%", "33%", "40%", "50%", "64%", "75%", "90%", "100%"]
HAIR = Fraction(1, 2**70)


@st.composite
def plans(draw: st.DrawFn) -> Plan:
    months = draw(st.integers(1, 6))
    stages = draw(st.integers(2, 4))
    funnel = []
    for index in range(stages):
        stage: dict[str, object] = {
            "id": f"s{index}",
            "owner": "marketing" if index < 2 else "sales",
        }
        if index < stages - 1:
            stage["rate"] = draw(st.sampled_from(RATES))
            stage["lag"] = draw(st.integers(0, 1))
        funnel.append(stage)
    raw: dict[str, object] = {
        "plan": "random",
        "period": {"start": "2027-01", "end": f"2027-{months:02d}"},
        "kgi": {
            "revenue": draw(st.integers(1, 60)) * 1_000_000 + draw(st.sampled_from([0, 1, 333_333]))
        },
        "deal_size": draw(st.sampled_from([500_000, 1_000_000, 1_234_567])),
        "funnel": funnel,
        "after_period": draw(st.sampled_from(["average", "stop"])),
    }
    if draw(st.booleans()):
        raw["segments"] = [
            {"id": "big", "share": "30%", "deal_size": 3_000_000},
            {"id": "small", "share": "70%", "rates": {"s0": draw(st.sampled_from(RATES))}},
        ]
    plan = Plan.model_validate(raw, context={"currency": "JPY"})
    assert check_plan(plan) == []
    return plan


@st.composite
def capped(draw: st.DrawFn) -> tuple[Plan, Cap]:
    plan = draw(plans())
    report = build_target(plan)
    stage = draw(st.sampled_from(report.stages[:-1] if len(report.stages) > 1 else report.stages))
    peak = max(int(row.counts[stage.id]) for row in report.months)
    return plan, Cap(stage.id, draw(st.integers(0, max(1, peak + 1))))


def _monthly(running: tuple[int, ...], held: int) -> list[int]:
    before = [held, *running[:-1]]
    return [now - earlier for earlier, now in zip(before, running, strict=True)]


@settings(max_examples=60, deadline=None)
@given(plan=plans())
def test_uncapped_whole_counts_run_forward_reach_the_kgi(plan: Plan) -> None:
    report = build_target(plan)
    funnel = funnel_for(report, [])
    assert run_forward(funnel).revenue >= report.kgi


@settings(max_examples=60, deadline=None)
@given(case=capped())
def test_a_capped_stage_passes_at_most_its_cap_a_month(case: tuple[Plan, Cap]) -> None:
    plan, cap = case
    report = build_target(plan)
    funnel = funnel_for(report, [cap])
    stage = [s.id for s in report.stages].index(cap.stage)
    run = run_forward(funnel)
    monthly = [
        _monthly(run.running[k][stage], arm.held[stage]) for k, arm in enumerate(funnel.arms)
    ]
    for month in zip(*monthly, strict=True):
        assert sum(month) <= cap.per_month
        assert min(month) >= 0


def _arms_with_deal_size(funnel: Funnel, arm: int, deal_size: Fraction) -> tuple:  # type: ignore[type-arg]
    return tuple(
        replace(a, deal_size=deal_size) if i == arm else a for i, a in enumerate(funnel.arms)
    )


@settings(max_examples=60, deadline=None)
@given(case=capped(), data=st.data())
def test_solved_levers_reach_and_one_unit_less_does_not(
    case: tuple[Plan, Cap], data: st.DataObject
) -> None:
    plan, cap = case
    report = build_target(plan)
    funnel = funnel_for(report, [cap])
    reachable, solved = solve_levers(report, [cap])
    assert reachable == run_forward(funnel).revenue
    arm_index = {arm.id: i for i, arm in enumerate(funnel.arms)}
    stage_index = {stage.id: i for i, stage in enumerate(report.stages)}
    unit = Fraction(1, 10**report.minor_unit)
    for lever in solved:
        arm = arm_index.get(lever.segment or "all", 0)
        kind, _, target = lever.lever.partition(":")
        if kind == "rate":
            step = stage_index[target]

            def ok(rate: Fraction, arm: int = arm, step: int = step) -> bool:
                return reaches(funnel, arms=_with_rate(funnel, arm, step, rate))

            if lever.needed is None:
                assert not ok(Fraction(1))
                continue
            assert ok(lever.needed) and lever.shown is not None and ok(lever.shown)
            assert lever.shown <= 1 and lever.shown - lever.needed < Fraction(1, 1000)
            if lever.needed > 0:
                assert not ok(lever.needed - HAIR)
                assert not ok(lever.shown - Fraction(1, 1000))
                lower = data.draw(st.fractions(0, 1)) * lever.needed
                assert lower == lever.needed or not ok(lower)
        elif kind == "deal_size":
            if lever.needed is None:
                assert run_forward(funnel).deals[arm] == 0
                continue
            assert lever.shown is not None

            def ok_money(amount: Fraction, arm: int = arm) -> bool:
                return reaches(funnel, arms=_arms_with_deal_size(funnel, arm, amount))

            assert ok_money(lever.needed) and ok_money(lever.shown)
            if lever.needed > 0:
                assert not ok_money(lever.shown - unit)
                assert not ok_money(lever.needed - HAIR)
        elif kind == "volume":
            stage = stage_index[cap.stage]
            if lever.needed is None:
                continue
            assert reaches(funnel, caps=((stage, int(lever.needed)),))
            if lever.needed >= 1:
                assert not reaches(funnel, caps=((stage, int(lever.needed) - 1),))
        else:
            if lever.needed is None:
                assert not any(
                    reaches(funnel, split=(target, Fraction(step, 1000))) for step in range(1001)
                )
                continue
            assert reaches(funnel, split=(target, lever.needed))
            if lever.needed > 0:
                assert not reaches(funnel, split=(target, lever.needed - Fraction(1, 1000)))


def test_the_plan_shares_are_decimals() -> None:  # the generator's plans are the plan's own types
    plan = Plan.model_validate(
        {
            "plan": "x",
            "period": {"start": "2027-01", "end": "2027-01"},
            "kgi": {"revenue": 1},
            "deal_size": 1,
            "funnel": [{"id": "a", "owner": "m", "rate": "50%"}, {"id": "b", "owner": "m"}],
        }
    )
    assert plan.funnel[0].rate == Decimal("0.5")
