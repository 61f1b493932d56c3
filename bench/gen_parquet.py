"""Unload the contacts export as a warehouse does: 4 Parquet files, BIGINT id, TIMESTAMP dates.

    python bench/gen_parquet.py ROWS        (reads out/contacts-ROWS.csv, writes out/parquet-ROWS/)

Run from bench/ (as run_parquet.sh and run_crm_paired.sh do). Row r goes to file r % 4, in order.
"""

from __future__ import annotations

import sys
from pathlib import Path

import duckdb

DATES = [
    "Create Date",
    "Became a Lead Date",
    "Became a Marketing Qualified Lead Date",
    "Became a Sales Qualified Lead Date",
    "Became an Opportunity Date",
    "Became a Customer Date",
]


def main(rows: int) -> None:
    folder = Path(f"out/parquet-{rows}")
    folder.mkdir(parents=True, exist_ok=True)
    typed = ", ".join(
        ['CAST("Record ID" AS BIGINT) AS "Record ID"']
        + [f'CAST(NULLIF("{d}", \'\') AS TIMESTAMP) AS "{d}"' for d in DATES]
        + ['"Amount"', '"Contact owner"', '"Original Source"']
    )
    connection = duckdb.connect()
    connection.execute(
        f"CREATE TABLE t AS SELECT {typed}, row_number() OVER () AS rn "
        f"FROM read_csv('out/contacts-{rows}.csv', all_varchar = true)"
    )
    for part in range(4):
        connection.execute(
            f"COPY (SELECT * EXCLUDE (rn) FROM t WHERE rn % 4 = {part} ORDER BY rn) "
            f"TO '{folder}/contacts-{part}.parquet' (FORMAT parquet)"
        )


if __name__ == "__main__":
    main(int(sys.argv[1]))
