#!/usr/bin/env bash
# Test-server throughput and latency against the peers, all in one run, on this machine.
#
#   bash bench/server/run.sh            # writes bench/out/server.md and prints it
#
# Same wrk command (2 threads, 64 connections, 10 s, keep-alive) against:
#   - httpstatus serve (release build)
#   - a bare hyper server returning a fixed 418 (bench/hyper-baseline): the ceiling here
#   - httpbin (PyPI) under gunicorn, sync workers and gevent workers
# Needs: wrk (apt-get install wrk), python3 with venv/pip (for httpbin). Loopback only.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
out="$root/bench/out"
mkdir -p "$out"
DURATION=${DURATION:-10s}
CONNS=${CONNS:-64}
THREADS=${THREADS:-2}

cargo build --release -q -p httpstatus -p hyper-baseline
target=${CARGO_TARGET_DIR:-$root/target}
HS="$target/release/httpstatus"
BASE="$target/release/hyper-baseline"

venv="$root/bench/venv"
if [ ! -x "$venv/bin/gunicorn" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q httpbin gunicorn "gevent>=24.10.1" packaging
fi

pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

# Request log off here; bench/server/log-overhead.sh measures the defaults (log on, text).
"$HS" serve --addr 127.0.0.1:8091 --log-format off & pids+=($!)
"$BASE" 127.0.0.1:8092 & pids+=($!)
"$venv/bin/gunicorn" --log-level warning -w 2 -b 127.0.0.1:8093 httpbin:app & pids+=($!)
"$venv/bin/gunicorn" --log-level warning -w 2 -k gevent -b 127.0.0.1:8094 httpbin:app & pids+=($!)
for port in 8091 8092 8093 8094; do
  for _ in $(seq 100); do curl -s -o /dev/null "http://127.0.0.1:$port/status/418" && break; sleep 0.1; done
done

rss_kb() { # resident memory of a process and its children, in kB
  local total=0
  for p in $(pgrep -P "$1") "$1"; do total=$((total + $(awk '/VmRSS/{print $2}' /proc/"$p"/status 2>/dev/null || echo 0))); done
  echo "$total"
}

run() { # name port path pid
  local name=$1 port=$2 path=$3 pid=$4
  local res
  res=$(wrk -t"$THREADS" -c"$CONNS" -d"$DURATION" --latency "http://127.0.0.1:$port$path")
  local rps p50 p99
  rps=$(awk '/Requests\/sec/{print $2}' <<<"$res")
  p50=$(awk '$1=="50%"{print $2}' <<<"$res")
  p99=$(awk '$1=="99%"{print $2}' <<<"$res")
  local errs
  errs=$(awk '/Socket errors|Non-2xx/{printf "%s ", $0}' <<<"$res")
  echo "| $name | \`$path\` | $rps | $p50 | $p99 | $(( $(rss_kb "$pid") / 1024 )) MB | ${errs:-none} |"
}

{
  echo "Run: $(date -u +%FT%TZ) on $(nproc) cores; wrk -t$THREADS -c$CONNS -d$DURATION --latency"
  echo
  echo "| server | path | req/s | p50 | p99 | RSS after | wrk notes |"
  echo "|---|---|---|---|---|---|---|"
  run "bare hyper (ceiling)" 8092 /status/418 "${pids[1]}"
  run "httpstatus" 8091 /status/418 "${pids[0]}"
  run "httpstatus" 8091 /codes/404 "${pids[0]}"
  run "httpstatus" 8091 /api/v1/codes/404 "${pids[0]}"
  run "httpbin gunicorn sync (2 workers)" 8093 /status/418 "${pids[2]}"
  run "httpbin gunicorn gevent (2 workers)" 8094 /status/418 "${pids[3]}"
} | tee "$out/server.md"
