#!/usr/bin/env bash
# What the request log costs (issue 18): `/status/418` with the defaults a user gets (request log
# on, text format) against the bare hyper ceiling, in the same run, several rounds interleaved.
#
#   bash bench/server/log-overhead.sh        # writes bench/out/log-overhead.md and prints it
#   ROUNDS=5 DURATION=10s bash bench/server/log-overhead.sh
#
# Servers, each answering `/status/418` (or its equivalent) on loopback:
#   - bench/hyper-baseline: a bare hyper server with a fixed 418 (the ceiling)
#   - httpstatus serve, defaults: request log on, text, stderr to /dev/null
#   - httpstatus serve, defaults, stderr to a pipe read by `cat` (as under a container runtime)
#   - httpstatus serve --log-format off
#   - optional: go-httpbin, see below
# Each round runs the same wrk command against every server in turn; the table has one line per
# server and round, then the medians and the ratios to the ceiling of the same round. (Every answer
# is a 418, so wrk's "Non-2xx" count is every request and is left out; socket errors are kept.)
# Needs: wrk (apt-get install wrk). Set HS_BEFORE=/path/to/httpstatus to add an older build.
#
# OPTIONAL, not part of this repository: go-httpbin as a peer. If GO_HTTPBIN points to a built
# go-httpbin binary it is used (labelled with GO_HTTPBIN_REF if set, e.g.
# `GO_HTTPBIN=/path/go-httpbin GO_HTTPBIN_REF=v2.14.0`, else "given binary"). Otherwise, if a local mirror of its git repository exists at
# GO_HTTPBIN_SRC (a bare repository) and `go` is installed, the script tries to build the tag
# GO_HTTPBIN_REF from it into bench/out, offline (GOPROXY=off). Nothing of go-httpbin is stored here.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
out="$root/bench/out"
mkdir -p "$out"
DURATION=${DURATION:-10s}
CONNS=${CONNS:-64}
THREADS=${THREADS:-2}
ROUNDS=${ROUNDS:-3}
target=${CARGO_TARGET_DIR:-$root/target}

cargo build --release -q -p httpstatus -p hyper-baseline
HS=${HS:-$target/release/httpstatus}
BASE="$target/release/hyper-baseline"

# --- optional go-httpbin (see the header) ---
GO_HTTPBIN=${GO_HTTPBIN:-}
# The label of a given binary: its version when GO_HTTPBIN_REF says it, else "given binary".
golabel=${GO_HTTPBIN_REF:-given binary}
GO_HTTPBIN_SRC=${GO_HTTPBIN_SRC:-/work/.mirror/mccutchen+go-httpbin/repo}
GO_HTTPBIN_REF=${GO_HTTPBIN_REF:-v2.20.0}
gonote=""
if [ -z "$GO_HTTPBIN" ] && [ -d "$GO_HTTPBIN_SRC" ] && command -v go >/dev/null; then
  src="$out/go-httpbin-$GO_HTTPBIN_REF"
  rm -rf "$src" && mkdir -p "$src"
  git -C "$GO_HTTPBIN_SRC" archive "$GO_HTTPBIN_REF" | tar -x -C "$src"
  if (cd "$src" && GOPROXY=off GOTOOLCHAIN=local go build -o "$out/go-httpbin" ./cmd/go-httpbin) 2>"$out/go-httpbin-build.log"; then
    GO_HTTPBIN="$out/go-httpbin"
    golabel=$GO_HTTPBIN_REF
  else
    gonote="go-httpbin $GO_HTTPBIN_REF does not build with $(go version | awk '{print $3}'): $(tail -1 "$out/go-httpbin-build.log")"
    echo "$gonote" >&2
  fi
fi

pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

names=() ports=() spids=()
"$BASE" 127.0.0.1:8192 & pids+=($!); names+=("bare hyper (ceiling)") ports+=(8192) spids+=($!)
"$HS" serve --addr 127.0.0.1:8191 2>/dev/null & pids+=($!); names+=("httpstatus, log text → /dev/null") ports+=(8191) spids+=($!)
"$HS" serve --addr 127.0.0.1:8193 2> >(cat >/dev/null) & pids+=($!); names+=("httpstatus, log text → pipe") ports+=(8193) spids+=($!)
"$HS" serve --addr 127.0.0.1:8194 --log-format off 2>/dev/null & pids+=($!); names+=("httpstatus, --log-format off") ports+=(8194) spids+=($!)
if [ -n "${HS_BEFORE:-}" ]; then
  "$HS_BEFORE" serve --addr 127.0.0.1:8195 2>/dev/null & pids+=($!); names+=("httpstatus before, log text → /dev/null") ports+=(8195) spids+=($!)
fi
if [ -n "$GO_HTTPBIN" ]; then
  # go-httpbin logs every request to stdout by default, as httpstatus does to stderr.
  "$GO_HTTPBIN" -host 127.0.0.1 -port 8196 >/dev/null 2>&1 & pids+=($!); names+=("go-httpbin ($golabel, logs on)") ports+=(8196) spids+=($!)
fi
for port in "${ports[@]}"; do
  for _ in $(seq 200); do curl -s -o /dev/null "http://127.0.0.1:$port/status/418" && break; sleep 0.1; done
done

rss_mb() { awk '/VmRSS/{printf "%.1f", $2/1024}' /proc/"$1"/status 2>/dev/null || echo "?"; }
ms() { # wrk latency (us, ms, s) in ms
  awk -v v="$1" 'BEGIN{ n=v+0; if (v ~ /us$/) n/=1000; else if (v ~ /ms$/) n=n; else if (v ~ /s$/) n*=1000; printf "%.2f", n }'
}

declare -A rps p99 rss
{
  echo "Run: $(date -u +%FT%TZ) on $(nproc) cores; load before: $(cut -d' ' -f1-3 /proc/loadavg);" \
    "wrk -t$THREADS -c$CONNS -d$DURATION --latency /status/418; $ROUNDS rounds"
  [ -n "$gonote" ] && echo && echo "$gonote"
  echo
  echo "| round | server | req/s | p50 ms | p99 ms | RSS after | vs. ceiling | wrk notes |"
  echo "|---|---|---:|---:|---:|---:|---:|---|"
  for r in $(seq "$ROUNDS"); do
    base=""
    for i in "${!names[@]}"; do
      res=$(wrk -t"$THREADS" -c"$CONNS" -d"$DURATION" --latency "http://127.0.0.1:${ports[$i]}/status/418")
      v=$(awk '/Requests\/sec/{print $2}' <<<"$res")
      p50=$(ms "$(awk '$1=="50%"{print $2}' <<<"$res")")
      q=$(ms "$(awk '$1=="99%"{print $2}' <<<"$res")")
      m=$(rss_mb "${spids[$i]}")
      errs=$(awk '/Socket errors/{printf "%s ", $0}' <<<"$res")
      [ "$i" = 0 ] && base=$v
      ratio=$(awk -v a="$v" -v b="$base" 'BEGIN{printf "%.0f %%", 100*a/b}')
      rps[$i]+="$v " p99[$i]+="$q " rss[$i]="$m"
      echo "| $r | ${names[$i]} | ${v%.*} | $p50 | $q | $m MB | $ratio | ${errs:-none} |"
    done
  done
  median() { tr ' ' '\n' | grep . | sort -g | awk '{a[NR]=$1} END{print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
  echo
  echo "| server | median req/s | vs. ceiling (median) | worst p99 ms | RSS after last round |"
  echo "|---|---:|---:|---:|---:|"
  b=$(median <<<"${rps[0]}")
  for i in "${!names[@]}"; do
    v=$(median <<<"${rps[$i]}")
    worst=$(tr ' ' '\n' <<<"${p99[$i]}" | grep . | sort -g | tail -1)
    echo "| ${names[$i]} | ${v%.*} | $(awk -v a="$v" -v b="$b" 'BEGIN{printf "%.0f %%", 100*a/b}') | $worst | ${rss[$i]} MB |"
  done
  echo
  echo "Load after: $(cut -d' ' -f1-3 /proc/loadavg)"
  if [ -n "$GO_HTTPBIN" ]; then
    echo "httpstatus (log text → /dev/null) vs. go-httpbin, median req/s:" \
      "$(awk -v a="$(median <<<"${rps[1]}")" -v b="$(median <<<"${rps[$((${#names[@]} - 1))]}")" 'BEGIN{printf "%.2f×", a/b}')"
  fi
} | tee "$out/log-overhead.md"
