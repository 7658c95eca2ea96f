#!/usr/bin/env bash
# Benchmark: `pushdiag lint-ext --jsonl` throughput (MB/s) and peak RSS on generated records
# (benches/gen_records.py: three record shapes, 5% faulty), against the same core check done by
# `jq` in the same run, on one core (`--jobs 1`) and on two (`--jobs 2`), over two data sets:
#   clean  the records as generated (few findings);
#   flood  a third of the good records without an OPPO channel ID (`--no-channel 0.33`), so a
#          third of them draw an `oppo-channel-id-missing` warning, as real logs do.
#
#   benches/lint_ext.sh                 # 100 MB and 1 GB, both data sets
#   SIZES="100" RUNS=1 benches/lint_ext.sh
#
# Environment:
#   SIZES      sizes in MiB (default "100 1024")
#   SETS       data sets (default "clean flood")
#   RUNS       pushdiag runs per measurement; the fastest is reported (default 3)
#   JQ_RUNS    jq runs per size; the fastest is reported (default 1)
#   SEED       generator seed (default 1)
#   BENCH_DATA where the generated files live and are reused (default target/bench-data)
#   CPU        core for the one-core runs, pushdiag and jq alike (default 0; empty = no pinning)
#   CPUS       cores for the --jobs 2 run (default 0,1)
#   STRICT=1   also exit 3 when a target is missed
#
# MB means MiB (2^20 bytes) throughout; RSS is the peak resident set (/usr/bin/time %M).
# Exit: 0 done; 2 pushdiag or jq failed, or --jobs 2 wrote other findings than --jobs 1
# (pushdiag's exit 1, "errors found", is expected here: 5% of the records are faulty); 3 a target
# missed under STRICT=1; 4 a tool is missing.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)
SIZES=${SIZES:-"100 1024"}
SETS=${SETS:-"clean flood"}
CPUS=${CPUS:-0,1}
RUNS=${RUNS:-3}
JQ_RUNS=${JQ_RUNS:-1}
SEED=${SEED:-1}
DATA=${BENCH_DATA:-$ROOT/target/bench-data}
CPU=${CPU-0}
BIN=$ROOT/target/release/pushdiag

# Targets (issue 18): >= 20x jq on one core, >= 1.8x the one-core speed on two, RSS < 20 MB.
TARGET_RATIO=20
TARGET_SPEEDUP=1.8
TARGET_RSS_MB=20

missing=()
command -v jq >/dev/null || missing+=(jq)
[ -x /usr/bin/time ] || missing+=(time)
command -v python3 >/dev/null || missing+=(python3)
command -v cargo >/dev/null || { echo "cargo not found: install Rust (https://rustup.rs)" >&2; exit 4; }
if [ ${#missing[@]} -gt 0 ]; then
    echo "missing: ${missing[*]}; install with: apt-get install ${missing[*]}" >&2
    exit 4
fi

PIN=()
PIN2=()
if [ -n "$CPU" ] && command -v taskset >/dev/null; then
    PIN=(taskset -c "$CPU")
    PIN2=(taskset -c "$CPUS")
else
    echo "note: not pinned to one core (taskset missing or CPU empty)" >&2
fi

echo "== building (cargo build --release)" >&2
cargo build --release --quiet

mkdir -p "$DATA"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# run OUT -- CMD...: runs CMD pinned to PINNED (an array), stdout to OUT; sets ELAPSED (s, ns resolution), RSS_KB, RC.
run() {
    local out=$1
    shift 2
    local t0 t1
    # The last run's report goes first, outside the clock: truncating a 345 MB file as the
    # redirection opens it took 46 ms, which is not the tool's work.
    rm -f "$out"
    t0=$(date +%s%N)
    set +e
    /usr/bin/time -f '%e %M' -o "$WORK/time" "${PINNED[@]}" "$@" >"$out"
    RC=$?
    set -e
    t1=$(date +%s%N)
    ELAPSED=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", (b - a) / 1e9 }')
    RSS_KB=$(awk 'END { print $2 }' "$WORK/time")
}

# best N OUT -- CMD...: the fastest of N runs; sets BEST, BEST_RSS_KB (the largest RSS seen), RC.
best() {
    local n=$1 out=$2
    shift 3
    BEST="" BEST_RSS_KB=0
    for _ in $(seq "$n"); do
        run "$out" -- "$@"
        if [ "$RC" -ge 2 ]; then return 0; fi
        if [ -z "$BEST" ] || awk -v a="$ELAPSED" -v b="$BEST" 'BEGIN { exit !(a < b) }'; then
            BEST=$ELAPSED
        fi
        if [ "$RSS_KB" -gt "$BEST_RSS_KB" ]; then BEST_RSS_KB=$RSS_KB; fi
    done
    return 0
}

mbs() { awk -v b="$1" -v s="$2" 'BEGIN { printf "%.0f", b / 1048576 / s }'; }
mib() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }

JQ_CHECK=$ROOT/benches/lint_ext.jq
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
status=0
rows=()
verdicts=()
for set in $SETS; do
  case $set in
    clean) gen_args=() ;;
    flood) gen_args=(--no-channel 0.33) ;;
    *) echo "unknown data set $set (clean, flood)" >&2; exit 4 ;;
  esac
  for size in $SIZES; do
    file=$DATA/records-${size}mb-seed${SEED}-${set}.jsonl
    if [ ! -s "$file" ] || [ "$ROOT/benches/gen_records.py" -nt "$file" ]; then
        echo "== generating $file" >&2
        python3 benches/gen_records.py --mb "$size" --seed "$SEED" "${gen_args[@]}" >"$file.tmp"
        mv "$file.tmp" "$file"
    fi
    bytes=$(stat -c %s "$file")
    records=$(wc -l <"$file")
    cat "$file" >/dev/null # warm the page cache: measure the tool, not the disk

    PINNED=("${PIN[@]}")
    echo "== $set, $size MB: pushdiag --jobs 1 (one core)" >&2
    best "$RUNS" "$WORK/jobs1.json" -- "$BIN" lint-ext --jsonl "$file" --format json -q --jobs 1
    if [ "$RC" -ge 2 ]; then echo "pushdiag failed (exit $RC) on $file" >&2; exit 2; fi
    one_s=$BEST one_rss=$BEST_RSS_KB
    found=$(grep -c '"rule":' "$WORK/jobs1.json" || true)

    echo "== $set, $size MB: jq (one core)" >&2
    best "$JQ_RUNS" "$WORK/jq.txt" -- jq -R -r -f "$JQ_CHECK" "$file"
    if [ "$RC" -ne 0 ]; then echo "jq failed (exit $RC) on $file" >&2; exit 2; fi
    jq_s=$BEST
    jq_found=$(wc -l <"$WORK/jq.txt")

    PINNED=("${PIN2[@]}")
    echo "== $set, $size MB: pushdiag --jobs 2 (cores $CPUS)" >&2
    best "$RUNS" "$WORK/jobs2.json" -- "$BIN" lint-ext --jsonl "$file" --format json -q --jobs 2
    if [ "$RC" -ge 2 ]; then echo "pushdiag failed (exit $RC) on $file" >&2; exit 2; fi
    two_s=$BEST two_rss=$BEST_RSS_KB
    if cmp -s "$WORK/jobs1.json" "$WORK/jobs2.json"; then same=yes; else same=NO; status=2; fi

    one_mbs=$(mbs "$bytes" "$one_s")
    two_mbs=$(mbs "$bytes" "$two_s")
    jq_mbs=$(mbs "$bytes" "$jq_s")
    ratio=$(awk -v a="$jq_s" -v b="$one_s" 'BEGIN { printf "%.1f", a / b }')
    speedup=$(awk -v a="$one_s" -v b="$two_s" 'BEGIN { printf "%.2f", a / b }')
    rss=$(awk -v a="$one_rss" -v b="$two_rss" 'BEGIN { print (a > b) ? a : b }')
    rows+=("| $set | $size | $records | $found / $jq_found | $one_mbs ($one_s s) | $(mib "$one_rss") | $jq_mbs ($jq_s s) | ${ratio}x | $two_mbs ($two_s s) | $(mib "$two_rss") | ${speedup}x | $same |")

    ok_ratio=$(awk -v a="$ratio" -v t=$TARGET_RATIO 'BEGIN { print (a >= t) ? "met" : "MISSED" }')
    ok_speedup=$(awk -v a="$speedup" -v t=$TARGET_SPEEDUP 'BEGIN { print (a >= t) ? "met" : "MISSED" }')
    ok_rss=$(awk -v k="$rss" -v t=$TARGET_RSS_MB 'BEGIN { print (k / 1024 < t) ? "met" : "MISSED" }')
    verdicts+=("$set $size MB: >= ${TARGET_RATIO}x jq on one core $ok_ratio; >= ${TARGET_SPEEDUP}x on two cores $ok_speedup; RSS < $TARGET_RSS_MB MB $ok_rss; identical findings $same")
    case "$ok_ratio $ok_speedup $ok_rss" in
        *MISSED*) if [ "${STRICT:-0}" = 1 ] && [ "$status" = 0 ]; then status=3; fi ;;
    esac
  done
done

cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
echo
echo "machine: $(nproc) CPU(s), $cpu; one core: ${PIN[*]:-not pinned}; two: ${PIN2[*]:-not pinned}; $(jq --version); rustc $(rustc --version | cut -d' ' -f2)"
echo "load average before: $load_before, after: $(cut -d' ' -f1-3 /proc/loadavg) (other work on the machine slows every column alike)"
echo "pushdiag: fastest of $RUNS run(s); jq: fastest of $JQ_RUNS run(s); MB = MiB; RSS = peak resident set"
echo
echo "| data | size (MB) | records | findings pushdiag / jq | --jobs 1 MB/s | RSS (MB) | jq MB/s | ratio to jq (one core) | --jobs 2 MB/s | RSS (MB) | speed-up on two cores | identical |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |"
printf '%s\n' "${rows[@]}"
echo
printf 'target %s\n' "${verdicts[@]}"
exit $status
