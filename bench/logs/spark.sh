#!/usr/bin/env bash
# `httpstatus logs` on Apache Spark in local mode (bench/logs/spark_merge.py): rdd.pipe through
# the release binary, partials reduced by `httpstatus logs merge`, result checked against one run.
#
#   bash bench/logs/spark.sh                    # 1 GiB generated combined log, 16 partitions
#   SIZE=268435456 PARTITIONS=8 bash bench/logs/spark.sh
#
# Needs: java (Debian's openjdk-17-jre-headless), python3 with venv; pyspark is installed from PyPI
# into bench/out/spark-venv (or VENV=...). Not run in CI.
set -euo pipefail
cd "$(dirname "$0")/../.."

SIZE=${SIZE:-1073741824}
PARTITIONS=${PARTITIONS:-16}
MASTER=${MASTER:-local[2]}
OUT=bench/out/logs
TARGET=${CARGO_TARGET_DIR:-target}
BIN=${HTTPSTATUS_BIN:-$TARGET/release/httpstatus}
VENV=${VENV:-bench/out/spark-venv}
mkdir -p "$OUT"

command -v java >/dev/null || { echo "missing java: apt-get install -y openjdk-17-jre-headless" >&2; exit 2; }
if [ ! -x "$VENV/bin/python" ]; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet pyspark
fi
if [ -z "${HTTPSTATUS_BIN:-}" ]; then
  cargo build --release --quiet -p httpstatus
fi
cargo build --release --quiet -p httpstatus-logs --example genlog
LOG=${LOG:-$OUT/combined.log}
[ -s "$LOG" ] || "$TARGET/release/examples/genlog" combined "$SIZE" 42 >"$LOG"

echo "java: $(java -version 2>&1 | head -1); pyspark $("$VENV/bin/python" -c 'import pyspark; print(pyspark.__version__)'); $("$BIN" --version)" >&2
echo "log: $(stat -c %s "$LOG") bytes; load before: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
PYSPARK_PYTHON="$VENV/bin/python" "$VENV/bin/python" bench/logs/spark_merge.py "$(realpath "$BIN")" "$(realpath "$LOG")" "$PARTITIONS" "$MASTER"
