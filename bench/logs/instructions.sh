#!/usr/bin/env bash
# Instructions per line of `httpstatus logs`, one thread, counted by valgrind (callgrind): the
# count repeats to a fraction of a percent whatever else the machine runs, unlike wall-clock
# times on a shared machine. Four inputs of MB megabytes each (default 20): the short and long
# combined lines and the IIS W3C lines of bench/logs/shapes.sh (same generator, same seeds), and
# AWS ALB lines (crates/logs/tests/data/alb.log repeated, as bench/logs/formats.sh does). Each
# report is also checked to be byte-identical between the two builds when BEFORE is given.
#
#   bash bench/logs/instructions.sh                                 # this checkout's release build
#   BEFORE=/path/to/old/httpstatus bash bench/logs/instructions.sh  # and an older build, with the change
#   HTTPSTATUS_BIN=/path/to/httpstatus MB=5 bash bench/logs/instructions.sh
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
[ -x "$GEN" ] || cargo build --release --quiet -p httpstatus-logs --example genlog
bytes=$((MB * 1000000))

# The same generator arguments as bench/logs/shapes.sh, cut with `head -c` as in BENCHMARKS.md
# (the last line is usually cut short: one malformed line).
gen() { # kind seed file
  [ -s "$3" ] || { "$GEN" "$1" $((bytes + 1000000)) "$2" 2>/dev/null || true; } | head -c "$bytes" >"$3"
}
gen short 44 "$OUT/short.log"
gen combined 42 "$OUT/combined.log"
gen w3c 43 "$OUT/w3c.log"
if [ ! -s "$OUT/alb.log" ]; then
  body=$(grep -v '^#' "$DATA/alb.log")
  for _ in $(seq 1 64); do printf '%s\n' "$body"; done >"$OUT/chunk.tmp"
  : >"$OUT/alb.log"
  while [ "$(stat -c %s "$OUT/alb.log")" -lt "$bytes" ]; do cat "$OUT/chunk.tmp" >>"$OUT/alb.log"; done
  rm -f "$OUT/chunk.tmp"
fi

count() { # binary file -> instructions
  local cg="$OUT/callgrind.out"
  RAYON_NUM_THREADS=1 valgrind --tool=callgrind --callgrind-out-file="$cg" \
    "$1" logs --json "$2" >/dev/null 2>&1
  awk '/^summary:/{print $2}' "$cg"
}

echo "# Instructions per line, one thread, ${MB} MB per input (bench/logs/instructions.sh)"
echo
if [ -n "${BEFORE:-}" ]; then
  echo "| input | lines | before (instr.) | after (instr.) | before / line | after / line | change | reports |"
  echo "|---|---:|---:|---:|---:|---:|---:|---|"
else
  echo "| input | lines | instructions | per line |"
  echo "|---|---:|---:|---:|"
fi
for shape in short combined w3c alb; do
  file=$OUT/$shape.log
  lines=$(grep -c '' "$file")
  after=$(count "$BIN" "$file")
  if [ -n "${BEFORE:-}" ]; then
    before=$(count "$BEFORE" "$file")
    same=identical
    cmp -s <(RAYON_NUM_THREADS=1 "$BEFORE" logs --json "$file") \
      <(RAYON_NUM_THREADS=1 "$BIN" logs --json "$file") || same=DIFFERENT
    awk -v s="$shape" -v l="$lines" -v b="$before" -v a="$after" -v same="$same" 'BEGIN {
      printf "| %s | %d | %.1f M | %.1f M | %d | %d | %+.1f %% | %s |\n",
        s, l, b / 1e6, a / 1e6, b / l, a / l, (a - b) * 100 / b, same }'
  else
    awk -v s="$shape" -v l="$lines" -v a="$after" 'BEGIN {
      printf "| %s | %d | %.1f M | %d |\n", s, l, a / 1e6, a / l }'
  fi
done
