#!/usr/bin/env bash
# Runs the test suite of a real HTTP client that uses httpbin (Python's requests, from PyPI) twice:
# against the real httpbin and against `httpstatus serve`, and fails unless both runs fail exactly
# the same tests (a few need the internet, which this machine does not have). Needs the peer venv
# from .ci/peers.sh and a built `httpstatus` binary (first argument).
#
#   bash .ci/client-suite.sh target/debug/httpstatus
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:?the httpstatus binary}
venv=target/peers/httpbin
work=target/peers/requests-suite
requests_version=2.34.2
py=$venv/bin/python

if [ ! -d "$work/requests-$requests_version" ]; then
  mkdir -p "$work"
  "$venv/bin/pip" download -q --no-binary :all: --no-deps -d "$work" "requests==$requests_version"
  tar -xzf "$work/requests-$requests_version.tar.gz" -C "$work"
  "$venv/bin/pip" install -q pytest==9.2.0 pytest-httpbin==2.1.0 trustme==1.2.1 "$work/requests-$requests_version"
fi

# The suite asks pytest-httpbin for a server; this plugin hands it ours (or httpbin) instead.
mkdir -p "$work/plugin"
cat > "$work/plugin/given_httpbin.py" <<'PY'
import os

import pytest


class _Server:
    def __init__(self, url):
        self.url = url
        self.host, port = url.rsplit("//", 1)[1].split(":")
        self.port = int(port)


@pytest.fixture(scope="session")
def httpbin():
    return _Server(os.environ["GIVEN_HTTPBIN"])


@pytest.fixture(scope="session")
def httpbin_secure():
    pytest.skip("TLS is not part of this comparison")
PY

port_of() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
ours=$(port_of)
peer=$(port_of)
"$bin" serve --addr "127.0.0.1:$ours" --log-format off &
ours_pid=$!
"$py" -m gunicorn --workers 2 --bind "127.0.0.1:$peer" httpbin:app >/dev/null 2>&1 &
peer_pid=$!
trap 'kill $ours_pid $peer_pid 2>/dev/null || true' EXIT
for p in "$ours" "$peer"; do
  for _ in $(seq 1 150); do
    curl -fsS "http://127.0.0.1:$p/get" >/dev/null 2>&1 && break
    sleep 0.2
  done
done

run() {
  (cd "$work/requests-$requests_version" &&
    GIVEN_HTTPBIN="http://127.0.0.1:$1" PYTHONPATH="$PWD/../plugin" \
      "$OLDPWD/$py" -m pytest -q -p no:pytest_httpbin -p given_httpbin tests/test_requests.py 2>&1 || true)
}
run "$peer" > "$work/httpbin.log"
run "$ours" > "$work/ours.log"
grep '^FAILED' "$work/httpbin.log" | sed 's/ - .*//' | sort > "$work/httpbin.failed" || true
grep '^FAILED' "$work/ours.log" | sed 's/ - .*//' | sort > "$work/ours.failed" || true
echo "requests $requests_version test suite: httpbin: $(tail -1 "$work/httpbin.log")"
echo "requests $requests_version test suite: httpstatus: $(tail -1 "$work/ours.log")"
if ! grep -q passed "$work/ours.log"; then
  echo "the suite did not run against httpstatus" >&2
  exit 1
fi
if ! diff -u "$work/httpbin.failed" "$work/ours.failed"; then
  echo "tests that fail against httpstatus but not against httpbin (or the other way round): above" >&2
  exit 1
fi
echo "same results as httpbin"
