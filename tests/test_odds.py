"""The odds (core/odds.py): worked examples, brute-force sums, the error bound, the sizing search."""

from __future__ import annotations

import json
from fractions import Fraction
from math import comb
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from funnelplan.core.commitments import build_target
from funnelplan.core.odds import (
    ERROR_LIMIT,
    UNITS,
    FunnelUnits,
    Units,
    binomial,
    extra_split,
    probability_at_least,
    size_for,
    target_odds,
)
from funnelplan.load.planfile import load_plan
from runner import run_cli

ROOT = Path(__file__).resolve().parent.parent
PLANS = ROOT / "plans"


def exact_at_least(funnels: list[FunnelUnits], goal: Fraction) -> Fraction:
    """Brute force, exactly: every group's revenue distribution (a dict of Fractions) convolved
    with the rest, then the probabilities of the totals at least `goal` summed."""
    revenue: dict[Fraction, Fraction] = {Fraction(0): Fraction(1)}
    for funnel in funnels:
        for unit in funnel.units:
            p, n = unit.chance, unit.count
            step = {
                k * funnel.deal_size: comb(n, k) * p**k * (1 - p) ** (n - k) for k in range(n + 1)
            }
            grown: dict[Fraction, Fraction] = {}
            for a, pa in revenue.items():
                for b, pb in step.items():
                    grown[a + b] = grown.get(a + b, Fraction(0)) + pa * pb
            revenue = grown
    return sum((p for r, p in revenue.items() if r >= goal), Fraction(0))


def test_the_issue_example_1200_inquiries_at_5_percent_for_60_deals() -> None:
    # P(Binomial(1200, 1/20) >= 60) = sum_{k>=60} C(1200,k) (1/20)^k (19/20)^(1200-k) = 0.51849...
    p = Fraction(1, 20)
    exact = 1 - sum(comb(1200, k) * p**k * (1 - p) ** (1200 - k) for k in range(60))
    odds = probability_at_least([FunnelUnits(Fraction(1), (Units(1200, p),))], Fraction(60))
    assert abs(odds.probability - exact) <= odds.error < ERROR_LIMIT
    assert Fraction(5184, 10000) < exact < Fraction(5185, 10000)


def test_the_example_plan_shows_51_8_percent_and_sizes_to_1325_for_80_percent() -> None:
    # plans/odds.yaml: 6 months x 200 inquiries, 25% x 40% x 50% = 5%, 60 deals of ¥1,000,000.
    report = build_target(load_plan(PLANS / "odds.yaml"))
    odds = target_odds(report, Fraction(4, 5))
    assert odds.entries == 1200
    assert odds.shown == Fraction(518, 1000)
    sized = odds.sized
    assert sized is not None
    assert sized.extra == 125  # 1,325 inquiries instead of 1,200
    assert sized.counts["inquiry"] == 1325
    assert sized.relative_extra == Fraction(125, 1200)  # +10.4%
    # the later stages follow: 125 x 25% = 31.25 -> 31 leads, x 40% = 12.5 -> 12, x 50% -> 6 deals
    assert sized.changes == {"inquiry": 125, "lead": 31, "appointment": 12, "deal": 6}
    assert sized.odds.probability >= Fraction(4, 5)
    assert sized.one_fewer is not None and sized.one_fewer.probability < Fraction(4, 5)


def test_the_cli_shows_the_line_and_json_holds_the_probability() -> None:
    run = run_cli("target", PLANS / "odds.yaml")
    assert run.code == 0
    assert "Odds of reaching the KGI: 51.8%" in run.stdout
    data = json.loads(run_cli("target", PLANS / "odds.yaml", "-f", "json").stdout)
    # the JSON holds the exact binomial tail of the worked example above, to 6 decimals
    p = Fraction(1, 20)
    exact = 1 - sum(comb(1200, k) * p**k * (1 - p) ** (1200 - k) for k in range(60))
    assert data["confidence"]["probability"] == pytest.approx(float(exact), abs=5e-7)
    sized = json.loads(
        run_cli("target", PLANS / "odds.yaml", "--confidence", "80%", "-f", "json").stdout
    )["confidence"]
    assert sized["wanted"] == 0.8
    assert sized["sized"]["extra"] == 125
    assert sized["sized"]["counts"]["inquiry"] == 1325
    assert sized["sized"]["probability"] >= 0.8 > sized["sized"]["one_fewer_probability"]


def test_confidence_table_shows_both_plans_in_japanese() -> None:
    run = run_cli("target", PLANS / "odds.yaml", "--confidence", "８０％", "--lang", "ja")
    assert run.code == 0
    assert "達成確率80%以上の計画: Inquiriesを125件増（+10.4%）" in run.stdout
    assert "80.1%" in run.stdout and "51.8%" in run.stdout


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("abc", "--confidence abc is not a probability"),
        ("100%", "must be more than 0% and less than 100%"),
        ("0", "--confidence 0 is not a probability"),
        ("80", "--confidence 80 is not a probability"),
    ],
)
def test_a_bad_confidence_is_an_exit_2_problem(value: str, words: str) -> None:
    run = run_cli("target", PLANS / "odds.yaml", "--confidence", value)
    assert run.code == 2
    assert run.stdout == ""
    assert run.stderr.startswith("--confidence: ")
    assert words in run.stderr
    assert "hint: write it as a percentage below 100%" in run.stderr


def test_a_certain_plan_and_a_goal_of_nothing() -> None:
    sure = FunnelUnits(Fraction(3), (Units(5, Fraction(1)),))
    assert probability_at_least([sure], Fraction(15)).probability == 1
    assert probability_at_least([sure], Fraction(16)).probability == 0
    assert probability_at_least([sure], Fraction(0)).probability == 1


def test_a_binomial_s_terms_add_up_to_one_within_its_error() -> None:
    for count, chance in [(1, Fraction(1, 2)), (40, Fraction(1, 3)), (10**6, Fraction(1, 20))]:
        dist = binomial(count, chance)
        assert abs(sum(dist.coef) - UNITS) <= dist.error
        assert Fraction(dist.error, UNITS) < Fraction(1, 10**12)


def test_a_billion_entries_stay_within_the_bound() -> None:
    # the mean of Binomial(10^9, 1/20) is 5 x 10^7 exactly: P(X >= mean) is a little above 1/2
    odds = probability_at_least(
        [FunnelUnits(Fraction(1), (Units(10**9, Fraction(1, 20)),))], Fraction(5 * 10**7)
    )
    assert Fraction(1, 2) < odds.probability < Fraction(501, 1000)
    assert odds.error < ERROR_LIMIT


units = st.builds(
    Units,
    st.integers(0, 12),
    st.fractions(min_value=Fraction(1, 20), max_value=1, max_denominator=20),
)
funnels = st.lists(
    st.builds(
        FunnelUnits,
        st.sampled_from([Fraction(1), Fraction(2), Fraction(3), Fraction(5, 2), Fraction(7)]),
        st.lists(units, min_size=1, max_size=2).map(tuple),
    ),
    min_size=1,
    max_size=3,
)


@settings(max_examples=60, deadline=None)
@given(funnels, st.fractions(min_value=0, max_value=60, max_denominator=4))
def test_the_probability_matches_a_brute_force_sum(
    chosen: list[FunnelUnits], goal: Fraction
) -> None:
    odds = probability_at_least(chosen, goal)
    assert odds.error < ERROR_LIMIT
    assert abs(odds.probability - exact_at_least(chosen, goal)) <= odds.error


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.integers(1, 40), min_size=1, max_size=3),
    st.lists(st.integers(2, 10), min_size=3, max_size=3),
    st.fractions(min_value=Fraction(1, 10), max_value=Fraction(19, 20), max_denominator=20),
)
def test_the_fewest_extra_entries_reach_the_wanted_odds_and_one_fewer_does_not(
    tops: list[int], denominators: list[int], wanted: Fraction
) -> None:
    chosen = [
        FunnelUnits(Fraction(1 + i), (Units(top, Fraction(1, denominators[i])),))
        for i, top in enumerate(tops)
    ]
    goal = Fraction(sum(top * (1 + i) for i, top in enumerate(tops)), 4)
    sizing = size_for(chosen, tops, goal, wanted)

    def at(extra: int) -> Fraction:
        split = extra_split(tops, extra)
        grown = [
            FunnelUnits(f.deal_size, (Units(f.units[0].count + e, f.units[0].chance),))
            for f, e in zip(chosen, split, strict=True)
        ]
        return exact_at_least(grown, goal)

    assert at(sizing.extra) >= wanted
    if sizing.extra:
        assert at(sizing.extra - 1) < wanted


@given(st.lists(st.integers(0, 50), min_size=1, max_size=5), st.integers(0, 200))
def test_the_split_is_house_monotone_and_adds_up(weights: list[int], extra: int) -> None:
    now, more = extra_split(weights, extra), extra_split(weights, extra + 1)
    assert sum(now) == extra and sum(more) == extra + 1
    assert all(b >= a for a, b in zip(now, more, strict=True))


def test_the_gap_shows_the_odds_from_here() -> None:
    run = run_cli("gap", PLANS / "example.yaml", "-f", "json")
    plan_basis = json.loads(run.stdout)["confidence"]["probability"]
    actual = json.loads(
        run_cli("gap", PLANS / "example.yaml", "--rates", "actual", "-f", "json").stdout
    )["confidence"]["probability"]
    assert 0 < plan_basis < 1 and 0 < actual < 1
    assert plan_basis != actual


def test_probabilities_are_shown_rounded_down_to_a_tenth_of_a_percent() -> None:
    from funnelplan.core.rounding import round_down

    # 0.51849... -> 51.8%; 0.79999 -> 79.9% (never 80%), 0.8 stays 80%
    assert round_down(Fraction(51849, 100000), 3) == Fraction(518, 1000)
    assert round_down(Fraction(79999, 100000), 3) == Fraction(799, 1000)
    assert round_down(Fraction(4, 5), 3) == Fraction(4, 5)


def test_the_odds_from_here_by_hand(tmp_path: Path) -> None:
    # plans/odds.yaml (no lags, 5% end to end, ¥1,000,000 a deal, ¥60,000,000), actuals to 2027-06
    # with 30 deals: ¥30,000,000 remain. The catch-up spreads them over 07-09 (10 deals a month),
    # 200 inquiries a month: 600 entries, nothing held (no lags). P(Binomial(600, 1/20) >= 30).
    actuals = tmp_path / "actuals.csv"
    actuals.write_text(
        "month,inquiry,lead,appointment,deal,revenue\n"
        "2027-04,200,50,20,10,10000000\n"
        "2027-05,200,50,20,10,10000000\n"
        "2027-06,200,50,20,10,10000000\n",
        encoding="utf-8",
    )
    run = run_cli("gap", PLANS / "odds.yaml", "--actuals", actuals, "-f", "json")
    assert run.code == 0, run.stderr
    p = Fraction(1, 20)
    exact = 1 - sum(comb(600, k) * p**k * (1 - p) ** (600 - k) for k in range(30))
    shown = json.loads(run.stdout)["confidence"]["probability"]
    assert shown == pytest.approx(float(exact), abs=5e-7)
    table = run_cli("gap", PLANS / "odds.yaml", "--actuals", actuals).stdout
    assert "Odds of reaching the KGI from here: " in table


def test_a_grid_too_long_is_refused_not_approximated() -> None:
    from funnelplan.core.odds import OddsTooComplex

    # deal sizes 1,000,003 / 1,000,033 / 1,000,037 (primes): a common unit of ¥1, a grid of ~10^9
    funnels = [
        FunnelUnits(Fraction(size), (Units(2000, Fraction(1, 20)),))
        for size in (1_000_003, 1_000_033, 1_000_037)
    ]
    with pytest.raises(OddsTooComplex):
        probability_at_least(funnels, Fraction(300_000_000))


def test_a_plan_too_complex_for_the_odds_says_why_in_the_reader_s_language(
    tmp_path: Path,
) -> None:
    # three prime deal sizes: their common unit is ¥1, a grid of ~10^9 values, refused; the
    # report says why in words (it printed "a revenue grid of 1067... values" in English)
    plan = tmp_path / "primes.yaml"
    plan.write_text(
        "plan: Primes\ncurrency: JPY\nperiod: {start: 2027-04, end: 2027-09}\n"
        "kgi: {revenue: 600000000}\nrounding: up\nfunnel:\n"
        "  - {id: lead, label: Leads, owner: marketing, rate: 20%}\n"
        "  - {id: deal, label: Deals, owner: sales}\nsegments:\n"
        "  - {id: a, label: A, share: 34%, deal_size: 1000003}\n"
        "  - {id: b, label: B, share: 33%, deal_size: 1000033}\n"
        "  - {id: c, label: C, share: 33%, deal_size: 1000037}\n",
        encoding="utf-8",
    )
    english = run_cli("target", plan).stdout
    assert "Odds of reaching the KGI: not computed (the deal sizes have no common unit" in english
    assert "revenue grid" not in english
    japanese = run_cli("target", plan, "--lang", "ja").stdout
    assert "計算できません（案件単価に共通の単位がなく" in japanese
