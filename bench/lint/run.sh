#!/usr/bin/env bash
# httpstatus lint against Spectral and Redocly CLI on the same real OpenAPI descriptions, in one run.
#
#   bash bench/lint/run.sh            # GitHub's REST API description (13 MB JSON) + the review set
#
# Fetches everything at run time with npm (nothing third-party is committed):
#   @octokit/openapi       GitHub's REST API description (generated/api.github.com.json)
#   @readme/oas-examples   real and example descriptions (USPTO, Train Travel, ReadMe, petstore ...)
#   @stoplight/spectral-cli and @redocly/cli, the two linters we compare with
# Prints wall times (best of $RUNS for httpstatus, one run each for the Node tools), findings per rule,
# and which of our findings the other tools also report (the same operation, the same concern).
# The figures go into BENCHMARKS.md by hand.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
WORK=${WORK:-$ROOT/target/bench-lint}
RUNS=${RUNS:-5}
OCTOKIT=${OCTOKIT:-@octokit/openapi@23}
EXAMPLES=${EXAMPLES:-@readme/oas-examples@8}
SPECTRAL=${SPECTRAL:-@stoplight/spectral-cli@6}
REDOCLY=${REDOCLY:-@redocly/cli@2}
mkdir -p "$WORK"
cd "$WORK"

fetch() { # package dir
    if [ ! -d "$2" ]; then
        rm -rf pack && mkdir pack
        (cd pack && npm pack --silent "$1" >/dev/null && tar xzf ./*.tgz)
        mv pack/package "$2" && rm -rf pack
    fi
}
fetch "$OCTOKIT" octokit
fetch "$EXAMPLES" examples
GITHUB=$WORK/octokit/generated/api.github.com.json
if [ ! -x tools/node_modules/.bin/spectral ] || [ ! -x tools/node_modules/.bin/redocly ]; then
    npm install --silent --no-audit --no-fund --prefix tools "$SPECTRAL" "$REDOCLY" >/dev/null
fi
printf 'extends: ["spectral:oas"]\n' > .spectral.yaml

(cd "$ROOT" && cargo build --release --locked -q -p httpstatus)
BIN=${CARGO_TARGET_DIR:-$ROOT/target}/release/httpstatus

echo "== documents"
ls -l "$GITHUB" | awk '{printf "%s  %.1f MB\n", $NF, $5/1048576}'
echo "httpstatus $($BIN --version)"
echo "spectral $(tools/node_modules/.bin/spectral --version)"
echo "redocly $(tools/node_modules/.bin/redocly --version)"

echo "== time (wall seconds)"
best=""
for _ in $(seq "$RUNS"); do
    s=$(date +%s.%N)
    "$BIN" lint --json "$GITHUB" > ours.json || true
    e=$(date +%s.%N)
    t=$(echo "$e - $s" | bc)
    if [ -z "$best" ] || [ "$(echo "$t < $best" | bc)" = 1 ]; then best=$t; fi
done
echo "httpstatus lint   best of $RUNS: $best"
s=$(date +%s.%N)
tools/node_modules/.bin/spectral lint --ruleset .spectral.yaml -f json -o spectral.json "$GITHUB" >/dev/null 2>&1 || true
e=$(date +%s.%N); echo "spectral lint     $(echo "$e - $s" | bc)"
s=$(date +%s.%N)
NODE_OPTIONS=--max-old-space-size=4096 tools/node_modules/.bin/redocly lint --format=json "$GITHUB" > redocly.json 2>/dev/null || true
e=$(date +%s.%N); echo "redocly lint      $(echo "$e - $s" | bc)"

echo "== findings and overlap"
python3 - ours.json spectral.json redocly.json <<'PY'
import json, sys, collections
ours = json.load(open(sys.argv[1]))
try:
    spectral = json.load(open(sys.argv[2]))
except Exception:
    spectral = []
try:
    redocly = json.load(open(sys.argv[3])).get("problems", [])
except Exception:
    redocly = []

def unescape(t):
    return t.replace("~1", "/").replace("~0", "~")

def op_of_pointer(parts):
    # ["paths", "/repos/{owner}/{repo}", "get", ...] -> ("GET", "/repos/{owner}/{repo}")
    if len(parts) >= 3 and parts[0] == "paths":
        return (parts[2].upper(), parts[1])
    return None

findings = [f for file in ours["files"] for f in file["findings"]]
print("httpstatus:", len(findings), "findings", dict(collections.Counter(f["rule"] for f in findings)))
print("spectral:  ", len(spectral), "findings", dict(collections.Counter(p["code"] for p in spectral).most_common(12)))
print("redocly:   ", len(redocly), "findings", dict(collections.Counter(p["ruleId"] for p in redocly).most_common(12)))

def ops(items, key):
    out = collections.defaultdict(set)
    for rule, parts in items:
        op = op_of_pointer(parts)
        if op:
            out[rule].add(op)
    return out

sp = ops(((p["code"], [str(x) for x in p.get("path", [])]) for p in spectral), "code")
rd = ops(((p["ruleId"], [unescape(x) for x in p["location"][0]["pointer"].lstrip("#/").split("/")]) for p in redocly if p.get("location")), "ruleId")
mine = collections.defaultdict(set)
for f in findings:
    if f["path"] and f["method"]:
        mine[f["rule"]].add((f["method"], f["path"]))

# Our rules next to the other tools' rules that look at the same concern.
pairs = [
    ("HS020", "spectral", "operation-success-response"),
    ("HS020", "redocly", "operation-2xx-response"),
    ("HS015", "redocly", "operation-4xx-response"),
]
for ours_rule, tool, theirs in pairs:
    a = mine.get(ours_rule, set())
    b = (sp if tool == "spectral" else rd).get(theirs, set())
    print(f"{ours_rule} ({len(a)} operations) vs {tool} {theirs} ({len(b)}): both {len(a & b)}, only ours {len(a - b)}, only theirs {len(b - a)}")
others = sorted(r for r in mine if r not in {p[0] for p in pairs})
print("rules no other tool covers:", ", ".join(f"{r} ({len(mine[r])} operations)" for r in others))
PY

echo "== review set (crash check and counts)"
for f in examples/3.0/json/*.json examples/3.1/json/*.json examples/3.0/yaml/*.yaml examples/3.1/yaml/*.yaml; do
    [ -f "$f" ] || continue
    code=0
    out=$("$BIN" lint --json "$f" 2>/dev/null) || code=$?
    if [ "$code" -ge 3 ]; then echo "FAILED ($code): $f"; continue; fi
    n=$(printf '%s' "$out" | python3 -c 'import json,sys; d=json.load(sys.stdin); print(sum(len(x["findings"]) for x in d["files"]), "findings;", len(d["errors"]), "unreadable")' 2>/dev/null || echo "no JSON")
    echo "exit $code  $n  ${f#examples/}"
done
