#!/usr/bin/env bash
# One thread and two threads of `httpstatus logs` against `awk | sort | uniq -c`, in one run, on
# three line shapes: short combined lines (about 150 bytes: short user agent, `-` referer, seven
# paths), the long combined lines and the IIS W3C lines of bench/logs/run.sh. Peak RSS of each, and
# the time `dd` takes to read each file without parsing it (the part of any time that is the read).
#
#   bash bench/logs/shapes.sh                 # 300 MB short log, 1 GiB of each of the others
#   SIZE=268435456 bash bench/logs/shapes.sh  # smaller long logs
#   BEFORE=/path/to/old/httpstatus bash bench/logs/shapes.sh   # also time an older build
#
# Needs: hyperfine, GNU time. Files go to bench/out/logs (kept: delete them yourself).
set -euo pipefail
cd "$(dirname "$0")/../.."

SIZE=${SIZE:-1073741824}
SHORT_SIZE=${SHORT_SIZE:-314572800}
RUNS=${RUNS:-5}
OUT=bench/out/logs
TARGET=${CARGO_TARGET_DIR:-target}
BIN=${HTTPSTATUS_BIN:-$TARGET/release/httpstatus}
GEN=$TARGET/release/examples/genlog
mkdir -p "$OUT"
for tool in hyperfine /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "missing $tool: apt-get install -y hyperfine time" >&2; exit 2; }
done
if [ -z "${HTTPSTATUS_BIN:-}" ]; then
  cargo build --release --quiet -p httpstatus
fi
cargo build --release --quiet -p httpstatus-logs --example genlog
[ -s "$OUT/short.log" ] || "$GEN" short "$SHORT_SIZE" 44 >"$OUT/short.log"
[ -s "$OUT/combined.log" ] || "$GEN" combined "$SIZE" 42 >"$OUT/combined.log"
[ -s "$OUT/w3c.log" ] || "$GEN" w3c "$SIZE" 43 >"$OUT/w3c.log"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg); $("$BIN" --version)" >&2

for shape in short combined w3c; do
  file=$OUT/$shape.log
  cat "$file" >/dev/null
  awkprog='{print $9}'
  [ "$shape" = w3c ] && awkprog='!/^#/ {print $12}'
  cmds=(-n "$shape: httpstatus, 1 thread" "RAYON_NUM_THREADS=1 $BIN logs --json $file"
        -n "$shape: httpstatus, 2 threads" "RAYON_NUM_THREADS=2 $BIN logs --json $file")
  if [ -n "${BEFORE:-}" ]; then
    cmds+=(-n "$shape: before, 1 thread" "RAYON_NUM_THREADS=1 $BEFORE logs --json $file")
  fi
  cmds+=(-n "$shape: awk | sort | uniq -c" "LC_ALL=C awk '$awkprog' $file | LC_ALL=C sort | uniq -c")
  # The floor of any reader of the file through read(2), as ours reads it (1 MiB at a time): the
  # kernel's copy out of the page cache, which no parser can go below.
  cmds+=(-n "$shape: reading it, no parse (dd bs=1M)" "dd if=$file of=/dev/null bs=1M status=none")
  hyperfine --warmup 1 --runs "$RUNS" --output=null --export-markdown "$OUT/shapes-$shape.md" "${cmds[@]}" 2>&1 \
    | grep -v '^ *$' >&2 || true
  for t in 1 2; do
    /usr/bin/time -f "%M" -o "$OUT/rss.tmp" env RAYON_NUM_THREADS=$t "$BIN" logs --json "$file" >/dev/null
    echo "$shape: peak RSS, $t thread(s): $(cat "$OUT/rss.tmp") KB" >&2
  done
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
cat "$OUT"/shapes-short.md "$OUT"/shapes-combined.md "$OUT"/shapes-w3c.md
