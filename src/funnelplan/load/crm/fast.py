"""The fast path of aggregate.py: a batch of CSV rows tallied column by column in C loops.

A record-level export is mostly clean rows with ISO dates (`2027-04-15`, `2027-04-15 10:22`)
that repeat a lot, so a batch of BATCH rows is taken whole when every check below passes, with
no Python code run per row:
- each row is one line of the file and has the header's number of fields;
- every mapped date is blank or `YYYY-MM-DD` (ASCII digits) followed by nothing or a time with
  no offset; each distinct date and each distinct time is read once by dates.py, the reader
  the row-by-row path uses, and remembered;
- every row has a date for some mapped stage, and no row's dates run backwards (compared as
  text: `YYYY-MM-DD` sorts as the days do);
- every record id is non-blank, new, and not repeated within the batch (IdSet.add_all).
A batch that fails any check changes nothing here and goes through the row-by-row path, which
finds the rows to skip or report and their line numbers; the account is therefore the same
whichever way a row went. Only stage counts are done here: a mapping with revenue, a won rule,
won-only stages or a cohort view goes row by row.
"""

from __future__ import annotations

import re
from collections import Counter
from itertools import compress
from operator import gt, itemgetter
from typing import TYPE_CHECKING

from funnelplan.load.crm.dates import DateProblem, DateReader, plain_time
from funnelplan.load.crm.idset import IdSet

if TYPE_CHECKING:
    from funnelplan.load.crm.job import FileJob

BATCH = 1000  # rows: measured best between 250 and 20000 (bigger batches leave the CPU caches)
TIMES_KEPT = 200_000  # distinct time texts remembered (with seconds there are 86,400 a form)

_HEAD = itemgetter(slice(0, 10))
_TAIL = itemgetter(slice(10, None))
_ISO = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def fast_eligible(job: FileJob) -> bool:
    return (
        bool(job.stages)
        and job.revenue is None
        and job.won is None
        and job.cohort_stage is None
        and not any(spec.won_only for spec in job.stages)
    )


class FastBatches:
    def __init__(self, job: FileJob, dates: DateReader, ids: IdSet | None) -> None:
        self.widths = {job.width}
        self.columns = [itemgetter(spec.column) for spec in job.stages]
        self.stages = [spec.stage for spec in job.stages]
        self.id_of = itemgetter(job.id_column) if job.id_column is not None else None
        self.dates, self.ids = dates, ids
        self.days: dict[str, tuple[int, int]] = {}  # "YYYY-MM-DD" -> (month, day ordinals)
        self.times: set[str] = {""}
        self.heads = [Counter[str]() for _ in job.stages]
        self.latest = ""

    def take(self, batch: list[list[str]]) -> bool:
        """Tally `batch` and return True, or return False having changed nothing."""
        if set(map(len, batch)) != self.widths:
            return False
        days, times = self.days, self.times
        found: list[list[str]] = []  # each stage's dates, "YYYY-MM-DD"
        latest = self.latest
        columns: list[list[str]] = []
        running: list[str] | None = None  # the latest date so far in each row, when needed
        for column in self.columns:
            cells = list(map(column, batch))
            filled = list(filter(None, cells))
            heads = list(map(_HEAD, filled))
            if not days.keys() >= set(heads) and not self._learn_days(heads):
                return False
            tails = set(map(_TAIL, filled))
            if not tails <= times and not self._learn_times(tails):
                return False
            if columns and filled:
                # Backwards: a date before one of an earlier stage in the same row. While every
                # row dated here is dated at the stage before, that stage's date is the row's
                # latest so far (checked at that stage); otherwise take the running maximum.
                if running is None:
                    earlier = list(compress(columns[-1], cells))
                    if "" in earlier:
                        running = _latest(columns)
                if running is not None:
                    earlier = list(compress(running, cells))
                if True in map(gt, earlier, filled) and True in map(gt, map(_HEAD, earlier), heads):
                    return False  # reported row by row
            if running is not None:
                running = list(map(max, running, cells))
            columns.append(cells)
            if filled:
                latest = max(latest, max(filled))
            found.append(heads)
        if not columns or ("" in columns[0] and "" in (running or _latest(columns))):
            return False  # a row with no date for any stage
        if self.id_of is not None:
            assert self.ids is not None
            if not self.ids.add_all(list(map(self.id_of, batch))):
                return False
        for total, heads in zip(self.heads, found, strict=True):
            total.update(heads)  # a list, not a mapping: counted in C
        self.latest = latest
        return True

    def _learn_days(self, heads: list[str]) -> bool:
        for head in set(heads) - self.days.keys():
            if _ISO.fullmatch(head) is None:
                return False
            try:
                read = self.dates.read(head)
            except DateProblem:
                return False
            if read is None:
                return False
            self.days[head] = read
        return True

    def _learn_times(self, tails: set[str]) -> bool:
        for tail in tails - self.times:
            if not plain_time(tail):
                return False
            if len(self.times) < TIMES_KEPT:
                self.times.add(tail)
        return True

    def fold(self, counts: dict[str, dict[int, int]]) -> None:
        """Add the batches' tallies into `counts` (stage -> month ordinal -> records)."""
        for stage, heads in zip(self.stages, self.heads, strict=True):
            tally = counts[stage]
            for head, n in heads.items():
                month = self.days[head][0]
                tally[month] = tally.get(month, 0) + n

    def last_day(self) -> int:
        """The day ordinal of the latest date taken (0 when none)."""
        return self.days[self.latest[:10]][1] if self.latest else 0


def _latest(columns: list[list[str]]) -> list[str]:
    """Each row's latest date over `columns` ("" when it has none); text order is day order."""
    running = columns[0]
    for cells in columns[1:]:
        running = list(map(max, running, cells))
    return running
