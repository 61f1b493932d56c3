"""The XLSX reader (load/crm/xlsx.py) against openpyxl's read-only values, cell for cell.

Workbooks are written by XlsxWriter (as Excel writes them: shared strings, a <dimension>; and in
its constant-memory mode: inline strings, no shared table) and by openpyxl, then read three ways:
openpyxl (`read_only=True, data_only=True`, what funnelplan used before), the fast parser, and
the general (expat) one. The rows must be the same values of the same types.
"""

from __future__ import annotations

import time as clock
import zipfile
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from funnelplan.errors import InputError
from funnelplan.load.crm import xlsx
from funnelplan.load.crm.readers import open_export
from funnelplan.load.crm.xlsx import Book, SheetRows, column_number, iso_moment, serial_moment
from funnelplan.model.values import parse_money

openpyxl = pytest.importorskip("openpyxl")
xlsxwriter = pytest.importorskip("xlsxwriter")


def _openpyxl_rows(path: Path) -> list[tuple[int, list[object]]]:
    """openpyxl's rows as the reader gives them: "" for no value, trailing empties dropped."""
    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    sheet = book.worksheets[0]
    sheet.reset_dimensions()  # every row there is, whatever the <dimension> says
    found = []
    for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
        cells = ["" if value is None else value for value in values]
        while cells and cells[-1] == "":
            cells.pop()
        if cells:
            found.append((number, cells))
    book.close()
    return found


def _ours(
    path: Path, general: bool = False, formulas: bool = False
) -> list[tuple[int, list[object]]]:
    book = Book(path)
    rows = book.rows(book.worksheets[0])
    stream = rows._expat() if general else iter(rows)
    found = []
    for number, cells in stream:
        cells = list(cells)
        while cells and cells[-1] == "":
            cells.pop()
        if cells:
            found.append((number, cells))
    book.close()
    # what XlsxWriter and openpyxl write, the fast parser reads to the end (a formula it
    # leaves to the general one)
    assert general or formulas or not rows.general
    return found


def _typed(rows: list[tuple[int, list[object]]]) -> list[tuple[int, list[tuple[str, object]]]]:
    return [(number, [(type(cell).__name__, cell) for cell in cells]) for number, cells in rows]


def _same_three_ways(path: Path, formulas: bool = False) -> list[tuple[int, list[object]]]:
    expected = _openpyxl_rows(path)
    assert _typed(_ours(path, formulas=formulas)) == _typed(expected)
    assert _typed(_ours(path, general=True)) == _typed(expected)
    return expected


CELLS: list[list[object]] = [
    ["Record ID", "作成日", "Amount", "Closed", "Won", "Note"],
    [1001, date(2027, 4, 1), 1234567, datetime(2027, 4, 1, 9, 30), True, "A&B <株式会社>"],
    [1002, date(2027, 4, 2), 1500.5, datetime(2027, 4, 2, 23, 59, 59), False, "  spaced  "],
    [],  # an empty row
    [None, None, None, None, None, "only the last"],
    [1004, date(1900, 1, 1), -250, datetime(2027, 4, 3, 0, 0, 1), None, "line\nbreak"],
    [1005, None, 0, None, None, ""],
    [12345678901234, date(2099, 12, 31), 1e-7, datetime(1999, 12, 31, 12, 0), True, "ｶﾀｶﾅ 😀"],
]


def _xlsxwriter_book(path: Path, rows: list[list[object]], **options: object) -> None:
    book = xlsxwriter.Workbook(str(path), options)  # type: ignore[arg-type]
    sheet = book.add_worksheet("Deals")
    day = book.add_format({"num_format": "yyyy-mm-dd"})
    stamp = book.add_format({"num_format": "yyyy/m/d h:mm:ss"})
    for row, values in enumerate(rows):
        for column, value in enumerate(values):
            if value is None:
                continue
            if isinstance(value, datetime):
                sheet.write_datetime(row, column, value, stamp)
            elif isinstance(value, date):
                sheet.write_datetime(row, column, value, day)
            elif isinstance(value, bool):
                sheet.write_boolean(row, column, value)
            elif isinstance(value, int | float):
                sheet.write_number(row, column, value)
            else:
                sheet.write_string(row, column, str(value))
    book.close()


def _openpyxl_book(path: Path, rows: list[list[object]]) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    for values in rows:
        sheet.append(values)
    book.save(path)


def test_excel_shaped_workbook_reads_as_openpyxl_reads_it(tmp_path: Path) -> None:
    path = tmp_path / "deals.xlsx"
    _xlsxwriter_book(path, CELLS)
    with zipfile.ZipFile(path) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml")
        assert b"<dimension " in sheet and "xl/sharedStrings.xml" in archive.namelist()
    rows = _same_three_ways(path)
    # by hand: the second row, as Excel holds it
    assert rows[1] == (
        2,
        [1001, datetime(2027, 4, 1), 1234567, datetime(2027, 4, 1, 9, 30), True, "A&B <株式会社>"],
    )
    assert rows[3] == (5, ["", "", "", "", "", "only the last"])  # row 4 is empty: no row
    assert isinstance(rows[2][1][2], float) and rows[2][1][2] == 1500.5


def test_inline_strings_and_no_shared_table(tmp_path: Path) -> None:
    path = tmp_path / "inline.xlsx"
    _xlsxwriter_book(path, CELLS, constant_memory=True)
    with zipfile.ZipFile(path) as archive:
        assert b"inlineStr" in archive.read("xl/worksheets/sheet1.xml")
    _same_three_ways(path)


def test_openpyxl_written_workbook(tmp_path: Path) -> None:
    path = tmp_path / "o.xlsx"
    _openpyxl_book(path, CELLS)
    _same_three_ways(path)


def test_a_missing_dimension_and_sparse_rows(tmp_path: Path) -> None:
    path = tmp_path / "sparse.xlsx"
    rows: list[list[object]] = [["id", "created"]] + [[]] * 40 + [[7, "2027-04-01"]]
    rows += [[None] * 12 + ["far"]]
    _xlsxwriter_book(path, rows)
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(tmp_path / "e.xlsx", "w") as out:
        for item in source.infolist():
            body = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                body = body.replace(b'<dimension ref="A1:M43"/>', b"")
                assert b"<dimension" not in body
            out.writestr(item, body)
    found = _same_three_ways(tmp_path / "e.xlsx")
    assert [number for number, _ in found] == [1, 42, 43]
    assert found[2][1] == [""] * 12 + ["far"]  # column M is the 13th


def _rewrite_sheet(path: Path, out: Path, change) -> None:  # type: ignore[no-untyped-def]
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            body = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                body = change(body)
            target.writestr(item, body)


def test_xml_the_fast_parser_does_not_read_goes_to_the_general_one(tmp_path: Path) -> None:
    """A formula, a comment, a prefixed cell late in the sheet: the general parser takes over
    and skips the rows already given; the values are the same."""
    path = tmp_path / "plain.xlsx"
    rows: list[list[object]] = [["id", "amount", "note"]]
    rows += [[n, n * 100, f"row {n}"] for n in range(1, 3001)]
    _xlsxwriter_book(path, rows)
    expected = _openpyxl_rows(path)

    def odd(body: bytes) -> bytes:
        # a comment before row 2500, and its first cell written with attributes reordered
        return body.replace(b'<row r="2500"', b'<!-- a comment --><row r="2500"').replace(
            b'<c r="A2500"><v>2499</v></c>', b'<c r="A2500" t="n"  ><v>2499</v></c>'
        )

    _rewrite_sheet(path, tmp_path / "odd.xlsx", odd)
    book = Book(tmp_path / "odd.xlsx")
    sheet_rows = book.rows(book.worksheets[0])
    found = [(n, c) for n, c in sheet_rows]
    assert sheet_rows.general  # the fast parser gave up, late
    assert _typed(found) == _typed(expected)
    book.close()


def test_a_formula_result_is_its_cached_value(tmp_path: Path) -> None:
    path = tmp_path / "f.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet()
    sheet.write_row(0, 0, ["a", "b", "sum", "text"])
    sheet.write_row(1, 0, [2, 3])
    sheet.write_formula(1, 2, "=A2+B2", None, 5)
    sheet.write_formula(1, 3, '="x"&"&y"', None, "x&y")
    book.close()
    rows = _same_three_ways(path)
    assert rows[1] == (2, [2, 3, 5, "x&y"])


def test_japanese_builtin_date_formats_are_dates(tmp_path: Path) -> None:
    """numFmtId 31 (yyyy"年"m"月"d"日") and 57 (和暦) as Japanese Excel saves them: openpyxl gives
    the serial number, the reader the date (as Excel shows it)."""
    path = tmp_path / "ja.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet()
    sheet.write_row(0, 0, ["作成日", "和暦"])
    sheet.write_number(1, 0, 46478, book.add_format({"num_format": 31}))  # 2027-04-01
    sheet.write_number(1, 1, 46479.5, book.add_format({"num_format": 57}))
    book.close()
    assert _openpyxl_rows(path)[1] == (2, [46478, 46479.5])
    for general in (False, True):
        assert _ours(path, general)[1] == (
            2,
            [datetime(2027, 4, 1), datetime(2027, 4, 2, 12, 0)],
        )


def test_the_1904_epoch(tmp_path: Path) -> None:
    path = tmp_path / "mac.xlsx"
    _xlsxwriter_book(path, [["created"], [date(2027, 4, 1)]], date_1904=True)
    rows = _same_three_ways(path)
    assert rows[1] == (2, [datetime(2027, 4, 1)])


def test_time_and_elapsed_styles(tmp_path: Path) -> None:
    path = tmp_path / "t.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet()
    sheet.write_row(0, 0, ["clock", "elapsed", "early"])
    sheet.write_number(1, 0, 0.75, book.add_format({"num_format": "h:mm"}))
    sheet.write_number(1, 1, 1.5, book.add_format({"num_format": "[h]:mm:ss"}))
    sheet.write_number(1, 2, 59.5, book.add_format({"num_format": "yyyy-mm-dd"}))
    book.close()
    rows = _same_three_ways(path)
    assert rows[1] == (2, [time(18, 0), timedelta(days=1, hours=12), datetime(1900, 2, 28, 12)])


def test_serial_moment_by_hand() -> None:
    # 46478 days after 1899-12-30 is 2027-04-01; .25 of a day is 06:00
    assert serial_moment(46478.25, xlsx.WINDOWS_EPOCH) == datetime(2027, 4, 1, 6, 0)
    # Excel's day 60 is 29 February 1900, which never was: day 61 is 1 March
    assert serial_moment(61, xlsx.WINDOWS_EPOCH) == datetime(1900, 3, 1)
    assert serial_moment(1, xlsx.WINDOWS_EPOCH) == datetime(1900, 1, 1)
    assert serial_moment(0, xlsx.MAC_EPOCH) == time(0, 0)
    assert iso_moment("2027-04-01T09:30:00") == datetime(2027, 4, 1, 9, 30)
    assert iso_moment("2027-04-01") == date(2027, 4, 1)
    assert column_number("A") == 1 and column_number("Z") == 26
    assert column_number("AA") == 27 and column_number("XFD") == 16384  # 16*676 + 6*26 + 4


def test_decimal_text_amounts_stay_exact(tmp_path: Path) -> None:
    """The <v> text is the amount: 1234567.89 written as a number reads back as that decimal."""
    path = tmp_path / "amounts.xlsx"
    amounts = [1234567.89, 0.1, 999999999999.99, 15200000]
    _xlsxwriter_book(path, [["amount"], *[[amount] for amount in amounts]])
    rows = _same_three_ways(path)
    assert [parse_money(cells[0]) for _, cells in rows[1:]] == [
        Decimal("1234567.89"),
        Decimal("0.1"),
        Decimal("999999999999.99"),
        Decimal("15200000"),
    ]


# --- random workbooks -----------------------------------------------------------------------

_texts = st.text(
    st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufffe\uffff").filter(
        lambda c: c not in "\x00"
    ),
    max_size=12,
) | st.sampled_from(["", " ", "&amp;", "<v>", "x005F_y", "1.5", "#N/A", "\t tab"])
_cells = st.one_of(
    st.none(),
    _texts,
    st.integers(-(10**15), 10**15),
    st.floats(allow_nan=False, allow_infinity=False, min_value=-1e15, max_value=1e15),
    st.booleans(),
    st.dates(date(1900, 3, 1), date(9999, 12, 31)),
    st.datetimes(datetime(1900, 3, 1), datetime(9999, 12, 31)).map(
        lambda moment: moment.replace(microsecond=moment.microsecond // 1000 * 1000)
    ),
)
_rows = st.lists(st.lists(_cells, max_size=7), min_size=1, max_size=12)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(rows=_rows, writer=st.sampled_from(["xlsxwriter", "inline", "openpyxl"]))
def test_random_workbooks_read_as_openpyxl_reads_them(
    tmp_path: Path, rows: list[list[object]], writer: str
) -> None:
    path = tmp_path / f"{writer}.xlsx"
    if writer == "openpyxl":
        _openpyxl_book(path, [[_for_openpyxl(cell) for cell in row] for row in rows])
    else:
        _xlsxwriter_book(path, rows, constant_memory=writer == "inline")
    _same_three_ways(path)


def _for_openpyxl(cell: object) -> object:
    if isinstance(cell, str) and cell.startswith("="):
        return "'" + cell  # openpyxl would take it for a formula
    return cell


# --- through the CRM reader ----------------------------------------------------------------


def test_open_export_gives_the_header_and_padded_rows(tmp_path: Path) -> None:
    path = tmp_path / "e.xlsx"
    rows: list[list[object]] = [[], ["created", "amount", ""], ["2027-04-01", 5]]
    rows += [[], [], ["2027-04-02", 6, "extra", "more"], [None, None, None, None, "x"]]
    _xlsxwriter_book(path, rows)
    opened = open_export(path)
    assert (opened.header, opened.header_line) == (["created", "amount"], 2)
    found = []
    for row in opened.rows:
        found.append((opened.line(), row))
    # rows 4 and 5 are blank ([] as csv gives them); row 6 has a field too many (one is enough
    # to skip it: the rest are not read); row 7's cell is beyond the header's width + 1, so
    # row 7 is trailing and blank: not a row anyone wrote
    assert found == [
        (3, ["2027-04-01", 5]),
        (4, []),
        (5, []),
        (6, ["2027-04-02", 6, "extra"]),
    ]


def test_a_broken_sheet_is_a_read_problem(tmp_path: Path) -> None:
    path = tmp_path / "plain.xlsx"
    _xlsxwriter_book(path, [["created"], ["2027-04-01"], ["2027-04-02"]])
    _rewrite_sheet(path, tmp_path / "e.xlsx", lambda body: body.replace(b"</sheetData>", b""))
    plan = tmp_path / "plan.yaml"
    plan.write_text(
        "plan: t\ncurrency: JPY\nperiod: {start: 2027-04, end: 2027-06}\n"
        "kgi: {revenue: 10000000}\ndeal_size: 1000000\nfunnel:\n"
        "  - {id: inquiry, owner: marketing, rate: 40%}\n  - {id: deal, owner: sales}\n"
        "actuals:\n  file: e.xlsx\n  columns: {inquiry: created}\n",
        encoding="utf-8",
    )
    from funnelplan.load.crm.load import read_mapped_actuals
    from funnelplan.load.planfile import load_plan

    with pytest.raises(InputError) as caught:
        read_mapped_actuals(load_plan(plan), tmp_path)
    assert "not a readable XLSX file (ParseError)" in caught.value.problems[0].message_text()


def test_not_a_zip_is_a_read_problem(tmp_path: Path) -> None:
    path = tmp_path / "e.xlsx"
    path.write_bytes(b"PK\x03\x04 not really")
    from funnelplan.load.crm.opened import ReadProblem

    with pytest.raises(ReadProblem):
        open_export(path)


def test_the_reader_streams_the_sheet(tmp_path: Path) -> None:
    """The sheet is read a chunk at a time: after the first rows, most of it is still unread."""
    path = tmp_path / "big.xlsx"
    rows: list[list[object]] = [["id", "note"]] + [[n, f"note {n}"] for n in range(60_000)]
    _xlsxwriter_book(path, rows)
    book = Book(path)
    sheet_rows = book.rows(book.worksheets[0])
    chunks = 0
    real = SheetRows._chunks

    def counted(self: SheetRows):  # type: ignore[no-untyped-def]
        nonlocal chunks
        for chunk in real(self):
            chunks += 1
            yield chunk

    SheetRows._chunks = counted  # type: ignore[method-assign]
    try:
        stream = iter(sheet_rows)
        for _ in range(10):
            next(stream)
        assert chunks == 1
        with zipfile.ZipFile(path) as archive:
            assert archive.getinfo("xl/worksheets/sheet1.xml").file_size > 2 * xlsx.CHUNK
    finally:
        SheetRows._chunks = real  # type: ignore[method-assign]
        book.close()


# --- the bounds: a stray far cell, a shared-strings bomb, amounts --------------------------


@pytest.mark.parametrize("stray", ["P200000", "XFD1048576"])
def test_a_stray_far_cell_costs_nothing(tmp_path: Path, stray: str) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["created", "x"])
    for day in range(1, 21):
        sheet.append([f"2027-04-{day:02d}", "a"])
    sheet[stray] = "stray"
    book.save(tmp_path / "e.xlsx")
    open_export(tmp_path / "e.xlsx").close()  # warm: the patterns compiled once
    started = clock.perf_counter()
    opened = open_export(tmp_path / "e.xlsx")
    rows = list(opened.rows)
    assert clock.perf_counter() - started < 1  # ~5 ms: the empty rows are never made
    assert len(rows) == 20 and opened.line() == 21


def test_eight_million_shared_strings_are_refused_quickly(tmp_path: Path) -> None:
    path = tmp_path / "e.xlsx"
    _xlsxwriter_book(path, [["created"], ["2027-04-01"]])
    with (
        zipfile.ZipFile(path) as source,
        zipfile.ZipFile(tmp_path / "bomb.xlsx", "w", zipfile.ZIP_DEFLATED) as out,
    ):
        for item in source.infolist():
            if item.filename != "xl/sharedStrings.xml":
                out.writestr(item, source.read(item.filename))
        body = b'<sst count="1" uniqueCount="1">' + b"<si><t>a</t></si>" * 8_000_000 + b"</sst>"
        out.writestr("xl/sharedStrings.xml", body)  # 136 MB unpacked, under 1 MB packed
    from funnelplan.load.crm.opened import ReadProblem

    started = clock.perf_counter()
    with pytest.raises(ReadProblem) as caught:
        open_export(tmp_path / "bomb.xlsx")
    assert clock.perf_counter() - started < 5  # counted as it unpacks, stopped past 4 million
    assert caught.value.message.code == "crm.xlsx.too_many_texts"


def test_amounts_past_10_to_the_15_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "e.xlsx"
    _xlsxwriter_book(path, [["amount"], [1e300], [2e15], [999_999_999_999_999], [-5]])
    values = [cells[0] for _, cells in _same_three_ways(path)[1:]]
    assert values == [1e300, 2e15, 999_999_999_999_999, -5]
    from funnelplan.model.values import ValueProblem

    for too_large in values[:2]:
        with pytest.raises(ValueProblem, match="more than 10\\^15"):
            parse_money(too_large)
    assert parse_money(values[2]) == Decimal(10**15 - 1) and parse_money(values[3]) == -5


def _rows_read(path: Path) -> tuple[list[tuple[int, list[object]]], bool]:
    """The first sheet's rows as our reader gives them (trailing empty cells off, empty rows
    left out), and whether the general (expat) parser read them."""
    book = Book(path)
    sheet_rows = book.rows(book.worksheets[0])
    found = []
    for number, cells in sheet_rows:
        while cells and cells[-1] == "":
            cells.pop()
        if cells:
            found.append((number, cells))
    book.close()
    return found, sheet_rows.general


def test_prefixed_elements_go_to_the_general_parser(tmp_path: Path) -> None:
    """`<x:c>` in `<x:worksheet xmlns:x=...>`: the same namespace, other spelling."""
    path = tmp_path / "plain.xlsx"
    _xlsxwriter_book(path, CELLS)

    def prefixed(body: bytes) -> bytes:
        import re

        body = re.sub(rb"<(/?)(?=[a-zA-Z])", rb"<\1x:", body)
        return body.replace(b'<x:worksheet xmlns="', b'<x:worksheet xmlns:x="')

    _rewrite_sheet(path, tmp_path / "x.xlsx", prefixed)
    found, general = _rows_read(tmp_path / "x.xlsx")
    assert general  # the general parser read it
    assert _typed(found) == _typed(_ours(path))


def test_rich_and_phonetic_shared_strings(tmp_path: Path) -> None:
    """Japanese Excel keeps a name's reading (ルビ) beside it: the text is the runs alone."""
    path = tmp_path / "plain.xlsx"
    _xlsxwriter_book(path, [["氏名", "会社"], ["x", "y"], ["z"]])
    table = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="4" '
        'uniqueCount="4"><si><t>氏名</t></si><si><t>会社</t></si>'
        '<si><r><rPr><b/></rPr><t>山田</t></r><r><t xml:space="preserve"> 太郎</t></r>'
        '<rPh sb="0" eb="2"><t>ヤマダ</t></rPh><phoneticPr fontId="1"/></si>'
        "<si><t>A&amp;B_x005F_x000D_</t></si>"
        "<si><t>one\r\ntwo&#13;&#10;three&#x263A;</t></si></sst>"
    ).encode()
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(tmp_path / "e.xlsx", "w") as out:
        for item in source.infolist():
            body = source.read(item.filename)
            if item.filename == "xl/sharedStrings.xml":
                body = table
            out.writestr(item, body)
    rows = _same_three_ways(tmp_path / "e.xlsx")
    assert rows[1] == (2, ["山田 太郎", "A&B_x000D_"])  # openpyxl's x005F_ rule, kept
    # a line end as written is \n (XML's rule); one written as &#13;&#10; is kept as it is
    assert rows[2] == (3, ["one\ntwo\r\nthree☺"])


# --- sheets ----------------------------------------------------------------------------------


def test_a_named_sheet_an_unknown_one_and_an_empty_one(tmp_path: Path) -> None:
    from funnelplan.load.crm.opened import ReadProblem

    path = tmp_path / "e.xlsx"
    book = xlsxwriter.Workbook(str(path))
    book.add_worksheet("空")  # the first sheet, empty
    deals = book.add_worksheet("商談")
    deals.write_row(0, 0, ["作成日", "金額"])
    deals.write_row(1, 0, ["2027-04-01", 1500000])
    book.add_chartsheet("グラフ")
    chart = book.add_chart({"type": "line"})
    chart.add_series({"values": "=商談!$B$2:$B$2"})
    book.worksheets()[-1].set_chart(chart)
    book.close()
    opened = open_export(path, sheet="商談")
    assert (opened.header, list(opened.rows)) == (["作成日", "金額"], [["2027-04-01", 1500000]])
    with pytest.raises(ReadProblem) as caught:
        open_export(path, sheet="Deals")
    assert caught.value.message.code == "crm.xlsx.no_sheet"
    assert caught.value.hint is not None and caught.value.hint.params["names"] == "空, 商談, グラフ"
    with pytest.raises(ReadProblem) as caught:
        open_export(path)  # the first worksheet has no cell
    assert caught.value.message.code == "crm.empty_sheet"
    with pytest.raises(ReadProblem) as caught:
        open_export(path, sheet="グラフ")  # a chart, not a sheet of cells
    assert caught.value.message.code == "crm.xlsx.invalid"


def test_the_strict_namespace_is_read_by_the_general_parser(tmp_path: Path) -> None:
    path = tmp_path / "plain.xlsx"
    _xlsxwriter_book(path, CELLS)
    strict = b"http://purl.oclc.org/ooxml/spreadsheetml/main"
    _rewrite_sheet(
        path,
        tmp_path / "strict.xlsx",
        lambda body: body.replace(
            b"http://schemas.openxmlformats.org/spreadsheetml/2006/main", strict
        ),
    )
    found, general = _rows_read(tmp_path / "strict.xlsx")
    assert general  # the general parser read it
    assert _typed(found) == _typed(_ours(path))


def test_line_ends_and_character_references_in_plain_shared_strings(tmp_path: Path) -> None:
    """The fast reading of `<si><t>..</t></si>` resolves them as an XML parser does."""
    path = tmp_path / "plain.xlsx"
    _xlsxwriter_book(path, [["note"], ["x"], ["y"]])
    table = (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="3" '
        b'uniqueCount="3"><si><t>note</t></si>'
        b"<si><t>one\r\ntwo&#13;&#10;three&#x263A; &lt;&amp;&gt;&quot;&apos;</t></si>"
        b'<si><t xml:space="preserve">  lone\rreturn </t></si></sst>'
    )
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(tmp_path / "e.xlsx", "w") as out:
        for item in source.infolist():
            body = source.read(item.filename)
            out.writestr(item, table if item.filename == "xl/sharedStrings.xml" else body)
    fast = xlsx._shared_strings_fast(iter([table]))  # raises _NotSimple if it cannot
    assert fast == ["note", "one\ntwo\r\nthree☺ <&>\"'", "  lone\nreturn "]
    assert xlsx._shared_strings_expat(iter([table])) == fast
    _same_three_ways(tmp_path / "e.xlsx")


@pytest.mark.parametrize(
    ("code", "is_date", "is_elapsed"),
    [
        ("yyyy/m/d", True, False),
        ('yyyy"年"m"月"d"日"', True, False),  # the letters outside the quotes
        ('[$-411]ggge"年"m"月"d"日"', True, False),  # the locale block left out
        ('#,##0"日"', False, False),  # a day's word in quotes is no date
        ("#,##0;[Red]-#,##0", False, False),
        ("[h]:mm:ss", True, True),
        ("0.00_d", False, False),  # _d is a space as wide as d
    ],
)
def test_date_formats_by_hand(code: str, is_date: bool, is_elapsed: bool) -> None:
    from openpyxl.styles.numbers import is_date_format, is_timedelta_format

    assert xlsx.is_date_format(code) is is_date is is_date_format(code)
    assert xlsx.is_elapsed_format(code) is is_elapsed is is_timedelta_format(code)
