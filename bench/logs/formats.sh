#!/usr/bin/env bash
# Speed of the cloud, CDN and proxy formats against NCSA combined, one thread each, in one run.
# Each input is a hand-written fixture of crates/logs/tests/data repeated to SIZE bytes (the same
# method for combined), so the lines are real shapes of each format; per-line cost is what differs.
#
#   bench/logs/formats.sh                 # SIZE=134217728 (128 MiB per format)
#   SIZE=33554432 bench/logs/formats.sh   # quicker
#   GENERATED=1 bench/logs/formats.sh     # one generated request stream in every format
#
# The fixtures are mostly error lines (which cost more than the 2xx lines of a real log);
# GENERATED=1 instead writes the generated combined log's traffic (the same statuses, paths,
# clients and times, about one line in ten an error) in each format with `genlog KIND`.
#
# Needs: hyperfine. Prints one Markdown table: seconds, MB/s and the ratio to combined.
set -euo pipefail
cd "$(dirname "$0")/../.."

SIZE=${SIZE:-134217728}
OUT=bench/out/formats
TARGET=${CARGO_TARGET_DIR:-target}
BIN=${HTTPSTATUS_BIN:-$TARGET/release/httpstatus}
DATA=crates/logs/tests/data
mkdir -p "$OUT"
command -v hyperfine >/dev/null || { echo "missing hyperfine: apt-get install -y hyperfine" >&2; exit 2; }
[ -n "${HTTPSTATUS_BIN:-}" ] || cargo build --release --quiet -p httpstatus

# name fixture
FORMATS="combined:combined.log alb:alb.log elb:elb.log nlb:nlb.log cloudfront:cloudfront.log
s3:s3.log haproxy:haproxy.log envoy:envoy.log ingress-nginx:ingress_nginx.log
traefik-json:traefik.json gclb:gclb.json azure-frontdoor:azure_frontdoor.json
azure-appgw:azure_appgw.json cloudflare:cloudflare.json caddy-compose:caddy_compose.log
varnish:varnish.log json:json.log"

if [ -n "${GENERATED:-}" ]; then
  OUT=bench/out/formats-generated
  mkdir -p "$OUT"
  cargo build --release --quiet -p httpstatus-logs --example genlog
  FORMATS="combined alb elb cloudfront s3 haproxy envoy ingress-nginx varnish traefik gclb
azure-frontdoor azure-appgw cloudflare caddy-compose nginx-json"
  for name in $FORMATS; do
    [ -s "$OUT/$name.log" ] || "$TARGET/release/examples/genlog" "$name" "$SIZE" 42 >"$OUT/$name.log" 2>/dev/null
  done
fi

for pair in $FORMATS; do
  [ -n "${GENERATED:-}" ] && break
  name=${pair%%:*} src=$DATA/${pair#*:} file=$OUT/${pair%%:*}.log
  if [ ! -s "$file" ]; then
    # Directives once (CloudFront's #Fields), then the data lines repeated up to SIZE bytes.
    grep '^#' "$src" >"$file" || true
    body=$(grep -v '^#' "$src")
    chunk="$OUT/chunk.tmp"
    for _ in $(seq 1 64); do printf '%s\n' "$body"; done >"$chunk"
    while [ "$(stat -c %s "$file")" -lt "$SIZE" ]; do cat "$chunk" >>"$file"; done
    rm -f "$chunk"
  fi
done
cat "$OUT"/*.log >/dev/null   # warm the page cache

args=()
for pair in $FORMATS; do
  name=${pair%%:*}
  args+=(-n "$name" "RAYON_NUM_THREADS=1 $BIN logs --json $OUT/$name.log >/dev/null")
done
hyperfine --warmup 1 --runs 3 --export-json "$OUT/formats.json" "${args[@]}" >&2

python3 - "$OUT" <<'PY'
import json, os, sys
out = sys.argv[1]
res = {r["command"]: r["mean"] for r in json.load(open(f"{out}/formats.json"))["results"]}
rate = {n: os.path.getsize(f"{out}/{n}.log") / m / 1e6 for n, m in res.items()}
print("| format | lines | s (1 thread) | MB/s | MB/s vs combined |")
print("|---|---:|---:|---:|---:|")
for name, mean in res.items():
    lines = sum(1 for _ in open(f"{out}/{name}.log", "rb"))
    print(f"| {name} | {lines:,} | {mean:.3f} | {rate[name]:.0f} | {rate[name] / rate['combined'] * 100:.0f} % |")
PY
[ -n "${KEEP:-}" ] || rm -rf "$OUT"
