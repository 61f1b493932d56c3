#!/usr/bin/env bash
# Aggregation benchmark: funnelplan actuals beside DuckDB and pandas, whole processes, one run.
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
DUCKDB="python duckdb_actuals.py out/contacts.csv"
PANDAS="python pandas_actuals.py out/contacts.csv"

if command -v hyperfine >/dev/null; then
  hyperfine -N --warmup 1 --runs "${RUNS:-5}" --export-json "out/actuals-$ROWS.json" \
    -n funnelplan "$FUNNELPLAN" -n duckdb "$DUCKDB" -n pandas "$PANDAS"
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
for name in funnelplan duckdb pandas; do
  upper=$(echo "$name" | tr a-z A-Z)
  # shellcheck disable=SC2086
  echo "$name peak RSS: $(peak ${!upper})"
done
