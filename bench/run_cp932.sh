#!/usr/bin/env bash
# A cp932 export against the same rows in UTF-8, whole processes (paired: bench/paired.py).
#   bash bench/run_cp932.sh [ROWS]     (default 1000000)
set -euo pipefail
cd "$(dirname "$0")"
ROWS="${1:-1000000}"
mkdir -p out
[ -f "out/contacts-$ROWS.csv" ] || python gen_contacts.py "$ROWS" "out/contacts-$ROWS.csv"
[ -f "out/contacts-$ROWS-ja-cp932.csv" ] || python gen_contacts_ja.py "out/contacts-$ROWS.csv"
sed "s#file: out/contacts.csv#file: out/contacts-$ROWS-ja-utf8.csv#" plan-contacts.yaml >out/plan-utf8.yaml
sed "s#file: out/contacts.csv#file: out/contacts-$ROWS-ja-cp932.csv\n  encoding: cp932#" plan-contacts.yaml >out/plan-cp932.yaml
sed -i "s#file: out/#file: #" out/plan-utf8.yaml out/plan-cp932.yaml
python -m compileall -q ../src >/dev/null
UTF8="python -m funnelplan actuals out/plan-utf8.yaml -f csv"
CP932="python -m funnelplan actuals out/plan-cp932.yaml -f csv"
ROW_BY_ROW="env FUNNELPLAN_ENGINE=python $CP932"
if ! diff <($UTF8) <($CP932) >/dev/null; then
  echo "the cp932 and UTF-8 files give different tables" >&2
  exit 1
fi
python paired.py "${RUNS:-5}" "utf-8=$UTF8" "cp932=$CP932" "cp932-row-by-row=$ROW_BY_ROW"
