"""Parquet exports (issue 16): the same records as CSV and as Parquet give the same table and
account; a glob of files is one export; a glob matching nothing and a corrupt file are exit 2."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from tests.runner import run_cli

from funnelplan.errors import InputError
from funnelplan.load.crm.load import read_mapped_actuals
from funnelplan.load.planfile import load_plan

duckdb = pytest.importorskip("duckdb")

PLAN = """\
plan: t
currency: JPY
period: {start: 2027-04, end: 2027-06}
kgi: {revenue: 10000000}
deal_size: 1000000
funnel:
  - {id: inquiry, owner: marketing, rate: 40%}
  - {id: lead, owner: sales}
actuals:
  file: FILE
  id: id
  columns: {inquiry: created, lead: lead}
  timezone: Asia/Tokyo
"""

RECORDS = [  # id, created, lead
    (1, "2027-04-01 10:00:00", "2027-04-02 09:00:00"),
    (2, "2027-04-03 23:59:00", None),
    (3, "2027-05-20 00:00:00", "2027-05-21 00:00:00"),
    (1, "2027-05-01 00:00:00", None),  # a repeated id: skipped
    (4, None, None),  # no date: skipped
    (5, "2027-06-30 12:00:00", "2027-06-30 13:00:00"),
]


def _write_csv(path: Path, records: list[tuple[object, ...]]) -> None:
    lines = ["id,created,lead"]
    lines += [",".join("" if cell is None else str(cell) for cell in record) for record in records]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _write_parquet(path: Path, records: list[tuple[object, ...]]) -> None:
    """Typed as a warehouse unloads them: BIGINT ids, TIMESTAMP dates."""
    connection = duckdb.connect()
    connection.execute("CREATE TABLE t (id BIGINT, created TIMESTAMP, lead TIMESTAMP)")
    if records:
        connection.executemany("INSERT INTO t VALUES (?, ?, ?)", records)
    connection.execute(f"COPY t TO '{path}' (FORMAT parquet)")
    connection.close()


def _read(folder: Path, file: str) -> object:
    (folder / "plan.yaml").write_text(PLAN.replace("FILE", file), encoding="utf-8")
    result = read_mapped_actuals(load_plan(folder / "plan.yaml"), folder)
    files = [
        (f.records, f.used, {k: v.rows for k, v in f.skipped.items()}) for f in result.quality.files
    ]
    return result.table.rows, files


@pytest.fixture(params=["python", "duckdb"])
def engine(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Row by row, and DuckDB's bulk path (which must give the same)."""
    monkeypatch.setenv("FUNNELPLAN_ENGINE", request.param)
    return str(request.param)


def test_parquet_gives_the_csv_result_and_account(tmp_path: Path, engine: str) -> None:
    _write_csv(tmp_path / "contacts.csv", RECORDS)
    _write_parquet(tmp_path / "contacts.parquet", RECORDS)
    csv_rows, csv_files = _read(tmp_path, "contacts.csv")
    rows, files = _read(tmp_path, "contacts.parquet")
    assert rows == csv_rows
    # the same account; a Parquet record's place is its number, a CSV record's its line (+1)
    assert files == [
        (records, used, {k: [line - 1 for line in lines] for k, lines in skipped.items()})
        for records, used, skipped in csv_files
    ]
    # April: ids 1 and 2 created, id 1's lead; May: id 3 (id 1 again is skipped); June: id 5
    assert [(row.counts["inquiry"], row.counts["lead"]) for row in rows] == [(2, 1), (1, 1), (1, 1)]
    assert files == [(6, 4, {"duplicate_id": [4], "no_date": [5]})]


def test_a_glob_of_files_is_one_export(tmp_path: Path, engine: str) -> None:
    (tmp_path / "exports").mkdir()
    _write_csv(tmp_path / "all.csv", RECORDS)
    for part, chunk in enumerate((RECORDS[:2], RECORDS[2:4], RECORDS[4:])):
        _write_parquet(tmp_path / "exports" / f"contacts-{part}.parquet", chunk)
    _write_parquet(tmp_path / "all.parquet", RECORDS)
    assert _read(tmp_path, "exports/contacts-*.parquet") == _read(tmp_path, "all.parquet")
    assert _read(tmp_path, "exports/contacts-*.parquet")[0] == _read(tmp_path, "all.csv")[0]


def test_a_glob_matching_nothing_is_exit_2_at_the_file_line(tmp_path: Path) -> None:
    (tmp_path / "plan.yaml").write_text(
        PLAN.replace("FILE", "exports/contacts-*.parquet"), encoding="utf-8"
    )
    result = run_cli("actuals", tmp_path / "plan.yaml")
    assert result.code == 2
    assert "plan.yaml:10" in result.stderr  # the `file:` line
    assert "no file matches" in result.stderr
    with pytest.raises(InputError):
        read_mapped_actuals(load_plan(tmp_path / "plan.yaml"), tmp_path)


def test_a_corrupt_parquet_file_is_exit_2(tmp_path: Path) -> None:
    _write_parquet(tmp_path / "contacts.parquet", RECORDS)
    data = (tmp_path / "contacts.parquet").read_bytes()
    (tmp_path / "contacts.parquet").write_bytes(data[: len(data) // 2])
    (tmp_path / "plan.yaml").write_text(PLAN.replace("FILE", "contacts.parquet"), encoding="utf-8")
    result = run_cli("actuals", tmp_path / "plan.yaml")
    assert result.code == 2
    assert "contacts.parquet" in result.stderr
    assert "not a readable Parquet file" in result.stderr


def test_the_bulk_path_reads_parquet(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from funnelplan.load.crm import bulk

    seen: list[str] = []
    original = bulk._Bulk.run

    def run(self: bulk._Bulk) -> object:
        seen.append(self.opened.kind)
        return original(self)

    monkeypatch.setattr(bulk._Bulk, "run", run)
    monkeypatch.setenv("FUNNELPLAN_ENGINE", "duckdb")
    _write_parquet(tmp_path / "contacts.parquet", RECORDS)
    _read(tmp_path, "contacts.parquet")
    assert seen == ["parquet"]


def _write_typed(path: Path, columns: str, records: list[tuple[object, ...]]) -> None:
    connection = duckdb.connect()
    connection.execute(f"CREATE TABLE t ({columns})")
    connection.executemany(f"INSERT INTO t VALUES ({', '.join('?' * len(records[0]))})", records)
    connection.execute(f"COPY t TO '{path}' (FORMAT parquet)")
    connection.close()


def _both_engines(
    monkeypatch: pytest.MonkeyPatch, folder: Path, file: str
) -> tuple[object, object]:
    """Row by row, then the bulk path, which must have taken the file (not declined it)."""
    from funnelplan.load.crm import bulk

    taken: list[object] = []
    original = bulk.aggregate_file

    def aggregate_file(*arguments: Any, **named: Any) -> object:
        taken.append(original(*arguments, **named))
        return taken[-1]

    monkeypatch.setattr(bulk, "aggregate_file", aggregate_file)
    outcomes = []
    for chosen in ("python", "duckdb"):
        monkeypatch.setenv("FUNNELPLAN_ENGINE", chosen)
        outcomes.append(_read(folder, file))
    assert len(taken) == 1 and taken[0] is not None
    return outcomes[0], outcomes[1]


def _typed_reads(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    from funnelplan.load.crm import bulk

    seen: list[object] = []
    original = bulk._Typed.of

    def of(*arguments: Any) -> object:
        seen.append(original(*arguments))
        return seen[-1]

    monkeypatch.setattr(bulk._Typed, "of", of)
    return seen


TYPED_ODD = [  # id, created, lead: values whose text is not a plain date go row by row
    (1, "2027-04-01 10:00:00", "2027-04-02 09:00:00"),
    (2, "2027-04-03 23:59:59.5", None),  # a fraction of a second: `...:59.5`
    (3, "2027-05-20 00:00:00", "2027-05-19 00:00:00"),  # backwards
    (1, "2027-05-01 00:00:00", None),  # a repeated id
    (-7, "2027-06-30 12:00:00", "2027-06-30 13:00:00"),  # a negative id
    (8, None, None),  # no date
    (9, "12027-06-01 00:00:00", None),  # a year past 9999: `12027-06-01 ...`
    (10, "2027-06-15 08:30:00", "2027-06-16 00:00:00"),
    (11, "0001-12-31 (BC) 00:00:00", None),  # before year 1: its DATE's text is no date
    (12, "0001-01-01 00:00:00", "0001-01-02 00:00:00"),  # year 1: plain
]


@pytest.mark.parametrize(
    ("columns", "dates_typed", "id_typed"),
    [
        ("id BIGINT, created TIMESTAMP, lead TIMESTAMP", True, True),
        ("id INTEGER, created TIMESTAMP, lead DATE", True, True),
        ("id VARCHAR, created TIMESTAMP, lead TIMESTAMP", True, False),  # hashed, as in a CSV
        ("id BIGINT, created TIMESTAMP, lead VARCHAR", False, True),  # one text date: all text
        ("id HUGEINT, created TIMESTAMP, lead TIMESTAMP", True, False),  # wider than BIGINT
    ],
)
def test_typed_columns_give_the_row_by_row_result(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    columns: str,
    dates_typed: bool,
    id_typed: bool,
) -> None:
    """The bulk path reads DATE, TIMESTAMP and integer columns as stored (no text pattern, the
    id as its integer); every value whose text the row-by-row path reads otherwise than a plain
    date goes row by row there too, so the table and the account are the same."""
    records = [
        tuple(
            str(cell) if cell is not None and "VARCHAR" in columns.split(",")[i] else cell
            for i, cell in enumerate(record)
        )
        for record in TYPED_ODD
    ]
    if "lead DATE" in columns:
        records = [(a, b, None if c is None else str(c)[:10]) for a, b, c in records]
    _write_typed(tmp_path / "contacts.parquet", columns, records)
    typed = _typed_reads(monkeypatch)
    row_by_row, bulk = _both_engines(monkeypatch, tmp_path, "contacts.parquet")
    assert bulk == row_by_row
    # read as stored: the dates when all are DATE or TIMESTAMP, the id when a small integer
    assert [(bool(t.dates), t.integer_id) for t in typed] == [(dates_typed, id_typed)]  # type: ignore[attr-defined]
    files = bulk[1]
    # April: ids 1 and 2 (2's fraction of a second is read as the row-by-row path reads it);
    # the repeated id 1 (record 4) and the dateless id 8 (record 6) are skipped either way
    assert files[0][2]["duplicate_id"] == [4]
    assert 6 in files[0][2]["no_date"]


def test_integer_ids_over_a_wide_range_are_checked_exactly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ids far apart (each in a 64-id bucket of its own) still have their repeat found."""
    records = [(k * 10**12, "2027-04-01 10:00:00", None) for k in range(1, 6)]
    records.append((3 * 10**12, "2027-05-01 10:00:00", None))  # record 6 repeats record 3's id
    _write_typed(
        tmp_path / "contacts.parquet", "id BIGINT, created TIMESTAMP, lead TIMESTAMP", records
    )
    row_by_row, bulk = _both_engines(monkeypatch, tmp_path, "contacts.parquet")
    assert bulk == row_by_row
    assert bulk[1] == [(6, 5, {"duplicate_id": [6]})]  # 5 used: 5 in April, none in May
    assert [row.counts["inquiry"] for row in bulk[0]] == [5]  # the data ends in April
