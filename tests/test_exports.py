"""CRM exports -> monthly actuals: presets, encodings, date forms, skip reasons, the CLI."""

from __future__ import annotations

import codecs
from collections.abc import Callable
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import pytest
from tests.gold import assert_gold
from tests.runner import run_cli

from funnelplan.errors import InputError
from funnelplan.load.crm import load_actuals_from_mapping
from funnelplan.load.crm.dates import DateProblem, DateReader
from funnelplan.load.crm.idset import IdSet
from funnelplan.load.crm.load import ExportActuals, read_mapped_actuals
from funnelplan.load.planfile import load_plan
from funnelplan.model.months import Month

PLAN_HEAD = """\
plan: test
currency: JPY
period: {start: 2027-04, end: 2027-06}
kgi: {revenue: 10000000}
deal_size: 1000000
funnel:
  - {id: inquiry, owner: marketing, rate: 40%}
  - {id: lead, owner: marketing, rate: 50%}
  - {id: appointment, owner: sales, rate: 25%}
  - {id: deal, owner: sales}
actuals:
"""

Setup = Callable[..., ExportActuals]


@pytest.fixture
def setup(tmp_path: Path) -> Setup:
    """Write an export (text in an encoding, or raw bytes) and a plan mapping it; read it."""

    def run(
        mapping: str, files: dict[str, str | bytes], encoding: str = "utf-8", cohort: bool = False
    ) -> ExportActuals:
        for name, content in files.items():
            data = content if isinstance(content, bytes) else content.encode(encoding)
            (tmp_path / name).write_bytes(data)
        plan_file = tmp_path / "plan.yaml"
        plan_file.write_text(PLAN_HEAD + mapping, encoding="utf-8")
        plan = load_plan(plan_file)
        return read_mapped_actuals(plan, tmp_path, plan_file=plan_file, cohort=cohort)

    return run


def counts(result: ExportActuals, stage: str) -> list[int]:
    return [row.counts[stage] for row in result.table.rows]


def revenue(result: ExportActuals) -> list[Decimal | None]:
    return [row.revenue for row in result.table.rows]


def skipped(result: ExportActuals, index: int = 0) -> dict[str, tuple[int, list[int]]]:
    quality = result.quality.files[index]
    return {reason: (t.count, t.rows) for reason, t in quality.skipped.items()}


# --- presets -------------------------------------------------------------------------------


def test_hubspot_contacts_both_date_families_and_quote_styles(setup: Setup) -> None:
    text = (
        "Record ID,Create Date,Became a Lead Date,"
        "\"Date entered 'Sales Qualified Lead (Lifecycle Stage Pipeline)'\",Became a Customer Date\n"
        "1,2027-04-02 09:00,2027-04-03 10:00,2027-05-01 10:00,2027-06-01 10:00\n"
        "2,2027-04-20 09:00,2027-05-03 10:00,,\n"
        "3,2027-05-20 09:00,,,\n"
    )
    result = setup(
        "  file: c.csv\n  source: hubspot-contacts\n"
        "  stages: {inquiry: created, lead: lead, appointment: salesqualifiedlead, deal: customer}\n",
        {"c.csv": text},
    )
    # inquiry: Apr rows 1, 2; May row 3. lead: Apr row 1; May row 2. SQL May row 1. customer Jun row 1.
    assert counts(result, "inquiry") == [2, 1, 0]
    assert counts(result, "lead") == [1, 1, 0]
    assert counts(result, "appointment") == [0, 1, 0]
    assert counts(result, "deal") == [0, 0, 1]
    assert result.table.stages == ("inquiry", "lead", "appointment", "deal")
    assert not result.table.has_revenue and revenue(result) == [None, None, None]


def test_hubspot_contacts_japanese_headers_and_preset_defaults(setup: Setup) -> None:
    text = "レコードID,作成日,リードになった日,顧客になった日\n1,2027/04/02,2027/05/03,\n2,2027年6月1日,,\n"
    # no `stages:`: the preset's defaults (inquiry: created, lead: lead, deal: customer) apply
    # where the file has the column; appointment (salesqualifiedlead) has none: missing, not 0
    result = setup("  file: c.csv\n  source: hubspot-contacts\n", {"c.csv": text})
    assert result.table.stages == ("inquiry", "lead", "deal")
    assert counts(result, "inquiry") == [1, 0, 1]
    assert counts(result, "lead") == [0, 1, 0]
    assert "appointment" not in result.table.rows[0].counts


def test_hubspot_deals_japanese_cp932_won_revenue(setup: Setup) -> None:
    text = (
        "レコードID,取引名,取引ステージ,クローズ日,金額\r\n"
        '1,㈱アクメ,成約,2027/4/15,"￥1,234,000"\r\n'
        "2,髙橋商事,不成立,2027/4/20,500000\r\n"
        '3,テスト①,受注,2027/5/1,"1,000,000 円"\r\n'
    )
    result = setup(
        "  file: d.csv\n  source: hubspot-deals\n  stages: {deal: won}\n  revenue: {}\n",
        {"d.csv": text},
        encoding="cp932",
    )
    # won: rows 1 (Apr, 1,234,000) and 3 (May, 1,000,000); row 2 is lost: no deal, no revenue
    assert counts(result, "deal") == [1, 1]
    assert revenue(result) == [Decimal(1234000), Decimal(1000000)]
    assert result.quality.files[0].encoding == "cp932"
    assert result.quality.files[0].not_won == 1


def test_salesforce_leads_with_report_footer(setup: Setup) -> None:
    text = (
        '"Lead ID","Created Date","Converted Date","Lead Status"\n'
        '"00Q1","4/2/2027","4/20/2027","Qualified"\n'
        '"00Q2","4/25/2027","","Open"\n'
        "\n"
        '"Lead Report"\n'
        '"Copyright (c) 2000-2027 salesforce.com, inc. All rights reserved."\n'
        '"Confidential Information - Do Not Distribute"\n'
        '"Generated By:  Taro Yamada  5/1/2027 10:22"\n'
    )
    result = setup(
        "  file: l.csv\n  source: salesforce-leads\n  stages: {inquiry: created, lead: converted}\n",
        {"l.csv": text},
    )
    # 4/25/2027 can only be month-first (25 is no month): auto reads the file as M/D/Y
    assert counts(result, "inquiry") == [2]
    assert counts(result, "lead") == [1]
    quality = result.quality.files[0]
    assert (quality.records, quality.used, quality.footer, quality.blank) == (2, 2, 4, 1)
    assert quality.skipped == {}


def test_salesforce_opportunities_japanese_xlsx(setup: Setup, tmp_path: Path) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["商談 ID", "作成日", "完了予定日", "フェーズ", "金額"])
    sheet.append(["006A", datetime(2027, 4, 1, 9, 0), datetime(2027, 5, 10), "Closed Won", 2500000])
    sheet.append(["006B", datetime(2027, 4, 5), datetime(2027, 6, 10), "Negotiation", 900000])
    sheet.append(["006C", "2027/05/07", "2027/06/30", "成約", 1200000.0])
    book.save(tmp_path / "o.xlsx")
    result = setup(
        "  file: o.xlsx\n  source: salesforce-opportunities\n"
        "  stages: {appointment: created, deal: won}\n  revenue: {}\n",
        {},
    )
    assert counts(result, "appointment") == [2, 1, 0]
    assert counts(result, "deal") == [0, 1, 1]  # 006A won in May, 006C in June
    assert revenue(result) == [Decimal(0), Decimal(2500000), Decimal(1200000)]
    assert result.quality.files[0].encoding == "xlsx"


def test_explicit_columns_win_over_preset_stages(setup: Setup) -> None:
    text = (
        "Record ID,Create Date,Became a Lead Date,First Touch\n1,2027-04-02,2027-05-02,2027-06-02\n"
    )
    result = setup(
        "  file: c.csv\n  source: hubspot-contacts\n  stages: {inquiry: created, lead: lead}\n"
        "  columns: {inquiry: First Touch}\n",
        {"c.csv": text},
    )
    assert counts(result, "inquiry") == [0, 0, 1]
    assert counts(result, "lead") == [0, 1, 0]


def test_revenue_from_another_export_and_gap_entry_point(tmp_path: Path) -> None:
    (tmp_path / "c.csv").write_text("id,created\n1,2027-04-01\n", encoding="utf-8")
    (tmp_path / "d.tsv").write_text(
        "Deal\tClose\tAmount\tStage\n1\t2027-05-09\t¥300,000\tClosed Won\n", encoding="utf-8"
    )
    plan_file = tmp_path / "plan.yaml"
    plan_file.write_text(
        PLAN_HEAD + "  file: c.csv\n  id: id\n  columns: {inquiry: created}\n"
        "  revenue:\n    file: d.tsv\n    date: Close\n    amount: Amount\n"
        "    won: {column: Stage, values: [closed won]}\n",
        encoding="utf-8",
    )
    table = load_actuals_from_mapping(load_plan(plan_file), tmp_path)
    assert table.stages == ("inquiry",) and table.has_revenue
    assert [row.revenue for row in table.rows] == [Decimal(0), Decimal(300000)]
    assert [row.month for row in table.rows] == [
        Month(2027, 4),
        Month(2027, 5),
    ]  # data to 2027-05-09: no June


# --- encodings and separators --------------------------------------------------------------

GENERIC = "  file: g.{ext}\n  columns: {{inquiry: 作成日, lead: リード日}}\n"
ROWS = [["作成日", "リード日"], ["2027-04-01", "2027-05-01"], ["2027-04-02", ""]]


@pytest.mark.parametrize(
    ("encoding", "separator", "ext"),
    [
        ("utf-8", ",", "csv"),
        ("utf-8-sig", ",", "csv"),
        ("cp932", ",", "csv"),
        ("utf-16", "\t", "txt"),  # Excel's "Unicode text"
        ("utf-8", ";", "csv"),
        ("utf-8", "\t", "tsv"),
    ],
)
def test_encodings_and_separators(setup: Setup, encoding: str, separator: str, ext: str) -> None:
    text = "\r\n".join(separator.join(row) for row in ROWS) + "\r\n"
    result = setup(GENERIC.format(ext=ext), {f"g.{ext}": text}, encoding=encoding)
    assert counts(result, "inquiry") == [2, 0]
    assert counts(result, "lead") == [0, 1]


def test_cp932_beyond_the_sample_restarts_strictly(setup: Setup) -> None:
    # 70,000 ASCII rows look like UTF-8; the cp932 row at the end makes the read start again
    body = "作成日\n" + "2027-04-01\n" * 70_000 + "2027-05-01\n"
    raw = body.encode("cp932") + "㈱\n".encode("cp932")
    result = setup("  file: g.csv\n  columns: {inquiry: 作成日}\n", {"g.csv": raw})
    assert result.quality.files[0].encoding == "cp932"
    assert counts(result, "inquiry") == [70_000, 1]
    assert skipped(result) == {"bad_date": (1, [70_003])}


def test_undecodable_file_is_a_problem(setup: Setup) -> None:
    raw = codecs.BOM_UTF8 + b"a\n\xff\xfe\xfd\n"
    with pytest.raises(InputError) as caught:
        setup("  file: g.csv\n  columns: {inquiry: a}\n", {"g.csv": raw})
    assert "not valid utf-8" in caught.value.problems[0].message_text()


# --- dates ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2027-04-15", (2027, 4)),
        ("2027-04-15 10:22", (2027, 4)),
        ("2027-04-15 10:22:33", (2027, 4)),
        ("2027/4/15", (2027, 4)),
        ("2027.4.15", (2027, 4)),
        ("2027年4月15日", (2027, 4)),
        ("2027年4月15日 10時22分", (2027, 4)),
        ("4/15/2027 10:22", (2027, 4)),
        ("4/15/2027 10:22 PM", (2027, 4)),
        ("２０２７－０４－１５", None),  # full-width digits are not a date form of exports
        ("2027-04-30 23:59", (2027, 4)),  # no offset: taken as written
        ("2027-04-30T15:30:00.000Z", (2027, 5)),  # 00:30 on May 1st in Tokyo
        ("2027-04-30T23:30:00+09:00", (2027, 4)),
        ("2027-05-01T00:30:00+10:00", (2027, 4)),  # 23:30 on April 30th in Tokyo
    ],
)
def test_date_forms(text: str, expected: tuple[int, int] | None) -> None:
    reader = DateReader("Asia/Tokyo", "M/D/Y")
    if expected is None:
        with pytest.raises(DateProblem):
            reader.read(text)
        return
    month, _day = reader.read(text)  # type: ignore[misc]
    assert Month.from_ordinal(month) == Month(*expected)


@pytest.mark.parametrize(
    "text", ["2027-02-30", "2027-04-15 25:00", "13/13/2027", "soon", "2027-04-15 10:22 later"]
)
def test_dates_that_do_not_exist(text: str) -> None:
    with pytest.raises(DateProblem):
        DateReader("UTC", "D/M/Y").read(text)


def test_day_first_file_and_explicit_format(setup: Setup) -> None:
    text = "created\n15/4/2027\n3/5/2027\n"
    # auto: 15/4/2027 proves day-first, so 3/5/2027 is May 3rd
    assert counts(
        setup("  file: g.csv\n  columns: {inquiry: created}\n", {"g.csv": text}), "inquiry"
    ) == [1, 1]


def test_ambiguous_slashes_stop_with_a_request(setup: Setup) -> None:
    text = "created\n3/5/2027\n4/6/2027\n"
    with pytest.raises(InputError) as caught:
        setup("  file: g.csv\n  columns: {inquiry: created}\n", {"g.csv": text})
    problem = caught.value.problems[0]
    assert problem.field == "actuals.date_format"
    assert "reads both as month/day and day/month" in problem.message_text()
    result = setup(
        "  file: g.csv\n  columns: {inquiry: created}\n  date_format: M/D/Y\n", {"g.csv": text}
    )
    assert counts(result, "inquiry") == [1]  # March 5th is before the period; April 6th in


def test_mixed_day_and_month_first_is_a_problem(setup: Setup) -> None:
    text = "created\n15/4/2027\n4/15/2027\n"
    with pytest.raises(InputError) as caught:
        setup("  file: g.csv\n  columns: {inquiry: created}\n", {"g.csv": text})
    assert "both month-first" in caught.value.problems[0].message_text()


def test_offsets_without_a_timezone_ask_for_one(setup: Setup) -> None:
    text = "created\n2027-04-30T15:30:00Z\n"
    with pytest.raises(InputError) as caught:
        setup("  file: g.csv\n  columns: {inquiry: created}\n", {"g.csv": text})
    problem = caught.value.problems[0]
    assert problem.field == "actuals.timezone" and "timezone: Asia/Tokyo" in problem.hint_text()
    with_zone = setup(
        "  file: g.csv\n  columns: {inquiry: created}\n  timezone: Asia/Tokyo\n", {"g.csv": text}
    )
    assert counts(with_zone, "inquiry") == [0, 1]


# --- skipped rows and the account ----------------------------------------------------------


def test_every_skip_reason_with_first_rows(setup: Setup) -> None:
    text = (
        "id,created,lead,stage,amount\n"  # line 1
        "1,2027-04-01,2027-04-05,won,100\n"  # 2: used
        "1,2027-04-02,,lost,\n"  # 3: duplicate id (row 2 wins)
        "2,2027-04-31,,lost,\n"  # 4: bad date
        "3,,,lost,\n"  # 5: no date
        "4,2027-04-03,,won,TBD\n"  # 6: bad amount
        "5,2027-04-03,,won\n"  # 7: fields
        "6,2027-05-20,2027-05-10,lost,\n"  # 8: used, backwards
        "7,2027-04-04,,won,\n"  # 9: bad amount (blank)
    )
    result = setup(
        "  file: g.csv\n  id: id\n  columns: {inquiry: created, lead: lead}\n"
        "  revenue: {date: created, amount: amount, won: {column: stage, values: [won]}}\n",
        {"g.csv": text},
    )
    assert skipped(result) == {
        "duplicate_id": (1, [3]),
        "bad_date": (1, [4]),
        "no_date": (1, [5]),
        "bad_amount": (2, [6, 9]),
        "fields": (1, [7]),
    }
    quality = result.quality.files[0]
    assert (quality.records, quality.used) == (8, 2)
    assert (quality.backwards.count, quality.backwards.rows) == (1, [8])
    assert "lead 2027-05-10 before inquiry 2027-05-20" in quality.backwards.example
    # used: row 2 (Apr, lead Apr, revenue 100 in Apr) and row 8 (May, lead May): backwards kept
    assert counts(result, "inquiry") == [1, 1]
    assert counts(result, "lead") == [1, 1]
    assert revenue(result) == [Decimal(100), Decimal(0)]


def test_first_rows_are_bounded_and_outside_period_counted(setup: Setup) -> None:
    text = "created\n" + "bad\n" * 7 + "2027-01-01\n2027-04-01\n"
    result = setup("  file: g.csv\n  columns: {inquiry: created}\n", {"g.csv": text})
    assert skipped(result) == {"bad_date": (7, [2, 3, 4, 5, 6])}
    assert result.quality.files[0].outside_period == {"inquiry": 1}
    assert counts(result, "inquiry") == [1]


def test_cohorts_by_creation_month(setup: Setup) -> None:
    text = (
        "Record ID,Create Date,Became a Lead Date,Became a Customer Date\n"
        "1,2027-04-01,2027-04-02,2027-05-01\n"
        "2,2027-04-10,2027-06-01,\n"
        "3,2027-05-01,,\n"
        "4,2027-06-01,2027-06-02,\n"
    )
    result = setup(
        "  file: c.csv\n  source: hubspot-contacts\n"
        "  stages: {inquiry: created, lead: lead, deal: customer}\n",
        {"c.csv": text},
        cohort=True,
    )
    view = result.cohorts
    assert view is not None and view.stage == "inquiry" and view.stages == ("lead", "deal")
    assert [(str(r.month), r.created, r.reached) for r in view.rows] == [
        ("2027-04", 2, {"lead": 2, "deal": 1}),
        ("2027-05", 1, {"lead": 0, "deal": 0}),
        ("2027-06", 1, {"lead": 1, "deal": 0}),
    ]
    # as of 2027-06-02 (latest date); the plan's lags inquiry..appointment are 0: June is open
    assert [r.open for r in view.rows] == [False, False, True]


# --- mapping problems ----------------------------------------------------------------------


def test_mapping_problems_all_at_once(setup: Setup) -> None:
    text = "Record ID,Create Date\n1,2027-04-01\n"
    with pytest.raises(InputError) as caught:
        setup(
            "  file: c.csv\n  source: hubspot-contacts\n"
            "  stages: {inquiry: created, lead: leed}\n  columns: {deal: Close Dat, apointment: x}\n",
            {"c.csv": text},
        )
    messages = [(p.field, p.message_text(), p.hint_text()) for p in caught.value.problems]
    assert messages[0][0] == "actuals.columns.apointment" and "appointment" in messages[0][2]
    with pytest.raises(InputError) as caught:
        setup(
            "  file: c.csv\n  source: hubspot-contacts\n"
            "  stages: {inquiry: created, lead: leed}\n  columns: {deal: Create Dat}\n",
            {"c.csv": text},
        )
    found = {p.field: (p.message_text(), p.hint_text()) for p in caught.value.problems}
    assert "no stage 'leed'" in found["actuals.stages.lead"][0]
    assert found["actuals.columns.deal"][1] == "did you mean 'Create Date'?"
    assert all(p.line is not None for p in caught.value.problems)


def test_unknown_mapping_key_and_missing_file(write_plan: Callable[..., Path]) -> None:
    path = write_plan(PLAN_HEAD + "  file: nowhere.csv\n  colums: {inquiry: a}\n")
    with pytest.raises(InputError) as caught:
        load_plan(path)
    problem = caught.value.problems[0]
    assert problem.field == "actuals.colums" and problem.line == 13


def test_plain_path_actuals_still_work(write_plan: Callable[..., Path]) -> None:
    path = write_plan(PLAN_HEAD + "  monthly.csv\n")
    assert load_plan(path).actuals == "monthly.csv"


# --- ids -----------------------------------------------------------------------------------


def test_idset_compact_table_is_exact_for_digit_ids() -> None:
    ids = IdSet(limit=4)
    keys = [str(n) for n in range(1000)] + ["00Q5g00000AbCdE", "00Q5g00000AbCdF"]
    assert not any(ids.seen(key) for key in keys)
    assert all(ids.seen(key) for key in keys)
    assert ids.small is None and len(ids) == len(keys)
    assert not ids.seen("0001") and not ids.seen("00") and ids.seen("1")  # 0001 is not 1


def test_duplicates_found_after_compacting(setup: Setup) -> None:
    import funnelplan.load.crm.idset as idset

    default = idset.IdSet.__init__.__defaults__
    idset.IdSet.__init__.__defaults__ = (3,)
    try:
        text = "id,created\n" + "".join(f"{n},2027-04-01\n" for n in range(10)) + "7,2027-05-01\n"
        result = setup("  file: g.csv\n  id: id\n  columns: {inquiry: created}\n", {"g.csv": text})
    finally:
        idset.IdSet.__init__.__defaults__ = default
    assert skipped(result) == {"duplicate_id": (1, [12])}


# --- the command ---------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["csv", "json", "table", "markdown"])
def test_example_crm_outputs(fmt: str) -> None:
    done = run_cli("actuals", "plans/example-crm.yaml", "--cohort", "--format", fmt)
    assert done.code == 0, done.stderr
    assert done.stderr == ""
    extension = {"table": "txt", "markdown": "md"}.get(fmt, fmt)
    assert_gold(f"exports/example-crm.{extension}", done.stdout)


def test_csv_is_what_gap_reads(tmp_path: Path) -> None:
    out = tmp_path / "actuals.csv"
    done = run_cli("actuals", "plans/example-crm.yaml", "-o", out)
    assert done.code == 0 and done.stdout == ""
    text = out.read_text(encoding="utf-8-sig")
    assert text.splitlines()[0] == "month,inquiry,lead,appointment,deal,revenue"
    # March (the lead-in the appointment lag needs), April and May (data to 2027-05-20); no June on
    assert len(text.splitlines()) == 4


def test_command_refuses_a_plan_without_a_mapping() -> None:
    done = run_cli("actuals", "plans/example.yaml")
    assert done.code == 2
    assert "actuals" in done.stderr and "nothing written" in done.stderr


def test_actuals_is_not_imported_by_target() -> None:
    import subprocess
    import sys

    code = (
        "import sys, funnelplan.cli.app; "
        "print(sorted(m for m in sys.modules if m.startswith('funnelplan.load.crm.') "
        "or m == 'openpyxl'))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"  # the CLI loads no CRM code until a command needs it
