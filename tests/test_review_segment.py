"""The export mapping's `segment:` column: segmented actuals from a record-level export.

Expected counts are worked out from the generated records (plans/make_example_review.py)."""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from pathlib import Path

import pytest

from funnelplan.load.crm.load import read_mapped_actuals
from funnelplan.load.planfile import load_plan
from funnelplan.model.months import Month
from runner import PLANS, run_cli
from test_review import GEN, LEADS, _month

EXAMPLE = (PLANS / "example-review.yaml").read_text(encoding="utf-8")
SEGMENTS = "segments:\n  - {id: manufacturing, label: 製造, share: 30%}\n  - {id: it, label: IT, share: 70%}\n"


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    (tmp_path / "exports" / "review").mkdir(parents=True)
    (tmp_path / "exports" / "review" / "leads.csv").write_text(
        GEN.export_text(LEADS), encoding="utf-8", newline=""
    )
    text = (
        EXAMPLE.replace("  timezone: Asia/Tokyo\n", "  timezone: Asia/Tokyo\n  segment: 業種\n")
        .replace("period: {start: 2027-04, end: 2028-03}", "period: {start: 2026-10, end: 2027-09}")
        .replace("deal_size: 2000000\n", "deal_size: 2000000\n" + SEGMENTS)
    )
    path = tmp_path / "plan.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_each_segment_counts_its_own_records(plan: Path) -> None:
    table = read_mapped_actuals(load_plan(plan), plan.parent, plan_file=plan).table
    industry = {"manufacturing": "製造", "it": "IT"}
    for segment, value in industry.items():
        mine = [lead for lead in LEADS if lead.industry == value]
        leads = Counter(_month(lead.created) for lead in mine)
        deals = Counter(_month(lead.won) for lead in mine if lead.won is not None)
        revenue = Counter()
        for lead in mine:
            if lead.won is not None:
                revenue[_month(lead.won)] += lead.amount
        rows = [row for row in table.rows if row.segment == segment]
        assert [row.month for row in rows] == table.months  # a row for every month
        for row in rows:
            assert row.counts["lead"] == leads[row.month.ordinal]
            assert row.counts["deal"] == deals[row.month.ordinal]
            assert row.revenue == revenue[row.month.ordinal]
    assert {row.segment for row in table.rows} == {"manufacturing", "it"}
    assert table.months[0] == Month(2026, 8)  # the lags' lead-in before the period


def test_values_of_no_segment_are_named_and_not_counted(plan: Path) -> None:
    done = run_cli("actuals", plan)
    assert done.code == 0, done.stderr
    retail = sum(lead.industry == "小売" for lead in LEADS)
    assert f"not counted, no plan segment: 小売 {retail:,}" in done.stdout


def test_the_csv_reads_back_into_gap_with_the_same_result(plan: Path) -> None:
    done = run_cli("actuals", plan, "-f", "csv")
    assert done.code == 0, done.stderr
    header = next(csv.reader(io.StringIO(done.stdout)))
    assert header[:2] == ["month", "segment"]
    table = plan.parent / "actuals.csv"
    table.write_text(done.stdout, encoding="utf-8")
    from_export = run_cli("gap", plan, "-f", "json")
    from_table = run_cli("gap", plan, "--actuals", table, "-f", "json")
    assert from_export.code == 0, from_export.stderr
    assert from_table.code == 0, from_table.stderr
    exported, tabled = json.loads(from_export.stdout), json.loads(from_table.stdout)
    exported.pop("actuals"), tabled.pop("actuals")  # the file names differ, nothing else
    assert exported == tabled
    assert exported["segments"]


def test_a_segment_column_the_export_lacks(plan: Path) -> None:
    plan.write_text(
        plan.read_text(encoding="utf-8").replace("segment: 業種", "segment: 業界"), encoding="utf-8"
    )
    done = run_cli("actuals", plan)
    assert done.code == 2 and done.stdout == ""
    assert "actuals.segment" in done.stderr and "has no column '業界'" in done.stderr


def test_revenue_from_another_export_with_segments(plan: Path) -> None:
    text = plan.read_text(encoding="utf-8").replace(
        "  revenue:                             # won amounts from the same export\n",
        "  revenue:\n    file: exports/review/other.csv\n",
    )
    plan.write_text(text, encoding="utf-8")
    done = run_cli("actuals", plan)
    assert done.code == 2 and done.stdout == ""
    assert "segmented actuals need the revenue in the same export" in done.stderr
