#!/usr/bin/env bash
# Checks that two builds of httpstatus give byte-identical `logs` reports: every fixture of
# crates/logs/tests/data, every shared sample under /work/shared/samples (or $SAMPLES), and every
# input bench/logs/instructions.sh made (bench/out/instr/*.log), each with `--json`, the default
# text report and `--json --path /` (the path of every request read, not only of errors), on one
# thread and on two. stdout, stderr and the exit status must all be equal.
#
#   bash bench/logs/same-reports.sh OLD_BINARY NEW_BINARY
#   EXTRA="big.log other.log" bash bench/logs/same-reports.sh OLD NEW   # more inputs
#
# Prints one line per difference and a summary; exits 1 when anything differs.
set -uo pipefail
cd "$(dirname "$0")/../.."
[ $# -eq 2 ] || { echo "usage: $0 OLD_BINARY NEW_BINARY" >&2; exit 2; }
OLD=$1 NEW=$2
SAMPLES=${SAMPLES:-/work/shared/samples}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

inputs=()
for f in crates/logs/tests/data/* "$SAMPLES"/* bench/out/instr/*.log ${EXTRA:-}; do
  [ -f "$f" ] || continue
  case "$f" in *.md) continue ;; esac
  inputs+=("$f")
done

run() { # binary threads out-prefix args...
  local bin=$1 threads=$2 out=$3
  shift 3
  RAYON_NUM_THREADS=$threads "$bin" logs "$@" >"$out.stdout" 2>"$out.stderr"
  echo $? >"$out.rc"
}

checked=0 differ=0
for f in "${inputs[@]}"; do
  for threads in 1 2; do
    for mode in json text paths; do
      case $mode in
        json) args=(--json "$f") ;;
        text) args=("$f") ;;
        paths) args=(--json --path / "$f") ;;
      esac
      run "$OLD" "$threads" "$tmp/old" "${args[@]}"
      run "$NEW" "$threads" "$tmp/new" "${args[@]}"
      checked=$((checked + 1))
      for part in stdout stderr rc; do
        if ! cmp -s "$tmp/old.$part" "$tmp/new.$part"; then
          echo "DIFFERENT ($part): $f, $mode, $threads thread(s)"
          differ=$((differ + 1))
          break
        fi
      done
    done
  done
done
echo "$checked reports compared over ${#inputs[@]} inputs: $differ different"
[ "$differ" -eq 0 ]
