#!/usr/bin/env bash
# Parquet: funnelplan actuals on a glob of 4 files beside DuckDB's own query on the same files.
#   bash bench/run_parquet.sh [ROWS]     (default 1000000; the issue's goal is at 10000000)
# The files are the contacts export unloaded as a warehouse does: BIGINT id, TIMESTAMP dates.
set -euo pipefail
cd "$(dirname "$0")"
ROWS="${1:-1000000}"
mkdir -p "out/parquet-$ROWS"
[ -f "out/contacts-$ROWS.csv" ] || python gen_contacts.py "$ROWS" "out/contacts-$ROWS.csv"
[ -f "out/parquet-$ROWS/contacts-3.parquet" ] || python gen_parquet.py "$ROWS"
sed "s#file: out/contacts.csv#file: parquet-$ROWS/contacts-*.parquet#" plan-contacts.yaml >out/plan-parquet.yaml
python -m compileall -q ../src >/dev/null
python paired.py "${RUNS:-5}" \
  "duckdb=python duckdb_parquet.py out/parquet-$ROWS/contacts-*.parquet" \
  "funnelplan=python -m funnelplan actuals out/plan-parquet.yaml -f csv"
