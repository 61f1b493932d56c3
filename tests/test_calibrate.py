"""`funnelplan calibrate`: rates, lag distributions, deal size and month weights recovered from an
export generated with known behaviour; every expected number is counted from the generated
records in this file."""

from __future__ import annotations

import json
import statistics
from collections import Counter
from datetime import datetime
from fractions import Fraction
from pathlib import Path

import pytest

from funnelplan.core.calibrate import calibrate
from funnelplan.load.crm.records import read_review_records
from funnelplan.load.planfile import load_plan
from gold import assert_gold
from runner import PLANS, run_cli
from test_review import GEN, LAST, LEADS, _month


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("calibrate")
    (folder / "exports" / "review").mkdir(parents=True)
    (folder / "exports" / "review" / "leads.csv").write_text(
        GEN.export_text(LEADS), encoding="utf-8", newline=""
    )
    plan = folder / "plan.yaml"
    plan.write_text((PLANS / "example-review.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    return plan


def _report(plan_path: Path):  # type: ignore[no-untyped-def]
    plan = load_plan(plan_path)
    records = read_review_records(plan, plan_path.parent, plan_file=plan_path, by=[])
    return calibrate(plan, records)


def _steps():  # type: ignore[no-untyped-def]
    """(entered, went-on time) pairs of each step, from the generated leads."""
    lead_step = [(lead.created, lead.appointment) for lead in LEADS]
    deal_step = [(lead.appointment, lead.won) for lead in LEADS if lead.appointment is not None]
    return lead_step, deal_step


def test_rates_on_complete_cohorts(generated: Path) -> None:
    report = _report(generated)
    for proposal, pairs in zip(report.rates, _steps(), strict=True):
        # the longest lag seen in the export is 2 months (the generator's), longer than the plan's 1
        longest = max(_month(b) - _month(a) for a, b in pairs if b is not None)
        assert longest == 2
        cohort = [(a, b) for a, b in pairs if _month(a) + longest < LAST]
        went_on = [pair for pair in cohort if pair[1] is not None]
        assert proposal.n == len(cohort)
        assert proposal.value == Fraction(len(went_on), len(cohort))
        assert proposal.low < proposal.value < proposal.high
        assert proposal.difference == proposal.value - Fraction(1, 4)
    # the 商談 -> 受注 chance is the sources' own won rates weighted by their 商談: in the interval
    appointments = Counter(lead.source for lead in LEADS if lead.appointment is not None)
    expected = sum(
        Fraction(GEN.SOURCES[name].won).limit_denominator() * n for name, n in appointments.items()
    ) / sum(appointments.values())
    deal = report.rates[1]
    assert deal.low <= expected <= deal.high


def test_lag_distributions_are_recovered(generated: Path) -> None:
    report = _report(generated)
    for proposal, pairs, known in zip(
        report.lags, _steps(), (GEN.LEAD_LAG, GEN.DEAL_LAG), strict=True
    ):
        cohort = [(a, b) for a, b in pairs if _month(a) + 2 < LAST and b is not None]
        months = Counter(_month(b) - _month(a) for a, b in cohort)
        assert proposal.distribution == {
            k: Fraction(months[k], len(cohort)) for k in sorted(months)
        }
        for k, share in known.items():  # what the generator was told, within sampling error
            assert abs(float(proposal.distribution[k]) - share) < 0.06
        assert proposal.median == min(
            k for k in sorted(months) if sum(months[j] for j in months if j <= k) * 2 >= len(cohort)
        )
    assert [lag.median for lag in report.lags] == [0, 1]  # 50% same month; 30% then 80% by one


def test_deal_size(generated: Path) -> None:
    report = _report(generated)
    amounts = sorted(lead.amount for lead in LEADS if lead.amount is not None)
    size = report.deal_size
    assert size.n == len(amounts)
    assert size.mean == Fraction(sum(amounts), len(amounts))
    assert size.median == Fraction(statistics.median(amounts)).limit_denominator()
    cut = len(amounts) // 10
    kept = amounts[cut : len(amounts) - cut]
    assert size.trimmed_mean == Fraction(sum(kept), len(kept))


def test_month_weights_from_won_revenue(generated: Path) -> None:
    report = _report(generated)
    first = _month(min(lead.created for lead in LEADS)) + 2  # plus the funnel's lags (1 + 1)
    season = range(first, LAST + 1)  # CUT is the month's last day: March is whole
    assert len(season) >= 12
    revenue = Counter()
    for lead in LEADS:
        if lead.won is not None:
            revenue[_month(lead.won)] += lead.amount
    by_calendar: dict[int, list[int]] = {}
    for month in season:
        by_calendar.setdefault(month % 12, []).append(revenue[month])
    averages = {k: Fraction(sum(v), len(v)) for k, v in by_calendar.items()}
    overall = sum(averages.values()) / 12
    for proposal in report.weights:
        assert proposal.weight == averages[proposal.month.ordinal % 12] / overall
    assert sum(p.weight for p in report.weights) == 12  # the twelve average to 1


def test_months_takes_the_last_n(generated: Path) -> None:
    done = run_cli("calibrate", generated, "--months", "6", "-f", "json")
    assert done.code == 0, done.stderr
    document = json.loads(done.stdout)
    assert document["months"] == [f"2026-{m:02d}" for m in range(10, 13)] + [
        f"2027-{m:02d}" for m in range(1, 4)
    ]
    assert document["weights"] == {}  # six months: no seasonality
    chosen = [lead for lead in LEADS if lead.created >= datetime(2026, 10, 1)]
    amounts = [lead.amount for lead in chosen if lead.amount is not None]
    assert document["deal_size"]["n"] == len(amounts)


def test_write_gives_a_plan_that_loads_and_never_overwrites(generated: Path) -> None:
    target = generated.parent / "proposed.yaml"
    done = run_cli("calibrate", generated, "--write", target)
    assert done.code == 0, done.stderr
    report = _report(generated)
    proposed = load_plan(target)
    lead, appointment = proposed.funnel[0], proposed.funnel[1]
    assert Fraction(lead.rate) == report.rates[0].written / 100
    assert Fraction(appointment.rate) == report.rates[1].written / 100
    for stage, proposal in zip((lead, appointment), report.lags, strict=False):
        written = proposal.written  # one month: `lag: N`; more: the distribution in percent
        if len(written) == 1:
            assert stage.lag == next(iter(written))
        else:
            assert {m: Fraction(share) * 100 for m, share in stage.lag.items()} == written
            assert sum(written.values()) == 100
    assert Fraction(proposed.deal_size) == report.deal_size.written(0)
    assert {m: Fraction(w) for m, w in proposed.kgi.weights.items()} == {
        w.month: w.written for w in report.weights
    }
    text = target.read_text(encoding="utf-8")
    assert f"n={report.rates[0].n:,} records" in text
    # the written plan, distributions and all, is a plan target and gap work from as it is
    assert run_cli("target", target, "-f", "json").code == 0
    before = target.read_bytes()
    done = run_cli("calibrate", generated, "--write", target)
    assert done.code == 2 and done.stdout == ""
    assert "exists already; calibrate never writes over a file" in done.stderr
    assert target.read_bytes() == before


@pytest.mark.parametrize("months", ["0", "121"])
def test_a_bad_months(generated: Path, months: str) -> None:
    done = run_cli("calibrate", generated, "--months", months)
    assert done.code == 2 and done.stdout == ""
    assert f"--months: {months} is not a number of months" in done.stderr


def test_a_plan_without_an_export() -> None:
    done = run_cli("calibrate", "plans/example.yaml")
    assert done.code == 2
    assert "review reads record-level exports" in done.stderr


EXTENSIONS = {"table": "txt", "markdown": "md", "csv": "csv", "json": "json"}


@pytest.mark.parametrize("fmt", list(EXTENSIONS))
def test_every_format_matches_its_golden_file(tmp_path: Path, fmt: str) -> None:
    output = tmp_path / f"calibrate.{EXTENSIONS[fmt]}"
    done = run_cli("calibrate", "plans/example-review.yaml", "-o", output)
    assert done.code == 0, done.stderr
    assert_gold(f"calibrate/example-review.{EXTENSIONS[fmt]}", output.read_text(encoding="utf-8"))


def test_the_written_plan_and_japanese_match_their_golden_files(tmp_path: Path) -> None:
    target = PLANS / "exports" / "review" / "proposed-test.yaml"
    target.unlink(missing_ok=True)
    try:
        done = run_cli(
            "calibrate",
            "plans/example-review.yaml",
            "--write",
            target,
            "--lang",
            "ja",
            "-f",
            "markdown",
        )
        assert done.code == 0, done.stderr
        assert_gold("calibrate/example-review-ja.md", done.stdout)
        assert_gold("calibrate/example-review-proposed.yaml", target.read_text(encoding="utf-8"))
    finally:
        target.unlink(missing_ok=True)
    del tmp_path
