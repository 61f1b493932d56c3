"""The workbook recalculated by a real spreadsheet: LibreOffice headless gives the JSON's counts.

Each workbook is saved once more by openpyxl, which drops every cached value, so LibreOffice must
compute every formula itself (`soffice --headless --convert-to xlsx`); its results are then read
back and compared with `target --format json`, count by count, for every example plan (its
segments' sheets, and each segment's own workbook), with no error cell anywhere.

LibreOffice comes from Debian's `libreoffice-calc-nogui` (.ci/run installs it). Where soffice is
missing these tests skip, except under CI (CI=true), where a missing soffice fails them.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
from fractions import Fraction
from pathlib import Path

import openpyxl
import pytest

from funnelplan.load.planfile import load_plan
from runner import PLANS, run_cli
from test_xlsx import EXAMPLES, FIRST

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
UNDER_CI = os.environ.get("CI", "") not in ("", "0", "false")
pytestmark = pytest.mark.skipif(
    SOFFICE is None and not UNDER_CI,
    reason="LibreOffice is not installed (apt-get install libreoffice-calc-nogui); .ci/run installs it",
)
ERRORS = ("#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#NULL!", "Err:")


def cases() -> list[tuple[str, Path, tuple[str, ...]]]:
    found = []
    for path in EXAMPLES:
        found.append((path.stem, path, ("--lang", "en")))
        found.append((f"{path.stem}-ja", path, ("--lang", "ja")))
        for segment in load_plan(path).segments:
            found.append((f"{path.stem}-{segment.id}", path, ("--segment", segment.id)))
    return found


CASES = cases()

# Beyond the examples: rounding none (fractions), cents, lags of 2, an after-period amount,
# monthly targets, segments with their own rates, deal sizes and pipeline, lag distributions.
FRACTIONS = """\
plan: Fractions
currency: USD
period: {start: 2027-01, end: 2027-04}
kgi: {monthly: {2027-01: 100000.50, 2027-02: 0, 2027-03: 250000, 2027-04: 123456.78}}
deal_size: 12345
rounding: none
after_period: 50000
funnel:
  - {id: lead, owner: marketing, rate: 33%, lag: 2}
  - {id: meeting, owner: sales, rate: 17.5%}
  - {id: deal, owner: sales}
segments:
  - {id: a, label: Alpha, share: 35%, rates: {lead: 21%}, pipeline: {meeting: 3}}
  - {id: b, label: Beta, share: 65%, deal_size: 9999}
"""
WHOLE = FRACTIONS.replace("rounding: none", "rounding: up").replace(
    "plan: Fractions", "plan: Whole"
)
SPREAD = FRACTIONS.replace("lag: 2}", "lag: {0: 35%, 1: 50%, 2: 15%}}").replace(
    "plan: Fractions", "plan: Spread"
)
SPREAD_WHOLE = WHOLE.replace("lag: 2}", "lag: {0: 35%, 1: 50%, 2: 15%}}").replace(
    "plan: Whole", "plan: Spread whole"
)
EXTRA = {"fractions": FRACTIONS, "whole": WHOLE, "spread": SPREAD, "spread-whole": SPREAD_WHOLE}
FOCUS = {"whole-beta": ("whole", "b"), "fractions-alpha": ("fractions", "a")}  # --segment


def recalculated(workbooks: dict[str, bytes], folder: Path) -> dict[str, openpyxl.Workbook]:
    """Each workbook without its cached values, recalculated by LibreOffice, read back."""
    assert SOFFICE is not None, "CI needs LibreOffice: .ci/run installs libreoffice-calc-nogui"
    source, done = folder / "in", folder / "out"
    source.mkdir(parents=True)
    for name, data in workbooks.items():
        book = openpyxl.load_workbook(io.BytesIO(data))
        book.save(source / f"{name}.xlsx")  # openpyxl keeps formulas, drops cached values
    profile = (folder / "profile").as_uri()  # its own profile: no clash with another soffice
    command = [
        SOFFICE,
        f"-env:UserInstallation={profile}",
        "--headless",
        "--norestore",
        "--convert-to",
        "xlsx",
        "--outdir",
        str(done),
        *(str(source / f"{name}.xlsx") for name in workbooks),
    ]
    subprocess.run(command, check=True, capture_output=True, timeout=300)
    return {
        name: openpyxl.load_workbook(done / f"{name}.xlsx", data_only=True) for name in workbooks
    }


@pytest.fixture(scope="module")
def libreoffice(tmp_path_factory: pytest.TempPathFactory) -> dict[str, openpyxl.Workbook]:
    folder = tmp_path_factory.mktemp("libreoffice")
    workbooks = {}
    for name, path, args in CASES:
        output = folder / f"{name}.xlsx"
        done = run_cli("target", path, "-o", output, *args)
        assert done.code == 0, done.stderr
        workbooks[name] = output.read_bytes()
    workbooks["rate-changed"] = _rate_changed(folder)
    for name, text in EXTRA.items():
        plan = folder / f"{name}.yaml"
        plan.write_text(text, "utf-8")
        output = folder / f"{name}.xlsx"
        done = run_cli("target", plan, "-o", output, "--lang", "en")
        assert done.code == 0, done.stderr
        workbooks[name] = output.read_bytes()
    for name, (plan_name, segment) in FOCUS.items():
        output = folder / f"{name}.xlsx"
        done = run_cli("target", folder / f"{plan_name}.yaml", "-o", output, "--segment", segment)
        assert done.code == 0, done.stderr
        workbooks[name] = output.read_bytes()
    return recalculated(workbooks, folder / "run")


def _number(value: object) -> Fraction:
    assert isinstance(value, int | float), value
    return Fraction(value)


def _close(found: Fraction, expected: float | int) -> bool:
    """Whole counts exactly; `rounding: none` fractions to the JSON's 4 decimals."""
    return abs(found - Fraction(expected)) <= Fraction(1, 20000)


@pytest.mark.parametrize(("name", "path", "args"), CASES, ids=[c[0] for c in CASES])
def test_libreoffice_gives_every_count_of_the_json(
    libreoffice: dict[str, openpyxl.Workbook], name: str, path: Path, args: tuple[str, ...]
) -> None:
    _compare(
        libreoffice[name],
        json.loads(run_cli("target", path, "-f", "json", *args).stdout),
        name,
        args,
    )


@pytest.mark.parametrize("name", list(EXTRA))
def test_libreoffice_gives_fractions_cents_and_lags_too(
    libreoffice: dict[str, openpyxl.Workbook], name: str, tmp_path: Path
) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(EXTRA[name], "utf-8")
    _compare(libreoffice[name], json.loads(run_cli("target", plan, "-f", "json").stdout), name, ())


@pytest.mark.parametrize("name", list(FOCUS))
def test_libreoffice_gives_a_segments_own_counts(
    libreoffice: dict[str, openpyxl.Workbook], name: str, tmp_path: Path
) -> None:
    plan_name, segment = FOCUS[name]
    plan = tmp_path / "plan.yaml"
    plan.write_text(EXTRA[plan_name], "utf-8")
    args = ("--segment", segment)
    document = json.loads(run_cli("target", plan, "-f", "json", *args).stdout)
    _compare(libreoffice[name], document, name, args)


def _compare(book: openpyxl.Workbook, document: dict, name: str, args: tuple[str, ...]) -> None:  # type: ignore[type-arg]
    ids = [stage["id"] for stage in document["stages"]]
    sheet = book.worksheets[0]
    rows = {str(sheet.cell(row, 1).value): row for row in range(FIRST, sheet.max_row + 1)}
    for month in document["months"]:
        row = rows[month["month"]]
        for col, stage in enumerate(ids, start=2):
            found = _number(sheet.cell(row, col).value)
            assert _close(found, month["counts"][stage]), (name, month["month"], stage)
        assert (
            _close(_number(sheet.cell(row, 2 + len(ids)).value), month["revenue"])
            or "--segment" in args
        )
    total_row = FIRST + len(document["months"])
    for col, stage in enumerate(ids, start=2):
        assert _close(_number(sheet.cell(total_row, col).value), document["total"]["counts"][stage])
    for segment, funnel in zip(book.worksheets[2:], document["segments"], strict=False):
        rows = {str(segment.cell(row, 1).value): row for row in range(FIRST, segment.max_row + 1)}
        for month in funnel["months"]:
            for position, stage in enumerate(ids):
                found = _number(segment.cell(rows[month["month"]], 5 + 2 * position).value)
                assert _close(found, month["counts"][stage]), (name, funnel["id"], month["month"])


@pytest.mark.parametrize("name", [c[0] for c in CASES] + list(EXTRA) + list(FOCUS))
def test_no_cell_is_an_error(libreoffice: dict[str, openpyxl.Workbook], name: str) -> None:
    for sheet in libreoffice[name].worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str):
                    assert not cell.value.startswith(ERRORS), (sheet.title, cell.coordinate)


def _rate_changed(folder: Path) -> bytes:
    """example-en's workbook with its MQL rate (40%) typed over as 32% in the Inputs sheet."""
    output = folder / "before-change.xlsx"
    assert run_cli("target", PLANS / "example-en.yaml", "-o", output).code == 0
    book = openpyxl.load_workbook(output)
    inputs = book["Inputs"]
    row = next(r for r in range(1, inputs.max_row + 1) if inputs.cell(r, 1).value == "lead")
    assert inputs.cell(row, 4).value == 0.4
    inputs.cell(row, 4).value = 0.32
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_a_rate_typed_in_the_workbook_gives_the_plans_counts_at_that_rate(
    libreoffice: dict[str, openpyxl.Workbook], tmp_path: Path
) -> None:
    text = (PLANS / "example-en.yaml").read_text("utf-8")
    changed = tmp_path / "changed.yaml"
    changed.write_text(text.replace("owner: marketing, rate: 40%", "owner: marketing, rate: 32%"))
    document = json.loads(run_cli("target", changed, "-f", "json").stdout)
    sheet = libreoffice["rate-changed"].worksheets[0]
    ids = [stage["id"] for stage in document["stages"]]
    for offset, month in enumerate(document["months"]):
        for col, stage in enumerate(ids, start=2):
            assert _number(sheet.cell(FIRST + offset, col).value) == month["counts"][stage]
    original = json.loads(run_cli("target", PLANS / "example-en.yaml", "-f", "json").stdout)
    assert document["total"]["counts"]["inquiry"] != original["total"]["counts"]["inquiry"]
