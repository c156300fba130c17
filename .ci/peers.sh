#!/usr/bin/env bash
# The peer implementations that differential tests compare the test server against, in
# target/peers/ (never committed). Idempotent: a peer already installed at its pinned version is
# left alone. Needs python3 (with venv and pip) and PyPI.
#   httpbin: target/peers/httpbin/bin/python, a virtualenv with httpbin and gunicorn; the tests
#   find it through httpstatus_testkit::httpbin_python (or $HTTPSTATUS_HTTPBIN_PYTHON).
set -euo pipefail
cd "$(dirname "$0")/.."

httpbin_version=0.10.4
gunicorn_version=27.0.1
venv=target/peers/httpbin

installed() {
  "$venv/bin/python" - "$httpbin_version" "$gunicorn_version" <<'PY' 2>/dev/null
import importlib.metadata as m, sys
sys.exit(0 if (m.version("httpbin"), m.version("gunicorn")) == tuple(sys.argv[1:3]) else 1)
PY
}

if [ -x "$venv/bin/python" ] && installed; then
  echo "httpbin $httpbin_version with gunicorn $gunicorn_version: already in $venv"
  exit 0
fi
echo "httpbin $httpbin_version with gunicorn $gunicorn_version: installing into $venv"
mkdir -p "$(dirname "$venv")"
python3 -m venv --clear "$venv"
"$venv/bin/pip" install -q --disable-pip-version-check "httpbin==$httpbin_version" "gunicorn==$gunicorn_version"
installed || { echo "peers.sh: $venv does not have httpbin $httpbin_version and gunicorn $gunicorn_version" >&2; exit 1; }
