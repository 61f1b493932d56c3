"""The column-wise fast path gives the same tallies and the same data-quality account as the
row-by-row path, on exports mixing clean rows with every kind of row that must be reported."""

from __future__ import annotations

import csv
import io
import random

import pytest

import funnelplan.load.crm.aggregate as aggregate_module
from funnelplan.load.crm.aggregate import aggregate
from funnelplan.load.crm.dates import DateReader
from funnelplan.load.crm.idset import IdSet
from funnelplan.load.crm.job import FileJob, StageSpec
from funnelplan.load.crm.quality import FileQuality

JOB = FileJob(
    width=5,
    stages=(StageSpec("a", 1, "A"), StageSpec("b", 2, "B"), StageSpec("c", 3, "C")),
    id_column=0,
)
ODD_DATES = ["2027-02-30", "soon", "2027/4/5", "2027-04-15T01:00:00Z", "2027-04-15 25:00", " "]


def _cell(rng: random.Random, day: int) -> str:
    month, dom = 1 + day // 28, 1 + day % 28
    text = f"2027-{month:02d}-{dom:02d}"
    return text + rng.choice(["", " 10:22", "T09:05", " 23:59:59"])


def _export(rng: random.Random, rows: int) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["id", "A", "B", "C", "note"])
    for n in range(rows):
        start = rng.randrange(0, 300)
        dates = [_cell(rng, start), _cell(rng, start + rng.randrange(0, 20)), ""]
        if rng.random() < 0.5:
            dates[2] = _cell(rng, start + 20 + rng.randrange(0, 10))
        record = [str(1000 + n), *dates, "x"]
        trouble = rng.random() * 5  # about half the batches of 37 rows are clean
        if trouble < 0.02:
            record[rng.randrange(1, 4)] = rng.choice(ODD_DATES)  # bad date or timezone-free odd
        elif trouble < 0.04:
            record[0] = str(1000 + rng.randrange(0, n + 1))  # a repeated id
        elif trouble < 0.05:
            record[1:4] = ["", "", ""]  # no date
        elif trouble < 0.06:
            record[1], record[3] = record[3] or record[1], record[1]  # backwards
        elif trouble < 0.07:
            record.append("extra")  # a field too many
        elif trouble < 0.08:
            record[4] = "two\nlines"  # a quoted line break moves the line numbers
        elif trouble < 0.085:
            record = []  # blank row
        elif trouble < 0.09:
            record[1] = "2027-04-01"  # stage skipped: B blank, C later
            record[2] = ""
        writer.writerow(record)
    return out.getvalue()


def _run(text: str, fast: bool) -> tuple[object, FileQuality, int]:
    reader = csv.reader(io.StringIO(text, newline=""))
    next(reader)
    quality = FileQuality("f.csv", "utf-8", ",")
    ids = IdSet(limit=300)  # the compact table is used too
    dates = DateReader("Asia/Tokyo", "M/D/Y")
    counts = aggregate(JOB, reader, lambda: reader.line_num, dates, quality, ids, text=fast)
    return counts, quality, len(ids)


@pytest.mark.parametrize("seed", range(12))
def test_fast_path_gives_the_same_account(seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(aggregate_module, "BATCH", 37)  # many batches, clean and not
    text = _export(random.Random(seed), 1500)
    assert _run(text, fast=True) == _run(text, fast=False)


def test_fast_path_takes_clean_batches(monkeypatch: pytest.MonkeyPatch) -> None:
    taken: list[bool] = []
    original = aggregate_module.FastBatches.take

    def spy(self: aggregate_module.FastBatches, batch: list[list[str]]) -> bool:
        taken.append(original(self, batch))
        return taken[-1]

    monkeypatch.setattr(aggregate_module.FastBatches, "take", spy)
    monkeypatch.setattr(aggregate_module, "BATCH", 10)
    # 30 clean rows in 3 batches: 10 records each, dates forward, ids new
    text = "id,A,B,C,note\r\n" + "".join(
        f"{n},2027-04-01 10:00,2027-04-02,,x\r\n" for n in range(30)
    )
    counts, quality, _ = _run(text, fast=True)
    assert taken == [True, True, True]
    # every row enters A and B in April 2027 (month ordinal 2027 * 12 + 3), none enters C
    assert counts.counts == {"a": {2027 * 12 + 3: 30}, "b": {2027 * 12 + 3: 30}, "c": {}}
    assert quality.records == quality.used == 30 and not quality.skipped
