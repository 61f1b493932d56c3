"""Reading an XLSX export's first (or named) sheet as a stream of rows, with bounded memory.

A workbook is a zip: `xl/workbook.xml` names the sheets, `xl/_rels/workbook.xml.rels` says which
part holds each, `xl/styles.xml` says which cell styles are dates, `xl/sharedStrings.xml` holds
the texts the cells point at, and `xl/worksheets/sheetN.xml` the cells themselves. The sheet is
read a chunk (1 MiB unpacked) at a time; only the shared-strings table is held whole (as it was
by openpyxl; readers.py bounds it first).

Two parsers, one result (tests/test_xlsx_reader.py checks both against openpyxl):

- the fast one reads the cells the way Excel, LibreOffice, XlsxWriter and openpyxl write them
  (`<c r="B2" s="1" t="s"><v>12</v></c>`, a formula before its cached value, an inline string)
  with one regular expression, whose last branch takes anything else;
- anything else (a comment, namespace prefixes, single-quoted attributes, rich or phonetic
  inline text, another encoding than UTF-8, the Strict namespace) hands the sheet to the
  general one, built on `xml.parsers.expat`, which starts again and skips the rows already given.

Values are what openpyxl's read-only mode with `data_only=True` gives: text as written; numbers
as `int` (digits alone) or `float`; numbers in a date style as `datetime` (a `time` below one
day, a `timedelta` in an elapsed-time style such as `[h]:mm`), from the 1900 or 1904 epoch;
booleans; cached formula results; error values as their text (`#N/A`). Amounts go through
`parse_money` as before (`Decimal(repr(float))`: the decimal the cell's text shows, for texts of
up to 15 significant digits; amounts are bounded at 10^15). Differences from openpyxl, on
purpose: the East Asian built-in number formats 27-36 and 50-58 (年月日, 和暦, 時分 as Japanese
Excel saves them) are date formats, as they are in Excel (openpyxl gives their serial numbers);
a `<dimension>` is not trusted (every row in the XML is read).
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from collections.abc import Callable, Iterator
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from xml.etree import ElementTree
from xml.parsers import expat

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
STRICT = "http://purl.oclc.org/ooxml/spreadsheetml/main"
RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
STRICT_RELATIONSHIPS = "http://purl.oclc.org/ooxml/officeDocument/relationships"
PACKAGE = "http://schemas.openxmlformats.org/package/2006/relationships"

CHUNK = 1 << 20  # unpacked bytes of sheet XML read at a time

WINDOWS_EPOCH = datetime(1899, 12, 30)
MAC_EPOCH = datetime(1904, 1, 1)

# the East Asian built-in formats (年月日, 和暦, 時分), and openpyxl's built-in formats that can be
# dates (styles/numbers.py: the others, 0-13 and 37-44, 48, 49, have no date letter)
EAST_ASIAN_DATE_IDS = frozenset(range(27, 37)) | frozenset(range(50, 59))
BUILTIN_FORMATS = {
    14: "mm-dd-yy",
    15: "d-mmm-yy",
    16: "d-mmm",
    17: "mmm-yy",
    18: "h:mm AM/PM",
    19: "h:mm:ss AM/PM",
    20: "h:mm",
    21: "h:mm:ss",
    22: "m/d/yy h:mm",
    45: "mm:ss",
    46: "[h]:mm:ss",
    47: "mmss.0",
}
# is_date_format and is_timedelta_format as openpyxl has them: the first section, quoted
# literals and [locale] blocks left out, then any d m h y s not escaped by _ or \
_FORMAT_NOISE = re.compile(r'".*?"|\[(?!hh?\]|mm?\]|ss?\])[^\]]*\]')
_DATE_LETTER = re.compile(r"(?<![_\\])[dmhysDMHYS]")
_ELAPSED = re.compile(r"\[hh?\](:mm(:ss(\.0*)?)?)?|\[mm?\](:ss(\.0*)?)?|\[ss?\](\.0*)?", re.I)


class XlsxError(Exception):
    """The workbook cannot be read: `kind` names what went wrong (a zip, XML or part error)."""

    def __init__(self, kind: str) -> None:
        super().__init__(kind)
        self.kind = kind


def is_date_format(code: str) -> bool:
    return _DATE_LETTER.search(_FORMAT_NOISE.sub("", code.split(";")[0])) is not None


def is_elapsed_format(code: str) -> bool:
    return _ELAPSED.search(code.split(";")[0]) is not None


class Book:
    """An open workbook: its sheets' names and parts, date styles, epoch and shared strings."""

    def __init__(self, path: Path) -> None:
        try:
            self.archive = zipfile.ZipFile(path)
        except (OSError, zipfile.BadZipFile, EOFError, ValueError) as error:
            raise XlsxError(type(error).__name__) from None
        try:
            self._names = {item.filename.lower(): item.filename for item in self.archive.filelist}
            workbook = self._part_name(self._office_document())
            relations = self._relations(workbook)
            root = self._xml(workbook)
            names: list[str] = []
            self.sheets: dict[str, str] = {}  # worksheet name -> its part
            for element in root.iter():
                local = _local(element.tag)
                if local == "workbookPr":
                    self.epoch = (
                        MAC_EPOCH
                        if element.get("date1904", "").lower() in ("1", "true")
                        else WINDOWS_EPOCH
                    )
                elif local == "sheet":
                    name = element.get("name", "")
                    names.append(name)
                    target = relations.get(_relation_id(element) or "")
                    if target is not None and target[0].endswith("/worksheet"):
                        self.sheets[name] = target[1]
            if not hasattr(self, "epoch"):
                self.epoch = WINDOWS_EPOCH
            self.sheetnames = names
            self.date_styles, self.elapsed_styles = self._styles(workbook, relations)
            shared = next(
                (part for kind, part in relations.values() if kind.endswith("/sharedStrings")),
                None,
            )
            self.shared_part = self._part_name(shared) if shared is not None else None
            self.shared_strings: list[str] = []
        except XlsxError:
            self.archive.close()
            raise
        except (KeyError, ValueError, OSError, EOFError, zipfile.BadZipFile) as error:
            self.archive.close()
            raise XlsxError(type(error).__name__) from None
        except ElementTree.ParseError:
            self.archive.close()
            raise XlsxError("ParseError") from None

    @property
    def worksheets(self) -> list[str]:
        return [name for name in self.sheetnames if name in self.sheets]

    def close(self) -> None:
        self.archive.close()

    def read_shared_strings(self) -> None:
        """The shared-strings table, read as it unpacks (readers.py bounds its size first)."""
        if self.shared_part is not None:
            self.shared_strings = _shared_strings(lambda: self._chunks(self.shared_part))

    def _chunks(self, part: str) -> Iterator[bytes]:
        try:
            with self.archive.open(part) as stream:
                while chunk := stream.read(CHUNK):
                    yield chunk
        except (KeyError, OSError, EOFError, zipfile.BadZipFile, ValueError) as error:
            raise XlsxError(type(error).__name__) from None

    def rows(self, sheet: str) -> SheetRows:
        """The sheet's rows (the shared strings are read first, if they were not)."""
        if not self.shared_strings and self.shared_part is not None:
            self.read_shared_strings()
        return SheetRows(self, self._part_name(self.sheets[sheet]))

    # --- the package's parts -------------------------------------------------------------------

    def _part_name(self, name: str) -> str:
        name = name.lstrip("/")
        found = self._names.get(name.lower())
        if found is None:
            raise XlsxError("KeyError")
        return found

    def _xml(self, name: str) -> ElementTree.Element:
        return ElementTree.fromstring(self.archive.read(name))

    def _office_document(self) -> str:
        try:
            rels = self._xml(self._part_name("_rels/.rels"))
        except XlsxError:
            return "xl/workbook.xml"
        for element in rels.iter(f"{{{PACKAGE}}}Relationship"):
            if element.get("Type", "").endswith("/officeDocument"):
                return element.get("Target", "xl/workbook.xml").lstrip("/")
        return "xl/workbook.xml"

    def _relations(self, part: str) -> dict[str, tuple[str, str]]:
        folder, name = posixpath.split(part)
        rels_name = posixpath.join(folder, "_rels", name + ".rels")
        try:
            rels = self._xml(self._part_name(rels_name))
        except XlsxError:
            return {}
        found = {}
        for element in rels.iter(f"{{{PACKAGE}}}Relationship"):
            target = element.get("Target", "")
            if element.get("TargetMode") == "External":
                continue
            if target.startswith("/"):
                where = target.lstrip("/")
            else:
                where = posixpath.normpath(posixpath.join(folder, target))
            found[element.get("Id", "")] = (element.get("Type", ""), where)
        return found

    def _styles(
        self, workbook: str, relations: dict[str, tuple[str, str]]
    ) -> tuple[frozenset[int], frozenset[int]]:
        part = next((p for kind, p in relations.values() if kind.endswith("/styles")), None)
        if part is None:
            return frozenset(), frozenset()
        root = self._xml(self._part_name(part))
        custom: dict[int, str] = {}
        dates: set[int] = set()
        elapsed: set[int] = set()
        for element in root:
            local = _local(element.tag)
            if local == "numFmts":
                for code in element:
                    if _local(code.tag) == "numFmt":
                        custom[int(code.get("numFmtId", "0"))] = code.get("formatCode", "")
            elif local == "cellXfs":
                index = 0
                for xf in element:
                    if _local(xf.tag) != "xf":
                        continue
                    number = int(xf.get("numFmtId", "0"))
                    code = custom.get(number)
                    if code is None:
                        code = BUILTIN_FORMATS.get(number)
                        if number in EAST_ASIAN_DATE_IDS:
                            dates.add(index)
                    if code is not None and is_date_format(code):
                        dates.add(index)
                    if code is not None and is_elapsed_format(code):
                        elapsed.add(index)
                    index += 1
        return frozenset(dates), frozenset(elapsed)


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


def _relation_id(element: ElementTree.Element) -> str | None:
    return element.get(f"{{{RELATIONSHIPS}}}id") or element.get(f"{{{STRICT_RELATIONSHIPS}}}id")


# --- values ------------------------------------------------------------------------------------

_ENTITY = re.compile(r"&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);")
_NAMED = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'"}


_NO_VALUE = object()  # a cell written without a value


class _NotSimple(Exception):
    """The fast parser met XML it does not read: the general one takes over."""


def _text(raw: bytes) -> str:
    """XML character data as the parser would give it (entities and line ends resolved)."""
    text = raw.decode("utf-8")
    if "\r" in text:  # line ends as written; a &#13; below stays a carriage return
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "&" in text:
        if _ENTITY.sub("", text).count("&"):
            raise _NotSimple
        text = _ENTITY.sub(_entity, text)
    return text


def _entity(found: re.Match[str]) -> str:
    name = found[1]
    if name[0] != "#":
        return _NAMED[name]
    return chr(int(name[2:], 16) if name[1] == "x" else int(name[1:]))


def serial_moment(
    serial: float, epoch: datetime, elapsed: bool = False
) -> datetime | time | timedelta:
    """A date style's serial number as openpyxl's `from_excel` reads it (to the millisecond)."""
    if elapsed:
        span = timedelta(days=serial)
        if span.microseconds:
            span = timedelta(
                seconds=span.total_seconds() // 1, microseconds=round(span.microseconds, -3)
            )
        return span
    day, fraction = divmod(serial, 1)
    clock = timedelta(milliseconds=round(fraction * 86400 * 1000))
    if 0 <= serial < 1 and clock.days == 0:
        minutes, seconds = divmod(clock.seconds, 60)
        hours, minutes = divmod(minutes, 60)
        return time(hours, minutes, seconds, clock.microseconds)
    if 0 < serial < 60 and epoch == WINDOWS_EPOCH:
        day += 1  # Excel's 29 February 1900, which never was
    return epoch + timedelta(days=day) + clock


_ISO = re.compile(
    r"(?P<date>(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2}))?T?"
    r"(?P<time>(?P<hour>\d{2}):(?P<minute>\d{2})(:(?P<second>\d{2})(?P<microsecond>\.\d{1,3})?)?)?Z?"
)


def iso_moment(text: str) -> object:
    """A `t="d"` cell (ISO 8601) as openpyxl's `from_ISO8601` reads it; the text if it is none."""
    found = _ISO.match(text)
    if not found or not any(found.groups()):
        return text
    parts = {key: int(found[key] or 0) for key in ("year", "month", "day", "hour", "minute")}
    second = int(found["second"] or 0)
    micro = int(float(found["microsecond"]) * 1_000_000) if found["microsecond"] else 0
    if not found["date"]:
        return time(parts["hour"], parts["minute"], second, micro)
    if not found["time"]:
        return date(parts["year"], parts["month"], parts["day"])
    return datetime(
        parts["year"], parts["month"], parts["day"], parts["hour"], parts["minute"], second, micro
    )


class _Values:
    """Turns one cell's type, style and text into its value."""

    def __init__(self, book: Book) -> None:
        self.strings = book.shared_strings
        self.dates = book.date_styles
        self.date_styles = frozenset(str(style).encode() for style in book.date_styles)
        self.elapsed = book.elapsed_styles
        self.epoch = book.epoch
        self.by_index: dict[bytes, str] = {}  # a shared string by its index's text

    def number(self, raw: bytes, style: int) -> object:
        if style in self.dates:
            try:
                if style in self.elapsed:
                    return serial_moment(float(raw), self.epoch, True)
                return self.moment(raw)
            except (OverflowError, ValueError):
                return "#VALUE!"
        if b"." in raw or b"E" in raw or b"e" in raw:
            return float(raw)
        return int(raw)

    def moment(self, raw: bytes) -> datetime | time:
        """A date style's serial (not an elapsed time), as serial_moment reads it."""
        serial = float(raw)
        if not serial >= 60:
            return serial_moment(serial, self.epoch)  # type: ignore[return-value]
        day, fraction = divmod(serial, 1)
        # serial_moment's arithmetic in one step: the day, and the milliseconds of the clock
        return self.epoch + timedelta(int(day), 0, 0, round(fraction * 86400 * 1000))

    def shared(self, raw: bytes) -> str:
        text = self.strings[int(raw)]
        if len(self.by_index) < 1_000_000:
            self.by_index[raw] = text
        return text

    def cell(self, attributes: bytes, raw: bytes, inline: bytes) -> object:
        """One cell's value from _CELL's groups, or _NO_VALUE (`<c r="B2" s="1"/>`, `<v></v>`)."""
        if raw:
            kind, style = _cell_kind(attributes)
            if kind == "n":
                return self.number(raw, style)
            return self.typed(kind, style, raw)
        if not inline or _cell_kind(attributes)[0] != "inlineStr":
            return _NO_VALUE
        return _text(inline)

    def typed(self, kind: str, style: int, raw: bytes | str) -> object:
        """Any type but a plain number; `raw` is the <v> text."""
        if kind == "s":
            return self.strings[int(raw)]
        if kind == "b":
            return bool(int(raw))
        text = raw if isinstance(raw, str) else _text(raw)
        if kind == "d":
            return iso_moment(text)
        if kind == "n":
            return self.number(text.encode(), style)
        return text  # str (a formula's cached text), e (#N/A), anything unknown


# --- shared strings ----------------------------------------------------------------------------

_SIMPLE_STRING = re.compile(
    rb'<si><t(?: xml:space="preserve")?>([^<]*)</t></si>|<si><t(?: xml:space="preserve")?/></si>'
    rb"|(<[^>]*>|[^<]+)"
)


def _utf8_declared(head: bytes) -> bool:
    if head.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        return False
    if not head.startswith(b"<?xml"):
        return True
    declaration = head[: head.find(b"?>")]
    found = re.search(rb"""encoding\s*=\s*["']([^"']+)["']""", declaration)
    return found is None or found[1].lower() in (b"utf-8", b"utf8")


def _shared_strings(chunks: Callable[[], Iterator[bytes]]) -> list[str]:
    try:
        return _shared_strings_fast(chunks())
    except (_NotSimple, UnicodeDecodeError):
        return _shared_strings_expat(chunks())


def _shared_strings_fast(chunks: Iterator[bytes]) -> list[str]:
    """`<si><t>text</t></si>` after `<si><t>text</t></si>`: anything else is the general one's."""
    buffer = b""
    for chunk in chunks:
        buffer += chunk
        start = buffer.find(b"<sst")
        if start >= 0 and buffer.find(b">", start) >= 0:
            break
        if len(buffer) > 4 * CHUNK:
            raise _NotSimple
    start = buffer.find(b"<sst")
    opening = buffer.find(b">", start) + 1
    if (
        start < 0
        or not _utf8_declared(buffer[:start])
        or (b'xmlns="' + MAIN.encode() + b'"') not in buffer[start:opening]
    ):
        raise _NotSimple
    if buffer[opening - 2 : opening] == b"/>":
        return []
    buffer = buffer[opening:]
    strings: list[str] = []
    while True:
        end = buffer.find(b"</sst>")
        finished = end >= 0
        if finished:
            cut = end
        else:
            cut = buffer.rfind(b"</si>")
            if cut < 0:
                chunk = next(chunks, b"")
                if not chunk:
                    raise _NotSimple
                buffer += chunk
                continue
            cut += 5
        for text, other in _SIMPLE_STRING.findall(buffer, 0, cut):
            if other:
                if other.strip():
                    raise _NotSimple
                continue
            strings.append(_text(text).replace("x005F_", "") if text else "")
        if finished:
            return strings
        chunk = next(chunks, b"")
        if not chunk:
            raise _NotSimple
        buffer = buffer[cut:] + chunk


def _shared_strings_expat(chunks: Iterator[bytes]) -> list[str]:
    strings: list[str] = []
    pieces: list[str] = []
    depth = {"si": 0, "t": 0, "rPh": 0}

    def start(name: str, attributes: dict[str, str]) -> None:
        local = name.rpartition(" ")[2] if name.startswith((MAIN, STRICT)) else ""
        if local in depth:
            depth[local] += 1
            if local == "si":
                pieces.clear()

    def end(name: str) -> None:
        local = name.rpartition(" ")[2] if name.startswith((MAIN, STRICT)) else ""
        if local in depth:
            depth[local] -= 1
            if local == "si":
                strings.append("".join(pieces).replace("x005F_", ""))

    def characters(text: str) -> None:
        if depth["t"] and depth["si"] and not depth["rPh"]:
            pieces.append(text)

    parser = _expat_parser(start, end, characters)
    try:
        for chunk in chunks:
            parser.Parse(chunk, False)
        parser.Parse(b"", True)
    except expat.ExpatError:
        raise XlsxError("ParseError") from None
    return strings


# --- the sheet's rows --------------------------------------------------------------------------

# one cell as it is usually written (its attributes after r= in one group; a formula before its
# cached value is passed over; or an inline string), then anything else: a row's start or end
# is one of those (few groups: findall makes a tuple of them for every cell)
_CELL = re.compile(
    rb'<c r="([A-Z]{1,3})[0-9]+"([^>/]*)'
    rb"(?:><(?:f\b[^>]*(?:/>|>[^<]*</f>)<)?v>([^<]*)</v></c>|/>|></c>"
    rb'|><is><t(?: xml:space="preserve")?>([^<]*)</t></is></c>)'
    rb"|(<[^>]*>|[^<]+)"
)
# a cell's ending after its attributes: its cached value (after a formula), none, or inline text
_BODY = (
    rb"(?:><(?:f\b[^>]*(?:/>|>[^<]*</f>)<)?v>[^<]*</v></c>|/>|></c>"
    rb'|><is><t(?: xml:space="preserve")?>[^<]*</t></is></c>)'
)
_CELL_RUNS = re.compile(_CELL.pattern.replace(rb"|(<[^>]*>|[^<]+)", rb"|()(<[^>]*>|[^<]+)", 1))
_NARROWED: dict[frozenset[int], re.Pattern[bytes]] = {}


def _narrowed(wanted: frozenset[int]) -> re.Pattern[bytes]:
    """_CELL for the columns in `wanted` (numbers, A is 1), with one more group between its
    inline text and the rest: a run of cells in the other columns, matched whole and not split
    into values (SheetRows reads a run only when the row's account needs it)."""
    pattern = _NARROWED.get(wanted)
    if pattern is None:
        names = b"|".join(column_letters(number) for number in sorted(wanted))
        pattern = re.compile(
            _CELL.pattern.replace(rb"([A-Z]{1,3})", b"(" + names + b")", 1).replace(
                rb"|(<[^>]*>|[^<]+)",
                rb'|((?:<c r="(?!(?:' + names + rb')[0-9])[A-Z]{1,3}[0-9]+"[^>/]*' + _BODY + rb")+)"
                rb"|(<[^>]*>|[^<]+)",
                1,
            )
        )
        if len(_NARROWED) < 64:
            _NARROWED[wanted] = pattern
    return pattern


def column_letters(number: int) -> bytes:
    """A column's number as its letters: 1 is A, 16,384 is XFD."""
    letters = b""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = bytes((65 + rest,)) + letters
    return letters


_ATTRIBUTE = re.compile(rb'\s+([\w:.-]+)="([^"]*)"')
SHARED, PLAIN, DATE = 0, 1, 2  # what a cell's attributes make of its <v>, else (t=, style)


def _cell_kind(attributes: bytes) -> tuple[str, int]:
    """A cell's attributes after r= (` s="1" t="s"`): its type (t=) and its style (s=)."""
    if _ATTRIBUTE.sub(b"", attributes).strip():
        raise _NotSimple  # single quotes, an entity: the general parser reads them
    found = dict(_ATTRIBUTE.findall(attributes))
    return found.get(b"t", b"n").decode(), int(found.get(b"s") or 0)


_COLUMNS: dict[bytes | str, int] = {}


def column_number(letters: bytes | str) -> int:
    """A column's letters as a number: A is 1, XFD is 16,384."""
    number = _COLUMNS.get(letters)
    if number is None:
        number = 0
        for letter in letters.upper() if isinstance(letters, str) else letters.decode().upper():
            if not "A" <= letter <= "Z":
                raise ValueError(letters)
            number = number * 26 + ord(letter) - 64
        if len(_COLUMNS) < 20_000:
            _COLUMNS[letters] = number
    return number


_ALL_COLUMNS: dict[bytes, int] = {}


def _columns() -> dict[bytes, int]:
    """Every column's letters (bytes, A to XFD) and its number, made once."""
    if not _ALL_COLUMNS:
        letters = [chr(65 + i) for i in range(26)]
        names = letters + [a + b for a in letters for b in letters]
        names += [a + b for a in letters for b in names[26:]]
        for number, name in enumerate(names[:16384], start=1):
            _ALL_COLUMNS[name.encode()] = number
    return _ALL_COLUMNS


class SheetRows:
    """The sheet's rows as `(row number, cells)`: cells from column A, "" where there is none.

    `columns` (None: all) is how many columns to keep: a cell further right is not read at all,
    so a stray cell at XFD200000 costs one cell, not 16,384 of them. `narrow` names the columns
    whose values are wanted: the others are left "" unless the row's account needs them (a row
    whose wanted cells are all empty, or one with a cell past the header), when the row is read
    whole. `heading` (the caller's, while it looks for the header): rows are read one at a time,
    so that the columns narrowed once the header is known apply from the next row.
    """

    def __init__(self, book: Book, part: str) -> None:
        self.book = book
        self.part = part
        self.columns: int | None = None
        self.wanted: frozenset[int] | None = None
        self.heading = False
        self.values = _Values(book)
        self.general = False  # the fast parser gave up on this sheet
        self.unpacked = 0  # bytes of the sheet's XML read so far (for a progress bar)
        try:
            self.unpacked_size = book.archive.getinfo(part).file_size
        except KeyError:
            self.unpacked_size = 0

    def narrow(self, wanted: frozenset[int]) -> None:
        """Convert only these columns' cells (numbers, A is 1) from the next piece of the sheet
        read on: the next row while `heading`, else the next chunk's rows."""
        self.wanted = frozenset(wanted)

    def share_read(self) -> float:
        """How much of the sheet's XML has been read, from 0 to 1."""
        if not self.unpacked_size:
            return 0.0
        return min(1.0, self.unpacked / self.unpacked_size)

    def __iter__(self) -> Iterator[tuple[int, list[object]]]:
        self.given = 0  # rows the fast parser gave before it gave up (it counts them)
        try:
            try:
                yield from self._fast()
            except _NotSimple:
                self.general = True
                given = self.given
                for index, row in enumerate(self._expat()):
                    if index >= given:
                        yield row
        except (ValueError, IndexError, OverflowError) as error:  # int("x"), a string not there
            raise XlsxError(type(error).__name__) from None

    def _chunks(self) -> Iterator[bytes]:
        self.unpacked = 0
        for chunk in self.book._chunks(self.part):
            self.unpacked += len(chunk)
            yield chunk

    def _fill(self, cells: list[object], runs: list[bytes], limit: int) -> None:
        """The cells of the other columns' runs, read after all into their places in `cells`."""
        columns_get = _columns().get
        cell = self.values.cell
        for run in runs:
            for letters, attributes, raw, inline, other in _CELL.findall(run):
                if other or not letters:
                    raise _NotSimple
                value = cell(attributes, raw, inline)
                column = columns_get(letters) or 16385
                if value is _NO_VALUE or column > limit:
                    continue
                if column > len(cells):
                    cells.extend([""] * (column - len(cells)))
                cells[column - 1] = value

    def _fast(self) -> Iterator[tuple[int, list[object]]]:
        chunks = self._chunks()
        buffer = b""
        for chunk in chunks:  # the head: up to <sheetData>
            buffer += chunk
            found = buffer.find(b"<sheetData")
            if found >= 0 and buffer.find(b">", found) >= 0:
                break
            if len(buffer) > 64 * CHUNK:
                raise _NotSimple
        head_end = buffer.find(b"<sheetData")
        if head_end < 0:
            raise _NotSimple  # no sheetData, or under a prefix: the general parser says which
        head = buffer[:head_end]
        root = re.search(rb"<worksheet\b[^>]*>", head)
        if (
            not _utf8_declared(head)
            or root is None
            or (b'xmlns="' + MAIN.encode() + b'"') not in root[0]
        ):
            raise _NotSimple
        opening = buffer.find(b">", head_end) + 1
        if buffer[opening - 2 : opening] == b"/>":
            return  # <sheetData/>: no rows
        buffer = buffer[opening:]
        values = self.values
        number_of = values.number
        typed = values.typed
        moment = values.moment
        epoch = values.epoch
        dates = values.dates
        elapsed = values.elapsed
        shared_get = values.by_index.get
        shared = values.shared
        columns_get = _columns().get
        # the days and clocks of date cells met so far (a minute's clock is one of 1,440), each
        # kept up to 100,000 of them
        days: dict[float, datetime] = {}
        days_get = days.get
        clocks: dict[int, timedelta] = {}
        clocks_get = clocks.get
        codes: dict[bytes, object] = {}  # a cell's attributes -> SHARED, PLAIN, DATE or (t, s)
        codes_get = codes.get

        def code_of(attributes: bytes) -> object:
            kind, style = _cell_kind(attributes)
            if kind == "s":
                return SHARED
            if kind == "n" and style not in dates:
                return PLAIN  # a number's style matters only when it is a date's
            if kind == "n" and style not in elapsed:
                return DATE
            return (kind, style)

        row_number = 0
        cells: list[object] = []
        append = cells.append
        runs: list[bytes] = []  # the row's runs of cells in columns not wanted
        last = 0
        finished = False
        limit = self.columns or 16384
        at = 0  # where the rows not yet read start in `buffer`
        given = 0
        try:
            while not finished:
                # before the header, a row at a time: the caller narrows the columns after it
                cut = buffer.find(b"</row>", at) if self.heading else -1
                ending = buffer.find(b"</sheetData>", at, len(buffer) if cut < 0 else cut)
                if cut >= 0 and ending < 0:
                    cut += 6
                elif ending >= 0:
                    finished = True
                    cut = ending
                else:
                    cut = buffer.rfind(b"</row>", at)
                    if cut < 0:
                        chunk = next(chunks, None)
                        if chunk is None:
                            raise _NotSimple  # a sheet cut short: the general parser says where
                        buffer = buffer[at:] + chunk
                        at = 0
                        continue
                    cut += 6
                cell_pattern = _CELL_RUNS if self.wanted is None else _narrowed(self.wanted)
                for letters, attributes, raw, inline, run, other in cell_pattern.findall(
                    buffer, at, cut
                ):
                    value: object
                    if raw:  # <c r=".." s=".." t=".."><v>..</v></c>: nearly every cell
                        code = codes_get(attributes)
                        if code is None:
                            code = codes[attributes] = code_of(attributes)
                        if code is SHARED:
                            value = shared_get(raw)
                            if value is None:
                                value = shared(raw)
                        elif code is PLAIN:
                            value = int(raw) if raw.isdigit() else number_of(raw, 0)
                        elif code is DATE:
                            try:  # Values.moment, written out: most cells of an export
                                serial = float(raw)
                                if serial >= 60:
                                    day, fraction = divmod(serial, 1)
                                    start = days_get(day)
                                    if start is None:
                                        start = epoch + timedelta(int(day))
                                        if len(days) < 100_000:
                                            days[day] = start
                                    milliseconds = round(fraction * 86400 * 1000)
                                    clock = clocks_get(milliseconds)
                                    if clock is None:
                                        clock = timedelta(0, 0, 0, milliseconds)
                                        if len(clocks) < 100_000:
                                            clocks[milliseconds] = clock
                                    value = start + clock
                                else:
                                    value = moment(raw)
                            except (OverflowError, ValueError):
                                value = "#VALUE!"
                        else:
                            value = typed(*code, raw)  # type: ignore[misc]
                    elif letters:
                        if not inline or _cell_kind(attributes)[0] != "inlineStr":
                            continue  # <c r="B2" s="1"/>, <v></v>, an empty inline string: no value
                        value = _text(inline)
                    elif run:
                        runs.append(run)
                        continue
                    elif other == b"</row>":
                        if runs:
                            if last >= limit or cells.count("") == len(cells):
                                self._fill(cells, runs, limit)  # the account needs them
                            runs = []
                        given += 1
                        yield row_number, cells
                        limit = self.columns or 16384
                        continue
                    elif other.startswith(b'<row r="'):
                        try:
                            row_number = int(other[8 : other.index(b'"', 8)])
                        except ValueError:
                            raise _NotSimple from None  # r="2.0", r='2': the general parser's
                        cells = []
                        append = cells.append
                        last = 0
                        if runs:
                            runs = []
                        if other.endswith(b"/>"):  # <row r="5"/>
                            given += 1
                            yield row_number, cells
                            limit = self.columns or 16384
                        continue
                    elif other.strip():
                        raise _NotSimple  # <row> without r=, a comment, a prefix, ...
                    else:
                        continue
                    column = columns_get(letters) or 16385
                    if column == last + 1:
                        if column > limit:
                            continue
                        append(value)
                        last = column
                    elif column > last:
                        if column > limit:
                            continue
                        cells.extend([""] * (column - last - 1))
                        append(value)
                        last = column
                    else:
                        cells[column - 1] = value
                at = cut
                if (
                    not finished
                    and not (self.heading and buffer.find(b"</row>", at) >= 0)
                    and buffer.find(b"</sheetData>", at) < 0
                ):
                    chunk = next(chunks, b"")
                    if not chunk:
                        raise _NotSimple  # no </sheetData>: the general parser says where
                    buffer = buffer[at:] + chunk
                    at = 0
        except _NotSimple:
            self.given = given
            raise

    def _expat(self) -> Iterator[tuple[int, list[object]]]:
        """The general parser: any well-formed sheet, both namespaces, any prefixes."""
        values = self.values
        state: dict[str, object] = {
            "row": 0,
            "column": 0,
            "kind": "n",
            "style": 0,
            "in_row": False,
        }
        done: list[tuple[int, list[object]]] = []
        cells: list[object] = []
        text: list[str] = []
        depth = {"v": 0, "is": 0, "t": 0, "rPh": 0, "c": 0}
        found_v: list[bool] = [False]

        def local_of(name: str) -> str:
            space, _, local = name.rpartition(" ")
            return local if space in (MAIN, STRICT) else ""

        def start(name: str, attributes: dict[str, str]) -> None:
            local = local_of(name)
            if local == "c" and state["in_row"]:
                depth["c"] += 1
                reference = attributes.get("r")
                if reference:
                    letters = reference.rstrip("0123456789").lstrip("$")
                    state["column"] = column_number(letters)
                else:
                    state["column"] = int(state["column"]) + 1  # type: ignore[call-overload]
                state["kind"] = attributes.get("t", "n")
                style = attributes.get("s")
                state["style"] = int(style) if style else 0
                text.clear()
                found_v[0] = False
            elif local == "row":
                reference = attributes.get("r")
                if reference:
                    try:
                        state["row"] = int(reference)
                    except ValueError:
                        state["row"] = int(float(reference))
                else:
                    state["row"] = int(state["row"]) + 1  # type: ignore[call-overload]
                state["column"] = 0
                state["in_row"] = True
                cells.clear()
            elif local in depth and depth["c"]:
                depth[local] += 1
                if local == "v":
                    found_v[0] = True
                    if state["kind"] != "inlineStr":
                        text.clear()

        def end(name: str) -> None:
            local = local_of(name)
            if local == "c" and depth["c"]:
                depth["c"] -= 1
                column = int(state["column"])  # type: ignore[call-overload]
                limit = self.columns or 16384
                if column > limit:
                    return
                kind = str(state["kind"])
                raw = "".join(text)
                value: object
                if kind == "inlineStr":
                    value = raw
                elif not raw:
                    return
                elif kind == "n":
                    value = values.number(raw.encode(), int(state["style"]))  # type: ignore[call-overload]
                else:
                    value = values.typed(kind, int(state["style"]), raw)  # type: ignore[call-overload]
                if column > len(cells):
                    cells.extend([""] * (column - len(cells)))
                cells[column - 1] = value
            elif local == "row":
                state["in_row"] = False
                done.append((int(state["row"]), list(cells)))  # type: ignore[call-overload]
            elif local in depth and depth["c"]:
                depth[local] -= 1

        def characters(piece: str) -> None:
            if not depth["c"]:
                return
            if state["kind"] == "inlineStr":
                if depth["is"] and depth["t"] and not depth["rPh"]:
                    text.append(piece)
            elif depth["v"]:
                text.append(piece)

        parser = _expat_parser(start, end, characters)
        try:
            for chunk in self._chunks():
                parser.Parse(chunk, False)
                yield from done
                done.clear()
            parser.Parse(b"", True)
        except expat.ExpatError:
            raise XlsxError("ParseError") from None
        yield from done


__all__ = [
    "Book",
    "SheetRows",
    "XlsxError",
    "column_number",
    "is_date_format",
    "iso_moment",
    "serial_moment",
]


def _expat_parser(
    start: Callable[..., None], end: Callable[..., None], characters: Callable[[str], None]
) -> Any:
    """An expat parser with namespaces split off by a space and text buffered, calling these."""
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.buffer_text = True
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = characters
    return parser
