"""`funnelplan review`: recovering known rates, days, deal sizes and response times from an export.

The export is generated with known behaviour (plans/make_example_review.py, another seed than the
example's); every expected number below is worked out from the generated records themselves, in
this file, by plain counting, never copied from the output.
"""

from __future__ import annotations

import importlib.util
import json
import statistics
import sys
from collections import Counter
from datetime import date, datetime, timedelta
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import holidays
import pytest

from funnelplan.core.review import median, percentile, review, wilson
from funnelplan.core.sla import BusinessDays
from funnelplan.load.crm.records import read_review_records
from funnelplan.load.planfile import load_plan
from funnelplan.model.crm_records import Limit, parse_limit
from gold import assert_gold
from runner import PLANS, run_cli

SEED = 7


def _generator():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("make_review", PLANS / "make_example_review.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["make_review"] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


GEN = _generator()
LEADS = GEN.build(SEED)


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example plan over an export generated with SEED: plan path."""
    folder = tmp_path_factory.mktemp("review")
    (folder / "exports" / "review").mkdir(parents=True)
    (folder / "exports" / "review" / "leads.csv").write_text(
        GEN.export_text(LEADS), encoding="utf-8", newline=""
    )
    plan = folder / "plan.yaml"
    plan.write_text((PLANS / "example-review.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    return plan


def _report(plan_path: Path, by: list[str], holidays_code: str | None = "JP"):  # type: ignore[no-untyped-def]
    plan = load_plan(plan_path)
    assert plan.agreement is not None
    rules = [(i, r, parse_limit(r.within)) for i, r in plan.agreement.sla_rules]
    records = read_review_records(plan, plan_path.parent, plan_file=plan_path, by=by, sla=rules)
    return review(plan, records, holidays_code)


def _month(moment: datetime) -> int:
    return moment.year * 12 + moment.month - 1


LAST = _month(GEN.CUT)  # the newest date in the export is in CUT's month


def test_the_generated_export_has_what_the_test_needs() -> None:
    assert max(lead.created for lead in LEADS).date() == GEN.CUT.date()
    assert len({lead.source for lead in LEADS}) == 4


def test_counts_rates_on_complete_cohorts_and_intervals(generated: Path) -> None:
    report = _report(generated, ["source"])
    groups = {group.value[0]: group for group in report.groups}
    for name, source in GEN.SOURCES.items():
        mine = [lead for lead in LEADS if lead.source == name]
        group = groups[name]
        assert group.counts == {
            "lead": len(mine),
            "appointment": sum(lead.appointment is not None for lead in mine),
            "deal": sum(lead.won is not None for lead in mine),
        }
        # lead -> appointment: the plan's lag is 1, so a lead of month m counts when m + 1 < LAST
        cohort = [lead for lead in mine if _month(lead.created) + 1 < LAST]
        went_on = [lead for lead in cohort if lead.appointment is not None]
        step = group.steps[0]
        assert (step.entered, step.went_on) == (len(cohort), len(went_on))
        assert step.rate == Fraction(len(went_on), len(cohort))
        assert step.months[-1].ordinal == LAST - 2 and step.months[0].ordinal == _month(
            datetime(2025, 4, 1)
        )
        # appointment -> deal (lag 1): the chance a 商談 is won is the source's own, no factor
        cohort = [
            lead
            for lead in mine
            if lead.appointment is not None and _month(lead.appointment) + 1 < LAST
        ]
        won = [lead for lead in cohort if lead.won is not None]
        step = group.steps[1]
        assert (step.entered, step.went_on) == (len(cohort), len(won))
        assert step.interval == wilson(len(won), len(cohort))
        # the source's own chance lies in the interval; four sources at 95% would miss one in
        # five runs, so the check uses 99.9% (z = 3.29) through the same function
        low, high = wilson(len(won), len(cohort), Decimal("3.290527"))  # type: ignore[misc]
        assert low <= Fraction(source.won).limit_denominator() <= high
        assert step.plan_rate == Fraction(1, 4)


def test_days_and_deal_sizes_from_the_records(generated: Path) -> None:
    report = _report(generated, ["source"])
    for group in report.groups:
        mine = [lead for lead in LEADS if lead.source == group.value[0]]
        days = sorted(
            (lead.appointment.date() - lead.created.date()).days
            for lead in mine
            if lead.appointment is not None
        )
        assert group.steps[0].days_median == Fraction(statistics.median(days)).limit_denominator()
        rank = -(-9 * len(days) // 10)  # nearest rank: ceil(0.9 n)
        assert group.steps[0].days_p90 == days[rank - 1]
        amounts = [lead.amount for lead in mine if lead.amount is not None]
        assert group.won == len(amounts)
        assert group.revenue == sum(amounts)
        assert group.deal_mean == Fraction(sum(amounts), len(amounts))
        assert group.deal_median == Fraction(statistics.median(amounts)).limit_denominator()
        assert group.revenue_per_lead == Fraction(sum(amounts), len(mine))
        assert set(amounts) <= set(GEN.SOURCES[group.value[0]].amounts)


def test_ranked_by_revenue_per_lead_with_costs_from_the_plan(generated: Path) -> None:
    report = _report(generated, ["source"])
    per_lead = [group.revenue_per_lead for group in report.groups]
    assert per_lead == sorted(per_lead, reverse=True)
    plan = load_plan(generated)
    for group in report.groups:
        cost = Fraction(plan.sources[group.value[0]].cost)
        leads = group.counts["lead"]
        assert group.cost == cost
        assert group.cost_per_lead == cost / leads
        assert group.cost_per_deal == cost / group.won
        assert group.roi == (group.revenue - cost) / cost


def test_the_parts_add_up_to_the_whole(generated: Path) -> None:
    report = _report(generated, ["source", "owner"])
    for stage in report.stages:
        assert sum(g.counts[stage] for g in report.groups) == report.overall.counts[stage]
    for index in range(len(report.stages) - 1):
        assert sum(g.steps[index].entered for g in report.groups) == (
            report.overall.steps[index].entered
        )
    assert sum(g.won for g in report.groups) == report.overall.won
    assert len(report.groups) == len(GEN.SOURCES) * len(GEN.OWNERS)


def _deadline(start: datetime) -> datetime:
    """1 business day by hand: the next day that is no weekend and no JP holiday, same clock."""
    calendar = holidays.country_holidays("JP")

    def business(day: date) -> bool:
        return day.weekday() < 5 and day not in calendar

    day, clock = start.date(), start.time()
    if not business(day):
        clock = datetime.min.time()
        while not business(day):
            day += timedelta(days=1)
    day += timedelta(days=1)
    while not business(day):
        day += timedelta(days=1)
    return datetime.combine(day, clock)


def test_the_sla_per_owner_from_the_records(generated: Path) -> None:
    report = _report(generated, ["source"])
    sla = report.sla[0]
    assert sla.limit == "1 business day"
    as_of = GEN.CUT  # the latest moment in the export is CUT (the last lead's time or earlier)
    latest = max(
        moment
        for lead in LEADS
        for moment in (lead.created, lead.touched, lead.appointment, lead.won)
        if moment is not None
    )
    as_of = max(latest, datetime.combine(latest.date(), datetime.max.time()).replace(second=0))
    owners = {row.owner: row for row in sla.by_owner}
    for owner in GEN.OWNERS:
        mine = [lead for lead in LEADS if lead.owner == owner]
        met = [
            lead
            for lead in mine
            if lead.touched is not None and lead.touched <= _deadline(lead.created)
        ]
        untouched = [
            lead.id for lead in mine if lead.touched is None and _deadline(lead.created) < as_of
        ]
        pending = [
            lead for lead in mine if lead.touched is None and _deadline(lead.created) >= as_of
        ]
        row = owners[owner]
        assert (row.applies, row.met, row.pending) == (len(mine), len(met), len(pending))
        assert list(row.untouched) == untouched
        assert row.share == Fraction(len(met), len(mine) - len(pending))
        hours = sorted(
            Fraction(int((lead.touched - lead.created).total_seconds()) // 60, 60)
            for lead in mine
            if lead.touched is not None
        )
        assert row.median_hours == (hours[(len(hours) - 1) // 2] + hours[len(hours) // 2]) / 2
    # the fast owner answers within the hour typically; the slow one takes two days
    assert (
        owners["髙橋"].median_hours < 1 < owners["渡辺"].median_hours < owners["佐藤"].median_hours
    )


def test_conversion_by_response_time(generated: Path) -> None:
    report = _report(generated, ["source"])
    buckets = {bucket.name: bucket for bucket in report.sla[0].buckets}
    cohort = [lead for lead in LEADS if _month(lead.created) + 1 < LAST]
    fast = [
        lead
        for lead in cohort
        if lead.touched is not None and lead.touched - lead.created <= timedelta(hours=1)
    ]
    never = [lead for lead in cohort if lead.touched is None]
    assert buckets["1h"].leads == len(fast)
    assert buckets["1h"].went_on == sum(lead.appointment is not None for lead in fast)
    assert buckets["never"].leads == len(never)
    assert buckets["never"].went_on == 0  # a 商談 is a touch
    assert sum(b.leads for b in buckets.values()) == len(cohort)
    # the generator makes a lead touched within the hour 2 / 0.8 = 2.5 times as likely to go on
    assert buckets["1h"].rate > 2 * buckets["24h"].rate


def test_business_days_skip_golden_week() -> None:
    """Friday 2027-04-30 15:00 + 1 business day: May 1-2 weekend, 3-5 holidays -> Thursday 6th."""
    calendar = BusinessDays("JP")
    start = datetime(2027, 4, 30, 15, 0)
    minutes = start.toordinal() * 1440 + 15 * 60
    deadline = calendar.deadline(minutes, Limit(1, "business_days"))
    assert deadline == date(2027, 5, 6).toordinal() * 1440 + 15 * 60
    # a lead on Saturday starts on Monday 00:00; one business day later is Tuesday 00:00
    saturday = date(2027, 6, 5).toordinal() * 1440 + 10 * 60
    assert (
        calendar.deadline(saturday, Limit(1, "business_days"))
        == date(2027, 6, 8).toordinal() * 1440
    )
    assert calendar.deadline(saturday, Limit(7, "days")) == saturday + 7 * 1440
    assert calendar.deadline(saturday, Limit(4, "hours")) == saturday + 240


@pytest.mark.parametrize(
    ("text", "limit"),
    [
        ("1 business day", Limit(1, "business_days")),
        ("2 business days", Limit(2, "business_days")),
        ("7 days", Limit(7, "days")),
        ("4 hours", Limit(4, "hours")),
        ("１営業日", Limit(1, "business_days")),
        ("7日", Limit(7, "days")),
        ("1 fortnight", None),
        ("0 days", None),
        ("soon", None),
    ],
)
def test_limits_as_teams_write_them(text: str, limit: Limit | None) -> None:
    assert parse_limit(text) == limit


def test_statistics_by_hand() -> None:
    # 1, 2, 2, 9: median (2 + 2) / 2 = 2; P90 rank ceil(3.6) = 4 -> 9
    values = Counter({1: 1, 2: 2, 9: 1})
    assert median(values) == 2
    assert percentile(values, Fraction(9, 10)) == 9
    assert median(Counter({1: 1, 4: 1})) == Fraction(5, 2)
    # Wilson 95% for 12 of 100, z = 1.96, z^2/n = 0.038416:
    # centre (0.12 + 0.019208) / 1.038416 = 0.134058;
    # half 1.96 / 1.038416 x sqrt(0.12 x 0.88 / 100 + 3.8416 / 40000) = 1.887490 x 0.033942 = 0.064065
    low, high = wilson(12, 100)  # type: ignore[misc]
    assert round(float(low), 4) == 0.0700 and round(float(high), 4) == 0.1981
    assert wilson(0, 0) is None
    assert wilson(0, 10)[0] == 0 and wilson(10, 10)[1] == 1  # type: ignore[index]


def test_the_cli_json_contract(generated: Path) -> None:
    done = run_cli("review", generated, "--by", "source", "-f", "json")
    assert done.code == 0, done.stderr
    document = json.loads(done.stdout)
    assert document["by"] == ["source"]
    group = document["groups"][0]
    for key in ("value", "counts", "rates", "cohort_months", "revenue", "revenue_per_lead", "days"):
        assert key in group
    assert set(group["days"]["lead"]) == {"median", "p90"}
    row = document["sla"][0]
    for key in ("rule", "month", "owner", "applies", "met", "share", "median_hours", "untouched"):
        assert key in row


def test_from_and_to_choose_the_months(generated: Path) -> None:
    report = _report(generated, [])
    plan = load_plan(generated)
    records = read_review_records(
        plan,
        generated.parent,
        plan_file=generated,
        by=["source"],
        window=(GEN_MONTH("2026-07"), GEN_MONTH("2026-09")),
    )
    windowed = review(plan, records)
    chosen = [lead for lead in LEADS if date(2026, 7, 1) <= lead.created.date() < date(2026, 10, 1)]
    assert windowed.overall.counts["lead"] == len(chosen)
    assert report.overall.counts["lead"] == len(LEADS)
    assert [str(m) for m in windowed.months] == ["2026-07", "2026-08", "2026-09"]


def GEN_MONTH(text: str):  # type: ignore[no-untyped-def]
    from funnelplan.model.months import parse_month

    return parse_month(text)


EXTENSIONS = {"table": "txt", "markdown": "md", "html": "html", "csv": "csv", "json": "json"}


@pytest.mark.parametrize("fmt", list(EXTENSIONS))
def test_every_format_of_the_example_matches_its_golden_file(tmp_path: Path, fmt: str) -> None:
    output = tmp_path / f"review.{EXTENSIONS[fmt]}"
    done = run_cli("review", "plans/example-review.yaml", "--by", "source", "-o", output)
    assert done.code == 0, done.stderr
    assert_gold(f"review/example-review.{EXTENSIONS[fmt]}", output.read_bytes().decode("utf-8"))


def test_japanese_and_the_cross_table_match_their_golden_files() -> None:
    done = run_cli("review", "plans/example-review.yaml", "--lang", "ja", "-f", "markdown")
    assert done.code == 0, done.stderr
    assert "展示会のリードは商談化率" in done.stdout
    assert_gold("review/example-review-ja.md", done.stdout)
    done = run_cli(
        "review", "plans/example-review.yaml", "--by", "source", "--by", "owner", "-f", "csv"
    )
    assert done.code == 0, done.stderr
    assert_gold("review/example-review-cross.csv", done.stdout)


def test_deals_in_another_export_give_no_revenue_and_rank_by_reach() -> None:
    """example-crm.yaml: contacts to 商談 in one export, won deals in another (no tie between)."""
    done = run_cli("review", "plans/example-crm.yaml", "--by", "Original Source", "-f", "json")
    assert done.code == 0, done.stderr
    document = json.loads(done.stdout)
    groups = document["groups"]
    assert all(group["revenue"] is None and group["won"] == 0 for group in groups)
    reach = [
        Fraction(group["counts"]["appointment"], group["counts"]["inquiry"]) for group in groups
    ]
    assert reach == sorted(reach, reverse=True)
    shown = run_cli("review", "plans/example-crm.yaml", "--by", "Original Source").stdout
    assert "the deals are in another export" in shown
