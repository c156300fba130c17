#!/usr/bin/env bash
# Runs the fuzz targets, each for a given time, two at a time (one per core here).
#
#   bash fuzz/run.sh                    # every target, 600 s each
#   bash fuzz/run.sh 60 logs_w3c query  # these two, 60 s each
#
# Needs cargo-fuzz (`cargo install cargo-fuzz`); the stable toolchain builds the targets with
# RUSTC_BOOTSTRAP=1, since sanitizer flags are nightly-only. New corpus entries go to
# fuzz/work/<target> (not committed), seeded from the committed fuzz/corpus/<target>; crashes go to
# fuzz/artifacts/<target>, and each run's libFuzzer output to fuzz/logs/<target>.log.
# JOBS=1 runs one target at a time. Exit status: 0 when no target found anything.
set -euo pipefail
cd "$(dirname "$0")"
export RUSTC_BOOTSTRAP=1
seconds=${1:-600}
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    mapfile -t targets < <(cargo fuzz list)
fi
jobs=${JOBS:-2}
# Stopping the script stops every fuzzer it started.
trap 'trap - INT TERM; kill 0' INT TERM
cargo fuzz build -O >&2
mkdir -p work logs artifacts

run_one() {
    local t=$1 seconds=$2 max_len=4096
    case $t in query | search) max_len=256 ;; esac
    mkdir -p "work/$t" "artifacts/$t"
    local status=0
    cargo fuzz run -O "$t" "work/$t" "corpus/$t" -- \
        -max_total_time="$seconds" -max_len="$max_len" -timeout=10 -rss_limit_mb=2048 \
        -print_final_stats=1 >"logs/$t.log" 2>&1 || status=$?
    local runs execs cov
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "logs/$t.log" | grep -o '[0-9]*$' || echo '?')
    execs=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "logs/$t.log" | grep -o '[0-9]*$' || echo '?')
    cov=$(grep -o 'cov: [0-9]*' "logs/$t.log" | tail -1 | grep -o '[0-9]*' || echo '?')
    local verdict=clean
    [ "$status" -eq 0 ] || verdict="FOUND SOMETHING (exit $status): see fuzz/logs/$t.log and fuzz/artifacts/$t"
    printf '%-16s %5ss  %10s runs  %6s exec/s  cov %5s  corpus %5s  %s\n' \
        "$t" "$seconds" "$runs" "$execs" "$cov" "$(find "work/$t" -type f | wc -l)" "$verdict"
    [ "$status" -eq 0 ]
}
export -f run_one

printf '%s\n' "${targets[@]}" | xargs -P "$jobs" -I{} bash -c 'run_one "$@"' _ {} "$seconds"
