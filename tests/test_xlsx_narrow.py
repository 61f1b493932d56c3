"""XLSX rows narrowed to the mapped columns (load/crm/xlsx.py `SheetRows.narrow`): the other
columns' cells are matched but not converted, and read after all where a row's account needs
them. The same rows, the same values where the mapping reads, the same account; and the
progress bar moves while the sheet is read.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from funnelplan.load.crm import load, xlsx
from funnelplan.load.crm.load import read_mapped_actuals
from funnelplan.load.crm.readers import open_export
from funnelplan.load.planfile import load_plan
from test_xlsx_reader import _cells, _xlsxwriter_book

xlsxwriter = pytest.importorskip("xlsxwriter")


def _typed(cell: object) -> tuple[str, object]:
    return (type(cell).__name__, cell)


def _read(path: Path, wanted: frozenset[int] | None) -> list[tuple[int, list[object]]]:
    opened = open_export(path)
    if wanted is not None:
        assert opened.narrow is not None
        opened.narrow(wanted)
    found = [(opened.line(), row) for row in opened.rows]
    opened.close()
    return found


def _check_narrowed(path: Path, wanted: frozenset[int]) -> None:
    """Narrowed rows against whole ones: the same rows (line numbers, lengths), the same values
    of the wanted columns (types too), and where a row is not the header's width the same
    `any(row)` (aggregate.py's blank-row test), since then the whole row is read."""
    whole = _read(path, None)
    narrowed = _read(path, wanted)
    width = len(open_export(path).header)
    assert [(line, len(row)) for line, row in narrowed] == [(line, len(row)) for line, row in whole]
    for (_, full_row), (_, narrow_row) in zip(whole, narrowed, strict=True):
        for column in wanted:
            if column < len(full_row):
                assert _typed(narrow_row[column]) == _typed(full_row[column])
        if len(full_row) != width:
            assert bool(any(narrow_row)) == bool(any(full_row))
            assert [_typed(cell) for cell in narrow_row] == [_typed(cell) for cell in full_row]
        for column, cell in enumerate(narrow_row):
            if column not in wanted:  # the others: "" or, where the row was read whole, its own
                assert cell == "" or _typed(cell) == _typed(full_row[column])


def test_rows_by_hand(tmp_path: Path) -> None:
    path = tmp_path / "e.xlsx"
    rows: list[list[object]] = [
        ["id", "created", "owner", "note", "amount"],
        [1, "2027-04-01", "Sato", "x", 5],  # 2: wanted values: others left ""
        [None, None, "Suzuki", "only others"],  # 3: no wanted value: read whole (not blank)
        [],  # 4: blank
        [3, "2027-04-03", 0, None, 7, 0],  # 5: a field past the header (a 0): read whole
        [None, None, 0, None, None, 0],  # 6: falsy cells only, one past the header
        [None, None, None, None, None, None, None, "far"],  # 7: beyond width + 1: trailing
    ]
    _xlsxwriter_book(path, rows)
    wanted = frozenset({0, 1, 4})  # id, created, amount
    found = _read(path, wanted)
    # 0-based columns 0, 1, 4 and the one past the header (5) are converted; 2 and 3 are not
    assert found == [
        (2, [1, "2027-04-01", "", "", 5]),
        (3, ["", "", "Suzuki", "only others", ""]),
        (4, []),
        (5, [3, "2027-04-03", 0, "", 7, 0]),
        (6, ["", "", 0, "", "", 0]),
    ]
    _check_narrowed(path, wanted)


_wide_rows = st.lists(st.lists(_cells, max_size=9), min_size=1, max_size=14)


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    rows=_wide_rows,
    header=st.integers(1, 8),
    wanted=st.frozensets(st.integers(0, 8), max_size=5),
    inline=st.booleans(),
)
def test_random_rows_narrowed_read_as_whole_ones(
    tmp_path: Path, rows: list[list[object]], header: int, wanted: frozenset[int], inline: bool
) -> None:
    path = tmp_path / "r.xlsx"
    names: list[object] = [f"h{column}" for column in range(header)]
    _xlsxwriter_book(path, [names, *rows], constant_memory=inline)
    _check_narrowed(path, frozenset(column for column in wanted if column < header))


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
  id: Record ID
  columns: {inquiry: created, deal: won}
  revenue: {date: won, amount: amount}
"""


def _account(tmp_path: Path) -> tuple[object, ...]:
    result = read_mapped_actuals(load_plan(tmp_path / "plan.yaml"), tmp_path)
    quality = result.quality.files[0]
    skipped = {
        reason: (tally.count, tally.rows, tally.example)
        for reason, tally in quality.skipped.items()
    }
    return (
        [(row.month, row.counts, row.revenue) for row in result.table.rows],
        quality.records,
        quality.used,
        quality.blank,
        skipped,
    )


def test_the_account_is_the_same_as_with_whole_rows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "plan.yaml").write_text(PLAN, encoding="utf-8")
    header = ["Record ID", "owner", "created", "note", "won", "amount", "source"]
    rows: list[list[object]] = [
        header,
        [1, "Sato", "2027-04-01", "a", "2027-05-01", 100, "web"],  # 2: used, won 100
        [2, "Ito", "2027-04-02", "b", "2027-05-02", 50, "web"],  # 3: used, won 50
        [None, "Kato", None, "only unmapped cells", None, None, "ad"],  # 4: no date
        [1, "Sato", "2027-04-03", "", None, None, ""],  # 5: the same id again
        [5, "Ito", "04/31/2027", "c", None, None, "web"],  # 6: not a date
        [6, 0, "2027-06-01", 0, None, None, 0, 0],  # 7: a field past the header
        [],  # 8: blank
        [7, "Sato", "2027-06-02", "d", "2027-06-03", "x", "web"],  # 9: not an amount
    ]
    _xlsxwriter_book(tmp_path / "e.xlsx", rows)
    narrowed = _account(tmp_path)
    monkeypatch.setattr(xlsx.SheetRows, "narrow", lambda self, wanted: None)
    assert _account(tmp_path) == narrowed
    table, records, used, blank, skipped = narrowed
    # rows 2-9 less the blank row 8: 7 records; used: rows 2 and 3
    assert (records, used, blank) == (7, 2, 1)
    # April: rows 2 and 3 created; May: both won, 100 + 50
    assert [(str(month), counts, revenue) for month, counts, revenue in table] == [
        ("2027-04", {"inquiry": 2, "deal": 0}, 0),
        ("2027-05", {"inquiry": 0, "deal": 2}, 150),
    ]
    assert {reason: value[:2] for reason, value in skipped.items()} == {
        "no_date": (1, [4]),
        "duplicate_id": (1, [5]),
        "bad_date": (1, [6]),
        "fields": (1, [7]),
        "bad_amount": (1, [9]),
    }


def test_a_broken_cell_in_a_column_the_plan_does_not_map_is_not_read(tmp_path: Path) -> None:
    """A number cell whose text is no number (`<v>abc</v>`) stops the file where the mapping
    reads that column, and only there (its value is never converted otherwise)."""
    (tmp_path / "plan.yaml").write_text(PLAN, encoding="utf-8")
    rows: list[list[object]] = [
        ["Record ID", "owner", "created", "won", "amount", "score"],
        [1, "Sato", "2027-04-01", "2027-05-01", 100, 12345],
    ]
    _xlsxwriter_book(tmp_path / "clean.xlsx", rows)
    import zipfile

    with (
        zipfile.ZipFile(tmp_path / "clean.xlsx") as source,
        zipfile.ZipFile(tmp_path / "e.xlsx", "w", zipfile.ZIP_DEFLATED) as out,
    ):
        for item in source.infolist():
            part = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                assert b"<v>12345</v>" in part
                part = part.replace(b"<v>12345</v>", b"<v>abc</v>")
            out.writestr(item, part)
    result = read_mapped_actuals(load_plan(tmp_path / "plan.yaml"), tmp_path)
    assert result.quality.files[0].used == 1
    (tmp_path / "plan.yaml").write_text(
        PLAN.replace("amount: amount", "amount: score"), encoding="utf-8"
    )
    from funnelplan.errors import InputError

    with pytest.raises(InputError) as refused:
        read_mapped_actuals(load_plan(tmp_path / "plan.yaml"), tmp_path)
    assert "ValueError" in str(refused.value.problems[0].message)


def test_the_progress_bar_moves_while_the_sheet_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "plan.yaml").write_text(PLAN, encoding="utf-8")
    rows: list[list[object]] = [["Record ID", "owner", "created", "won", "amount"]]
    rows += [[n, "Sato", f"2027-04-{n % 28 + 1:02d}", None, None] for n in range(1, 3001)]
    _xlsxwriter_book(tmp_path / "e.xlsx", rows)
    monkeypatch.setattr(xlsx, "CHUNK", 4096)  # the sheet's ~150 KB of XML in many chunks
    monkeypatch.setattr(load, "PROGRESS_EVERY", 500)
    seen: list[tuple[int, int]] = []
    read_mapped_actuals(
        load_plan(tmp_path / "plan.yaml"),
        tmp_path,
        progress=lambda name, done, size: seen.append((done, size)),
    )
    size = (tmp_path / "e.xlsx").stat().st_size
    assert {total for _, total in seen} == {size}
    done = [part for part, _ in seen]
    assert done == sorted(done) and done[-1] == size
    # between the first report and the last, the bar has moved (it stayed at 0 before)
    assert len({part for part in done[1:-1] if 0 < part < size}) >= 3


@pytest.mark.parametrize(
    "odd",
    [
        (b'<row r="2500"', b'<!-- a comment --><row r="2500"'),  # between rows
        (b'<c r="C2500" t="s">', b"<c r='C2500' t='s'>"),  # an unwanted cell, single quotes
        (b'<c r="A2500">', b'<c r="A2500" t="n"  >'),  # a wanted cell, attributes as written
    ],
)
def test_xml_the_fast_parser_does_not_read_is_read_narrowed_too(
    tmp_path: Path, odd: tuple[bytes, bytes]
) -> None:
    """Late in the sheet, in a column read or not: the rows are the same as whole ones (the
    general parser, where it takes over, reads rows whole; an odd cell in a run of unwanted
    cells is passed over like any other, so the fast parser may read on)."""
    from test_xlsx_reader import _rewrite_sheet

    path = tmp_path / "plain.xlsx"
    rows: list[list[object]] = [["id", "amount", "note"]]
    rows += [[n, n * 100, f"row {n}"] for n in range(1, 3001)]
    _xlsxwriter_book(path, rows)

    def change(body: bytes) -> bytes:
        assert body.count(odd[0]) == 1
        return body.replace(*odd)

    _rewrite_sheet(path, tmp_path / "odd.xlsx", change)
    _check_narrowed(tmp_path / "odd.xlsx", frozenset({0, 1}))
    assert [row for _, row in _read(tmp_path / "odd.xlsx", frozenset({0, 1}))][2498][:2] == [
        2499,
        249900,
    ]


def test_the_date_order_scan_reads_the_date_columns_narrowed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Dates written as text in an XLSX (04/05/2027): the scan for their order (resolve.py)
    reads the date columns alone, and finds D/M/Y from 13/05/2027 in row 4."""
    (tmp_path / "plan.yaml").write_text(
        PLAN.replace("  revenue: {date: won, amount: amount}\n", ""), encoding="utf-8"
    )
    rows: list[list[object]] = [
        ["Record ID", "owner", "created", "won", "note"],
        [1, "Sato", "04/05/2027", "", "x"],  # 4 May (D/M/Y) or 5 April (M/D/Y)
        [2, "Ito", "05/04/2027", "06/05/2027", "y"],
        [3, "Kato", "13/05/2027", "", "z"],  # 13 May: only D/M/Y reads it
    ]
    _xlsxwriter_book(tmp_path / "e.xlsx", rows)
    narrowed = _account(tmp_path)
    calls: list[frozenset[int]] = []
    monkeypatch.setattr(xlsx.SheetRows, "narrow", lambda self, wanted: calls.append(wanted))
    assert _account(tmp_path) == narrowed
    # the scan narrows to created and won (2, 3); the pass to those and the id (0, 2, 3); both
    # with the column past the header (5 here, 0-based: 6 as SheetRows counts from 1)
    assert frozenset({3, 4, 6}) in calls and frozenset({1, 3, 4, 6}) in calls
    table = narrowed[0]
    # D/M/Y: created 4 May, 5 April, 13 May; won 6 May (row 3)
    assert [(str(month), counts) for month, counts, _ in table] == [
        ("2027-04", {"inquiry": 1, "deal": 0}),
        ("2027-05", {"inquiry": 2, "deal": 1}),
    ]


@pytest.mark.parametrize("wanted", [frozenset({0}), frozenset({2}), frozenset({0, 3})])
def test_formula_cells_in_a_run_and_read(tmp_path: Path, wanted: frozenset[int]) -> None:
    """A formula's cell (`<f>` before its cached value) in a run of unwanted cells, or read;
    and a row whose only value is a formula's in a column not read (read whole: not blank)."""
    path = tmp_path / "f.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet()
    sheet.write_row(0, 0, ["a", "b", "sum", "text"])
    sheet.write_row(1, 0, [2, 3])
    sheet.write_formula(1, 2, "=A2+B2", None, 5)
    sheet.write_formula(1, 3, '="x"&"&y"', None, "x&y")
    sheet.write_formula(2, 2, "=A2*2", None, 4)  # row 3: only a formula in column C
    book.close()
    _check_narrowed(path, wanted)
    found = _read(path, wanted)
    assert [line for line, _ in found] == [2, 3]
    # read (C wanted) or read whole (no wanted value in the row): 4 either way
    assert found[1][1] == ["", "", 4, ""]


def test_an_excel_file_shows_its_bar_from_a_smaller_size_than_a_csv() -> None:
    # zipped XML read in Python: a 2 MiB workbook (~50,000 rows) takes about a second, a 2 MiB
    # CSV a fraction of one; the bar is drawn for the first and not the second
    from funnelplan.cli.actuals import _progress_bar

    shown = _progress_bar()
    shown.update("export.csv", 0, 2 * 1024 * 1024)
    assert shown.bar is None
    shown.update("export.xlsx", 0, 2 * 1024 * 1024)
    assert shown.bar is not None
    shown.bar.stop()
    macros = _progress_bar()
    macros.update("Export.XLSM", 0, 2 * 1024 * 1024)  # a macro workbook reads the same way
    assert macros.bar is not None
    macros.bar.stop()
