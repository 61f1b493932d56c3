"""The workbook (`--format xlsx`): live formulas that give the core's counts, as bytes, safely.

Formulas are evaluated exactly by tests/xlsx_formulas.py (a tiny evaluator of the few functions
the workbook uses); tests/test_xlsx_libreoffice.py recalculates the same workbooks in LibreOffice.
"""

from __future__ import annotations

import io
import json
import os
import pty
import subprocess
import sys
import tempfile
from fractions import Fraction
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, reject, settings
from hypothesis import strategies as st

import funnelplan
from funnelplan.core.commitments import build_target
from funnelplan.core.target_report import TargetReport
from funnelplan.formats.xlsx import display_width, sheet_name, target_workbook
from funnelplan.i18n.words import Words
from funnelplan.load.planfile import load_plan
from gold import assert_gold
from runner import PLANS, ROOT, run_cli
from xlsx_formulas import Book

FIRST = 5  # the first month's row (1-based) on the commitments and funnel sheets


def workbook_of(report: TargetReport, language: str = "en", plan=None, focus=None) -> Book:  # type: ignore[no-untyped-def]
    data = target_workbook(report, Words(language), plan, focus)
    return Book(workbook=openpyxl.load_workbook(io.BytesIO(data)))


def commitments(book: Book) -> dict[str, dict[str, Fraction]]:
    """Month (or the total row's label) -> stage label -> the formula's exact value."""
    sheet = book.workbook.worksheets[0]
    labels = [sheet.cell(FIRST - 1, col).value for col in range(2, sheet.max_column + 1)]
    found: dict[str, dict[str, Fraction]] = {}
    for row in range(FIRST, sheet.max_row + 1):
        month = sheet.cell(row, 1).value
        if month is None:
            continue
        found[str(month)] = {
            str(label): book.number(sheet.title, row, col)
            for col, label in enumerate(labels, start=2)
        }
    return found


def expected_counts(
    report: TargetReport, total_label: str = "Total"
) -> dict[str, dict[str, Fraction]]:
    rows = {
        str(row.month): {
            **{s.label: row.counts[s.id] for s in report.stages},
            "Revenue": row.revenue,
        }
        for row in report.months
    }
    rows[total_label] = {
        **{s.label: report.total.counts[s.id] for s in report.stages},
        "Revenue": report.total.revenue,
    }
    return rows


def funnel_counts(
    book: Book, sheet_title: str, report: TargetReport
) -> dict[str, dict[str, Fraction]]:
    sheet = book.workbook[sheet_title]
    found = {}
    for row in range(FIRST, sheet.max_row + 1):
        month = str(sheet.cell(row, 1).value)
        found[month] = {
            stage.id: book.number(sheet_title, row, 5 + 2 * position)
            for position, stage in enumerate(report.stages)
        }
    return found


# --- a hand-worked plan ------------------------------------------------------------------------

SMALL = """\
plan: Small
currency: JPY
period: {start: 2027-01, end: 2027-02}
kgi: {revenue: 1000000}
deal_size: 100000
after_period: stop
funnel:
  - {id: lead, label: Leads, owner: marketing, rate: 30%}
  - {id: deal, label: Deals, owner: sales}
"""


def test_a_hand_worked_plan_is_written_as_these_formulas(tmp_path: Path) -> None:
    # ¥1,000,000 over two months of weight 1: ¥500,000 each (ROUND(1,000,000 × 1/2) = 500,000;
    # ROUND(1,000,000 × 2/2) − 500,000 = 500,000). Deals: 500,000 / 100,000 = 5 a month, running
    # 5 and 10. Leads: running 5 / 0.3 = 16.67 -> 17, then 10 / 0.3 = 33.33 -> 34, so 17 and 17.
    path = tmp_path / "small.yaml"
    path.write_text(SMALL, "utf-8")
    plan = load_plan(path)
    book = workbook_of(build_target(plan), plan=plan)
    found = commitments(book)
    assert found["2027-01"] == {"Leads": 17, "Deals": 5, "Revenue": 500000}
    assert found["2027-02"] == {"Leads": 17, "Deals": 5, "Revenue": 500000}
    assert found["Total"] == {"Leads": 34, "Deals": 10, "Revenue": 1000000}
    inputs = book.workbook["Inputs"]
    assert inputs["B6"].value == 1000000  # the KGI, an input
    assert inputs["C12"].value == "=ROUND($B$6*SUM(B$12:B12)/SUM($B$12:$B$13),0)"
    assert inputs["C13"].value == "=ROUND($B$6*SUM(B$12:B13)/SUM($B$12:$B$13),0)-SUM(C$12:C12)"
    funnel = book.workbook["Funnel"]
    # the deal: its running requirement, and CEILING of it less what is held, less the months before
    assert funnel["F6"].value == "=SUM(C$5:C6)/'Inputs'!$B$19"
    assert funnel["G6"].value == ("=CEILING(ROUND(MAX(0,F6-'Inputs'!$F$17),9),1)-SUM(G$5:G5)")
    # the lead: the deals' running count ÷ the rate
    assert funnel["D6"].value == "=SUM(G$5:G6)/'Inputs'!$D$16"
    assert book.workbook.worksheets[0]["B6"].value == "='Funnel'!E6"
    assert book.workbook.worksheets[0]["B7"].value == "=SUM(B$5:B6)"
    # cached values are the core's numbers
    cached = openpyxl.load_workbook(
        io.BytesIO(target_workbook(build_target(plan), Words("en"), plan)), data_only=True
    )
    assert [cached.worksheets[0].cell(row, 2).value for row in (5, 6, 7)] == [17, 17, 34]


def test_changing_a_rate_in_the_workbook_gives_the_plans_counts_at_that_rate(
    tmp_path: Path,
) -> None:
    # the lead rate 30% -> 25% in the Inputs sheet: every count follows, as funnelplan would
    # give for the plan at 25%: leads 5 / 0.25 = 20, 10 / 0.25 = 40, so 20 and 20.
    path = tmp_path / "small.yaml"
    path.write_text(SMALL, "utf-8")
    plan = load_plan(path)
    book = workbook_of(build_target(plan), plan=plan)
    book.workbook["Inputs"]["D16"].value = 0.25
    changed = tmp_path / "changed.yaml"
    changed.write_text(SMALL.replace("rate: 30%", "rate: 25%"), "utf-8")
    expected = expected_counts(build_target(load_plan(changed)))
    assert commitments(book) == expected
    assert commitments(book)["2027-01"]["Leads"] == 20


# --- every example plan, and random ones --------------------------------------------------------

EXAMPLES = sorted(  # every plan in plans/ (not the actuals tables beside them)
    path
    for path in PLANS.glob("*.yaml")
    if any(line.startswith("plan:") for line in path.read_text("utf-8").splitlines())
)


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_every_example_plans_formulas_give_the_json(path: Path) -> None:
    plan = load_plan(path)
    report = build_target(plan)
    book = workbook_of(report, plan=plan)
    assert commitments(book) == expected_counts(report)
    document = json.loads(run_cli("target", path, "-f", "json").stdout)
    for month in document["months"]:
        found = commitments(book)[month["month"]]
        for stage in report.stages:
            assert found[stage.label] == month["counts"][stage.id]
    for segment, funnel in zip(report.segments, document["segments"], strict=True):
        counts = funnel_counts(book, segment.label, report)
        for month in funnel["months"]:
            assert counts[month["month"]] == month["counts"], (segment.id, month["month"])


@pytest.mark.parametrize("path", [p for p in EXAMPLES if load_plan(p).segments])
def test_a_segments_own_workbook_gives_its_counts(path: Path) -> None:
    from funnelplan.core.segment_focus import focus_segment

    plan = load_plan(path)
    for segment in plan.segments:
        report = focus_segment(plan, build_target(plan), segment.id)
        book = workbook_of(report, plan=plan, focus=segment.id)
        found = commitments(book)
        for row in report.months:
            for stage in report.stages:
                assert found[str(row.month)][stage.label] == row.counts[stage.id]


def _plan_text(draw) -> str:  # type: ignore[no-untyped-def]
    months = draw(st.integers(1, 6))
    stages = draw(st.integers(2, 4))
    rounding = draw(st.sampled_from(["up", "up", "none"]))
    after = draw(st.sampled_from(["average", "stop", "300000"]))
    lines = [
        "plan: Random",
        "currency: " + draw(st.sampled_from(["JPY", "USD"])),
        f"period: {{start: 2027-01, end: 2027-{months:02d}}}",
    ]
    if draw(st.booleans()):
        revenue = draw(st.integers(1, 10**8))
        weights = draw(st.lists(st.integers(1, 4), min_size=months, max_size=months))
        pairs = ", ".join(f"2027-{i + 1:02d}: {w}" for i, w in enumerate(weights))
        lines.append(f"kgi: {{revenue: {revenue}, weights: {{{pairs}}}}}")
    else:
        amounts = draw(st.lists(st.integers(0, 10**7), min_size=months, max_size=months))
        amounts[0] += 1
        pairs = ", ".join(f"2027-{i + 1:02d}: {a}" for i, a in enumerate(amounts))
        lines.append(f"kgi: {{monthly: {{{pairs}}}}}")
    lines += [
        f"deal_size: {draw(st.integers(1000, 10**7))}",
        f"rounding: {rounding}",
        f"after_period: {after}",
        "funnel:",
    ]
    for position in range(stages):
        last = position == stages - 1
        rate = "" if last else f", rate: {draw(st.integers(5, 100))}%"
        lag = "" if last else f", lag: {draw(st.integers(0, 2))}"
        lines.append(f"  - {{id: s{position}, owner: team{position % 2}{rate}{lag}}}")
    segments = draw(st.integers(0, 3))
    if segments:
        cuts = sorted(
            draw(
                st.lists(
                    st.integers(1, 99), min_size=segments - 1, max_size=segments - 1, unique=True
                )
            )
        )
        shares = [b - a for a, b in zip([0, *cuts], [*cuts, 100], strict=True)]
        lines.append("segments:")
        for number, share in enumerate(shares):
            extra = ""
            if draw(st.booleans()):
                extra += f", deal_size: {draw(st.integers(1000, 10**7))}"
            if draw(st.booleans()):
                extra += f", rates: {{s0: {draw(st.integers(1, 100))}%}}"
            if draw(st.booleans()):
                extra += f", pipeline: {{s{stages - 2}: {draw(st.integers(0, 30))}}}"
            lines.append(f"  - {{id: g{number}, share: {share}%{extra}}}")
    elif draw(st.booleans()):
        lines.append(f"pipeline: {{s{stages - 2}: {draw(st.integers(0, 30))}}}")
    return "\n".join(lines) + "\n"


plan_texts = st.composite(_plan_text)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plan_texts())
def test_the_formulas_of_random_plans_give_the_cores_counts(text: str) -> None:
    """Forward: the workbook's formulas, evaluated exactly, are the core's counts, month by
    month, segment by segment, and the totals add up."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "plan.yaml"
        path.write_text(text, "utf-8")
        try:
            plan = load_plan(path)
        except funnelplan.InputError:  # a plan funnelplan refuses (over 10^9 of a stage)
            reject()
    report = build_target(plan)
    book = workbook_of(report, plan=plan)
    assert commitments(book) == expected_counts(report)
    for segment in report.segments:
        counts = funnel_counts(book, segment.label, report)
        for row in segment.months:
            assert counts[str(row.month)] == row.counts
    if plan.segments:  # `target --segment`: the segment's own workbook
        from funnelplan.core.segment_focus import focus_segment

        focused = focus_segment(plan, report, plan.segments[-1].id)
        own = commitments(workbook_of(focused, plan=plan, focus=plan.segments[-1].id))
        for row in focused.months:
            assert {s.label: own[str(row.month)][s.label] for s in focused.stages} == {
                s.label: row.counts[s.id] for s in focused.stages
            }


# --- the sheets as people see them --------------------------------------------------------------


def test_a_japanese_plan_reads_in_japanese_with_frozen_panes_and_wide_columns() -> None:
    plan = load_plan(PLANS / "example.yaml")
    data = target_workbook(build_target(plan), Words("ja"), plan)
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["月別コミットメント", "入力", "大企業", "中小企業"]
    sheet = book["月別コミットメント"]
    assert [c.value for c in sheet[4]] == ["月", "問い合わせ", "リード", "商談", "受注", "売上"]
    assert sheet[5][0].value == "2027-03"
    assert sheet.freeze_panes == "B5"
    assert sheet["F6"].number_format == '"¥"#,##0'
    assert book["入力"]["D20"].number_format == "0.0%"
    # 問い合わせ is five wide characters: ten columns, plus the margin
    assert sheet.column_dimensions["B"].width >= 10
    inputs = book["入力"]
    assert inputs["A4"].value == "通貨"
    labels = [inputs.cell(row, 1).value for row in range(1, 10)]
    assert "KGI：期間の売上" in labels


def test_east_asian_characters_count_double_and_sheet_names_are_valid() -> None:
    assert display_width("問い合わせ") == 10
    assert display_width("Leads") == 5
    taken: set[str] = set()
    assert sheet_name("a/b:c", taken) == "a_b_c"
    assert sheet_name("A_B_C", taken) == "A_B_C (2)"
    assert len(sheet_name("x" * 40, taken)) == 31


def test_a_usd_plan_has_dollars_and_cents() -> None:
    plan = load_plan(PLANS / "example-en.yaml")
    book = openpyxl.load_workbook(
        io.BytesIO(target_workbook(build_target(plan), Words("en"), plan))
    )
    revenue_cell = book["Commitments"].cell(6, 6)
    assert revenue_cell.number_format == '"$"#,##0.00'


# --- where the bytes go -------------------------------------------------------------------------


def test_the_extension_picks_the_workbook(tmp_path: Path) -> None:
    output = tmp_path / "plan.xlsx"
    done = run_cli("target", PLANS / "example.yaml", "-o", output)
    assert done.code == 0, done.stderr
    assert output.read_bytes()[:2] == b"PK"  # a zip: a real workbook
    assert openpyxl.load_workbook(output).sheetnames[0] in ("Commitments", "月別コミットメント")


def test_gap_writes_a_workbook_with_a_sheet_per_section(tmp_path: Path) -> None:
    output = tmp_path / "gap.xlsx"
    done = run_cli("gap", PLANS / "example-en.yaml", "-o", output, "--lang", "en")
    assert done.code == 0, done.stderr
    book = openpyxl.load_workbook(output)
    assert book.sheetnames[0] == "Summary"
    assert len(book.sheetnames) > 2
    for sheet in book.worksheets[1:]:
        assert sheet.freeze_panes == "B4"


def test_a_workbook_is_not_written_over_an_input(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(SMALL, "utf-8")
    before = plan.read_bytes()
    done = run_cli("target", plan, "-f", "xlsx", "-o", plan)
    assert done.code == 2
    assert "the output would overwrite" in done.stderr
    assert plan.read_bytes() == before


def _subprocess(*args: str, stdout) -> subprocess.CompletedProcess[bytes]:  # type: ignore[no-untyped-def]
    env = {**os.environ, "NO_COLOR": "1", "LANG": "C.UTF-8"}
    return subprocess.run(
        [sys.executable, "-m", "funnelplan", *args],
        stdout=stdout,
        stderr=subprocess.PIPE,
        env=env,
        cwd=ROOT,
        check=False,
    )


def test_a_workbook_goes_down_a_pipe() -> None:
    done = _subprocess(
        "target", "plans/example.yaml", "-f", "xlsx", "--lang", "ja", stdout=subprocess.PIPE
    )
    assert done.returncode == 0, done.stderr
    assert openpyxl.load_workbook(io.BytesIO(done.stdout)).sheetnames[0] == "月別コミットメント"


def test_a_workbook_goes_to_dev_stdout_as_bytes() -> None:
    done = _subprocess(
        "target", "plans/example-en.yaml", "-f", "xlsx", "-o", "/dev/stdout", stdout=subprocess.PIPE
    )
    assert done.returncode == 0, done.stderr
    assert openpyxl.load_workbook(io.BytesIO(done.stdout)).sheetnames[0] == "Commitments"


def test_a_workbook_into_a_missing_folder_is_a_problem(tmp_path: Path) -> None:
    output = tmp_path / "no-such-folder" / "plan.xlsx"
    done = run_cli("target", PLANS / "example.yaml", "-o", output)
    assert done.code == 2
    assert "does not exist" in done.stderr
    assert not output.exists()


def test_a_workbook_over_a_read_only_file_leaves_it(tmp_path: Path) -> None:
    output = tmp_path / "plan.xlsx"
    output.write_bytes(b"old")
    output.chmod(0o444)
    done = run_cli("target", PLANS / "example.yaml", "-o", output)
    assert done.code == 2
    assert "read-only" in done.stderr
    assert output.read_bytes() == b"old"


def test_a_workbook_is_refused_on_a_terminal() -> None:
    leader, follower = pty.openpty()
    try:
        done = _subprocess("target", "plans/example.yaml", "-f", "xlsx", stdout=follower)
    finally:
        os.close(follower)
        os.close(leader)
    assert done.returncode == 2
    stderr = done.stderr.decode("utf-8")
    assert "<stdout>: --format: a workbook is bytes, not text" in stderr
    assert "give -o FILE.xlsx" in stderr


def test_the_library_renders_the_workbook_as_bytes() -> None:
    plan = funnelplan.load_plan(PLANS / "example-en.yaml")
    data = funnelplan.render(funnelplan.build_target(plan), "xlsx", plan=plan)
    assert isinstance(data, bytes)
    assert openpyxl.load_workbook(io.BytesIO(data)).sheetnames[:2] == ["Commitments", "Inputs"]


def test_one_plan_gives_the_same_bytes_every_time() -> None:
    plan = load_plan(PLANS / "example.yaml")
    first = target_workbook(build_target(plan), Words("ja"), plan)
    assert target_workbook(build_target(plan), Words("ja"), plan) == first


# --- golden dumps -------------------------------------------------------------------------------


def dump(data: bytes) -> str:
    """Every cell's formula (or value) and cached value, sheet by sheet: a change is a diff."""
    formulas = openpyxl.load_workbook(io.BytesIO(data))
    values = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    lines = []
    for sheet in formulas.worksheets:
        cached = values[sheet.title]
        lines.append(f"== {sheet.title} (frozen at {sheet.freeze_panes})")
        widths = {k: round(v.width, 1) for k, v in sorted(sheet.column_dimensions.items())}
        lines.append(f"   widths {widths}")
        for row in sheet.iter_rows():
            for cell in row:
                if cell.value is None:
                    continue
                text = f"{cell.coordinate} {cell.value!r}"
                if isinstance(cell.value, str) and cell.value.startswith("="):
                    text += f" -> {cached[cell.coordinate].value!r}"
                if cell.number_format != "General":
                    text += f"  [{cell.number_format}]"
                lines.append(text)
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize(
    ("stem", "args"),
    [
        ("example", ("--lang", "en")),
        ("example-en", ("--lang", "en")),
        ("example-ja", ("--lang", "ja")),
        ("example-enterprise", ("--segment", "enterprise", "--lang", "en")),
    ],
)
def test_the_workbook_matches_its_golden_dump(
    tmp_path: Path, stem: str, args: tuple[str, ...]
) -> None:
    output = tmp_path / "plan.xlsx"
    plan = "example-en" if stem == "example-en" else "example"
    done = run_cli("target", PLANS / f"{plan}.yaml", "-o", output, *args)
    assert done.code == 0, done.stderr
    assert_gold(f"target/{stem}.xlsx.txt", dump(output.read_bytes()))


@pytest.mark.parametrize("stem", ["example", "example-en"])
def test_the_gap_workbook_matches_its_golden_dump(tmp_path: Path, stem: str) -> None:
    output = tmp_path / "gap.xlsx"
    done = run_cli("gap", Path("plans") / f"{stem}.yaml", "-o", output, "--lang", "en")
    assert done.code == 0, done.stderr
    assert_gold(f"gap/{stem}.xlsx.txt", dump(output.read_bytes()))
