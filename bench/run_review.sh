#!/usr/bin/env bash
# review benchmark: `funnelplan review --by source` beside `funnelplan actuals` on the same 1M-row
# export (gen_contacts.py, as run_actuals.sh makes it), whole processes, alternating runs.
#   bash bench/run_review.sh [ROWS]          (default 1000000; RUNS=5)
# Checks first that review prints the same CSV on its bulk path (DuckDB) as row by row
# (FUNNELPLAN_ENGINE=python); then prints each run's wall and CPU (user + system) seconds and the
# medians. Goal (issue 13): review within 2x of actuals.
set -euo pipefail
cd "$(dirname "$0")"
ROWS="${1:-1000000}"
RUNS="${RUNS:-5}"
mkdir -p out
if [ ! -f "out/contacts-$ROWS.csv" ]; then
  python gen_contacts.py "$ROWS" "out/contacts-$ROWS.csv"
fi
ln -sf "contacts-$ROWS.csv" out/contacts.csv
python -m compileall -q ../src >/dev/null
REVIEW="python -m funnelplan review plan-review.yaml --by source -f csv"
ACTUALS="python -m funnelplan actuals plan-contacts.yaml -f csv"
# shellcheck disable=SC2086
if ! diff <($REVIEW) <(env FUNNELPLAN_ENGINE=python $REVIEW) >/dev/null; then
  echo "review's bulk path and its row-by-row path disagree" >&2
  exit 1
fi
python - "$RUNS" "$REVIEW" "$ACTUALS" <<'PY'
import resource, statistics, subprocess, sys, time

runs, commands = int(sys.argv[1]), {"review --by source": sys.argv[2], "actuals": sys.argv[3]}
wall = {name: [] for name in commands}
cpu = {name: [] for name in commands}
for _ in range(runs):
    for name, command in commands.items():
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(command.split(), stdout=subprocess.DEVNULL, check=True)
        wall[name].append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu[name].append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
for name in commands:
    print(f"{name:20} wall {' '.join(f'{t:.2f}' for t in wall[name])}  median {statistics.median(wall[name]):.2f} s;"
          f" cpu median {statistics.median(cpu[name]):.2f} s")
r, a = "review --by source", "actuals"
print(f"ratio (medians): wall {statistics.median(wall[r]) / statistics.median(wall[a]):.2f}x,"
      f" cpu {statistics.median(cpu[r]) / statistics.median(cpu[a]):.2f}x")
PY
