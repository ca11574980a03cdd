#!/usr/bin/env bash
# Property-based tests of the JSON API with schemathesis (https://schemathesis.io), against
# a real server: the `daihoi` binary on a free port of 127.0.0.1, a fresh SQLite database
# with the demo province (`daihoi demo --members 200`, then `serve --no-demo`), and an API
# token of an office of one commune (QN.DH.QT), made with `daihoi user token`.
#
# Fails on any server error (5xx), any response that does not match the OpenAPI document,
# any request the document forbids that is accepted, and any request it allows that is
# refused with something else than .ci/schemathesis.toml allows. Bounded in examples per
# operation and in time.
#
#   .ci/schemathesis.sh                    # builds the debug binary if DAIHOI_BIN is not set
#   DAIHOI_BIN=target/release/daihoi .ci/schemathesis.sh
#
# Settings: SCHEMATHESIS_MAX_EXAMPLES (20), SCHEMATHESIS_MAX_TIME (seconds, 150),
# SCHEMATHESIS_SEED (20241118), SCHEMATHESIS_VENV (where schemathesis is installed).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

version=4.32.5
max_examples=${SCHEMATHESIS_MAX_EXAMPLES:-20}
max_time=${SCHEMATHESIS_MAX_TIME:-150}
seed=${SCHEMATHESIS_SEED:-20241118}
venv=${SCHEMATHESIS_VENV:-${XDG_CACHE_HOME:-$HOME/.cache}/daihoi/schemathesis-$version}

# schemathesis from PyPI, in a virtual environment of its own.
if [ ! -x "$venv/bin/st" ] || [ "$("$venv/bin/st" --version 2>/dev/null)" != "st, version $version" ]; then
  rm -rf "$venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check "schemathesis==$version"
fi

if [ -z "${DAIHOI_BIN:-}" ]; then
  cargo build --quiet -p daihoi
  DAIHOI_BIN="${CARGO_TARGET_DIR:-$root/target}/debug/daihoi"
fi
[ -x "$DAIHOI_BIN" ] || { echo "schemathesis: no daihoi binary at $DAIHOI_BIN" >&2; exit 2; }

work=$(mktemp -d "${TMPDIR:-/tmp}/daihoi-schemathesis.XXXXXX")
# The binary is copied: a build in another shell cannot replace it under the server.
cp "$DAIHOI_BIN" "$work/daihoi"
bin="$work/daihoi"
export DAIHOI_DATABASE_URL="sqlite:$work/daihoi.sqlite"
server=""
cleanup() {
  status=$?
  if [ -n "$server" ]; then
    kill "$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
  fi
  if [ "$status" -ne 0 ] && [ -f "$work/server.log" ]; then
    echo "--- the server's log (last 40 lines) ---" >&2
    tail -n 40 "$work/server.log" >&2
  fi
  rm -rf "$work"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

"$bin" demo --members 200 >/dev/null
DAIHOI_PASSWORD="schemathesis-$(date +%s)-$$" "$bin" user create schemathesis --name "Schemathesis" >/dev/null
"$bin" user grant schemathesis office QN.DH.QT >/dev/null
token=$("$bin" user token schemathesis schemathesis 2>/dev/null)
case "$token" in dh_*) ;; *) echo "schemathesis: daihoi user token printed no token" >&2; exit 1 ;; esac

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$port"
"$bin" serve --no-demo --addr "127.0.0.1:$port" >"$work/server.log" 2>&1 &
server=$!
python3 - "$base/api/openapi.json" "$server" <<'PY'
import os, sys, time, urllib.request
url, pid = sys.argv[1], int(sys.argv[2])
for _ in range(300):
    try:
        os.kill(pid, 0)
    except OSError:
        sys.exit("schemathesis: the server stopped before it answered")
    try:
        with urllib.request.urlopen(url, timeout=2) as r:
            if r.status == 200:
                sys.exit(0)
    except OSError:
        time.sleep(0.2)
sys.exit("schemathesis: the server did not answer within a minute")
PY

# The worked example of docs/api.md, first (schemathesis changes the data after it).
echo "docs/examples/api-tour.sh: the worked example of docs/api.md"
DAIHOI_URL="$base" DAIHOI_TOKEN="$token" ORG=QN.DH.QT bash "$root/docs/examples/api-tour.sh"

echo "schemathesis $version: $base, office of QN.DH.QT, at most $max_examples examples per operation, ${max_time}s"
cd "$work"
timeout --kill-after=10 $((max_time + 120)) "$venv/bin/st" --no-color --config-file "$root/.ci/schemathesis.toml" run \
  "$base/api/openapi.json" \
  --header "Authorization: Bearer $token" \
  --max-examples "$max_examples" \
  --max-time "$max_time" \
  --seed "$seed" \
  --workers 1 \
  --request-timeout 10 \
  --generation-database none
