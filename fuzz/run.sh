#!/usr/bin/env bash
# A fuzzing campaign: MINUTES of libFuzzer per target, one target at a time in one process (the
# machine is shared), then crashes minimised into fuzz/artifacts/<target>/ and the new coverage
# merged into fuzz/corpus/<target>/. `cargo test` replays both (tests/fuzz_corpus.rs).
#
#   fuzz/run.sh [MINUTES] [TARGET...]     default: 10 minutes, every target
#
# Needs cargo-fuzz (`cargo install cargo-fuzz --locked`) and a nightly toolchain; without one it
# builds with stable and RUSTC_BOOTSTRAP=1. Per target it prints one line — date, seconds, total
# executions, executions per second, crashes — and appends it to fuzz/campaign.tsv (not
# committed: copy the numbers into docs/reliability.md's Fuzzing section).
set -euo pipefail
cd "$(dirname "$0")"

minutes=${1:-10}
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  mapfile -t targets < <(cargo fuzz list 2>/dev/null || ls fuzz_targets | sed 's/\.rs$//')
fi

if rustup toolchain list 2>/dev/null | grep -q '^nightly'; then
  fuzz=(cargo +nightly fuzz)
else
  export RUSTC_BOOTSTRAP=1
  fuzz=(cargo fuzz)
fi

"${fuzz[@]}" build
seconds=$((minutes * 60))
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
[ -f campaign.tsv ] || printf 'date\ttarget\tseconds\texecs\texecs_per_s\tcrashes\n' > campaign.tsv

for target in "${targets[@]}"; do
  mkdir -p "corpus/$target" "artifacts/$target" "$work/$target"
  log="$work/$target.log"
  before=$(ls "artifacts/$target" | wc -l)
  # New inputs go to the scratch folder (the first); the committed corpus is read as seeds.
  # A crash ends the run for this target; the rest of its time is not made up.
  "${fuzz[@]}" run "$target" "$work/$target" "corpus/$target" -- \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=16384 \
    -print_final_stats=1 -artifact_prefix="artifacts/$target/" >"$log" 2>&1 || true
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  # Minimise each new crash (or timeout, or out-of-memory) and keep only the minimised input.
  for found in artifacts/"$target"/{crash,timeout,oom,leak,slow-unit}-*; do
    [ -f "$found" ] || continue
    "${fuzz[@]}" tmin "$target" "$found" -- -runs=20000 >"$log.tmin" 2>&1 || true
    minimised=$(sed -n 's/^.*[Mm]inimized artifact:.*\(artifacts\/.*\)$/\1/p;' "$log.tmin" | tail -1)
    kept="artifacts/$target/$(basename "$found" | cut -d- -f1)-$(sha1sum "$found" | cut -c1-16)"
    if [ -n "$minimised" ] && [ -f "$minimised" ]; then mv "$minimised" "$kept"; rm -f "$found"
    else mv "$found" "$kept"; fi
    rm -f artifacts/"$target"/minimized-from-*
    echo "  $target: crash kept as fuzz/$kept (see $log)"
    sed -n '/panicked at\|ERROR: libFuzzer/,+3p' "$log" | head -8
  done
  crashes=$(( $(ls "artifacts/$target" | wc -l) - before ))
  # Keep only what adds coverage, and only small inputs: the corpus is committed.
  cp -n "$work/$target"/* "corpus/$target/" 2>/dev/null || true
  "${fuzz[@]}" cmin "$target" "corpus/$target" >"$log.cmin" 2>&1 || true
  line="$(date -u +%F)\t$target\t$seconds\t${execs:-0}\t${rate:-0}\t$crashes"
  printf "$line\n" | tee -a campaign.tsv
done
