#!/usr/bin/env bash
# Slow clients: hundreds of silent and byte-at-a-time connections against `httpstatus serve`
# (default settings: 10 s header-read timeout, 1024 connections), while a normal client is timed.
#
#   bash bench/slow-clients/run.sh          # 300 silent + 300 trickling, 15 s; bench/out/slow-clients.txt
#   SILENT=600 TRICKLE=300 SECONDS_=30 bash bench/slow-clients/run.sh
#
# Exit 0 when every normal request was answered within a second. Needs python3. Loopback only.
set -euo pipefail
cd "$(dirname "$0")/../.."
mkdir -p bench/out
PORT=${PORT:-8096}
cargo build --release -q -p httpstatus
ulimit -n 4096
"${CARGO_TARGET_DIR:-target}/release/httpstatus" serve --addr "127.0.0.1:$PORT" --log-format off &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
for _ in $(seq 100); do curl -fs -o /dev/null "http://127.0.0.1:$PORT/healthz" && break; sleep 0.1; done
status=0
python3 bench/slow-clients/slow.py "127.0.0.1:$PORT" "${SECONDS_:-15}" | tee bench/out/slow-clients.txt || status=$?
echo "server RSS after: $(awk '/VmRSS/{print $2}' /proc/$pid/status) kB" | tee -a bench/out/slow-clients.txt
exit $status
