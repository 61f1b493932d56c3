"""The bulk path: a large UTF-8 CSV export tallied by DuckDB, with the row-by-row path's result.

Why DuckDB (measured on the 2-core dev machine, 1M-row HubSpot-shaped export, whole processes;
bench/README.md has the figures): the row-by-row path (aggregate.py + fast.py) takes ~2 s, of
which csv.reader alone is ~0.6 s; DuckDB's C++ CSV reader tallies the same file in ~0.3 s with
both cores and holds its memory to a limit (spilling to a temporary folder beyond it). polars was
as fast but needed ~400 MiB at 10M rows and has no memory limit.

Exactness is not traded for speed. The result and the data-quality account are the ones the
row-by-row path gives, row numbers included, because DuckDB only does what it can do exactly and
hands every other row back to that path:

Pass 1 (always): one scan computes, for each mapped stage, how many rows hold each date key (the
value's first 10 characters) among values of the plain forms `YYYY-MM-DD`, `YYYY-MM-DD HH:MM`,
`YYYY-MM-DD HH:MM:SS` (`T` or space; a valid clock, no offset: such a value is in the month of its
date as written); which ids repeat (digit ids as integers, 64 to a group: id >> 6, with the OR of
1 << (id & 63); a group holds a repeat exactly when it has more rows than bits; other ids by
64-bit hash: a collision, like '7' and '007' as integers, only sends more rows to pass 2); and
how many rows hold a value of another form, run backwards, or have no date.
Each distinct key is then read by dates.py, as the row-by-row path reads it. When nothing is odd,
this is the whole answer.

Pass 2 (only when something is odd): the odd rows (another date form, a key that is not a date,
backwards, no date, an id that is not digits in a file whose first ids are, or an id seen more
than once: of the groups pass 1 found, the rows whose id is there twice) come back whole, with
their record number, in file order, and go through the row-by-row path (`aggregate`), which
skips, reports and counts them exactly as it would have; what pass 1 had counted for them is
taken off first. When most rows are odd (say an export with `4/15/2027` dates), the row-by-row
path reads the file instead.

Another encoding (cp932, UTF-16, ...) is first transcoded to a UTF-8 file in the bulk path's
temporary folder, a chunk at a time with the codec the row-by-row path decodes with (bounded
memory); that file is what DuckDB reads, and its lines are counted from the UTF-8 bytes as they
are written (no second pass). Its lines are the export's lines, so record numbers are the same.
A byte the codec refuses declines, so the row-by-row path reports it. From 16 MiB on (about 250,000
rows), an export in cp932 or another encoding in which a line feed byte is always a line feed is
transcoded in two halves at once, by this process and a second, bare Python (`_transcoded`):
on the 1M-row Japanese benchmark ~0.6 s instead of ~1.0 s (bench/README.md).

Parquet: when every stage column is a DATE or a TIMESTAMP (no time zone), pass 1 reads them as
stored instead of as text: its key is its DATE, and a value is plain exactly when its text
would be (years 1 to 9999, whole seconds: see _DATE_KINDS). An integer id is grouped as the
integer, 64 to a group (its text repeats exactly when it does), in a query of its own that reads
the one column again. Pass 2 and the row-by-row path read the same text as ever
(load/crm/parquet.py), so the result is the same.

When the bulk path declines (returns None) the caller reads the file row by row: not a text
encoding, not CSV, a header not on line 1, a blank line or a quoted line break anywhere (record numbers would no
longer be line numbers: counted in a thread while pass 1 runs), a NUL byte, a row DuckDB refuses
(wrong number of fields, a report footer, stray quotes), revenue, won rules or a cohort view
(the row-by-row path's jobs), duckdb not importable, or any DuckDB error, out of memory included.

`FUNNELPLAN_ENGINE=python` always reads row by row; `duckdb` takes the bulk path whatever the size
(the tests use it); `auto` (the default) takes it from BULK_FROM bytes on.
"""

from __future__ import annotations

import codecs
import os
import re
import tempfile
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from funnelplan.load.crm.aggregate import FileCounts, aggregate
from funnelplan.load.crm.dates import DateProblem, DateReader
from funnelplan.load.crm.fast import fast_eligible
from funnelplan.load.crm.job import FileJob
from funnelplan.load.crm.quality import FileQuality

if TYPE_CHECKING:
    from funnelplan.load.crm.readers import Opened

Progress = Callable[[str, int, int], None]

BULK_FROM = 4 * 1024 * 1024  # bytes: below, the row-by-row path is done before DuckDB starts
MEMORY_LIMIT = "160MB"  # DuckDB's own buffers; 10M rows peak at ~250 MiB for the whole process
MOSTLY_ODD = 0.5  # share of odd rows above which the row-by-row path reads the file instead
# bytes DuckDB reads at a time: smaller than its default, so a file is split over both cores
# sooner (~10% faster on 1M rows)
BUFFER = 4 * 1024 * 1024
_ISO = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_CHUNK = 4 * 1024 * 1024
_SEAM = 64  # bytes kept from the end of a chunk, to look across its end


def engine() -> str:
    chosen = os.environ.get("FUNNELPLAN_ENGINE", "auto").strip().lower()
    return chosen if chosen in ("python", "duckdb") else "auto"


def eligible(opened: Opened, job: FileJob) -> bool:
    """Whether the bulk path may take this file (it may still decline once it has looked)."""
    chosen = engine()
    text = opened.kind == "csv" and _text_encoding(opened.encoding) and opened.header_line == 1
    return (
        chosen != "python"
        and (text or opened.kind == "parquet")
        and fast_eligible(job)
        and (chosen == "duckdb" or opened.size >= BULK_FROM)
    )


def _utf8(encoding: str) -> bool:
    """UTF-8 by any of its names (`utf8`, `UTF-8`), with or without a byte-order mark."""
    try:
        return codecs.lookup(encoding).name in ("utf-8", "utf-8-sig")
    except LookupError:
        return False


def _text_encoding(encoding: str) -> bool:
    """An encoding Python decodes text with (UTF-8 is read as it is; any other is transcoded)."""
    try:
        return codecs.lookup(encoding)._is_text_encoding  # type: ignore[attr-defined]
    except (LookupError, AttributeError):
        return False


def _transcoded(opened: Opened, folder: str) -> tuple[Opened, _LineCount] | None:
    """`opened` as a UTF-8 file in `folder` (None when a byte is not of its encoding), and its
    lines, counted from the UTF-8 bytes as they are written (no second pass over the file).

    A large export in an encoding that can be cut at any line feed (`_CUT_AT_LF`: cp932 among
    them) is transcoded in two halves at once: this process takes the bytes up to the first line
    feed past the middle, a second Python (`_SECOND_HALF`, started bare: ~20 ms) the rest, into
    a file of its own, which is then added to the first half's and counted as it is. The bytes
    written are those of one pass, so are the lines and record numbers. The line count sees
    other chunks than one pass would, which changes its CR count only in a file of mixed line
    endings, which DuckDB, reading strictly, refuses either way. A byte the codec refuses, in
    either half, declines as before."""
    import dataclasses

    target = os.path.join(folder, "export-utf8.csv")
    lines = _LineCount(target, opened.delimiter, len(opened.header))
    decoder = codecs.getincrementaldecoder(opened.encoding)(errors="strict")
    cut, second = _second_half(opened, folder)
    try:
        with open(opened.path, "rb") as raw, open(target, "wb") as out:
            for chunk in _chunks(raw, cut if second is not None else None):
                encoded = decoder.decode(chunk).encode("utf-8")
                out.write(encoded)
                lines.feed(encoded, len(encoded))
            encoded = decoder.decode(b"", final=True).encode("utf-8")
            out.write(encoded)
            lines.feed(encoded, len(encoded))
            if second is not None:
                written = second.wait()
                second = None
                if not written:
                    return None
                with open(written, "rb") as rest:
                    while encoded := rest.read(_CHUNK):
                        out.write(encoded)
                        lines.feed(encoded, len(encoded))
    except (UnicodeError, OSError):
        return None
    finally:
        if second is not None:  # this half failed first: the other is not waited for
            second.stop()
    lines.finish()
    return dataclasses.replace(opened, path=Path(target), encoding="utf-8"), lines


def _chunks(raw: Any, limit: int | None) -> Iterator[bytes]:
    """`raw`'s bytes a chunk at a time, the first `limit` of them (None: all)."""
    while limit is None or limit > 0:
        chunk = raw.read(_CHUNK if limit is None else min(_CHUNK, limit))
        if not chunk:
            return
        if limit is not None:
            limit -= len(chunk)
        yield chunk


# Encodings in which the byte 0x0A is a line feed wherever it stands (never inside another
# character; no state carried from line to line), so an export can be cut after one and each
# part decoded alone: Japanese, Chinese and Korean multibyte encodings and the Latin ones.
# UTF-16 and UTF-32 (0x0A inside other characters) and ISO-2022 (shifts) are not.
_CUT_AT_LF = frozenset(
    {
        "cp932",
        "shift_jis",
        "shift_jis_2004",
        "shift_jisx0213",
        "euc_jp",
        "euc_jis_2004",
        "euc_jisx0213",
        "gbk",
        "gb2312",
        "gb18030",
        "big5",
        "big5hkscs",
        "cp949",
        "euc_kr",
        "iso8859-1",
        "cp1252",
    }
)
SHARED_FROM = 16 * 1024 * 1024  # bytes: from here a transcode is shared with a second process
# the second half's transcode: `_transcoded`'s loop, standalone, as a bare Python runs it (no
# code of ours imported); exit 3 is a byte not of the encoding, or a file it cannot read
_SECOND_HALF = """
import codecs, sys
source, start, target, encoding = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
decoder = codecs.getincrementaldecoder(encoding)(errors="strict")
try:
    with open(source, "rb") as raw, open(target, "wb") as out:
        raw.seek(start)
        while chunk := raw.read(4 * 1024 * 1024):
            out.write(decoder.decode(chunk).encode("utf-8"))
        out.write(decoder.decode(b"", final=True).encode("utf-8"))
except (UnicodeError, OSError):
    sys.exit(3)
"""


class _SecondHalf:
    """The second Python transcoding the bytes from `start` on into `target`."""

    def __init__(self, process: Any, target: str) -> None:
        self._process, self._target = process, target

    def wait(self) -> str | None:
        """Its file, once written; None when it could not write it (a byte not of the encoding)."""
        return self._target if self._process.wait() == 0 else None

    def stop(self) -> None:
        if self._process.poll() is None:
            self._process.kill()
        self._process.wait()


def _second_half(opened: Opened, folder: str) -> tuple[int, _SecondHalf | None]:
    """Where the export is cut (the byte after the first line feed past its middle) and the second
    Python started on what follows, when that pays: a regular file of SHARED_FROM bytes or more,
    in an encoding of `_CUT_AT_LF`, on a machine with a second CPU. Else (0, None)."""
    import stat
    import subprocess
    import sys

    try:
        name = codecs.lookup(opened.encoding).name
        cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
        with open(opened.path, "rb") as raw:
            status = os.fstat(raw.fileno())
            if (
                name not in _CUT_AT_LF
                or not stat.S_ISREG(status.st_mode)
                or status.st_size < SHARED_FROM
                or (cpus or 1) < 2
                or not sys.executable
                or getattr(sys, "frozen", False)  # a bundled app: its executable is not Python
            ):
                return 0, None
            raw.seek(status.st_size // 2)
            cut = -1
            while cut < 0 and (window := raw.read(1024 * 1024)):
                found = window.find(b"\n")
                cut = raw.tell() - len(window) + found + 1 if found >= 0 else -1
        if cut < 0 or cut >= status.st_size:
            return 0, None
        target = os.path.join(folder, "export-utf8-second-half.csv")
        process = subprocess.Popen(
            [
                sys.executable,
                "-I",
                "-S",
                "-c",
                _SECOND_HALF,
                str(opened.path),
                str(cut),
                target,
                name,
            ],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
    except (LookupError, OSError, ValueError):
        return 0, None
    return cut, _SecondHalf(process, target)


def aggregate_file(
    opened: Opened,
    job: FileJob,
    dates: DateReader,
    quality: FileQuality,
    progress: Progress | None = None,
) -> FileCounts | None:
    """The file's counts (and `quality` filled in), or None to have the file read row by row."""
    try:
        import _duckdb as duckdb  # the compiled core the `duckdb` package wraps: 10 ms, not 60
    except ImportError:  # pragma: no cover - a duckdb build that packs its core elsewhere
        try:
            import duckdb
        except ImportError:
            return None
    shown = str(opened.path)  # the export's name on the progress bar, transcoded or not
    with tempfile.TemporaryDirectory(prefix="funnelplan-") as spill:
        lines = None
        if opened.kind == "csv" and not _utf8(opened.encoding):
            transcoded = _transcoded(opened, spill)
            if transcoded is None:
                return None
            opened, lines = transcoded
        elif opened.kind == "csv":  # counted beside DuckDB's scan
            lines = _LineCount(str(opened.path), opened.delimiter, len(opened.header))
            lines.start()
        return _in_duckdb(duckdb, opened, job, dates, quality, progress, spill, shown, lines)


def _in_duckdb(
    duckdb: Any,
    opened: Opened,
    job: FileJob,
    dates: DateReader,
    quality: FileQuality,
    progress: Progress | None,
    spill: str,
    shown: str,
    lines: _LineCount | None,  # None for Parquet, which has no lines: its records are its rows
) -> FileCounts | None:
    try:
        connection = duckdb.connect()
        try:
            connection.execute(f"SET memory_limit = '{MEMORY_LIMIT}'")
            connection.execute(f"SET temp_directory = '{_literal(spill)}'")
            work = _Bulk(connection, opened, job, dates, quality, lines, progress)
            work.shown = shown
            return work.run()
        except duckdb.Error:
            return None
        finally:
            connection.close()
    finally:
        if lines is not None:
            lines.join()


class _Bulk:
    def __init__(
        self,
        connection: Any,
        opened: Opened,
        job: FileJob,
        dates: DateReader,
        quality: FileQuality,
        lines: _LineCount | None,
        progress: Progress | None,
    ) -> None:
        self.connection, self.opened, self.job = connection, opened, job
        self.dates, self.quality, self.lines, self.progress = dates, quality, lines, progress
        self.stages = len(job.stages)
        if opened.kind == "parquet":
            self.typed = _Typed.of(connection, opened, job)
        else:
            self.typed = _Typed(digit_ids=_digit_ids(opened, job.id_column))
        self.source = _source(opened, job.width)
        self.shown = str(opened.path)

    def run(self) -> FileCounts | None:
        keys, repeated, records, odd_rows = self._watch(self._pass_one)
        days: dict[str, tuple[int, int]] = {}
        not_dates: set[str] = set()
        for key in {key for counted in keys for key in counted}:
            read = _read_key(self.dates, key)
            if read is None:
                not_dates.add(key)
            else:
                days[key] = read
        odd = odd_rows + sum(n for counted in keys for k, n in counted.items() if k in not_dates)
        odd += sum(repeated.values())
        if self.lines is not None:
            self.lines.join()
            if self.lines.count != 1 + records or self.lines.nul or self.lines.doubtful:
                return None  # blank lines, quoted line breaks, mixed endings: see _LineCount
        if odd > records * MOSTLY_ODD and odd > 1000:
            return None
        counts: dict[str, dict[int, int]] = {spec.stage: {} for spec in self.job.stages}
        odd_counts = FileCounts({spec.stage: {} for spec in self.job.stages}, {})
        if odd:
            odd_records = self._watch(lambda: self._pass_two(sorted(not_dates), list(repeated)))
            odd_counts = self._row_by_row(odd_records, keys)
            records -= len(odd_records)
        last_day = odd_counts.last_day
        for spec, counted in zip(self.job.stages, keys, strict=True):
            tally = counts[spec.stage]
            for key, n in counted.items():
                if n:
                    month, day = days[key]
                    tally[month] = tally.get(month, 0) + n
                    last_day = max(last_day, day)
            for month, n in odd_counts.counts[spec.stage].items():
                tally[month] = tally.get(month, 0) + n
        self.quality.records += records
        self.quality.used += records
        return FileCounts(counts, {}, {}, last_day)

    def _pass_one(self) -> tuple[list[dict[str, int]], dict[int, int], int, int]:
        """Per stage, rows by date key; buckets of ids with a repeat; records; rows that are odd.

        One scan, grouped by several sets at once: each stage's key, the id bucket (only the
        buckets with a repeat come back, with how many rows they hold and how many of those
        repeat an id before them), and the three flags (8 groups at most). Counting only, with
        the flags as a set of their own, is ~25% faster than count_if() over every set.
        """
        stages = range(self.stages)
        # Parquet: the ids in a query of their own, which reads the one column again (at 10M
        # rows ~0.2 s less CPU than one more grouping set: each set is fed every row)
        apart = self.job.id_column is not None and self.opened.kind == "parquet"
        has_id = self.job.id_column is not None and not apart
        sets = [f"(k{i})" for i in stages] + ["(hb)"] * has_id + ["(odd, backwards, undated)"]
        rows = self.connection.execute(
            f"""
            SELECT GROUPING_ID({", ".join(f"k{i}" for i in stages)}{", hb" * has_id}, odd),
                   {", ".join(_text_key(f"k{i}", self.typed) for i in stages)},
                   {"hb" if has_id else "NULL"}, odd, backwards, undated, count(*),
                   {"bit_count(bit_or(bit))" if has_id else "0"}
            FROM ({_columns(self.job, self.source, typed=self.typed)})
            GROUP BY GROUPING SETS ({", ".join(sets)})
            {"HAVING GROUPING(hb) = 1 OR count(*) > bit_count(bit_or(bit))" if has_id else ""}
            """
        ).fetchall()
        buckets = []  # (bucket, rows, distinct ids), the buckets with a repeat
        if apart:
            buckets = self.connection.execute(
                f"""
                SELECT hb, count(*), bit_count(bit_or(bit))
                FROM ({_columns(self.job, self.source, typed=self.typed)})
                WHERE hb IS NOT NULL
                GROUP BY hb HAVING count(*) > bit_count(bit_or(bit))
                """
            ).fetchall()
        width = self.stages + has_id + 1  # the GROUPING_ID bits, first column highest
        keys: list[dict[str, int]] = [{} for _ in stages]
        repeated: dict[int, int] = {}  # bucket -> rows of its repeated ids, at most
        records = odd_rows = 0
        for row in rows:
            grouped_by = [width - 1 - bit for bit in range(width) if not row[0] >> bit & 1]
            odd, backwards, undated, n, distinct = row[-5:]
            for column in grouped_by:
                if column < self.stages:
                    if row[1 + column] is not None:
                        keys[column][row[1 + column]] = n
                elif column == self.stages and has_id:
                    if row[1 + self.stages] is not None:
                        # n rows, n - distinct of them repeats: an id seen k times is k rows
                        # and k - 1 repeats, so its rows are at most twice the repeats
                        repeated[row[1 + self.stages]] = min(n, 2 * (n - distinct))
                else:
                    records += n
                    if odd or backwards or undated:
                        odd_rows += n
        for bucket, n, distinct in buckets:
            repeated[bucket] = min(n, 2 * (n - distinct))
        return keys, repeated, records, odd_rows

    def _pass_two(self, not_dates: list[str], repeated: list[int]) -> list[tuple[Any, ...]]:
        """The odd rows, whole, with their record numbers, in file order: rows pass 1 flagged,
        rows holding a key that is not a date, and every row of an id seen more than once (the
        rows of the buckets pass 1 found, kept where their `h` is there more than once)."""
        stages = range(self.stages)
        odd = ["odd", "backwards", "undated"]
        typed = self.typed
        if not_dates:
            odd += [
                f"{_text_key(f'k{i}', typed)} IN (SELECT unnest($keys::VARCHAR[]))" for i in stages
            ]
        flagged = " OR ".join(odd)
        cells = ", ".join(f"c{i}" for i in range(self.job.width))
        keys = ", ".join(_text_key(f"k{i}", typed) for i in stages)
        parameters: dict[str, object] = {}
        if not_dates:
            parameters["keys"] = not_dates
        source = _columns(self.job, self.source, f", row_number() OVER () AS rn, {cells}", typed)
        if repeated:
            parameters["buckets"] = repeated
            kind = "BIGINT" if typed.integer_id else "UBIGINT"
            bucket = f"hb IN (SELECT unnest($buckets::{kind}[]))"
            source = f"""
                SELECT *, count(*) OVER (PARTITION BY h) AS times
                FROM ({source}) WHERE {flagged} OR {bucket}
            """
            flagged = f"{flagged} OR ({bucket} AND times > 1)"
        return self.connection.execute(
            f"""
            SELECT rn, {keys}, {cells}
            FROM ({source})
            WHERE {flagged}
            ORDER BY rn
            """,
            parameters,
        ).fetchall()

    def _row_by_row(
        self, odd_records: list[tuple[Any, ...]], keys: list[dict[str, int]]
    ) -> FileCounts:
        """Take pass 1's counts of the odd records back, then tally them row by row."""
        stages = self.stages
        for record in odd_records:
            for slot in range(stages):
                key = record[1 + slot]
                if key is not None:
                    keys[slot][key] -= 1
        header_line = self.opened.header_line
        at = [header_line]

        def rows() -> Iterator[list[object]]:
            for record in odd_records:
                at[0] = header_line + record[0]
                yield ["" if cell is None else cell for cell in record[1 + stages :]]

        return aggregate(self.job, rows(), lambda: at[0], self.dates, self.quality)

    def _watch(self, work: Callable[[], Any]) -> Any:
        """Run a pass, reporting DuckDB's progress on it when a progress bar is shown."""
        if self.progress is None:
            return work()
        done = threading.Event()
        shown, size, progress = self.shown, self.opened.size, self.progress

        def report() -> None:
            while not done.wait(0.1):
                share = self.connection.query_progress()
                if share >= 0:
                    progress(shown, int(size * min(share, 100.0) / 100), size)

        watcher = threading.Thread(target=report, daemon=True)
        watcher.start()
        try:
            return work()
        finally:
            done.set()
            watcher.join()
            progress(shown, size, size)


def _read_key(dates: DateReader, key: str) -> tuple[int, int] | None:
    if _ISO.fullmatch(key) is None:
        return None
    try:
        return dates.read(key)
    except DateProblem:
        return None


def _literal(text: str) -> str:
    return text.replace("'", "''")


def _parquet_files(opened: Opened) -> str:
    from funnelplan.load.crm.parquet import matched

    files = ", ".join(f"'{_literal(name)}'" for name in matched(opened.path))
    return f"read_parquet([{files}], union_by_name = true)"


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _source(opened: Opened, width: int) -> str:
    if opened.kind == "parquet":  # each column as text (c0..), as load/crm/parquet.py hands it
        # over, and as it is stored (t0..) for the columns `typed` reads without the text
        cells = ", ".join(
            f"CAST({_quoted(name)} AS VARCHAR) AS c{i}, {_quoted(name)} AS t{i}"
            for i, name in enumerate(opened.header)
        )
        return f"(SELECT {cells} FROM {_parquet_files(opened)})"
    names = ", ".join(f"'c{i}': 'VARCHAR'" for i in range(width))
    return (
        f"read_csv('{_literal(str(opened.path))}', header = true, auto_detect = false, "
        f"delim = '{_literal(opened.delimiter)}', quote = '\"', escape = '\"', "
        f"strict_mode = true, buffer_size = {BUFFER}, columns = {{{names}}})"
    )


# `YYYY-MM-DD`, then nothing or a clock that exists (no offset) after a space or T: such a value
# is in the month of its date as written. Whether the date exists is checked in Python, once per
# distinct key (`_read_key`). RE2 runs the pattern at scan speed; measured per million rows, a
# translate()-and-compare check cost 1 s more, a pattern for the part after the date alone
# (with strlen and substr) 0.04 s more.
_PLAIN = "[0-9]{4}-[0-9]{2}-[0-9]{2}([ T]([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?)?"


def _key(value: str) -> str:
    """SQL: the date key of `value` (its first 10 characters), or NULL when it is not plain."""
    return f"CASE WHEN regexp_full_match({value}, '{_PLAIN}') THEN left({value}, 10) END"


# A typed Parquet date is read without its text. DuckDB writes a DATE from year 1 to 9999 as
# `YYYY-MM-DD` and a TIMESTAMP as `YYYY-MM-DD HH:MM:SS`, with `.ffffff` only when it has a
# fraction of a second; so the text is plain (the pattern above) exactly when the value is in
# those years and whole to the second, and its key is then the value's DATE (DATEs order as
# their `YYYY-MM-DD` texts do). The key is every value's DATE: one outside those years has a
# key whose text is not `YYYY-MM-DD` (`10000-01-01`, `0044-03-15 (BC)`), which Python then reads
# as no date (`_read_key`), so its rows go row by row; a fraction of a second makes the row odd
# (_DATE_KINDS: what is odd about a value beyond its key). No CASE per value: the key and the
# check are plain arithmetic (Parquet 1M rows: pass 1 0.42 -> 0.33 s CPU).
_DATE_KINDS = {
    "DATE": "",
    "TIMESTAMP": "epoch_us({v}) % 1000000 <> 0",
}
_INTEGERS = {"TINYINT", "SMALLINT", "INTEGER", "BIGINT", "UTINYINT", "USMALLINT", "UINTEGER"}
# Integer ids are checked for repeats 2^BUCKET_BITS at a time: grouped by id >> 6, each group
# the OR of 1 << (id & 63), a bucket holds a repeat exactly when it has more rows than bits set.
# Ids that run in sequence (HubSpot's, a warehouse's) make 64 times fewer groups than ids: at
# 1M rows 16k instead of 1M, so the check no longer holds (or spills) a table of every id.
# (This replaces DuckDB's array grouping of a Parquet id within 2^21 values, `perfect_ht_threshold`:
# it needs the column's statistics, which `id >> 6` has none of, and it stopped at 2^21.)
BUCKET_BITS = 6
_PEEK = 64 * 1024  # bytes of a CSV looked at to tell digit ids from others


def _digit_ids(opened: Opened, id_column: int | None) -> bool:
    """Whether the export's first ids (in its first _PEEK bytes) are all digits (at most 19):
    then pass 1 groups ids as integers, and any later id that is not digits goes row by row
    (exact either way; this only chooses the cheaper check for the file)."""
    import csv
    import io

    if id_column is None:
        return False
    try:
        with open(opened.path, "rb") as raw:
            start = raw.read(_PEEK)
    except OSError:
        return False
    lines = start.decode("utf-8", errors="replace").splitlines()[1:-1]  # no header, no cut line
    rows = csv.reader(io.StringIO("\n".join(lines)), delimiter=opened.delimiter)
    ids = [row[id_column] for row in rows if len(row) > id_column]
    return bool(ids) and all(len(text) <= 19 and text.isascii() and text.isdigit() for text in ids)


def _typed_key(value: str, kind: str) -> str:
    """SQL: the DATE key of a typed DATE or TIMESTAMP `value` (see _DATE_KINDS)."""
    return value if kind == "DATE" else f"CAST({value} AS DATE)"


def _text_key(key: str, typed: _Typed) -> str:
    """SQL: a key as the `YYYY-MM-DD` text Python reads (typed keys are DATEs until then)."""
    return f"CAST({key} AS VARCHAR)" if typed.dates else key


@dataclass(frozen=True)
class _Typed:
    """Which Parquet columns pass 1 reads as stored: every stage column when all of them are
    DATE or TIMESTAMP (no time zone), and an integer id column. Text otherwise (CSV always)."""

    dates: dict[int, str] = field(default_factory=dict)  # column -> "DATE" or "TIMESTAMP"
    integer_id: bool = False
    digit_ids: bool = False  # a CSV whose first ids are digits: grouped as integers (_digit_ids)

    @classmethod
    def of(cls, connection: Any, opened: Opened, job: FileJob) -> _Typed:
        described = connection.execute(f"DESCRIBE SELECT * FROM {_parquet_files(opened)}")
        kinds = {str(row[0]): str(row[1]) for row in described.fetchall()}
        types = [kinds.get(name, "") for name in opened.header]
        dates = {spec.column: types[spec.column] for spec in job.stages}
        if not all(kind in _DATE_KINDS for kind in dates.values()):
            dates = {}
        integer_id = job.id_column is not None and types[job.id_column] in _INTEGERS
        return cls(dates, integer_id)


def _columns(job: FileJob, source: str, extra: str = "", typed: _Typed | None = None) -> str:
    """SQL: the rows of `source` as h (id hash), k0.. (date keys), odd, backwards, undated.

    `extra`: more of the source's columns to keep (pass 2: the record number and every cell).
    `typed`: Parquet columns read as stored (see _Typed); the others are read as text.
    """
    typed = typed or _Typed()
    inner = []
    ids = []  # h's bucket (hb) and its bit in the bucket, and, for digit ids, "not digits"
    if typed.integer_id:  # the integer itself: its text is a repeat exactly when it is
        inner.append(f"t{job.id_column} AS h")
    elif typed.digit_ids:  # the text as an integer: the same text, the same integer
        inner.append(f"c{job.id_column} AS id, TRY_CAST(c{job.id_column} AS UBIGINT) AS h")
    elif job.id_column is not None:  # a blank id is no id: never a repeat
        cell = f"c{job.id_column}"
        inner.append(f"CASE WHEN {cell} IS NULL THEN NULL ELSE hash({cell}) END AS h")
    if typed.integer_id or typed.digit_ids:
        ids.append(f"h >> {BUCKET_BITS} AS hb")
        ids.append(f"1::UBIGINT << (h & {(1 << BUCKET_BITS) - 1})::UBIGINT AS bit")
    elif job.id_column is not None:  # hashes spread: one id a bucket
        ids.append("h AS hb, 1::UBIGINT AS bit")
    for slot, spec in enumerate(job.stages):
        kind = typed.dates.get(spec.column)
        value = f"t{spec.column}" if kind else f"c{spec.column}"
        inner.append(f"{value} AS v{slot}")
        inner.append(f"{_typed_key(value, kind) if kind else _key(value)} AS k{slot}")
    slots = range(len(job.stages))
    odd_values = []
    for slot, spec in enumerate(job.stages):
        kind = typed.dates.get(spec.column)
        if kind is None:  # text: not plain
            odd_values.append(f"(v{slot} IS NOT NULL AND k{slot} IS NULL)")
        elif _DATE_KINDS[kind]:  # typed: a fraction of a second (NULL: no value)
            odd_values.append(f"coalesce({_DATE_KINDS[kind].format(v=f'v{slot}')}, false)")
    odd = " OR ".join(odd_values) or "false"
    # backwards: a key before the latest key of the stages before it (text order is day order).
    # Compared with the nearest earlier key, not the greatest: up to the first backwards key the
    # keys rise, so the nearest is the greatest there, and the row is caught at that key
    # (coalesce() is 0.02 s per million rows cheaper than a running greatest()).
    backwards = []
    for slot in slots[1:]:
        nearest = ", ".join(f"k{i}" for i in range(slot - 1, -1, -1))
        backwards.append(f"coalesce(k{slot} < coalesce({nearest}), false)")
    undated = " AND ".join(f"v{i} IS NULL" for i in slots)
    if typed.digit_ids and not typed.integer_id:  # an id that is not digits goes row by row
        odd += " OR (id IS NOT NULL AND h IS NULL)"
    return (
        f"SELECT *, {''.join(f'{expression}, ' for expression in ids)}({odd}) AS odd, "
        f"({' OR '.join(backwards) or 'false'}) AS backwards, "
        f"({undated}) AS undated FROM (SELECT {', '.join(inner)}{extra} FROM {source})"
    )


class _LineCount(threading.Thread):
    """The file's lines as csv.reader counts them, when that is sure to be 1 + DuckDB's records.

    Only LF and CR bytes are counted (two memchr-speed passes; counting CRLF pairs as well
    took twice as long). That is enough because DuckDB, reading strictly, refuses an unquoted
    line ending other than the file's own: with LF + CR counts equal, every CR is in a CRLF
    unless a quoted CR and a quoted LF stand apart, and then the LF count (1 + records + the
    quoted LF) tells. For the same reason CRs are counted only from the first quote on (or
    while no LF has come: CR endings): before it every line ending is unquoted and the file's
    own, so a CRLF export without quotes is one count of LFs less. `count` is -1 when the
    endings are mixed; `nul` when a NUL byte is in the file (csv.reader refuses those lines).

    The bytes are fed by the thread (`run`, a UTF-8 export beside DuckDB's scan) or by the
    transcode of another encoding, chunk by chunk as it writes them (`feed`, then `finish`):
    no second pass over the file.

    `doubtful`: a row that DuckDB, reading strictly, takes but reads otherwise than csv.reader
    (the row-by-row path) does, which sends the file to the row-by-row path:
    - a space before an opening quote (`x, "2027-04-03"`: DuckDB drops the space and the
      quotes; csv.reader keeps both): found by a pattern, over the bytes (a quoted `, "` is
      taken for one too: it only sends a file row by row);
    - a space after a closing quote (`"1" ,`, `"a" "b"`: DuckDB reads `1`, `a b`; csv.reader
      `1 `, `a "b"`);
    - empty fields past the header's at the end of a row, quoted or not (`x,`, `x,""`,
      `x,,""`: DuckDB drops them; csv.reader counts them, and the row is skipped).
    The last two are looked for only when the bytes allow them (a quote then a space; more
    delimiters than every line's share), by reading the file with csv.reader in its strict
    mode, which refuses a closing quote followed by anything but the delimiter or the line's
    end (0.7 s per million rows, beside DuckDB's scan).
    """

    def __init__(self, path: str, delimiter: str = ",", width: int = 0) -> None:
        super().__init__(daemon=True)
        self.path = path
        self.count = -1
        self.nul = False
        self.doubtful = False
        self._delimiter, self._width = delimiter, width
        self._mark = delimiter.encode()
        self._newlines = self._returns = self._delimiters = 0
        self._counted_newlines = 0  # LFs in the chunks whose CRs were counted
        self._unquoted_lf = self._quoted = False  # an LF seen (before any quote); a quote seen
        self._counting = True  # whether the last chunk's CRs were counted
        self._after_quote = False  # a quote then a space, somewhere
        self._tail = self._last = b""
        mark = re.escape(delimiter.encode())
        space = b"".join(c for c in (b" ", b"\t") if c != delimiter.encode())
        self._spaces = [bytes([c]) for c in space]
        # a field starts after the delimiter, LF or CR (`^` in MULTILINE mode knows only LF);
        # in a chunk, not at its start, which is looked at across the seam, where `\A` is the
        # file's start (or a quote after _SEAM bytes of spaces: doubtful)
        self._spaced_quote = re.compile(rb"(?:[\r\n]|" + mark + rb")[" + space + rb']+"')
        self._spaced_quote_at_seam = re.compile(rb"(?:\A|[\r\n]|" + mark + rb")[" + space + rb']+"')

    def _fields_differ(self) -> bool:
        """Whether csv.reader, in its strict mode, refuses a row or gives one more fields than
        the header has (the file is whole UTF-8 here, or DuckDB refuses it)."""
        import csv

        try:
            with open(self.path, encoding="utf-8-sig", errors="replace", newline="") as text:
                reader = csv.reader(text, delimiter=self._delimiter, strict=True)
                return max(map(len, reader), default=0) > self._width
        except (OSError, csv.Error):
            return True

    def run(self) -> None:
        buffer = bytearray(_CHUNK)
        try:
            with open(self.path, "rb", buffering=0) as raw:
                while size := raw.readinto(buffer):
                    self.feed(buffer, size)
        except OSError:
            return
        self.finish()

    def feed(self, buffer: bytes | bytearray, size: int) -> None:
        """Look at the next `size` bytes of the file (the thread's reads, or a transcode's)."""
        spaces = self._spaces
        newlines = buffer.count(b"\n", 0, size)
        self._newlines += newlines
        # CRs are counted from the first quote on, and until a chunk has had an LF (CR
        # endings): elsewhere every line ending is unquoted, and DuckDB, reading strictly,
        # refuses any but the file's own (a lone CR at the very end leaves the count one
        # short: declined). A CRLF cut by where counting starts or stops is counted whole.
        counting = self._quoted or buffer.find(b'"', 0, size) >= 0 or not self._unquoted_lf
        cut = self._last == b"\r" and buffer[:1] == b"\n"
        if counting:
            self._returns += int(cut and not self._counting)  # its CR came before counting
            self._counted_newlines += newlines
            if buffer.find(b"\r", 0, size) >= 0:
                self._returns += buffer.count(b"\r", 0, size)
        else:
            self._counted_newlines += int(cut and self._counting)  # its LF comes after it stopped
        self._counting = counting
        self._unquoted_lf = self._unquoted_lf or newlines > 0
        if buffer.find(b"\0", 0, size) >= 0:
            self.nul = True
        self._delimiters += buffer.count(self._mark, 0, size)
        # what a chunk boundary cuts, looked at across it
        seam = self._tail + bytes(buffer[: min(size, _SEAM)])
        if b'"' in seam:
            if not self.doubtful:
                self.doubtful = self._spaced_quote_at_seam.search(seam) is not None
            self._after_quote = self._after_quote or any(b'"' + c in seam for c in spaces)
        if buffer.find(b'"', 0, size) >= 0:  # memchr: most exports have no quotes
            self._quoted = True
            if not self.doubtful and any(buffer.find(c + b'"', 0, size) >= 0 for c in spaces):
                self.doubtful = self._spaced_quote.search(buffer, 0, size) is not None
            self._after_quote = self._after_quote or any(
                buffer.find(b'"' + c, 0, size) >= 0 for c in spaces
            )
        self._tail = (self._tail + bytes(buffer[max(0, size - _SEAM) : size]))[-_SEAM:]
        if size:
            self._last = bytes(buffer[size - 1 : size])

    def finish(self) -> None:
        """Work out `count` and `doubtful` once every byte has been fed."""
        newlines, returns = self._newlines, self._returns
        unended = 1 if self._last not in (b"", b"\n", b"\r") else 0
        if newlines == 0:  # CR endings (every chunk had its CRs counted), or one line
            self.count = returns + unended
        elif returns == 0 or returns == self._counted_newlines:  # LF or CRLF endings
            self.count = newlines + unended
        # only more delimiters than every line's share (a quoted delimiter, or a field too
        # many) or a quote then a space calls for csv.reader's reading
        more = self._width > 0 and self._delimiters > (self._width - 1) * self.count
        if not self.doubtful and self.count > 0 and (more or self._after_quote):
            self.doubtful = self._fields_differ()

    def join(self, timeout: float | None = None) -> None:
        if self.is_alive() or self.ident is not None:  # fed by a transcode: never started
            super().join(timeout)
