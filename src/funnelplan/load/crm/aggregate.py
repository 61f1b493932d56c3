"""One pass over an export's rows: counts by stage and month, won revenue by month, the account.

Counting is period-based: a record counts for stage X in the month its X-date falls in, so a
stage's monthly count is how many records entered X that month; revenue is the sum of won amounts
by close month. A row is used whole or not at all (see quality.py for the reasons a row is
skipped). Memory stays flat: only the month tallies, the date caches and the record ids (idset.py)
are kept, never the rows.

Pure: rows come in as (line, cells) from any reader; nothing here reads files or prints.
"""

from __future__ import annotations

import gc
import itertools
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from funnelplan.load.crm.dates import DateProblem, DateReader
from funnelplan.load.crm.fast import BATCH, FastBatches, fast_eligible
from funnelplan.load.crm.idset import IdSet
from funnelplan.load.crm.job import FileJob
from funnelplan.load.crm.presets import header_key
from funnelplan.load.crm.quality import FileQuality, Worded
from funnelplan.model.values import ValueProblem, parse_money


@dataclass
class FileCounts:
    counts: dict[str, dict[int, int]]  # stage -> month ordinal -> records that entered it
    revenue: dict[int, Decimal]  # close month ordinal -> won amount
    cohorts: dict[int, dict[str, int]] = field(default_factory=dict)  # creation month -> reached
    last_day: int = 0  # the latest date seen (a date.toordinal())
    revenue_deals: dict[int, int] = field(default_factory=dict)  # close month -> won deals


def _footer_like(row: list[object], width: int) -> bool:
    filled = [cell for cell in row if cell not in ("", None)]
    return len(row) < width and len(filled) <= 1


def _amount(value: object) -> Decimal:
    """An export's amount: text as people write it, or an XLSX number, both under one bound."""
    return parse_money(value)


# "HH:MM": with these, a "YYYY-MM-DD HH:MM" value (most exports) is read from its day alone
_CLOCK = frozenset(f"{hour:02d}:{minute:02d}" for hour in range(24) for minute in range(60))


def aggregate(
    job: FileJob,
    rows: Iterable[list[object]],
    line_of: Callable[[], int],
    dates: DateReader,
    quality: FileQuality,
    ids: IdSet | None = None,
    *,
    text: bool = False,
) -> FileCounts:
    """Tally `rows` into a FileCounts, recording every skipped row in `quality`.

    `line_of()` gives the row number of the row just taken from `rows` (asked for skipped rows
    only, so reading the number costs nothing on the rows that are used). `text`: the rows are
    a csv.reader's (lists of str, `line_of` its line_num), so they may go by batches (fast.py).
    """
    tally = _Pass(job, dates, quality, ids)
    collecting = gc.isenabled()
    gc.disable()  # the pass makes no reference cycles; the collector would rescan every batch
    try:
        if text and fast_eligible(job):
            tally.batches(rows, line_of)  # type: ignore[arg-type]
        else:
            tally.rows(rows, line_of)
    finally:
        if collecting:
            gc.enable()
    return tally.result()


class _Pass:
    """The running state of one file's pass: what `rows` (row by row) and `batches` share."""

    def __init__(
        self, job: FileJob, dates: DateReader, quality: FileQuality, ids: IdSet | None
    ) -> None:
        self.job, self.dates, self.quality = job, dates, quality
        self.stage_ids = [spec.stage for spec in job.stages]
        self.counts: dict[str, dict[int, int]] = {stage: {} for stage in self.stage_ids}
        self.revenue: dict[int, Decimal] = {}
        self.revenue_deals: dict[int, int] = {}
        self.cohorts: dict[int, dict[str, int]] = {}
        if job.id_column is not None and ids is None:
            ids = IdSet()
        self.ids = ids
        self.after_blank = False
        self.records = self.used = self.not_won = 0
        self.last_day = 0

    def result(self) -> FileCounts:
        quality = self.quality
        quality.records += self.records
        quality.used += self.used
        quality.not_won += self.not_won
        return FileCounts(
            self.counts, self.revenue, self.cohorts, self.last_day, self.revenue_deals
        )

    def batches(self, rows: Iterator[list[str]], line_of: Callable[[], int]) -> None:
        """Rows by batches of BATCH: column-wise when a batch allows it, else row by row."""
        fast = FastBatches(self.job, self.dates, self.ids)
        while True:
            before = line_of()
            batch = list(itertools.islice(rows, BATCH))
            if not batch:
                fast.fold(self.counts)
                self.last_day = max(self.last_day, fast.last_day())
                return
            if line_of() - before == len(batch) and fast.take(batch):
                self.records += len(batch)
                self.used += len(batch)
                continue
            lines = _row_lines(batch, before, line_of())
            at = [0]

            def replay(batch: list[list[str]] = batch, at: list[int] = at) -> Iterator[list[str]]:
                for index, row in enumerate(batch):
                    at[0] = index
                    yield row

            self.rows(replay(), lambda lines=lines, at=at: lines[at[0]])

    def rows(self, rows: Iterable[list[object]], line_of: Callable[[], int]) -> None:
        job, quality = self.job, self.quality
        stage_ids = self.stage_ids
        tallies = [self.counts[stage] for stage in stage_ids]
        specs = [(i, spec.column, spec.won_only) for i, spec in enumerate(job.stages)]
        dated_always = any(not won_only for _, _, won_only in specs)  # a stage every row may have
        revenue, cohorts, revenue_deals = self.revenue, self.cohorts, self.revenue_deals
        cohort_slot = stage_ids.index(job.cohort_stage) if job.cohort_stage in stage_ids else None
        width, id_column, won, money = job.width, job.id_column, job.won, job.revenue
        ids = self.ids
        small = ids.small if ids is not None else None  # the id set while it is small (fast path)
        limit = ids.limit if ids is not None else 0
        won_cache: dict[object, bool] = {}
        cache, read = self.dates.cache, self.dates.read
        after_blank = self.after_blank
        records = used = not_won = 0
        last_day = self.last_day
        for row in rows:
            if len(row) != width:
                if not any(row):
                    quality.blank += 1
                    after_blank = True
                    continue
                if after_blank and _footer_like(row, width):
                    quality.footer += 1
                    continue
                records += 1
                quality.skip("fields", line_of(), _field_count(len(row), width))
                continue
            records += 1
            if id_column is not None:
                key = row[id_column]
                if key != "":
                    if key.__class__ is not str:
                        key = _id_text(key)
                    if small is not None:
                        duplicate = key in small
                        if not duplicate:
                            small.add(key)
                            if len(small) > limit:
                                ids.seen(key)  # type: ignore[union-attr]  # moves to the compact table
                                small = None
                    else:
                        duplicate = ids.seen(key)  # type: ignore[union-attr]
                    if duplicate:
                        quality.skip("duplicate_id", line_of(), str(key))
                        continue
            is_won = True
            if won is not None:
                cell = row[won.column]
                is_won = won_cache.get(cell)  # type: ignore[assignment]
                if is_won is None:
                    is_won = won_cache[cell] = header_key(str(cell)) in won.values
            found: list[tuple[int, int, int]] = []  # (slot, month, day)
            problem = None
            for slot, column, won_only in specs:
                cell = row[column]
                if cell == "" or (won_only and not is_won):
                    continue
                hit = cache.get(cell)
                if (
                    hit is None
                    and cell.__class__ is str
                    and len(cell) == 16  # type: ignore[arg-type]
                    and cell[11:] in _CLOCK  # type: ignore[index]
                    and cell[10] in " T"  # type: ignore[index]
                ):
                    hit = cache.get(cell[:10])  # type: ignore[index]
                if hit is None:
                    try:
                        hit = read(cell)
                    except DateProblem:
                        problem = (job.stages[slot].header, cell)
                        break
                    if hit is None:
                        continue
                found.append((slot, hit[0], hit[1]))
            if problem is not None:
                quality.skip("bad_date", line_of(), _pair(problem[0], problem[1]))
                continue
            amount = None
            close_month = 0
            if money is not None and is_won:
                cell = row[money.date]
                try:
                    hit = cache.get(cell) or (read(cell) if cell != "" else None)
                except DateProblem:
                    quality.skip("bad_date", line_of(), _pair(money.date_header, cell))
                    continue
                if hit is None:
                    quality.skip("no_date", line_of(), f"{money.date_header} is blank")
                    continue
                try:
                    amount = _amount(row[money.amount])
                except ValueProblem:
                    shown = row[money.amount]
                    quality.skip("bad_amount", line_of(), _pair(money.amount_header, repr(shown)))
                    continue
                close_month = hit[0]
                last_day = max(last_day, hit[1])
            if not found and amount is None:
                if not is_won and not dated_always:
                    not_won += 1  # a lost deal in a deals export: no stage, no revenue, no problem
                    used += 1
                    continue
                quality.skip("no_date", line_of(), "")
                continue
            used += 1
            if not is_won:
                not_won += 1
            latest = 0
            backwards = False
            for slot, month, day in found:
                tally = tallies[slot]
                tally[month] = tally.get(month, 0) + 1
                if day < latest:
                    backwards = True
                elif day > latest:
                    latest = day
            if latest > last_day:
                last_day = latest
            if backwards:
                quality.backwards.add(line_of(), _backwards_example(found, stage_ids))
            if amount is not None:
                revenue[close_month] = revenue.get(close_month, Decimal(0)) + amount
                revenue_deals[close_month] = revenue_deals.get(close_month, 0) + 1
            if cohort_slot is not None and found and found[0][0] == cohort_slot:
                cohort = cohorts.setdefault(found[0][1], {})
                for slot, _month, _day in found:
                    stage = stage_ids[slot]
                    cohort[stage] = cohort.get(stage, 0) + 1
        self.records += records
        self.used += used
        self.not_won += not_won
        self.last_day = last_day
        self.after_blank = after_blank


def _row_lines(batch: list[list[str]], before: int, after: int) -> list[int]:
    """The line each row of `batch` ends on, given the reader's line before and after it."""
    if after - before == len(batch):
        return list(range(before + 1, after + 1))
    lines, line = [], before
    for row in batch:  # a quoted line break: \r\n, \r or \n inside a field
        line += 1 + sum(c.count("\n") + c.count("\r") - c.count("\r\n") for c in row)
        lines.append(line)
    return lines


def _id_text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _pair(header: str, value: str) -> Worded:
    """`header: value`, the cell a skipped row was skipped for."""
    return Worded(f"{header}: {value}", "label_value", label=header, value=value)


def _field_count(fields: int, width: int) -> Worded:
    return Worded(
        f"{fields} fields, the header has {width}", "ex_field_count", fields=fields, width=width
    )


def _backwards_example(found: list[tuple[int, int, int]], stage_ids: list[str]) -> str:
    from datetime import date

    for (slot_a, _, day_a), (slot_b, _, day_b) in itertools.pairwise(found):
        if day_b < day_a:
            stage, day = stage_ids[slot_b], date.fromordinal(day_b)
            earlier, earlier_day = stage_ids[slot_a], date.fromordinal(day_a)
            return Worded(
                f"{stage} {day} before {earlier} {earlier_day}",
                "ex_backwards_pair",
                ("stage", "earlier"),
                stage=stage,
                day=day,
                earlier=earlier,
                earlier_day=earlier_day,
            )
    stage, day = (
        stage_ids[min(found, key=lambda item: item[2])[0]],
        date.fromordinal(min(item[2] for item in found)),
    )
    return Worded(
        f"{stage} {day} before an earlier stage",
        "ex_backwards_first",
        ("stage",),
        stage=stage,
        day=day,
    )
