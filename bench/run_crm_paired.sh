#!/usr/bin/env bash
# CRM exports: this tree against another one (BEFORE: a folder holding its src/), paired round by
# round with DuckDB's own query on the same data (bench/paired.py: medians, CPU, peaks).
#   git archive <commit> src | (mkdir -p /tmp/before && tar -x -C /tmp/before)
#   bash bench/run_crm_paired.sh /tmp/before [CASE...]
# CASEs: utf8-1m utf8-5m cp932-1m parquet-1m parquet-10m (default: all). RUNS=5 rounds (3 for
# 5M and 10M). Each case first checks that both trees print the same table. The files are made
# once in bench/out (10M rows: ~0.9 GB of CSV and Parquet; `df -h` first).
set -euo pipefail
cd "$(dirname "$0")"
BEFORE="$(cd "$1" && pwd)/src"
shift
CASES="${*:-utf8-1m utf8-5m cp932-1m parquet-1m parquet-10m}"
mkdir -p out
python -m compileall -q ../src "$BEFORE" >/dev/null

csv() {  # rows -> out/contacts-ROWS.csv
  [ -f "out/contacts-$1.csv" ] || python gen_contacts.py "$1" "out/contacts-$1.csv"
}
plan() {  # file, encoding (or ""), plan to write
  sed "s#file: out/contacts.csv#file: $1#" plan-contacts.yaml >"$3"
  if [ -n "$2" ]; then sed -i "s#^  file: .*#&\n  encoding: $2#" "$3"; fi
}
compare() {  # name, rounds, duckdb command, plan
  local after="python -m funnelplan actuals $4 -f csv"
  local before="env PYTHONPATH=$BEFORE python -m funnelplan actuals $4 -f csv"
  # shellcheck disable=SC2086
  if ! diff <($after) <($before) >/dev/null; then
    echo "$1: the two trees print different tables" >&2
    exit 1
  fi
  echo "== $1 (load: $(cut -d' ' -f1-3 /proc/loadavg))"
  python paired.py "$2" "duckdb=$3" "before=$before" "after=$after"
}
for case in $CASES; do
  case "$case" in
    utf8-1m | utf8-5m)
      rows=$([ "$case" = utf8-1m ] && echo 1000000 || echo 5000000)
      csv "$rows"
      plan "$PWD/out/contacts-$rows.csv" "" "out/plan-$case.yaml"
      compare "$case" "${RUNS:-$([ "$rows" = 1000000 ] && echo 5 || echo 3)}" \
        "python duckdb_actuals.py out/contacts-$rows.csv" "out/plan-$case.yaml"
      ;;
    cp932-1m)  # against the same rows in UTF-8, as run_cp932.sh
      csv 1000000
      [ -f out/contacts-1000000-ja-cp932.csv ] || python gen_contacts_ja.py out/contacts-1000000.csv
      plan "$PWD/out/contacts-1000000-ja-utf8.csv" "" out/plan-ja-utf8.yaml
      plan "$PWD/out/contacts-1000000-ja-cp932.csv" cp932 out/plan-ja-cp932.yaml
      echo "== $case (load: $(cut -d' ' -f1-3 /proc/loadavg))"
      python paired.py "${RUNS:-5}" \
        "utf-8=python -m funnelplan actuals out/plan-ja-utf8.yaml -f csv" \
        "cp932-before=env PYTHONPATH=$BEFORE python -m funnelplan actuals out/plan-ja-cp932.yaml -f csv" \
        "cp932-after=python -m funnelplan actuals out/plan-ja-cp932.yaml -f csv"
      ;;
    parquet-1m | parquet-10m)
      rows=$([ "$case" = parquet-1m ] && echo 1000000 || echo 10000000)
      csv "$rows"
      [ -f "out/parquet-$rows/contacts-3.parquet" ] || python gen_parquet.py "$rows"
      plan "$PWD/out/parquet-$rows/contacts-*.parquet" "" "out/plan-$case.yaml"
      compare "$case" "${RUNS:-$([ "$rows" = 1000000 ] && echo 5 || echo 3)}" \
        "python duckdb_parquet.py out/parquet-$rows/contacts-*.parquet" "out/plan-$case.yaml"
      ;;
    *) echo "unknown case: $case" >&2; exit 2 ;;
  esac
done
