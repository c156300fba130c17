#!/usr/bin/env bash
# How fast can a JSON-lines log be read at all? For each generated JSON log: `httpstatus logs` on
# one thread, the time issue 17 allows it (the combined log's time / 0.7, the same traffic as
# NCSA), the time `dd` takes to read the file, and the time the JSON parsers of the Rust
# ecosystem take only to check its lines, in memory, keeping nothing (bench/json-peers:
# serde_json, sonic-rs, simd-json). In one run.
#
#   bash bench/logs/json-peers.sh                 # 128 MiB a format
#   SIZE=33554432 RUNS=5 bash bench/logs/json-peers.sh
#   HTTPSTATUS_BIN=/path/to/httpstatus bash bench/logs/json-peers.sh
#
# Needs: hyperfine, and the crates of bench/json-peers (fetched by cargo on first build).
set -euo pipefail
cd "$(dirname "$0")/../.."

SIZE=${SIZE:-134217728}
RUNS=${RUNS:-10}
OUT=bench/out/formats-generated
TARGET=${CARGO_TARGET_DIR:-target}
BIN=${HTTPSTATUS_BIN:-$TARGET/release/httpstatus}
KINDS=${KINDS:-"nginx-json traefik gclb azure-frontdoor azure-appgw cloudflare caddy-compose"}
command -v hyperfine >/dev/null || { echo "missing hyperfine: apt-get install -y hyperfine" >&2; exit 2; }
[ -n "${HTTPSTATUS_BIN:-}" ] || cargo build --release --quiet -p httpstatus
cargo build --release --quiet -p httpstatus-logs --example genlog
CARGO_TARGET_DIR=$TARGET/json-peers cargo build --release --quiet --manifest-path bench/json-peers/Cargo.toml
PEERS=$TARGET/json-peers/release/json-peers
mkdir -p "$OUT"
for kind in combined $KINDS; do
  # The size is part of the name check: a file of another SIZE is written again.
  file=$OUT/$kind.log
  if [ ! -s "$file" ] || [ "$(stat -c %s "$file")" -lt $((SIZE * 9 / 10)) ] || [ "$(stat -c %s "$file")" -gt $((SIZE * 11 / 10)) ]; then
    "$TARGET/release/examples/genlog" "$kind" "$SIZE" 42 >"$file" 2>/dev/null
  fi
done
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg); $("$BIN" --version)" >&2

# Median seconds of a hyperfine run of one command.
median() {
  hyperfine -N --warmup 2 --runs "$RUNS" --export-json "$OUT/peers.json" "$1" >/dev/null 2>&1
  python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["results"][0]["median"])' "$OUT/peers.json"
}
ms() { python3 -c 'import sys; print(f"{float(sys.argv[1])*1000:.1f}")' "$1"; }

cat "$OUT"/*.log >/dev/null
combined=$(median "$BIN logs -j 1 --json $OUT/combined.log")
target=$(python3 -c 'import sys; print(float(sys.argv[1]) / 0.7)' "$combined")
echo "combined: $(ms "$combined") ms; 70 % of its speed: $(ms "$target") ms" >&2
echo "| format | httpstatus, 1 thread | 70 % target | \`dd\` (read only) | serde_json check | sonic-rs check | simd-json check | best check + \`dd\` |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|"
for kind in $KINDS; do
  file=$OUT/$kind.log
  ours=$(median "$BIN logs -j 1 --json $file")
  dd=$(median "dd if=$file of=/dev/null bs=1M status=none")
  peers=$("$PEERS" "$file" "$RUNS")
  # Every line must be accepted by every parser, or the row says so.
  bad=$(awk -F'\t' '$3 != $4 {print $1}' <<<"$peers" | paste -sd, -)
  get() { awk -F'\t' -v n="$1" '$1 == n {print $2}' <<<"$peers"; }
  serde=$(get "serde_json IgnoredAny") sonic=$(get "sonic-rs IgnoredAny") simd=$(get "simd-json tape")
  best=$(python3 -c 'import sys; print(f"{min(map(float, sys.argv[1:4])) + float(sys.argv[4])*1000:.1f}")' \
    "$serde" "$sonic" "$simd" "$dd")
  echo "| $kind${bad:+ (rejected lines: $bad)} | $(ms "$ours") ms | $(ms "$target") ms | $(ms "$dd") ms | $serde ms | $sonic ms | $simd ms | $best ms |"
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
