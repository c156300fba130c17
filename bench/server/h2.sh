#!/usr/bin/env bash
# HTTP/2 throughput (issue 18): h2load on `/status/418` over h2c (prior knowledge) against a bare
# hyper HTTP/2 server (the ceiling), with the defaults a user gets (request log on) and with
# `--log-format off`; several rounds interleaved; medians and the ratio to the ceiling of the
# same round.
#
#   bash bench/server/h2.sh                 # writes bench/out/h2.md and prints it
#   ROUNDS=5 DURATION=10 bash bench/server/h2.sh
#
# Needs: h2load (apt-get install nghttp2-client). Neither httpbin nor go-httpbin speaks HTTP/2,
# so there is no peer to compare with beyond the ceiling.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
out="$root/bench/out"
mkdir -p "$out"
DURATION=${DURATION:-10}
CONNS=${CONNS:-32}
STREAMS=${STREAMS:-10}
THREADS=${THREADS:-2}
ROUNDS=${ROUNDS:-3}
target=${CARGO_TARGET_DIR:-$root/target}

cargo build --release -q -p httpstatus -p hyper-baseline
HS=${HS:-$target/release/httpstatus}
BASE="$target/release/hyper-baseline"

pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

names=() ports=() spids=()
"$BASE" 127.0.0.1:8292 h2 & pids+=($!); names+=("bare hyper h2 (ceiling)") ports+=(8292) spids+=($!)
"$HS" serve --addr 127.0.0.1:8291 2>/dev/null & pids+=($!); names+=("httpstatus, defaults (log text → /dev/null)") ports+=(8291) spids+=($!)
"$HS" serve --addr 127.0.0.1:8294 --log-format off 2>/dev/null & pids+=($!); names+=("httpstatus, --log-format off") ports+=(8294) spids+=($!)
for port in "${ports[@]}"; do
  for _ in $(seq 200); do curl -s --http2-prior-knowledge -o /dev/null "http://127.0.0.1:$port/status/418" && break; sleep 0.1; done
done

rss_mb() { awk '/VmRSS/{printf "%.1f", $2/1024}' /proc/"$1"/status 2>/dev/null || echo "?"; }
median() { tr ' ' '\n' | grep . | sort -g | awk '{a[NR]=$1} END{print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

declare -A rps rss
{
  echo "Run: $(date -u +%FT%TZ) on $(nproc) cores; load before: $(cut -d' ' -f1-3 /proc/loadavg);" \
    "h2load -t$THREADS -c$CONNS -m$STREAMS -D $DURATION http://…/status/418 (h2c prior knowledge); $ROUNDS rounds"
  echo
  echo "| round | server | req/s | mean request ms | errored/timeout | RSS after | vs. ceiling |"
  echo "|---|---|---:|---:|---:|---:|---:|"
  for r in $(seq "$ROUNDS"); do
    base=""
    for i in "${!names[@]}"; do
      res=$(h2load -t"$THREADS" -c"$CONNS" -m"$STREAMS" -D "$DURATION" "http://127.0.0.1:${ports[$i]}/status/418" 2>&1)
      v=$(awk '/^finished in/{gsub(",","",$4); print $4}' <<<"$res")
      mean=$(awk '/^time for request:/{print $6}' <<<"$res")
      # h2load's "failed" counts 4xx answers (every one here); errored and timeout are the faults.
      bad=$(awk '/^requests:/{print $12 "/" $14}' <<<"$res")
      m=$(rss_mb "${spids[$i]}")
      [ "$i" = 0 ] && base=$v
      ratio=$(awk -v a="$v" -v b="$base" 'BEGIN{printf "%.0f %%", 100*a/b}')
      rps[$i]+="$v " rss[$i]="$m"
      echo "| $r | ${names[$i]} | ${v%.*} | $mean | $bad | $m MB | $ratio |"
    done
  done
  echo
  echo "| server | median req/s | vs. ceiling (median) | RSS after last round |"
  echo "|---|---:|---:|---:|"
  b=$(median <<<"${rps[0]}")
  for i in "${!names[@]}"; do
    v=$(median <<<"${rps[$i]}")
    echo "| ${names[$i]} | ${v%.*} | $(awk -v a="$v" -v b="$b" 'BEGIN{printf "%.0f %%", 100*a/b}') | ${rss[$i]} MB |"
  done
  echo
  echo "Load after: $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee "$out/h2.md"
