"""Channels and budget: the mixed rate, each channel's counts and cost, cost per stage, CAC.

Every figure is worked out by hand in the comments (docs/capacity.md, core/budget.py).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from fractions import Fraction
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from funnelplan.core.commitments import build_target
from funnelplan.core.rounding import split_counts_by_shares
from funnelplan.load.planfile import load_plan
from funnelplan.model.plan import Plan
from funnelplan.model.record import replace
from runner import PLANS, run_cli

# 10 deals a month of ¥100,000; inquiries convert at 50%. Channel A (half the inquiries) converts
# at its own 100%, B at the stage's 50%.
SMALL = """\
plan: channels
period: {start: 2027-01, end: 2027-03}
kgi: {revenue: 3000000}
deal_size: 100000
funnel:
  - {id: inquiry, owner: marketing, rate: 50%}
  - {id: deal, owner: sales}
teams:
  sales: {headcount: 2, cost: 100000}
channels:
  - {id: A, share: 50%, cost_per_unit: 1000, rate: 100%}
  - {id: B, share: 50%, cost: 5000}
"""


def test_mixed_rate_counts_and_costs_by_hand(write_plan: Callable[..., Path]) -> None:
    report = build_target(load_plan(write_plan(SMALL)))
    budget = report.budget
    assert budget is not None
    # effective rate: 50% × 100% + 50% × 50% = 75%
    assert report.stages[0].rate == Fraction(3, 4)
    assert budget.effective_rate == Fraction(3, 4)
    # inquiries: 10 / 0.75 = 13.33 a month; running totals rounded up: 14, 27, 40 -> 14, 13, 13
    assert [row.counts["inquiry"] for row in report.months] == [14, 13, 13]
    # split 50/50 by running totals: month 1 aims 7/7 -> 7, 7; month 2 aims 13.5/13.5 with 7/7
    # held: 6 each and the odd unit to the first -> 7, 6; month 3 aims 20/20 with 14/13 -> 6, 7
    a = [month.channels["A"].count for month in budget.months]
    b = [month.channels["B"].count for month in budget.months]
    assert (a, b) == ([7, 7, 6], [7, 6, 7])
    # A's 20 inquiries make 20 deals at 100%, B's 20 make 10 at 50%: the 30 deals planned
    assert sum(a) * 1 + sum(b) * Fraction(1, 2) == report.total.counts["deal"] == 30
    # cost: A 7, 7, 6 × ¥1,000 = 7,000, 7,000, 6,000; B a fixed ¥5,000 a month
    assert [month.cost for month in budget.months] == [12000, 12000, 11000]
    assert budget.total == 35000
    # per stage: 35,000 / 40 inquiries = 875; 35,000 / 30 deals = 1,166.67 -> ¥1,167
    assert budget.cost_per == {"inquiry": 875, "deal": 1167}
    # spend as a share of revenue: 35,000 / 3,000,000
    assert budget.revenue_share == Fraction(35000, 3000000)
    # people: 2 × ¥100,000 a month × 3 = 600,000; CAC = (35,000 + 600,000) / 30 = 21,166.67
    assert budget.people_cost == 600000
    assert budget.cac == 21167


def test_budget_json_contract(write_plan: Callable[..., Path]) -> None:
    done = run_cli("target", write_plan(SMALL), "--format", "json")
    budget = json.loads(done.stdout)["budget"]
    assert budget["months"][1] == {
        "month": "2027-02",
        "in_period": True,
        "channels": {"A": {"count": 7, "cost": 7000}, "B": {"count": 6, "cost": 5000}},
        "cost": 12000,
        "people_cost": 200000,
    }
    assert (budget["total"], budget["cost_per"], budget["cac"]) == (
        35000,
        {"inquiry": 875, "deal": 1167},
        21167,
    )


def test_budget_csv_columns(write_plan: Callable[..., Path]) -> None:
    lines = run_cli("target", write_plan(SMALL), "--format", "csv").stdout.splitlines()
    assert lines[0] == (
        "month,inquiry,deal,revenue,sales_people,sales_ramped,A_count,A_cost,B_count,B_cost,"
        "marketing_cost,people_cost"
    )
    # February as worked out in test_mixed_rate_counts_and_costs_by_hand: 13 inquiries, 10 deals,
    # A 7 (¥7,000), B 6 (its fixed ¥5,000), marketing ¥12,000, 2 sales people at ¥100,000
    assert lines[2] == "2027-02,13,10,1000000,2,2,7,7000,6,5000,12000,200000"
    assert lines[-1] == "total,40,30,3000000,,,20,20000,20,15000,35000,600000"


def test_costs_are_exact_money_in_the_currencys_unit(write_plan: Callable[..., Path]) -> None:
    # a cost per unit of ¥0.5 under rounding: none (fractional counts): each channel's running
    # cost is rounded half up to the yen, so its months add up to its total
    text = SMALL.replace("cost_per_unit: 1000", "cost_per_unit: 333").replace(
        "deal_size: 100000", "deal_size: 100000\nrounding: none"
    )
    report = build_target(load_plan(write_plan(text)))
    assert report.budget is not None
    for month in report.budget.months:
        for part in month.channels.values():
            assert part.cost.denominator == 1
    # A: 40/3 / 2 = 6.67 inquiries a month × ¥333 = 2,220 exactly (20 × 333 / 3)
    assert report.budget.channel_totals["A"].cost == 6660


def test_one_channel_at_100_percent_is_the_plan_without_channels(
    write_plan: Callable[..., Path],
) -> None:
    for stem in ("example", "example-en"):
        text = (PLANS / f"{stem}.yaml").read_text(encoding="utf-8")
        plain = build_target(load_plan(PLANS / f"{stem}.yaml"))
        one = build_target(load_plan(write_plan(text + "channels:\n  - {id: all, share: 100%}\n")))
        assert one.budget is not None
        assert replace(one, budget=None) == plain


@settings(max_examples=40, deadline=None)
@given(
    top_rate=st.integers(1, 100),
    revenue=st.integers(1, 10**8),
    deal_size=st.integers(1, 10**6),
    lag=st.integers(0, 3),
)
def test_one_channel_at_100_percent_is_the_plan_without_channels_property(
    top_rate: int, revenue: int, deal_size: int, lag: int
) -> None:
    def plan(channels: list[dict[str, object]], rate: int) -> Plan:
        return Plan.model_validate(
            {
                "plan": "p",
                "period": {"start": "2027-01", "end": "2027-06"},
                "kgi": {"revenue": revenue},
                "deal_size": deal_size,
                "funnel": [
                    {"id": "inquiry", "owner": "marketing", "rate": f"{rate}%", "lag": lag},
                    {"id": "appointment", "owner": "sales", "rate": "25%"},
                    {"id": "deal", "owner": "sales"},
                ],
                "channels": channels,
            }
        )

    plain = build_target(plan([], top_rate))
    # one channel, no rate of its own: the plan as it is
    one = build_target(plan([{"id": "x", "share": "100%"}], top_rate))
    assert replace(one, budget=None) == plain
    # one channel with its own rate: the plan whose top stage has that rate
    own = build_target(plan([{"id": "x", "share": "100%", "rate": "35%"}], top_rate))
    assert replace(own, budget=None) == build_target(plan([], 35))
    assert own.budget is not None
    assert [m.channels["x"].count for m in own.budget.months] == [
        row.counts["inquiry"] for row in own.months
    ]


@settings(max_examples=200, deadline=None)
@given(
    weights=st.lists(st.integers(1, 50), min_size=1, max_size=6),
    counts=st.lists(st.integers(0, 10**6), min_size=1, max_size=12),
)
def test_channel_counts_add_up_every_month_and_none_is_negative(
    weights: list[int], counts: list[int]
) -> None:
    shares = [Fraction(w, sum(weights)) for w in weights]
    parts = split_counts_by_shares([Fraction(c) for c in counts], shares)
    running = Fraction(0)
    for month, count in enumerate(counts):
        assert sum(part[month] for part in parts) == count
        running += count
        for share, part in zip(shares, parts, strict=True):
            assert part[month] >= 0 and part[month].denominator == 1
            # each channel's running count is at most one unit from its share of the running total
            # (the month-by-month split can be exactly one unit off: weights 1,1,1,33,33,33 over
            # 66 then 2 leave one 33 part at 21 of 22; documented in core/rounding.py)
            assert abs(sum(part[: month + 1]) - share * running) <= 1


def test_channels_with_rates_in_the_example_reproduce_the_hand_calculation() -> None:
    report = build_target(load_plan(PLANS / "example-capacity.yaml"))
    # 展示会 30% at 30%, Web広告 50% and SEO 20% at the stage's 40%:
    # 0.3 × 0.3 + 0.5 × 0.4 + 0.2 × 0.4 = 0.09 + 0.20 + 0.08 = 37%
    assert report.stages[0].rate == Fraction(37, 100)
    budget = report.budget
    assert budget is not None
    for month, row in zip(budget.months, report.months, strict=True):
        assert sum(part.count for part in month.channels.values()) == row.counts["inquiry"]
        # Web広告 ¥8,000 a unit; SEO a fixed ¥500,000 in each period month (none before it)
        assert month.channels["Web広告"].cost == month.channels["Web広告"].count * 8000
        assert month.channels["SEO"].cost == (500000 if month.in_period else 0)


def test_a_segments_own_top_rate_stands_in_for_the_stages_in_its_mix(
    write_plan: Callable[..., Path],
) -> None:
    text = """\
plan: segments
period: {start: 2027-01, end: 2027-02}
kgi: {revenue: 2000000}
deal_size: 100000
funnel:
  - {id: inquiry, owner: marketing, rate: 40%}
  - {id: deal, owner: sales}
segments:
  - {id: big, share: 50%, rates: {inquiry: 20%}}
  - {id: small, share: 50%}
channels:
  - {id: fair, share: 50%, rate: 30%}
  - {id: web, share: 50%}
"""
    report = build_target(load_plan(write_plan(text)))
    # big: 50% × 30% + 50% × 20% = 25%; small: 50% × 30% + 50% × 40% = 35%
    assert {s.id: s.rates["inquiry"] for s in report.segments} == {
        "big": Fraction(1, 4),
        "small": Fraction(7, 20),
    }
    # big needs 5 deals a month: 5 / 25% = 20 inquiries; small 5 / 35% = 14.29 -> 15, then 14
    assert [row.counts["inquiry"] for row in report.segments[0].months] == [20, 20]
    assert [row.counts["inquiry"] for row in report.segments[1].months] == [15, 14]
    assert report.budget is not None
    assert report.budget.effective_rate is None  # no one rate for the whole plan


ACTUALS = """\
month,inquiry,lead,appointment,deal,revenue
2027-03,190,70,35,0,0
2027-04,180,66,30,7,21000000
2027-05,170,60,28,8,24000000
"""


def test_gap_costs_the_catch_ups_extra_units_and_spend_per_deal(tmp_path: Path) -> None:
    from funnelplan.core.gap import build_gap
    from funnelplan.load.actuals import read_actuals

    actuals_path = tmp_path / "actuals.csv"
    actuals_path.write_text(ACTUALS, encoding="utf-8")
    plan = load_plan(PLANS / "example-capacity.yaml")
    target = build_target(plan)
    report = build_gap(plan, read_actuals(actuals_path, plan))
    cost = report.budget
    assert cost is not None and target.budget is not None
    # the channels' extra units add up to the catch-up's change in inquiries
    assert cost.extra_units == report.catch_up.change("inquiry")
    # each at its cost per unit (展示会 ¥20,000, Web広告 ¥8,000; SEO's fixed cost does not change)
    assert cost.channels["展示会"].cost == cost.channels["展示会"].count * 20000
    assert cost.channels["Web広告"].cost == cost.channels["Web広告"].count * 8000
    assert cost.channels["SEO"].cost == 0
    # spend to date as planned: 2027-03 ¥1,956,000 + 04 ¥2,444,000 + 05 ¥2,228,000 = ¥6,628,000;
    # per deal: ÷ 18 planned (9 + 9) = 368,222.2 -> ¥368,222; ÷ 15 won (7 + 8) = ¥441,867
    assert cost.spend_to_date == 6628000
    assert (cost.plan_per_deal, cost.actual_per_deal) == (368222, 441867)
    done = run_cli(
        "gap", PLANS / "example-capacity.yaml", "--actuals", actuals_path, "--format", "json"
    )
    assert json.loads(done.stdout)["budget"]["spend_to_date"] == 6628000
    done = run_cli("gap", PLANS / "example-capacity.yaml", "--actuals", actuals_path)
    assert "¥441,867 per deal won against ¥368,222 per deal planned" in done.stdout


def test_gap_without_channels_has_no_budget_key() -> None:
    done = run_cli("gap", PLANS / "example.yaml", "--format", "json")
    assert done.code == 0, done.stderr
    assert "budget" not in json.loads(done.stdout)
