#!/usr/bin/env bash
# Instructions per line of `httpstatus logs`, one thread, counted by valgrind (callgrind): the
# count repeats to a fraction of a percent whatever else the machine runs, unlike wall-clock
# times on a shared machine. Inputs of about MB megabytes each (default 20): the short and long
# combined lines and the IIS W3C lines of bench/logs/shapes.sh (same generator, same seeds), and
# the cloud, CDN, proxy and JSON formats, each a fixture of crates/logs/tests/data repeated
# (directives once, then the data lines, as bench/logs/formats.sh does). Each report is also
# checked to be byte-identical between the two builds when BEFORE is given.
#
#   bash bench/logs/instructions.sh                                 # this checkout's release build
#   BEFORE=/path/to/old/httpstatus bash bench/logs/instructions.sh  # and an older build, with the change
#   HTTPSTATUS_BIN=/path/to/httpstatus MB=5 bash bench/logs/instructions.sh
#   FORMATS=all bash bench/logs/instructions.sh                     # every format, per byte vs combined
#   FORMATS="combined alb s3" bash bench/logs/instructions.sh       # a chosen list
#   FORMATS=generated bash bench/logs/instructions.sh               # every format, same traffic
#
# FORMATS is a list of inputs (default `short combined w3c alb`; `all` is combined, short, w3c and
# every fixture format below; `generated` is combined and every `gen-KIND` input). A fixture is
# mostly error lines (6 in 8 for Envoy), which cost more than the 2xx lines that make most of a
# real log: `gen-KIND` is instead the generated combined log's traffic (the same statuses, paths,
# clients and times, about one line in seven an error) written in format KIND by `genlog`.
# Besides instructions per line, the table gives instructions per byte and their ratio to the long
# combined lines' (`combined`, counted too when not listed): 1.43x per byte is 70 % of the combined speed.
#
# Counted: the whole process (start-up and the report are about 1.2 M instructions, a few per
# line at 20 MB). Needs valgrind. Files go to bench/out/instr (kept: delete them yourself).
set -euo pipefail
cd "$(dirname "$0")/../.."

MB=${MB:-20}
OUT=bench/out/instr
TARGET=${CARGO_TARGET_DIR:-target}
BIN=${HTTPSTATUS_BIN:-$TARGET/release/httpstatus}
GEN=$TARGET/release/examples/genlog
DATA=crates/logs/tests/data
mkdir -p "$OUT"
command -v valgrind >/dev/null || { echo "missing valgrind: apt-get install -y valgrind" >&2; exit 2; }
[ -n "${HTTPSTATUS_BIN:-}" ] || cargo build --release --quiet -p httpstatus
# Always built: an older genlog may lack a kind (it is quick when up to date).
cargo build --release --quiet -p httpstatus-logs --example genlog
bytes=$((MB * 1000000))

# The same generator arguments as bench/logs/shapes.sh, cut with `head -c` as in BENCHMARKS.md
# (the last line is usually cut short: one malformed line).
gen() { # kind seed file
  [ -s "$3" ] || { "$GEN" "$1" $((bytes + 1000000)) "$2" 2>/dev/null || true; } | head -c "$bytes" >"$3"
}
gen short 44 "$OUT/short.log"
gen combined 42 "$OUT/combined.log"
gen w3c 43 "$OUT/w3c.log"

# name:fixture of every format read from a fixture repeated.
FIXTURES="alb:alb.log elb:elb.log nlb:nlb.log cloudfront:cloudfront.log s3:s3.log
haproxy:haproxy.log envoy:envoy.log ingress-nginx:ingress_nginx.log traefik:traefik.json
gclb:gclb.json azure-frontdoor:azure_frontdoor.json azure-appgw:azure_appgw.json
cloudflare:cloudflare.json caddy-compose:caddy_compose.log varnish:varnish.log json:json.log"
GENERATED="alb elb cloudfront s3 haproxy envoy ingress-nginx varnish traefik gclb azure-frontdoor
azure-appgw cloudflare caddy-compose nginx-json"
case "${FORMATS:-short combined w3c alb}" in
  generated) list="combined $(for k in $GENERATED; do printf 'gen-%s ' "$k"; done)" ;;
  all) list="combined short w3c $(for p in $FIXTURES; do printf '%s ' "${p%%:*}"; done)" ;;
  *) list=${FORMATS:-short combined w3c alb} ;;
esac
# combined first: the others' cost per byte is divided by its own.
list="combined $(for n in $list; do [ "$n" = combined ] || printf '%s ' "$n"; done)"

fixture() { # name -> fixture file name, or nothing for a generated input
  for p in $FIXTURES; do [ "${p%%:*}" = "$1" ] && echo "${p#*:}"; done
  return 0
}
for name in $list; do
  src=$(fixture "$name")
  case "$name" in
    short | combined | w3c) continue ;;
    gen-*) gen "${name#gen-}" 42 "$OUT/$name.log" && continue ;;
  esac
  [ -n "$src" ] || { echo "unknown input $name: see FIXTURES in $0" >&2; exit 2; }
  file=$OUT/$name.log
  [ -s "$file" ] && continue
  # Directives once (CloudFront's #Fields), then the data lines repeated up to the size.
  grep '^#' "$DATA/$src" >"$file" || true
  body=$(grep -v '^#' "$DATA/$src")
  for _ in $(seq 1 64); do printf '%s\n' "$body"; done >"$OUT/chunk.tmp"
  while [ "$(stat -c %s "$file")" -lt "$bytes" ]; do cat "$OUT/chunk.tmp" >>"$file"; done
  rm -f "$OUT/chunk.tmp"
done

count() { # binary file -> instructions
  local cg
  cg=$(mktemp "$OUT/callgrind.XXXXXX") # one file a count: runs side by side do not mix
  RAYON_NUM_THREADS=1 valgrind --tool=callgrind --callgrind-out-file="$cg" \
    "$1" logs --json "$2" >/dev/null 2>&1
  awk '/^summary:/{print $2}' "$cg"
  rm -f "$cg"
}

echo "# Instructions per line, one thread, ${MB} MB per input (bench/logs/instructions.sh)"
echo
if [ -n "${BEFORE:-}" ]; then
  echo "| input | lines | bytes / line | before (instr.) | after (instr.) | before / line | after / line | change | before / byte | after / byte | per byte vs combined, before → after | reports |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"
else
  echo "| input | lines | bytes / line | instructions | per line | per byte | per byte vs combined |"
  echo "|---|---:|---:|---:|---:|---:|---:|"
fi
cb_after='' cb_before=''
for shape in $list; do
  file=$OUT/$shape.log
  lines=$(grep -c '' "$file")
  size=$(stat -c %s "$file")
  after=$(count "$BIN" "$file")
  [ "$shape" = combined ] && cb_after=$(awk -v a="$after" -v s="$size" 'BEGIN { print a / s }')
  if [ -n "${BEFORE:-}" ]; then
    before=$(count "$BEFORE" "$file")
    [ "$shape" = combined ] && cb_before=$(awk -v a="$before" -v s="$size" 'BEGIN { print a / s }')
    same=identical
    cmp -s <(RAYON_NUM_THREADS=1 "$BEFORE" logs --json "$file") \
      <(RAYON_NUM_THREADS=1 "$BIN" logs --json "$file") || same=DIFFERENT
    awk -v s="$shape" -v l="$lines" -v z="$size" -v b="$before" -v a="$after" -v same="$same" \
      -v cb="$cb_before" -v ca="$cb_after" 'BEGIN {
      printf "| %s | %d | %.0f | %.1f M | %.1f M | %d | %d | %+.1f %% | %.2f | %.2f | %.2fx → %.2fx | %s |\n",
        s, l, z / l, b / 1e6, a / 1e6, b / l, a / l, (a - b) * 100 / b, b / z, a / z,
        b / z / cb, a / z / ca, same }'
  else
    awk -v s="$shape" -v l="$lines" -v z="$size" -v a="$after" -v ca="$cb_after" 'BEGIN {
      printf "| %s | %d | %.0f | %.1f M | %d | %.2f | %.2fx |\n",
        s, l, z / l, a / 1e6, a / l, a / z, a / z / ca }'
  fi
done
