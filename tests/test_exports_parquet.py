"""Parquet exports (issue 16): the same records as CSV and as Parquet give the same table and
account; a glob of files is one export; a glob matching nothing and a corrupt file are exit 2."""

from __future__ import annotations

from pathlib import Path

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
