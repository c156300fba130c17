#!/usr/bin/env bash
# Instructions per request, counted by valgrind (callgrind): repeatable whatever else the machine
# is doing, unlike requests per second on a shared 2-core machine. Every thread of the server is
# counted (the request log's writer thread too); the client (h2load) is not, nor start-up (the
# counters are zeroed after 1,000 warm-up requests).
#
#   bash bench/server/instructions.sh            # N=20000 requests of /status/418 per server
#   N=50000 URLPATH=/get bash bench/server/instructions.sh
#
# Servers: bench/hyper-baseline (bare hyper, the ceiling), httpstatus serve with the defaults
# (request log on, text, stderr to /dev/null), and httpstatus serve --log-format off. Needs valgrind
# and h2load (apt-get install valgrind nghttp2-client). Writes bench/out/instructions.md.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
out="$root/bench/out"
mkdir -p "$out"
N=${N:-20000}
URLPATH=${URLPATH:-/status/418}
PROTO=${PROTO:-h1}   # h1 or h2c
target=${CARGO_TARGET_DIR:-$root/target}
cargo build --release -q -p httpstatus -p hyper-baseline
HS="$target/release/httpstatus"
BASE="$target/release/hyper-baseline"

count() { # name port command...
  local name=$1 port=$2; shift 2
  local cg="$out/callgrind.$port.out"
  rm -f "$cg"
  valgrind --tool=callgrind --callgrind-out-file="$cg" --dump-instr=no --collect-jumps=no \
    "$@" 2>/dev/null &
  local pid=$!
  for _ in $(seq 600); do curl -s -o /dev/null "http://127.0.0.1:$port$URLPATH" && break; sleep 0.1; done
  local flags=(--h1); [ "$PROTO" = h2c ] && flags=()
  # Warm up, then zero the counters: start-up (httpstatus renders and compresses every page
  # before it listens) is not a request's cost.
  h2load "${flags[@]}" -n 1000 -c 16 -t 1 "http://127.0.0.1:$port$URLPATH" >/dev/null
  callgrind_control --zero "$pid" >/dev/null 2>&1
  h2load "${flags[@]}" -n "$N" -c 16 -t 1 "http://127.0.0.1:$port$URLPATH" >"$out/h2load.$port.txt"
  kill -TERM "$pid"; wait "$pid" 2>/dev/null || true
  local ir
  ir=$(awk '/^summary:/{print $2}' "$cg")
  printf '| %s | %s | %s |\n' "$name" "$ir" "$(( ir / N ))"
}

{
  echo "# Instructions per request: $URLPATH, $N requests over $PROTO (bench/server/instructions.sh)"
  echo
  echo "| server | instructions (all threads) | per request |"
  echo "|---|---:|---:|"
  bmode=""; [ "$PROTO" = h2c ] && bmode=h2
  count "bare hyper (ceiling)" 8292 "$BASE" 127.0.0.1:8292 $bmode
  # valgrind's stderr is the server's: both go to /dev/null, as in log-overhead.sh.
  count "httpstatus, defaults (log text → /dev/null)" 8291 "$HS" serve --addr 127.0.0.1:8291
  count "httpstatus, --log-format off" 8294 "$HS" serve --addr 127.0.0.1:8294 --log-format off
} | tee "$out/instructions.md"
