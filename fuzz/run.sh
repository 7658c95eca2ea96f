#!/usr/bin/env bash
# A fuzzing campaign: MINUTES of libFuzzer per target, one target at a time in one process (the
# machine is shared), then crashes minimised into fuzz/artifacts/<target>/ and a bounded sample
# of the new coverage merged into fuzz/corpus/<target>/. `cargo test` replays both
# (tests/fuzz_corpus.rs).
#
#   fuzz/run.sh [MINUTES] [TARGET...]     default: 10 minutes, every target
#   FUZZ_SECONDS=90 fuzz/run.sh 0 json    seconds instead of minutes (0: only merge, no run)
#   FUZZ_RUNS=10000000 fuzz/run.sh 0 json  a number of executions instead of a time
#   FUZZ_SANITIZER=address fuzz/run.sh     with AddressSanitizer (default: none, see below)
#
# The whole corpus a campaign grows stays in fuzz/target/corpus/<target>/ (not committed; the next
# campaign starts from it), minimised with `cargo fuzz cmin`. Into the committed corpus go only
# the inputs that add coverage to it, smallest first, up to FUZZ_COMMIT_BYTES (default 8192) and
# FUZZ_COMMIT_FILES (default 64) per target and campaign, so the replay in `cargo test` stays a
# matter of seconds.
#
# Needs cargo-fuzz (`cargo install cargo-fuzz --locked`) and a nightly toolchain; without one it
# builds with stable and RUSTC_BOOTSTRAP=1. Per target it prints one line — date, seconds, total
# executions, executions per second, new crashes — and appends it to fuzz/campaign.tsv (not
# committed: copy the numbers into docs/reliability.md's Fuzzing section).
#
# No sanitizer by default: pushdiag forbids `unsafe` code, so what AddressSanitizer adds is a check
# of its dependencies' unsafe code, at 5-7x fewer executions per second (measured on
# emulator_request: 709/s with it, 4 975/s without). Panics, overflow (debug assertions are on),
# timeouts and out-of-memory are caught either way. Run with FUZZ_SANITIZER=address now and then.
set -euo pipefail
cd "$(dirname "$0")"

minutes=${1:-10}
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  mapfile -t targets < <(ls fuzz_targets | sed 's/\.rs$//')
fi

if rustup toolchain list 2>/dev/null | grep -q '^nightly'; then
  fuzz=(cargo +nightly fuzz)
else
  export RUSTC_BOOTSTRAP=1
  fuzz=(cargo fuzz)
fi

sanitizer=(-s "${FUZZ_SANITIZER:-none}")
"${fuzz[@]}" build "${sanitizer[@]}"
seconds=${FUZZ_SECONDS:-$((minutes * 60))}
runs=${FUZZ_RUNS:-0}
if [ "$runs" -gt 0 ]; then
  limit=(-runs="$runs")
  [ "${FUZZ_SECONDS:-}" ] || seconds=0
  [ "$seconds" -gt 0 ] && limit+=(-max_total_time="$seconds")
else
  limit=(-max_total_time="$seconds")
fi
budget=${FUZZ_COMMIT_BYTES:-8192}
files=${FUZZ_COMMIT_FILES:-64}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
[ -f campaign.tsv ] || printf 'date\ttarget\tseconds\texecs\texecs_per_s\tcrashes\n' > campaign.tsv

for target in "${targets[@]}"; do
  grown="target/corpus/$target"
  mkdir -p "corpus/$target" "artifacts/$target" "$grown"
  log="$work/$target.log"
  # New inputs go to the grown corpus (the first folder); the committed one is read as seeds.
  # A crash ends the run for this target; the rest of its time is not made up.
  # FUZZ_SECONDS=0: no run, only the merge of a grown corpus below.
  : >"$log"
  started=$(date +%s)
  [ "$seconds" -eq 0 ] && [ "$runs" -eq 0 ] || "${fuzz[@]}" run "${sanitizer[@]}" "$target" "$grown" "corpus/$target" -- \
    "${limit[@]}" -timeout=10 -rss_limit_mb=2048 -max_len=16384 \
    -print_final_stats=1 -artifact_prefix="artifacts/$target/" >"$log" 2>&1 || true
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  crashes=0
  # Minimise each new crash (or timeout, or out-of-memory) and keep only the minimised input.
  for found in artifacts/"$target"/{crash,timeout,oom,leak,slow-unit}-*; do
    # Only what libFuzzer just wrote (`crash-<sha1>`): kept inputs have other names.
    [[ -f "$found" && $(basename "$found") =~ ^[a-z-]+-[0-9a-f]{40}$ ]] || continue
    crashes=$((crashes + 1))
    "${fuzz[@]}" tmin "${sanitizer[@]}" "$target" "$found" -- -runs=20000 >"$log.tmin" 2>&1 || true
    minimised=$(sed -n 's/^.*[Mm]inimized artifact:.*\(artifacts\/.*\)$/\1/p' "$log.tmin" | tail -1)
    kept="artifacts/$target/$(basename "$found" | cut -d- -f1)-$(sha1sum "$found" | cut -c1-16)"
    if [ -n "$minimised" ] && [ -f "$minimised" ]; then
      mv "$minimised" "$kept"
      rm -f "$found"
    else
      mv "$found" "$kept"
    fi
    rm -f artifacts/"$target"/minimized-from-*
    echo "  $target: crash kept as fuzz/$kept"
    sed -n '/panicked at\|ERROR: libFuzzer/,+3p' "$log" | head -8
  done
  "${fuzz[@]}" cmin "${sanitizer[@]}" "$target" "$grown" >"$log.cmin" 2>&1 || true
  # What the grown corpus adds to the committed one, smallest first, within the budget.
  merged="$work/$target.merged"
  mkdir -p "$merged"
  cp corpus/"$target"/* "$merged"/ 2>/dev/null || true
  "${fuzz[@]}" run "${sanitizer[@]}" "$target" "$merged" "$grown" -- -merge=1 >"$log.merge" 2>&1 || true
  spent=0
  added=0
  while read -r size name; do
    [ -e "corpus/$target/$name" ] && continue
    [ $((spent + size)) -le "$budget" ] && [ "$added" -lt "$files" ] || break
    cp "$merged/$name" "corpus/$target/$name"
    spent=$((spent + size))
    added=$((added + 1))
  done < <(find "$merged" -type f -printf '%s %f\n' | sort -n)
  line="$(date -u +%F)\t$target\t$(($(date +%s) - started))\t${execs:-0}\t${rate:-0}\t$crashes"
  printf "$line\n" | tee -a campaign.tsv
done
