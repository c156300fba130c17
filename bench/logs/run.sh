#!/usr/bin/env bash
# Benchmark of `httpstatus logs` against `wc -l` (the ceiling), an awk | sort | uniq -c pipeline and
# GoAccess, on a 1 GiB NCSA combined log and a 1 GiB IIS W3C log written by a seeded generator.
#
#   bench/logs/run.sh            # build, generate (if missing), measure, print a Markdown report
#   KEEP=1 bench/logs/run.sh     # keep the generated logs in bench/out/ afterwards
#   SIZE=268435456 bench/logs/run.sh   # smaller logs for a quick look
#
# Needs: hyperfine, goaccess, GNU time (apt-get install -y hyperfine goaccess time), python3.
# Takes about 10 minutes on 2 cores. Files go to bench/out/ (gitignored) and are deleted at the
# end unless KEEP=1.
set -euo pipefail
cd "$(dirname "$0")/../.."

SIZE=${SIZE:-1073741824}
OUT=bench/out/logs
TARGET=${CARGO_TARGET_DIR:-target}
BIN=${HTTPSTATUS_BIN:-$TARGET/release/httpstatus}
GEN=$TARGET/release/examples/genlog
mkdir -p "$OUT"

for tool in hyperfine goaccess /usr/bin/time python3; do
  command -v "$tool" >/dev/null || { echo "missing $tool: apt-get install -y hyperfine goaccess time python3" >&2; exit 2; }
done

echo "== build (release)" >&2
if [ -z "${HTTPSTATUS_BIN:-}" ]; then
  cargo build --release --quiet -p httpstatus
fi
cargo build --release --quiet -p httpstatus-logs --example genlog

COMBINED=$OUT/combined.log
W3C=$OUT/w3c.log
[ -s "$COMBINED" ] || { echo "== generate $COMBINED" >&2; "$GEN" combined "$SIZE" 42 >"$COMBINED"; }
[ -s "$W3C" ] || { echo "== generate $W3C" >&2; "$GEN" w3c "$SIZE" 43 >"$W3C"; }

{
  echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -sr)"
  echo "cpu: $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)"
  echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "tools: $(hyperfine --version), $(goaccess --version | head -1), mawk $(dpkg-query -W -f='${Version}' mawk 2>/dev/null || echo '?'), $("$BIN" --version)"
  echo "files: combined $(stat -c %s "$COMBINED") bytes, $(LC_ALL=C wc -l <"$COMBINED") lines; w3c $(stat -c %s "$W3C") bytes, $(LC_ALL=C wc -l <"$W3C") lines"
} >"$OUT/env.txt"
cat "$OUT/env.txt" >&2

# Warm the page cache so every tool reads from memory.
cat "$COMBINED" "$W3C" >/dev/null

# Control: how much parallel capacity the machine really has. Two sha256sum at once should take
# as long as one on two free cores; on a shared VM it can take twice as long.
head -c 300000000 "$COMBINED" >"$OUT/control.bin"
one=$( { /usr/bin/time -f %e sha256sum "$OUT/control.bin" >/dev/null; } 2>&1 )
two=$( { /usr/bin/time -f %e sh -c "sha256sum $OUT/control.bin >/dev/null & sha256sum $OUT/control.bin >/dev/null; wait"; } 2>&1 )
rm -f "$OUT/control.bin"
echo "parallel control: one sha256sum of 300 MB ${one}s, two at once ${two}s (2 free cores: about the same)" >>"$OUT/env.txt"

bench() { # name file status_field goaccess_format
  local name=$1 file=$2 field=$3 gaformat=$4
  local awkprog="{print \$$field}"
  [ "$name" = w3c ] && awkprog="!/^#/ {print \$$field}"
  echo "== $name" >&2
  hyperfine --warmup 1 --runs 5 --export-json "$OUT/$name-fast.json" \
    -n "wc -l" "LC_ALL=C wc -l $file" \
    -n "httpstatus logs (1 thread)" "RAYON_NUM_THREADS=1 $BIN logs --json $file >/dev/null" \
    -n "httpstatus logs (2 threads)" "RAYON_NUM_THREADS=2 $BIN logs --json $file >/dev/null" >&2
  hyperfine --runs 2 --export-json "$OUT/$name-awk.json" \
    -n "awk | sort | uniq -c" "LC_ALL=C awk '$awkprog' $file | LC_ALL=C sort | uniq -c >/dev/null" >&2
  hyperfine --runs 1 --export-json "$OUT/$name-goaccess.json" \
    -n "goaccess" "goaccess $file --log-format=$gaformat --no-global-config -o $OUT/goaccess-$name.json" >&2
  # Peak memory, one run each.
  for cmd in "RAYON_NUM_THREADS=1 $BIN logs --json $file" "RAYON_NUM_THREADS=2 $BIN logs --json $file" \
             "goaccess $file --log-format=$gaformat --no-global-config -o $OUT/goaccess-$name.json"; do
    /usr/bin/time -f "%M" -o "$OUT/rss.tmp" env $cmd >/dev/null 2>&1 || true
    echo "$name	$cmd	$(cat "$OUT/rss.tmp")" >>"$OUT/rss.tsv"
  done
}

rm -f "$OUT/rss.tsv"
bench combined "$COMBINED" 9 COMBINED
bench w3c "$W3C" 12 W3C

python3 - "$OUT" "$SIZE" <<'EOF'
import json, sys, os
out, size = sys.argv[1], int(sys.argv[2])
rss = {}
for line in open(os.path.join(out, "rss.tsv")):
    name, cmd, kb = line.rstrip("\n").split("\t")
    key = "goaccess" if cmd.startswith("goaccess") else ("httpstatus logs (2 threads)" if "THREADS=2" in cmd else "httpstatus logs (1 thread)")
    rss[(name, key)] = int(kb) if kb.isdigit() else None
print(open(os.path.join(out, "env.txt")).read())
for name in ["combined", "w3c"]:
    rows = []
    for part in ["fast", "awk", "goaccess"]:
        for r in json.load(open(os.path.join(out, f"{name}-{part}.json")))["results"]:
            rows.append((r["command"], r["mean"], r["stddev"] or 0.0))
    t = {c: m for c, m, _ in rows}
    one = t["httpstatus logs (1 thread)"]
    print(f"### {name} ({size / 2**30:.2f} GiB)\n")
    print("| command | mean s | ± s | GB/s | vs httpstatus 1 thread | peak RSS MB |")
    print("|---|---:|---:|---:|---:|---:|")
    for c, m, sd in rows:
        r = rss.get((name, c))
        print(f"| {c.replace('|', chr(92) + '|')} | {m:.2f} | {sd:.2f} | {size / 1e9 / m:.2f} | {m / one:.2f}× | {'' if r is None else f'{r / 1024:.0f}'} |")
    print()
    print(f"- 2 threads vs 1: {one / t['httpstatus logs (2 threads)']:.2f}×")
    print(f"- awk pipeline / httpstatus (1 thread): {t['awk | sort | uniq -c'] / one:.1f}×")
    print(f"- GoAccess / httpstatus (1 thread): {t['goaccess'] / one:.0f}×")
    print(f"- httpstatus (1 thread) / wc -l: {one / t['wc -l']:.1f}×\n")
EOF
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"

if [ -z "${KEEP:-}" ]; then
  rm -f "$COMBINED" "$W3C" "$OUT"/goaccess-*.json
fi
