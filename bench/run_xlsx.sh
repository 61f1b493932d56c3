#!/usr/bin/env bash
# XLSX exports: funnelplan's streaming reader against python-calamine, on workbooks written as
# Excel writes them (bench/gen_xlsx.py: shared strings, a <dimension>, date-styled serials).
#   bash bench/run_xlsx.sh [ROWS...]     (default 100000 300000; RUNS=5 rounds)
#   bash bench/run_xlsx.sh wide-100000   (51 columns as HubSpot exports them, 7 mapped)
# Needs the bench extra (python-calamine): pip install -e '.[bench]'
# 1. reading rows alone, in-process (bench/xlsx_readers.py: after the imports), paired rounds;
# 2. the whole `actuals` command, paired (xlsx_readers.py compare): funnelplan as it is, the same
#    command with calamine as the row source (bench/calamine_actuals.py), and BEFORE=1 adds
#    the tree in $MAIN (default /work/main: openpyxl's streaming reader) for the before figure.
set -euo pipefail
cd "$(dirname "$0")"
RUNS="${RUNS:-5}"
mkdir -p out
python -m compileall -q ../src >/dev/null
for ROWS in "${@:-100000 300000}"; do
  for N in $ROWS; do
    [ -f "out/contacts-$N.xlsx" ] || python gen_xlsx.py "${N#wide-}" "out/contacts-$N.xlsx" \
      $([ "${N#wide-}" != "$N" ] && echo --wide)
    sed "s#file: out/contacts.csv#file: contacts-$N.xlsx#" plan-contacts.yaml >"out/plan-xlsx-$N.yaml"
    echo "== $N rows: reading rows (in-process, $RUNS paired rounds, medians)"
    python - "$RUNS" "out/contacts-$N.xlsx" <<'PY'
import statistics, subprocess, sys
runs, path = int(sys.argv[1]), sys.argv[2]
readers = ["calamine", "funnelplan", "mapped"]
wall = {name: [] for name in readers}
cpu = {name: [] for name in readers}
peaks = dict.fromkeys(readers, 0)
for _ in range(runs):
    for name in readers:
        out = subprocess.run([sys.executable, "xlsx_readers.py", name, path],
                             capture_output=True, text=True, check=True).stdout.split()
        wall[name].append(float(out[3]))
        cpu[name].append(float(out[6]))
        peaks[name] = max(peaks[name], int(out[9]))
base_wall, base_cpu = (statistics.median(d["calamine"]) for d in (wall, cpu))
for name in readers:
    w, c = statistics.median(wall[name]), statistics.median(cpu[name])
    print(f"{name:12} wall {w * 1000:6.0f} ms {w / base_wall:5.2f}x  cpu {c * 1000:6.0f} ms"
          f" {c / base_cpu:5.2f}x  peak {peaks[name]} MiB ({peaks[name] / peaks['calamine']:.2f}x)")
PY
    NEW="python -m funnelplan actuals out/plan-xlsx-$N.yaml -f csv"
    CAL="python calamine_actuals.py out/plan-xlsx-$N.yaml -f csv"
    if ! diff <($NEW) <($CAL) >/dev/null; then
      echo "funnelplan and calamine give different tables for $N rows" >&2
      exit 1
    fi
    echo "== $N rows: the whole actuals command ($RUNS paired rounds)"
    COMMANDS=("calamine=$CAL" "funnelplan=$NEW")
    if [ "${BEFORE:-0}" = 1 ]; then
      OLD="env PYTHONPATH=${MAIN:-/work/main}/src $NEW"
      if ! diff <($NEW) <($OLD) >/dev/null; then
        echo "funnelplan and the tree in ${MAIN:-/work/main} give different tables for $N rows" >&2
        exit 1
      fi
      COMMANDS+=("before=$OLD")
    fi
    python xlsx_readers.py compare "$RUNS" "${COMMANDS[@]}"
  done
done
