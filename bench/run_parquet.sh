#!/usr/bin/env bash
# Parquet: funnelplan actuals on a glob of 4 files beside DuckDB's own query on the same files.
#   bash bench/run_parquet.sh [ROWS]     (default 1000000; the issue's goal is at 10000000)
# The files are the contacts export unloaded as a warehouse does: BIGINT id, TIMESTAMP dates.
set -euo pipefail
cd "$(dirname "$0")"
ROWS="${1:-1000000}"
mkdir -p "out/parquet-$ROWS"
[ -f "out/contacts-$ROWS.csv" ] || python gen_contacts.py "$ROWS" "out/contacts-$ROWS.csv"
if [ ! -f "out/parquet-$ROWS/contacts-3.parquet" ]; then
  python - "$ROWS" <<'PY'
import sys, duckdb
rows = int(sys.argv[1])
dates = ["Create Date", "Became a Lead Date", "Became a Marketing Qualified Lead Date",
         "Became a Sales Qualified Lead Date", "Became an Opportunity Date", "Became a Customer Date"]
typed = ", ".join([f'CAST("Record ID" AS BIGINT) AS "Record ID"']
                  + [f'CAST(NULLIF("{d}", \'\') AS TIMESTAMP) AS "{d}"' for d in dates]
                  + ['"Amount"', '"Contact owner"', '"Original Source"'])
con = duckdb.connect()
con.execute(f"CREATE TABLE t AS SELECT {typed}, row_number() OVER () AS rn "
            f"FROM read_csv('out/contacts-{rows}.csv', all_varchar = true)")
for part in range(4):
    con.execute(f"COPY (SELECT * EXCLUDE (rn) FROM t WHERE rn % 4 = {part} ORDER BY rn) "
                f"TO 'out/parquet-{rows}/contacts-{part}.parquet' (FORMAT parquet)")
PY
fi
sed "s#file: out/contacts.csv#file: parquet-$ROWS/contacts-*.parquet#" plan-contacts.yaml >out/plan-parquet.yaml
python -m compileall -q ../src >/dev/null
python paired.py "${RUNS:-5}" \
  "duckdb=python duckdb_parquet.py out/parquet-$ROWS/contacts-*.parquet" \
  "funnelplan=python -m funnelplan actuals out/plan-parquet.yaml -f csv"
