#!/usr/bin/env bash
# Whole-process time of `funnelplan target plans/example.yaml --format markdown` beside the floor of
# its own stack (bench/floor_app.py: a minimal Typer app importing typer, pydantic, rich and yaml).
# Goal: funnelplan at most 1.2x the floor. Needs hyperfine (apt-get install -y hyperfine).
#
#   bench/target_startup.sh            # runs, prints medians and the ratio
#   python -X importtime -m funnelplan target plans/example.yaml --format markdown 2>imports.txt
#                                      # then sort -t'|' -k2 -n imports.txt | tail: what costs
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v hyperfine >/dev/null; then
    echo "hyperfine is missing: apt-get update && apt-get install -y hyperfine" >&2
    exit 1
fi
python=${PYTHON:-python}
plan=plans/example.yaml
out="$(mktemp -d)/startup.json"
# Measure what users run: a pip install compiles bytecode. Where PYTHONDONTWRITEBYTECODE is set (as
# on our dev machines) an editable checkout would otherwise recompile every module on every run.
"$python" -m compileall -q src/funnelplan >/dev/null

hyperfine --warmup 5 --min-runs "${RUNS:-30}" --shell=none --export-json "$out" \
    --command-name floor "$python bench/floor_app.py target $plan" \
    --command-name funnelplan "$python -m funnelplan target $plan --format markdown"

"$python" - "$out" <<'PY'
import json
import statistics
import sys

results = {r["command"]: r for r in json.load(open(sys.argv[1]))["results"]}
floor = statistics.median(results["floor"]["times"])
ours = statistics.median(results["funnelplan"]["times"])
print(f"median floor      {floor * 1000:7.1f} ms")
print(f"median funnelplan {ours * 1000:7.1f} ms")
print(f"ratio             {ours / floor:7.2f}x  (goal <= 1.20x)")
# CPU time (user + system) is steadier than wall time on a busy machine
cpu = {name: r["user"] + r["system"] for name, r in results.items()}
print(f"cpu ratio         {cpu['funnelplan'] / cpu['floor']:7.2f}x  (mean user+system)")
PY
