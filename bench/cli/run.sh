#!/usr/bin/env bash
# Cold start of a CLI lookup against the interpreter baseline, in one hyperfine run.
#   bash bench/cli/run.sh     (needs hyperfine: apt-get install hyperfine)
set -euo pipefail
cd "$(dirname "$0")/../.."
cargo build --release -q -p httpstatus
mkdir -p bench/out
hyperfine -N --warmup 20 --runs 200 --export-markdown bench/out/cli.md \
  "target/release/httpstatus 404" \
  "target/release/httpstatus --json 403.14" \
  "target/release/httpstatus too many requests" \
  "python3 -c 'import http; print(http.HTTPStatus(404).phrase)'"
cat bench/out/cli.md
