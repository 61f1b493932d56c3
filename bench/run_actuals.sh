#!/usr/bin/env bash
# Aggregation benchmark: funnelplan actuals beside DuckDB and pandas, whole processes, one run.
# "funnelplan" takes the bulk path (DuckDB) as any large UTF-8 export does; "row-by-row" is the
# same command with FUNNELPLAN_ENGINE=python, the path every other export takes.
#   pip install -e '.[bench]'; apt-get install hyperfine   (bench only, not dependencies)
#   bash bench/run_actuals.sh [ROWS]          (default 1000000)
# Prints hyperfine's table (medians) and each tool's peak RSS (/usr/bin/time -v, or Python's
# resource module when GNU time is missing).
set -euo pipefail
cd "$(dirname "$0")"
ROWS="${1:-1000000}"
mkdir -p out
if [ ! -f "out/contacts-$ROWS.csv" ]; then
  python gen_contacts.py "$ROWS" "out/contacts-$ROWS.csv"
fi
ln -sf "contacts-$ROWS.csv" out/contacts.csv
ls -l "out/contacts-$ROWS.csv"

FUNNELPLAN="python -m funnelplan actuals plan-contacts.yaml -f csv"
ROW_BY_ROW="env FUNNELPLAN_ENGINE=python $FUNNELPLAN"
DUCKDB="python duckdb_actuals.py out/contacts.csv"
PANDAS="python pandas_actuals.py out/contacts.csv"

python -m compileall -q ../src >/dev/null  # what a pip install has: bytecode (see README.md)
# the two paths must print the same table before their times mean anything
# shellcheck disable=SC2086
if ! diff <($FUNNELPLAN) <($ROW_BY_ROW) >/dev/null; then
  echo "the bulk path and the row-by-row path disagree" >&2
  exit 1
fi
if command -v hyperfine >/dev/null; then
  hyperfine -N --warmup 1 --runs "${RUNS:-5}" --export-json "out/actuals-$ROWS.json" \
    -n funnelplan "$FUNNELPLAN" -n duckdb "$DUCKDB" -n pandas "$PANDAS" -n row-by-row "$ROW_BY_ROW"
fi

peak() {  # peak resident set of a whole process, MiB (GNU time -v, else Python's resource)
  if [ -x /usr/bin/time ]; then
    /usr/bin/time -v "$@" 2>&1 >/dev/null | awk '/Maximum resident/ {printf "%.0f MiB\n", $6 / 1024}'
    return
  fi
  python - "$@" <<'PY'
import resource, subprocess, sys
subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, check=True)
print(f"{resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024:.0f} MiB")
PY
}
for name in funnelplan duckdb pandas row_by_row; do
  upper=$(echo "$name" | tr a-z A-Z)
  # shellcheck disable=SC2086
  echo "$name peak RSS: $(peak ${!upper})"
done
