#!/usr/bin/env bash
# Benchmark: `pushdiag lint-ext` on one record that repeats one key N times, in the record
# itself and inside its ext (issue 17: 5k/10k/20k/40k/80k repeats took 0.11/0.37/1.46/5.8/23 s,
# quadratic). Prints the seconds per N and the number of findings; linear time means each
# doubling of N about doubles the time, and the findings stay bounded.
#
#   benches/lint_ext_repeats.sh
#   COUNTS="10000 80000 640000" benches/lint_ext_repeats.sh
#
# Exit: 0 done; 2 pushdiag failed (its exit 1, "warnings or errors found", is expected); 4 a
# tool is missing.
set -euo pipefail

cd "$(dirname "$0")/.."
COUNTS=${COUNTS:-"5000 10000 20000 40000 80000 160000"}
BIN=$(pwd)/target/release/pushdiag
command -v python3 >/dev/null || { echo "python3 not found" >&2; exit 4; }

echo "== building (cargo build --release)" >&2
cargo build --release --quiet
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

printf '%-8s %-10s %-10s %s\n' where repeats seconds findings
for where in record ext; do
    for n in $COUNTS; do
        python3 - "$where" "$n" > "$WORK/in.jsonl" <<'PY'
import json, sys
where, n = sys.argv[1], int(sys.argv[2])
members = ",".join(['"k":1'] * n)
if where == "record":
    print('{"Title":"t","Desc":"d",' + members + ',"Ext":"{\\"entity\\":{}}"}')
else:
    print(json.dumps({"Title": "t", "Desc": "d", "Ext": '{"entity":{' + members + "}}"}))
PY
        start=$(date +%s.%N)
        code=0
        "$BIN" lint-ext --jsonl "$WORK/in.jsonl" --format json > "$WORK/out.json" || code=$?
        end=$(date +%s.%N)
        [ "$code" -le 1 ] || { echo "pushdiag exited $code" >&2; exit 2; }
        findings=$(grep -c '"rule"' "$WORK/out.json" || true)
        printf '%-8s %-10s %-10.3f %s\n' "$where" "$n" "$(awk "BEGIN { print $end - $start }")" "$findings"
    done
done
