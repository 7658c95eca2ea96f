#!/usr/bin/env bash
# The recipe of docs/scale.md, run end to end: a generated JSON Lines file is split into parts of
# whole lines (`split -l`), each part is linted by its own `pushdiag lint-ext` with the whole
# file's name and offsets (GNU parallel when installed, else one part after another), the JSON
# reports are merged (jq, else python3), and the merge is compared with one run over the whole
# file. Any difference fails the script.
#
#   benches/scale.sh                          # 20 MiB in parts of 20000 lines
#   MB=100 LINES=50000 benches/scale.sh
#   MB=2 LINES=3000 BIN=target/debug/pushdiag benches/scale.sh   # quick (.ci/run)
#
# Environment:
#   MB       size of the generated file in MiB (default 20)
#   LINES    lines per part (default 20000)
#   SEED     generator seed (default 1)
#   JOBS     parts linted at once by GNU parallel (default: the cores)
#   BIN      the pushdiag binary (default target/release/pushdiag, built when missing)
#   MERGE    jq or python3 (default: jq when installed)
#   PARALLEL the GNU parallel command (default parallel; none: the parts one after another)
#
# Exit: 0 the merged parts report what the whole file reports; 1 they differ; 2 a run failed;
# 4 a tool is missing.
set -euo pipefail

cd "$(dirname "$0")/.."
MB=${MB:-20}
LINES=${LINES:-20000}
SEED=${SEED:-1}
JOBS=${JOBS:-$(nproc 2>/dev/null || echo 2)}
BIN=${BIN:-target/release/pushdiag}
MERGE=${MERGE:-$(command -v jq >/dev/null && echo jq || echo python3)}
PARALLEL=${PARALLEL:-parallel}

command -v python3 >/dev/null || { echo "missing: python3" >&2; exit 4; }
command -v "$MERGE" >/dev/null || { echo "missing: $MERGE" >&2; exit 4; }
if [ ! -x "$BIN" ]; then
    echo "== building (cargo build --release)" >&2
    cargo build --release --quiet
fi
BIN=$(realpath "$BIN")

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
DAY=$WORK/day.jsonl
python3 benches/gen_records.py --mb "$MB" --seed "$SEED" > "$DAY"

# pushdiag exits 1 when it found errors: that is a result here, not a failure.
lint() {
    local code=0
    "$BIN" lint-ext --format json "$@" || code=$?
    [ "$code" -le 1 ] || { echo "pushdiag exited $code: lint-ext $*" >&2; return 2; }
}

# Milliseconds since the epoch.
now_ms() { echo $(($(date +%s%N) / 1000000)); }

# 1. Split into parts of whole lines, and note where each starts in the whole file.
mkdir "$WORK/parts"
split -l "$LINES" -d -a 5 "$DAY" "$WORK/parts/part-"
lines=0
bytes=0
for part in "$WORK"/parts/part-*; do
    printf '%s\t%s\t%s\n' "$part" "$lines" "$bytes"
    lines=$((lines + $(wc -l < "$part")))
    bytes=$((bytes + $(wc -c < "$part")))
done > "$WORK/parts.tsv"
parts=$(wc -l < "$WORK/parts.tsv")

# The recipe for one kind of report (FLAGS: none, or --summary), compared with one run.
recipe() {
    local label=$1
    shift
    local start whole_ms parts_ms how
    start=$(now_ms)
    lint --jsonl "$DAY" --jobs 1 "$@" > "$WORK/whole.json" || exit 2
    whole_ms=$(($(now_ms) - start))
    rm -f "$WORK"/parts/part-*.json

    # 2. Lint each part as the part of the whole file it is; one report per part beside it.
    start=$(now_ms)
    if [ "$PARALLEL" != none ] && command -v "$PARALLEL" >/dev/null; then
        how="GNU parallel -j $JOBS"
        export BIN DAY FLAGS="$*"
        "$PARALLEL" --colsep '\t' -j "$JOBS" --halt now,fail=1 \
            '"$BIN" lint-ext --jsonl {1} --source-name "$DAY" --line-offset {2} --byte-offset {3} \
                --format json --jobs 1 $FLAGS > {1}.json; [ $? -le 1 ]' :::: "$WORK/parts.tsv" \
            || { echo "a part failed" >&2; exit 2; }
    else
        how="one after another (no GNU parallel: apt-get install parallel)"
        while IFS=$'\t' read -r part line_offset byte_offset; do
            lint --jsonl "$part" --source-name "$DAY" --line-offset "$line_offset" \
                --byte-offset "$byte_offset" --jobs 1 "$@" > "$part.json" || exit 2
        done < "$WORK/parts.tsv"
    fi
    parts_ms=$(($(now_ms) - start))

    # 3. Merge, as docs/scale.md shows: findings in part order (the part names sort in order),
    #    by_rule per rule and severity (counts summed, the first three findings kept), summaries
    #    summed.
    if [ "$MERGE" = jq ]; then
        jq -s '{
            findings: (map(.findings) | add),
            by_rule: (reduce (.[] | (.by_rule // [])[]) as $r ([];
                (map(.rule == $r.rule and .severity == $r.severity) | index(true)) as $i
                | if $i == null then . + [$r]
                  else .[$i].count += $r.count | .[$i].first = (.[$i].first + $r.first)[:3] end)),
            summary: (map(.summary) | {errors: (map(.errors) | add), warnings: (map(.warnings) | add),
                                       notes: (map(.notes) | add), checked: (map(.checked) | add)})
        }' "$WORK"/parts/part-*.json > "$WORK/merged.json"
    else
        python3 - "$WORK"/parts/part-*.json > "$WORK/merged.json" <<'EOF'
import json, sys
reports = [json.load(open(path)) for path in sys.argv[1:]]
by_rule = []
for report in reports:
    for entry in report.get("by_rule", []):
        same = next((e for e in by_rule
                     if (e["rule"], e["severity"]) == (entry["rule"], entry["severity"])), None)
        if same is None:
            by_rule.append(entry)
        else:
            same["count"] += entry["count"]
            same["first"] = (same["first"] + entry["first"])[:3]
keys = ("errors", "warnings", "notes", "checked")
json.dump({
    "findings": [finding for report in reports for finding in report["findings"]],
    "by_rule": by_rule,
    "summary": {key: sum(report["summary"][key] for report in reports) for key in keys},
}, sys.stdout)
EOF
    fi

    # 4. Compare with the single run, finding by finding (and rule by rule).
    canon "$WORK/whole.json" > "$WORK/whole.txt"
    canon "$WORK/merged.json" > "$WORK/merged.txt"
    echo "$label: $MB MiB, $parts parts of $LINES lines, linted $how, merged with $MERGE"
    echo "  whole file: ${whole_ms} ms; the parts: ${parts_ms} ms; $(($(wc -l < "$WORK/whole.txt") - 1)) lines compared"
    if ! cmp -s "$WORK/whole.txt" "$WORK/merged.txt"; then
        echo "DIFFERENT: the merged parts do not report what the whole file reports ($label)" >&2
        diff "$WORK/whole.txt" "$WORK/merged.txt" | head -20 >&2 || true
        exit 1
    fi
    echo "  same report"
}

# One line per finding and per by_rule entry, then the counts: what must agree.
canon() { python3 -c 'import json, sys
report = json.load(open(sys.argv[1]))
for finding in report["findings"]:
    print(json.dumps(finding, sort_keys=True))
for entry in report.get("by_rule", []):
    print(json.dumps(entry, sort_keys=True))
summary = report["summary"]
print(json.dumps({k: summary[k] for k in ("errors", "warnings", "notes", "checked")}))' "$1"; }

recipe findings
recipe summaries --summary
