"""DuckDB's own query on Parquet files (a glob): UNPIVOT the six date columns, GROUP BY stage, month."""

from __future__ import annotations

import sys

import duckdb

QUERY = """
SELECT stage, strftime(entered, '%Y-%m') AS month, count(*) AS n
FROM (
    UNPIVOT (SELECT * FROM read_parquet(?))
    ON "Create Date", "Became a Lead Date", "Became a Marketing Qualified Lead Date",
       "Became a Sales Qualified Lead Date", "Became an Opportunity Date",
       "Became a Customer Date"
    INTO NAME stage VALUE entered
)
GROUP BY ALL
ORDER BY stage, month
"""

if __name__ == "__main__":
    rows = duckdb.execute(QUERY, [sys.argv[1]]).fetchall()
    for stage, month, n in rows:
        print(stage, month, n, sep=",")
