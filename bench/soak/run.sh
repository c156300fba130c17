#!/usr/bin/env bash
# Soak: wrk drives `httpstatus serve` for 60 s at 256 connections over a mix of endpoints
# (mix.lua: status codes, delays, redirects, ranges, caching, auth, pages, API, 404s), while the
# server's RSS is sampled every 5 s. Then the server's own /metrics are read back.
#
#   bash bench/soak/run.sh            # writes bench/out/soak.md and prints it
#   DURATION=300 bash bench/soak/run.sh
#
# Passes (exit 0) when wrk saw no socket errors, no 5xx other than those asked for (507, 511),
# the server's metrics agree, and RSS after warm-up (10 s) grew by less than 10 % to the end.
# Needs wrk (apt-get install wrk) and curl. Loopback only.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
out="$root/bench/out"
mkdir -p "$out"
DURATION=${DURATION:-60}
CONNS=${CONNS:-256}
THREADS=${THREADS:-2}
PORT=${PORT:-8095}

cargo build --release -q -p httpstatus
HS="${CARGO_TARGET_DIR:-$root/target}/release/httpstatus"
"$HS" serve --addr "127.0.0.1:$PORT" --log-format off &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
for _ in $(seq 100); do curl -fs -o /dev/null "http://127.0.0.1:$PORT/healthz" && break; sleep 0.1; done

rss_kb() { awk '/VmRSS/{print $2}' "/proc/$pid/status"; }
samples="$out/soak-rss.txt"
: >"$samples"
(
  for t in $(seq 0 5 "$DURATION"); do
    echo "$t $(rss_kb)" >>"$samples"
    sleep 5
  done
) &
sampler=$!

wrk_out=$(wrk -t"$THREADS" -c"$CONNS" -d"${DURATION}s" --timeout 5s --latency \
  -s "$root/bench/soak/mix.lua" "http://127.0.0.1:$PORT")
wait "$sampler" || true
metrics=$(curl -fs "http://127.0.0.1:$PORT/metrics")
kill -0 "$pid" # the server is still up
kill -TERM "$pid"
server_exit=0
wait "$pid" || server_exit=$?
trap - EXIT

val() { awk -v k="$1" '$1==k{print $2}' <<<"$wrk_out"; }
socket_errors=$(val socket-errors)
unasked=$(val unasked-5xx)
requests=$(val requests)
# 5xx the server counted, by route: only /status/{codes} may have any.
metrics_5xx=$(awk '/^httpstatus_http_requests_total\{/ && /status="5[0-9][0-9]"/ && !/route="\/status\/\{codes\}"/ {s += $NF} END {print s + 0}' <<<"$metrics")
refused=$(awk '/^httpstatus_connections_refused_total/{print $2}' <<<"$metrics")
warm=$(awk '$1==10{print $2}' "$samples")
last=$(tail -1 "$samples" | awk '{print $2}')
growth=$(awk -v a="$warm" -v b="$last" 'BEGIN{printf "%.1f", (b-a)*100/a}')

# The table is the verdict: the exit status comes from its FAIL rows.
check() { if eval "$2"; then echo "| $1 | pass |"; else echo "| $1 | **FAIL** |"; fi; }
{
  echo "Run: $(date -u +%FT%TZ) on $(nproc) cores; wrk -t$THREADS -c$CONNS -d${DURATION}s --timeout 5s -s bench/soak/mix.lua"
  echo
  echo "Requests: $requests; p99 $(val p99-ms) ms; server exit after SIGTERM: $server_exit"
  echo
  echo "| status | answers |"
  echo "|---|---|"
  awk '$1=="status"{print "| " $2 " | " $3 " |"}' <<<"$wrk_out"
  echo
  echo "RSS (kB) every 5 s: $(awk '{printf "%s ", $2}' "$samples")"
  echo "Growth from 10 s to the end: $growth %"
  echo
  echo "| check | result |"
  echo "|---|---|"
  check "no socket errors ($socket_errors)" '[ "$socket_errors" = 0 ]'
  check "no 5xx but 507/511 seen by wrk ($unasked)" '[ "$unasked" = 0 ]'
  check "no 5xx outside /status/{codes} in /metrics ($metrics_5xx)" '[ "$metrics_5xx" = 0 ]'
  check "no connection refused at the cap ($refused)" '[ "$refused" = 0 ]'
  check "RSS growth after warm-up under 10 % ($growth %)" 'awk -v g="$growth" "BEGIN{exit !(g < 10)}"'
  check "clean exit on SIGTERM ($server_exit)" '[ "$server_exit" = 0 ]'
} | tee "$out/soak.md"
grep -q FAIL "$out/soak.md" && exit 1 || exit 0
