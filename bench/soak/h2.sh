#!/usr/bin/env bash
# HTTP/2 soak: h2load drives `httpstatus serve` over h2c (prior knowledge) for 60 s, 64
# connections with 10 streams each, over a mix of endpoints (status codes including interim 103,
# delays, redirects, ranges, streams, trailers, pages, API, 404s), while the server's RSS is
# sampled every 5 s.
#
#   bash bench/soak/h2.sh              # writes bench/out/soak-h2.md and prints it
#   DURATION=300 bash bench/soak/h2.sh
#
# Passes (exit 0) when h2load saw no errored or timed-out request and no 5xx other than those asked
# for (h2load's "failed" is every 4xx and 5xx answer, most of them asked for here), and RSS after warm-up (10 s) grew by less than 10 % to the end. Needs h2load (apt-get
# install nghttp2-client) and curl. Loopback only.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
out="$root/bench/out"
mkdir -p "$out"
DURATION=${DURATION:-60}
CONNS=${CONNS:-64}
STREAMS=${STREAMS:-10}
PORT=${PORT:-8096}

cargo build --release -q -p httpstatus
HS="${CARGO_TARGET_DIR:-$root/target}/release/httpstatus"
"$HS" serve --addr "127.0.0.1:$PORT" 2>/dev/null &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
for _ in $(seq 100); do curl -fs -o /dev/null "http://127.0.0.1:$PORT/healthz" && break; sleep 0.1; done

base="http://127.0.0.1:$PORT"
uris="$out/soak-h2-uris.txt"
for path in /status/200 /status/418 /status/404 /status/103 "/status/102?final=204" /status/503 \
  /delay/0.2 /redirect/2 /range/1024 /stream/5 /trailers /drip?duration=0.1\&numbytes=5 /gzip \
  /codes/404 /api/v1/codes/429 /classes/4xx /nope /get /anything /cache; do
  echo "$base$path"
done >"$uris"

rss_kb() { awk '/VmRSS/{print $2}' "/proc/$pid/status"; }
samples="$out/soak-h2-rss.txt"
: >"$samples"
(
  for t in $(seq 0 5 "$DURATION"); do
    echo "$t $(rss_kb)" >>"$samples"
    sleep 5
  done
) &
sampler=$!

res=$(h2load -c"$CONNS" -m"$STREAMS" -t2 -D "$DURATION" -i "$uris" 2>&1)
wait "$sampler" 2>/dev/null || true

total=$(awk '/^requests:/{print $2}' <<<"$res")
# h2load counts 4xx and 5xx answers as "failed"; "errored" and "timeout" are the real faults.
failed=$(awk '/^requests:/{print $10}' <<<"$res")
timeouts=$(awk '/^requests:/{print $14}' <<<"$res")
errored=$(awk '/^requests:/{print $12}' <<<"$res")
codes=$(grep '^status codes:' <<<"$res")
fivexx=$(awk '/^status codes:/{print $9}' <<<"$res")
rate=$(awk '/^finished in/{gsub(",","",$4); print $4}' <<<"$res")
warm=$(awk '$1==10{print $2}' "$samples")
last=$(tail -1 "$samples" | awk '{print $2}')
growth=$(awk -v a="$warm" -v b="$last" 'BEGIN{printf "%.1f", (b-a)*100/a}')
# The mix asks for one 503 in every 20 requests: about that share of 5xx is expected, more is not.
expected5=$(awk -v t="$total" 'BEGIN{printf "%d", t/20 + t/200 + 10}')
ok=true
[ "$errored" = 0 ] && [ "$timeouts" = 0 ] || ok=false
[ "$fivexx" -le "$expected5" ] || ok=false
awk -v g="$growth" 'BEGIN{exit !(g < 10)}' || ok=false
{
  echo "Run: $(date -u +%FT%TZ) on $(nproc) cores; h2load -c$CONNS -m$STREAMS -t2 -D $DURATION over $(wc -l <"$uris") URIs (h2c)"
  echo
  echo "| requests | req/s | 4xx+5xx (h2load \"failed\") | errored | timeout | $codes | RSS at 10 s | RSS at end | growth | pass |"
  echo "|---:|---:|---:|---:|---:|---|---:|---:|---:|---|"
  echo "| $total | ${rate%.*} | $failed | $errored | $timeouts | (5xx: $fivexx, ≤ $expected5 expected) | $((warm / 1024)) MB | $((last / 1024)) MB | $growth % | $ok |"
} | tee "$out/soak-h2.md"
$ok
