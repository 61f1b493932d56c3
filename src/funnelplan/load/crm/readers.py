"""Reading record-level exports row by row, never whole: CSV/TSV/semicolon text and XLSX.

Text: the encoding is told from the first 64 KiB (`textfile.decode_bytes`: BOM, UTF-8, cp932;
UTF-16 as Excel's "Unicode text" by its BOM) and the separator from the header line
(`textfile.sniff_delimiter`). The file is then decoded strictly as it streams; when a file that
looked like UTF-8 turns out not to be further on, `EncodingChanged` tells the caller to start
again as cp932 (never mojibake: the second try is strict too).

XLSX: load/crm/xlsx.py, which reads the sheet's XML as a stream, a chunk at a time
(python-calamine reads rows faster but holds the whole sheet and gives floats for the numbers:
docs/speed.md). Cells come as openpyxl's read-only mode gives them: text, int or float,
datetime, bool.

`Opened.rows` yields each record's cells; `Opened.line()` is where the last one read was: the
line it ends on (text; a record with a quoted line break spans several) or its sheet row (XLSX).
Text is decoded strictly as it streams: a UnicodeDecodeError or csv.Error comes out of `rows`
(`text_failure` turns it into EncodingChanged or ReadProblem).
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from funnelplan.errors import say
from funnelplan.load.crm.opened import Opened, ReadProblem, Row
from funnelplan.load.textfile import DecodeError, decode_bytes, sniff_delimiter

if TYPE_CHECKING:
    from funnelplan.load.crm.xlsx import Book, SheetRows

SAMPLE = 64 * 1024


FIELD_LIMIT = 8 * 1024 * 1024  # bytes in one field (DuckDB's own line limit is 2 MB)


class EncodingChanged(Exception):
    """A file taken for UTF-8 has bytes further on that are not: read it again as `encoding`."""

    def __init__(self, encoding: str) -> None:
        super().__init__(encoding)
        self.encoding = encoding


def open_export(path: Path, encoding: str | None = None, sheet: str | None = None) -> Opened:
    if path.name.lower().endswith(".parquet"):  # one file or a glob (load/crm/parquet.py)
        from funnelplan.load.crm.parquet import open_parquet

        return open_parquet(path)
    if not path.is_file():
        raise ReadProblem(say("crm.file_missing"), say("crm.check_file"))
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return _open_xlsx(path, sheet)
    if suffix == ".xls":
        raise ReadProblem(say("crm.xls"), say("crm.save_as_xlsx"))
    return _open_text(path, encoding)


def _open_text(path: Path, encoding: str | None) -> Opened:
    raw = open(path, "rb")  # noqa: SIM115 - closed by Opened.close
    try:
        sample = raw.read(SAMPLE)
        guessed = encoding is None
        if encoding is None:
            cut = sample if len(sample) < SAMPLE else sample[: sample.rfind(b"\n") + 1] or sample
            if cut.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
                encoding = "utf-16"
            else:
                _, encoding = decode_bytes(cut)
        else:
            decode_bytes(b"", encoding)  # an unknown encoding name is refused here
        raw.seek(0)
        try:
            text = io.TextIOWrapper(raw, encoding=encoding, errors="strict", newline="")
        except LookupError:  # rot13, base64: codecs, but not of text
            raise DecodeError(
                say("text.not_a_text_encoding", name=encoding), say("text.try_encodings")
            ) from None
        try:
            head = text.read(4096)
        except UnicodeError as error:  # UnicodeDecodeError, or UTF-16 without its BOM
            hint = say("text.give_encoding_key")
            if "BOM" in str(error):
                hint = say("text.utf16_without_bom")
            raise DecodeError(say("text.invalid", name=encoding), hint, line=1) from None
        delimiter = sniff_delimiter(head.lstrip("\ufeff")) if head else ","
        text.seek(0)
        # a field up to FIELD_LIMIT is read (and its row skipped if it is no date), as the bulk
        # path reads it; csv's default of 128 KiB would stop the whole file
        csv.field_size_limit(max(csv.field_size_limit(), FIELD_LIMIT))
        reader = csv.reader(text, delimiter=delimiter)
        header: list[str] | None = None
        header_line = 0
        for header_candidate in reader:
            header_line = reader.line_num
            if any(cell.strip() for cell in header_candidate):
                header = [cell.lstrip("\ufeff").strip() for cell in header_candidate]
                break
        if header is None:
            raise ReadProblem(say("crm.empty_file"), say("crm.export_with_headers"))
    except DecodeError as error:
        raw.close()
        raise ReadProblem(error.message, error.hint, line=error.line) from None
    except BaseException:
        raw.close()
        raise
    return Opened(
        path=path,
        kind="csv",
        encoding=encoding,
        delimiter=delimiter,
        header=header,
        header_line=header_line,
        rows=reader,  # type: ignore[arg-type]
        size=path.stat().st_size,
        guessed=guessed,
        line=lambda: reader.line_num,
        _raw=raw,
    )


def text_failure(opened: Opened, error: Exception) -> Exception:
    """What a decoding or CSV error met while streaming `opened` means for the caller."""
    line = opened.line() + 1
    if isinstance(error, UnicodeError):
        if opened.guessed and opened.encoding == "utf-8":
            return EncodingChanged("cp932")
        return ReadProblem(
            say("text.invalid_from_line", name=opened.encoding, line=line),
            say("text.give_encoding_key"),
            line=line,
        )
    return ReadProblem(say("crm.csv_invalid", error=error), line=line)


SHARED_STRINGS = 4_000_000  # distinct texts an XLSX export may hold (all are kept while reading)
SHARED_BYTES = 256 * 1024 * 1024  # their XML, unpacked


def _shared_strings_bounded(path: Path, part: str = "xl/sharedStrings.xml") -> None:
    """Refuse a workbook whose shared-strings table would not fit (8 million in 2 MB is 1.6 GB).

    The whole table is read before the first row, so it is measured first: its unpacked size,
    then the strings it holds (counted in the XML, not taken from its `count` attribute).
    """
    import zipfile

    try:
        with zipfile.ZipFile(path) as archive:
            info = next((i for i in archive.infolist() if i.filename.lower() == part.lower()), None)
            if info is None:
                return
            too_many = False
            if info.file_size > SHARED_BYTES:
                too_many = True
            else:
                strings, tail = 0, b""
                with archive.open(info) as stream:
                    while chunk := stream.read(1 << 20):
                        strings += (tail + chunk).count(b"<si") - tail.count(b"<si")
                        tail = chunk[-2:]
                        if strings > SHARED_STRINGS:
                            too_many = True
                            break
    except (OSError, zipfile.BadZipFile, EOFError, ValueError):
        return  # the reader reports a broken file in its own words below
    if too_many:
        raise ReadProblem(
            say(
                "crm.xlsx.too_many_texts", count=SHARED_STRINGS, size=SHARED_BYTES // (1024 * 1024)
            ),
            say("crm.xlsx.export_as_csv"),
        )


def _open_xlsx(path: Path, sheet: str | None) -> Opened:
    from funnelplan.load.crm.xlsx import Book, XlsxError

    try:
        book = Book(path)
    except XlsxError as error:  # not a zip, a part missing, XML that does not parse
        raise _invalid(error) from None
    try:  # the table by its usual name, and where the workbook's relationships say it is
        _shared_strings_bounded(path)
        if book.shared_part is not None and book.shared_part.lower() != "xl/sharedstrings.xml":
            _shared_strings_bounded(path, book.shared_part)
    except ReadProblem:
        book.close()
        raise
    if sheet is not None and sheet not in book.sheetnames:
        book.close()
        raise ReadProblem(
            say("crm.xlsx.no_sheet", name=sheet),
            say("crm.xlsx.sheets", names=", ".join(book.sheetnames)),
        )
    name = sheet if sheet is not None else next(iter(book.worksheets), None)
    header: list[str] | None = None
    number = 0
    try:
        if name is None or name not in book.sheets:  # no worksheet, or a chart sheet
            raise XlsxError("KeyError")
        sheet_rows = book.rows(name)
        sheet_rows.heading = True
        rows = iter(sheet_rows)
        for number, values in rows:  # noqa: B007 - the header's row, used after the loop
            if any(value != "" for value in values):
                header = [str(value).strip() for value in values]
                break
    except XlsxError as error:
        book.close()
        raise _invalid(error) from None
    if header is None:
        book.close()
        raise ReadProblem(say("crm.empty_sheet"), say("crm.export_with_headers"))
    while header and not header[-1]:
        header.pop()
    counter = _SheetRows()
    # the data rows, at most one cell wider than the header (a field too many is still seen):
    # a stray cell at XFD200000 is one cell, never 16,384 of them on every row
    sheet_rows.columns = len(header) + 1
    sheet_rows.heading = False
    width = len(header)

    def narrow(columns: frozenset[int]) -> None:
        # the columns read (0 is A) and the one past the header, whose cell makes a field too many
        sheet_rows.narrow(frozenset(column + 1 for column in columns) | {width + 1})

    return Opened(
        path=path,
        kind="xlsx",
        encoding="xlsx",
        delimiter="",
        header=header,
        header_line=number,
        rows=counter.rows(rows, number, len(header), book),
        size=path.stat().st_size,
        guessed=False,
        line=lambda: counter.number,
        _raw=_SheetPosition(sheet_rows, path.stat().st_size, book),  # type: ignore[arg-type]
        narrow=narrow,
    )


class _SheetPosition:
    """What `Opened` asks the position of, for a progress bar: the share of the sheet's XML
    read so far, as bytes of the file (the sheet is most of an export's zip), and closes."""

    def __init__(self, sheet_rows: SheetRows, size: int, book: Book) -> None:
        self.sheet_rows, self.size, self.book = sheet_rows, size, book

    def tell(self) -> int:
        return int(self.size * self.sheet_rows.share_read())

    def close(self) -> None:
        self.book.close()


def _invalid(error: Exception) -> ReadProblem:
    kind = getattr(error, "kind", type(error).__name__)
    return ReadProblem(say("crm.xlsx.invalid", kind=kind), say("crm.xlsx.save_again"))


class _SheetRows:
    def __init__(self) -> None:
        self.number = 0

    def rows(
        self, rows: Iterator[tuple[int, list[object]]], first: int, width: int, book: Book
    ) -> Iterator[Row]:
        """Each row after the header's, as csv.reader would give it: [] for a blank row
        (only those followed by a filled row: trailing empty rows up to a stray cell's row are
        not rows anyone wrote), a filled row padded to the header's width."""
        from funnelplan.load.crm.xlsx import XlsxError

        self.number = last = first
        try:
            for number, cells in rows:
                if number <= last:  # a row written out of order is not read (as by openpyxl)
                    continue
                while len(cells) > width and cells[-1] == "":
                    cells.pop()
                if cells.count("") == len(cells):  # no value ("" is no cell; 0 and False are)
                    continue
                if number > last + 1:
                    for blank in range(last + 1, number):
                        self.number = blank
                        yield []  # a blank row, as csv.reader gives it
                last = self.number = number
                if len(cells) < width:
                    cells.extend([""] * (width - len(cells)))
                yield cells
        except XlsxError as error:
            raise _invalid(error) from None
        finally:
            book.close()
