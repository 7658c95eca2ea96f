#!/usr/bin/env bash
# Load benchmark of `pushdiag emulate`: signature-checked vivo test pushes (one authToken) from
# wrk over loopback, 16 connections; reports sends/s, latency percentiles and the emulator's RSS
# growth. Not part of `cargo test`: run it by hand (docs/performance.md has the figures).
#
#   benches/emulator.sh                  # 10 minutes
#   DURATION=60 benches/emulator.sh      # 1 minute
#
# Environment:
#   DURATION     seconds of load (default 600)
#   CONNECTIONS  wrk connections (default 16)
#   THREADS      wrk threads (default 2)
#   KEEP         emulate --keep (default: the emulator's)
#   STRICT=1     exit 3 when a target is missed
#
# Targets (issue 16): >= 20000 sends/s, p99 < 5 ms, RSS growth < 50 MB over the run.
# Exit: 0 done; 2 a step failed; 3 a target missed under STRICT=1; 4 a tool is missing.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)
DURATION=${DURATION:-600}
CONNECTIONS=${CONNECTIONS:-16}
THREADS=${THREADS:-2}
BIN=$ROOT/target/release/pushdiag
TARGET_RPS=20000
TARGET_P99_MS=5
TARGET_RSS_MB=50

for tool in wrk curl md5sum; do
  command -v "$tool" >/dev/null || { echo "missing: $tool (apt-get install -y wrk curl)" >&2; exit 4; }
done
cargo build --release --locked --quiet || exit 2

work=$(mktemp -d)
emulator=
cleanup() {
  [ -n "$emulator" ] && kill "$emulator" 2>/dev/null && wait "$emulator" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

# Loopback only, a free port; -q: no line per push.
keep_args=()
[ -n "${KEEP:-}" ] && keep_args=(--keep "$KEEP")
"$BIN" emulate -q --listen 127.0.0.1:0 "${keep_args[@]}" >"$work/banner" 2>"$work/stderr" &
emulator=$!
for _ in $(seq 100); do
  grep -q '^pushdiag emulator on' "$work/banner" 2>/dev/null && break
  sleep 0.1
done
base=$(sed -n 's/^pushdiag emulator on \(http:\/\/[^ ]*\).*/\1/p' "$work/banner")
[ -n "$base" ] || { echo "the emulator did not start:" >&2; cat "$work/stderr" >&2; exit 2; }

# The built-in vivo app and its test device (public constants, not credentials).
app_id=10004
app_key=00000000-0000-4000-8000-000000000004
app_secret=0123456789abcdef0123456789abcdef
reg_id=12345678901234567890123
timestamp=$(date +%s%3N)
sign=$(printf '%s' "$app_id$app_key$timestamp$app_secret" | md5sum | cut -d' ' -f1)
token=$(curl -sf "$base/vivo/message/auth" -H 'Content-Type: application/json' \
  -d "{\"appId\":$app_id,\"appKey\":\"$app_key\",\"timestamp\":$timestamp,\"sign\":\"$sign\"}" |
  sed -n 's/.*"authToken":"\([^"]*\)".*/\1/p')
[ -n "$token" ] || { echo "vivo auth failed" >&2; exit 2; }

cat >"$work/send.lua" <<LUA
wrk.method = "POST"
wrk.path = "/vivo/message/send"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["authToken"] = "$token"
wrk.body = '{"appId":$app_id,"regId":"$reg_id","notifyType":4,"title":"load test","content":"a vivo test push","timeToLive":86400,"skipType":1,"classification":1,"category":"IM","clientCustomMap":{"ext":"{\\\\"entity\\\\":{}}"},"requestId":"bench","pushMode":1}'
-- Count answers that are not vivo's success, per thread, summed in done().
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) refused = 0 end
function response(status, headers, body)
  if status ~= 200 or not string.find(body, '"result":0,', 1, true) then refused = refused + 1 end
end
function done(summary, latency, requests)
  local total = 0
  for _, thread in ipairs(threads) do total = total + thread:get("refused") end
  io.write(string.format("refused %d\n", total))
  io.write(string.format("p99_us %d\n", latency:percentile(99)))
end
LUA

rss_kb() { awk '/^VmRSS/ {print $2}' "/proc/$emulator/status"; }
# A short warm-up, so the RSS baseline includes the ring's steady state at the default --keep.
wrk -t"$THREADS" -c"$CONNECTIONS" -d5s -s "$work/send.lua" "$base" >/dev/null
rss_start=$(rss_kb)
peak=$rss_start
( while kill -0 "$emulator" 2>/dev/null; do rss_kb >>"$work/rss"; sleep 5; done ) &
sampler=$!
wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency -s "$work/send.lua" "$base" | tee "$work/wrk"
kill "$sampler" 2>/dev/null || true
rss_end=$(rss_kb)
peak=$(sort -n "$work/rss" | tail -1)
[ "${peak:-0}" -lt "$rss_end" ] && peak=$rss_end

rps=$(awk '/^Requests\/sec/ {printf "%d", $2}' "$work/wrk")
p99_us=$(awk '/^p99_us/ {print $2}' "$work/wrk")
refused=$(awk '/^refused/ {print $2}' "$work/wrk")
errors=$(awk '/Non-2xx|Socket errors/' "$work/wrk")
growth_mb=$(( (peak - rss_start) / 1024 ))

kill "$emulator"; wait "$emulator" 2>/dev/null || true
emulator=
echo
echo "emulator: $(tail -1 "$work/stderr")"
printf 'sends/s %s (target >= %s)\n' "$rps" "$TARGET_RPS"
printf 'p99 %s ms (target < %s ms)\n' "$(awk -v u="$p99_us" 'BEGIN {printf "%.2f", u / 1000}')" "$TARGET_P99_MS"
printf 'RSS %d MB at start, %d MB peak, %d MB at end: growth %d MB (target < %s MB)\n' \
  $((rss_start / 1024)) $((peak / 1024)) $((rss_end / 1024)) "$growth_mb" "$TARGET_RSS_MB"
printf 'refused answers %s%s\n' "$refused" "${errors:+; $errors}"

missed=0
[ "$rps" -ge "$TARGET_RPS" ] || missed=1
[ "$p99_us" -lt $((TARGET_P99_MS * 1000)) ] || missed=1
[ "$growth_mb" -lt "$TARGET_RSS_MB" ] || missed=1
[ "$refused" -eq 0 ] || missed=1
if [ "$missed" = 1 ]; then
  echo "a target was missed"
  [ "${STRICT:-0}" = 1 ] && exit 3
fi
exit 0
