"""XLSX exports that would take minutes or gigabytes: a stray far cell, a huge shared-strings table."""

from __future__ import annotations

import time
import zipfile
from pathlib import Path

import pytest

from funnelplan.errors import InputError
from funnelplan.load.crm import readers
from funnelplan.load.crm.load import read_mapped_actuals
from funnelplan.load.planfile import load_plan

openpyxl = pytest.importorskip("openpyxl")

PLAN = """\
plan: t
currency: JPY
period: {start: 2027-04, end: 2027-06}
kgi: {revenue: 10000000}
deal_size: 1000000
funnel:
  - {id: inquiry, owner: marketing, rate: 40%}
  - {id: deal, owner: sales}
actuals:
  file: e.xlsx
  columns: {inquiry: created}
"""


def _book(path: Path, stray: str) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["created", "x"])
    for day in range(1, 21):
        sheet.append([f"2027-04-{day:02d}", "a"])
    sheet[stray] = "stray"
    book.save(path)


def _read(tmp_path: Path):  # type: ignore[no-untyped-def]
    (tmp_path / "plan.yaml").write_text(PLAN, encoding="utf-8")
    return read_mapped_actuals(load_plan(tmp_path / "plan.yaml"), tmp_path)


@pytest.mark.parametrize("stray", ["P200000", "XFD200000"])
def test_a_stray_far_cell_is_quick_and_not_rows(tmp_path: Path, stray: str) -> None:
    _book(tmp_path / "e.xlsx", stray)
    started = time.perf_counter()
    result = _read(tmp_path)
    assert time.perf_counter() - started < 10  # was over a minute
    quality = result.quality.files[0]
    # 20 dated rows; the empty rows up to the stray cell's row are not rows anyone wrote
    assert (quality.records, quality.used, quality.blank) == (20, 20, 0)
    assert not quality.skipped
    assert [row.counts["inquiry"] for row in result.table.rows] == [20]


def test_blank_rows_between_rows_are_counted_and_a_wide_row_is_skipped(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["created", "x"])
    sheet.append(["2027-04-01", "a"])
    sheet.append([])
    sheet.append(["2027-04-02", "b", "extra"])
    book.save(tmp_path / "e.xlsx")
    quality = _read(tmp_path).quality.files[0]
    assert quality.blank == 1 and quality.skipped["fields"].rows == [4]


def test_a_shared_strings_bomb_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        readers, "SHARED_STRINGS", 1000
    )  # the file stays small; the rule is the same
    _book(tmp_path / "plain.xlsx", "A30")
    with (
        zipfile.ZipFile(tmp_path / "plain.xlsx") as source,
        zipfile.ZipFile(tmp_path / "e.xlsx", "w", zipfile.ZIP_DEFLATED) as out,
    ):
        for item in source.infolist():
            if item.filename.lower() != "xl/sharedstrings.xml":
                out.writestr(item, source.read(item.filename))
        # the count attribute says 1; the XML holds 1,001 strings: the XML is what counts
        body = b'<sst count="1" uniqueCount="1">' + b"<si><t>a</t></si>" * 1001 + b"</sst>"
        out.writestr("xl/sharedStrings.xml", body)
    with pytest.raises(InputError) as caught:
        _read(tmp_path)
    assert "more than 1,000 distinct texts" in caught.value.problems[0].message_text()


def test_a_workbook_under_the_bound_reads(tmp_path: Path) -> None:
    _book(tmp_path / "e.xlsx", "A30")
    assert _read(tmp_path).quality.files[0].used == 20
