#!/usr/bin/env bash
# A/B of two httpstatus builds on the same paths, round after round, each server started in turn
# with --log-format off and driven with the same wrk command, so that both see the same machine.
#
#   bash bench/server/ab.sh OLD_BINARY NEW_BINARY [ROUNDS] [PATH...]
#   bash bench/server/ab.sh /tmp/httpstatus-start target/release/httpstatus 3 /status/418 /get
#
# Prints one line per path and round: req/s of each build and the ratio new/old.
# Needs wrk (apt-get install wrk) and curl. Loopback only.
set -euo pipefail
old=${1:?the old binary}
new=${2:?the new binary}
rounds=${3:-3}
shift $(($# < 3 ? $# : 3))
paths=("$@")
[ ${#paths[@]} -gt 0 ] || paths=(/status/418)
DURATION=${DURATION:-8s}
CONNS=${CONNS:-64}

run() { # binary port path -> req/s
  "$1" serve --addr "127.0.0.1:$2" --log-format off >/dev/null 2>&1 &
  local pid=$!
  for _ in $(seq 100); do curl -fs -o /dev/null "http://127.0.0.1:$2/healthz" && break; sleep 0.1; done
  wrk -t2 -c"$CONNS" -d"$DURATION" "http://127.0.0.1:$2$3" 2>/dev/null | awk '/Requests\/sec/{print $2}'
  kill "$pid"
  wait "$pid" 2>/dev/null || true
}

for path in "${paths[@]}"; do
  for round in $(seq "$rounds"); do
    a=$(run "$old" 18301 "$path")
    b=$(run "$new" 18302 "$path")
    awk -v p="$path" -v r="$round" -v a="$a" -v b="$b" \
      'BEGIN { printf "%s round %s: old %.0f req/s, new %.0f req/s, new/old %.0f %%\n", p, r, a, b, 100 * b / a }'
  done
done
