"""CRM exports: the table ends at the newest date, keeps the lead-in months, and sets gap's as-of."""

from __future__ import annotations

import json
from datetime import date
from fractions import Fraction
from pathlib import Path

import pytest
from tests.runner import run_cli

from funnelplan.core.gap import build_gap
from funnelplan.i18n.words import Words
from funnelplan.load.crm.load import ExportActuals, read_mapped_actuals
from funnelplan.load.planfile import load_plan
from funnelplan.model.months import Month

# appointment -> deal has a lag of 1: the lead-in is one month (March)
PLAN = """\
plan: test
currency: JPY
period: {start: 2027-04, end: 2027-06}
kgi: {revenue: 6000000}
deal_size: 1000000
funnel:
  - {id: appointment, owner: sales, rate: 50%, lag: 1}
  - {id: deal, owner: sales}
actuals:
  file: c.csv
  columns: {appointment: appt, deal: won}
  revenue: {date: won, amount: amount, won: {column: stage, values: [Won]}}
"""


def _read(tmp_path: Path, rows: list[str], plan: str = PLAN) -> ExportActuals:
    lines = [row + (",Won" if row.split(",")[1] else ",Open") for row in rows]
    (tmp_path / "c.csv").write_text("appt,won,amount,stage\n" + "\n".join(lines) + "\n", "utf-8")
    plan_file = tmp_path / "plan.yaml"
    plan_file.write_text(plan, encoding="utf-8")
    return read_mapped_actuals(load_plan(plan_file), tmp_path, plan_file=plan_file)


# 4 March appointments, 2 of them won in April; 4 April appointments, 2 won in May (by the 20th)
ROWS = [
    "2027-03-02,2027-04-05,1000000",
    "2027-03-10,2027-04-12,1000000",
    "2027-03-11,,",
    "2027-03-20,,",
    "2027-04-02,2027-05-06,1000000",
    "2027-04-09,2027-05-20,1000000",
    "2027-04-10,,",
    "2027-04-11,,",
    "2027-05-03,,",
]


def test_table_keeps_the_lead_in_and_ends_at_the_newest_date(tmp_path: Path) -> None:
    table = _read(tmp_path, ROWS).table
    assert table.data_through == date(2027, 5, 20)
    # March (the lag's lead-in), April, May; no June row: nothing is known about June yet
    assert [row.month for row in table.rows] == [Month(2027, 3), Month(2027, 4), Month(2027, 5)]
    assert [row.counts["appointment"] for row in table.rows] == [4, 4, 1]
    assert [row.counts["deal"] for row in table.rows] == [0, 2, 2]


def test_no_lead_in_before_the_exports_begin(tmp_path: Path) -> None:
    # the CRM starts in April: a March of 0 would make the lagged rate wrong, so there is none
    table = _read(tmp_path, ROWS[4:]).table
    assert [row.month for row in table.rows] == [Month(2027, 4), Month(2027, 5)]


def test_incomplete_month_is_not_compared_by_default(tmp_path: Path) -> None:
    result = _read(tmp_path, ROWS)
    plan = load_plan(tmp_path / "plan.yaml")
    report = build_gap(plan, result.table)
    assert report.as_of == Month(2027, 4)  # May holds data to the 20th only
    assert report.data_through == date(2027, 5, 20)
    assert report.alignment == "cohort"  # March is there: true lagged rates
    # deals in April over appointments in March: 2 / 4
    rate = report.rates[0]
    assert rate.actual is not None and rate.actual * 4 == 2
    assert report.revenue_to_date.actual == 2_000_000


def test_an_explicit_as_of_compares_the_incomplete_month_as_it_is(tmp_path: Path) -> None:
    result = _read(tmp_path, ROWS)
    plan = load_plan(tmp_path / "plan.yaml")
    report = build_gap(plan, result.table, Month(2027, 5))
    assert report.as_of == Month(2027, 5)
    assert report.revenue_to_date.actual == 4_000_000  # April 2 + May 2 deals, ¥1M each


def test_a_month_complete_to_its_last_day_is_compared(tmp_path: Path) -> None:
    result = _read(tmp_path, [*ROWS, "2027-05-31,,"])
    plan = load_plan(tmp_path / "plan.yaml")
    report = build_gap(plan, result.table)
    assert report.as_of == Month(2027, 5) and report.data_through is None


def test_a_first_month_incomplete_is_compared_as_it_is(tmp_path: Path) -> None:
    result = _read(tmp_path, ["2027-03-02,2027-04-05,1000000", "2027-04-09,,"])
    plan = load_plan(tmp_path / "plan.yaml")
    report = build_gap(plan, result.table)
    assert report.as_of == Month(2027, 4) and report.data_through == date(2027, 4, 9)


def test_gap_says_where_the_data_stop(tmp_path: Path) -> None:
    _read(tmp_path, ROWS)
    done = run_cli("gap", tmp_path / "plan.yaml")
    assert done.code == 0, done.stderr
    assert "2027-05 holds data to 2027-05-20" in done.stdout
    assert "As of: 2027-04" in done.stdout
    assert "lagged rates are approximate" not in done.stdout
    assert "not compared: 2027-05" not in done.stdout  # said once, by the note above
    ja = run_cli("gap", tmp_path / "plan.yaml", "--lang", "ja")
    assert "2027-05は2027-05-20までのデータです" in ja.stdout


def test_account_counts_won_deals_outside_the_table_not_months(tmp_path: Path) -> None:
    # two won deals in January, one in February: 3 deals (in 2 months) before the lead-in
    rows = ["2027-01-01,2027-01-05,5", "2027-01-01,2027-01-06,5", "2027-01-01,2027-02-01,5"]
    result = _read(tmp_path, [*rows, *ROWS])
    assert result.quality.files[0].outside_period == {"appointment": 3, "deal": 3, "revenue": 3}


def test_account_wording_singular_and_plural(tmp_path: Path) -> None:
    from funnelplan.core.actuals import build_actuals_report
    from funnelplan.views.actuals import actuals_document

    result = _read(tmp_path, ["2027-04-02,,", "2027-05-01,2027-04-01,5", "2027-01-05,,"])
    plan = load_plan(tmp_path / "plan.yaml")
    notes = [
        item
        for block in actuals_document(build_actuals_report(result), plan, Words("en")).blocks
        if hasattr(block, "items")
        for item in block.items
    ]
    assert any("3 records, 3 used, 0 skipped" in n for n in notes), notes
    assert any(n.startswith("1 record has stage dates that run backwards") for n in notes)
    assert any("(row 3;" in n for n in notes), notes
    assert any("appointment 1 record." in n for n in notes), notes


# --- red-team classes: odd dates and encodings -------------------------------------------------

DATES_PLAN = """\
plan: t
currency: JPY
period: {start: 2027-04, end: 2027-06}
kgi: {revenue: 10000000}
deal_size: 1000000
funnel:
  - {id: inquiry, owner: marketing, rate: 40%}
  - {id: deal, owner: sales}
actuals:
  file: c.csv
  columns: {inquiry: created}
  timezone: Asia/Tokyo
"""


def _run(tmp_path: Path, data: bytes, plan: str = DATES_PLAN, *args: str):  # type: ignore[no-untyped-def]
    (tmp_path / "c.csv").write_bytes(data)
    (tmp_path / "plan.yaml").write_text(plan, encoding="utf-8")
    return run_cli("actuals", tmp_path / "plan.yaml", "-f", "json", *args)


@pytest.mark.parametrize(
    "value",
    [
        "2027-04-01T10:00+24:00",  # no such offset
        "2027-04-01T10:00-9999",
        "0001-01-01T00:00+09:00",  # year 0 in UTC
        "9999-12-31T23:00-05:00",  # year 10000 in Tokyo
    ],
)
@pytest.mark.parametrize("engine", ["python", "duckdb"])
def test_impossible_zoned_dates_are_skipped_rows(
    tmp_path: Path, value: str, engine: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FUNNELPLAN_ENGINE", engine)
    done = _run(tmp_path, f"created\n2027-04-02\n{value}\n".encode())
    assert done.code == 0, done.stderr
    quality = json.loads(done.stdout)["quality"][0]
    assert quality["records"] == 2 and quality["used"] == 1
    assert quality["skipped"]["bad_date"]["first_rows"] == [3]


def test_utf16_without_a_bom_is_a_problem(tmp_path: Path) -> None:
    plan = DATES_PLAN.replace("  file: c.csv\n", "  file: c.csv\n  encoding: utf-16\n")
    done = _run(tmp_path, "created\n2027-04-02\n".encode("utf-16-le"), plan)
    assert done.code == 2 and "Traceback" not in done.stderr
    assert "not valid utf-16" in done.stderr and "utf-16-le" in done.stderr


@pytest.mark.parametrize("name", ["rot13", "base64"])
def test_a_codec_that_is_not_text_is_a_problem(tmp_path: Path, name: str) -> None:
    plan = DATES_PLAN.replace("  file: c.csv\n", f"  file: c.csv\n  encoding: {name}\n")
    done = _run(tmp_path, b"created\n2027-04-02\n", plan)
    assert done.code == 2 and "Traceback" not in done.stderr
    assert f"'{name}' is not a text encoding" in done.stderr


def test_csv_actuals_encoding_option_refuses_rot13() -> None:
    done = run_cli(
        "gap", "plans/example.yaml", "--actuals", "plans/example-actuals.csv", "--encoding", "rot13"
    )
    assert done.code == 2 and "'rot13' is not a text encoding" in done.stderr


def test_a_missing_export_names_the_plans_file_line(tmp_path: Path) -> None:
    (tmp_path / "plan.yaml").write_text(DATES_PLAN.replace("c.csv", "nope.csv"), "utf-8")
    done = run_cli("actuals", tmp_path / "plan.yaml")
    assert done.code == 2
    assert "plan.yaml:10:9: actuals.file: the export" in done.stderr
    assert "nope.csv does not exist" in done.stderr


def test_the_actuals_report_sums_and_rates_in_the_core(tmp_path: Path) -> None:
    """Totals, flow rates and cohort reach come from core/actuals.py, exactly: the view adds nothing."""
    from funnelplan.core.actuals import build_actuals_report

    # April: appointments 2 (04-02, 04-20), deals 1 (the 04-20 one won in April);
    # May: 1 appointment (05-01), 1 deal (05-03, from the 05-01 one)
    rows = ["2027-04-02,,", "2027-04-20,2027-04-25,7", "2027-05-01,2027-05-03,5"]
    report = build_actuals_report(_read(tmp_path, rows))
    assert report.stage_totals == {"appointment": 3, "deal": 2}
    assert report.revenue_total == 12
    assert report.stage_pairs == (("appointment", "deal"),)
    assert [flow.rates for flow in report.flow] == [(Fraction(1, 2),), (Fraction(1, 1),)]
