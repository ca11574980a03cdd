#!/usr/bin/env bash
# Load test of the web pages on a 200,000-member province (SQLite), over loopback.
#
#   cargo build --release -p daihoi && bench/web/run.sh [MEMBERS] [SECONDS]
#
# Makes (once) a database with the generated province and its demo accounts,
# starts the release server on 127.0.0.1, signs in as the province's
# administrator, and runs wrk (Debian package `wrk`) with 64 connections on
# the home page, the member list of a commune, a member search of the
# province, the province's tracking dashboard and the page of a document of
# the demo (190-QĐ/TW) (DAIHOI_BENCH_CONNECTIONS changes the 64). Prints
# wrk's summary with latency percentiles, and the machine's load before each
# run (wrk and the server share its cores). Everything stops by itself.
#
# First, unloaded (issue 14 §9: every page under 20 ms on this province),
# each of those pages, the province's page and the page of the demo's
# conference of 18/11/2024 is asked DAIHOI_BENCH_SINGLE times (default 20)
# one request after another: the first request (cold: nothing kept yet)
# and the median of the others, in milliseconds, as curl times them.
#
# DAIHOI_BENCH_BIN runs another build (default target/release/daihoi, or
# $CARGO_TARGET_DIR/release/daihoi when that is set).
set -euo pipefail
cd "$(dirname "$0")/../.."
MEMBERS=${1:-200000}
SECONDS_EACH=${2:-20}
BIN=${DAIHOI_BENCH_BIN:-${CARGO_TARGET_DIR:-target}/release/daihoi}
DB_FILE=${DAIHOI_BENCH_DB:-target/bench-web/province-$MEMBERS.sqlite}
PORT=${DAIHOI_BENCH_PORT:-18080}
URL=http://127.0.0.1:$PORT
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)"; exit 2; }
[ -x "$BIN" ] || { echo "build first: cargo build --release -p daihoi"; exit 2; }
mkdir -p "$(dirname "$DB_FILE")"
export DAIHOI_DATABASE_URL="sqlite:$DB_FILE"
if [ ! -s "$DB_FILE" ]; then
  echo "generating the province ($MEMBERS members) into $DB_FILE"
  "$BIN" demo --members "$MEMBERS"
fi
"$BIN" serve --no-demo --addr "127.0.0.1:$PORT" >target/bench-web/server.log 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 1 50); do curl -fs "$URL/login" >/dev/null && break; sleep 0.2; done
JAR=$(mktemp)
CSRF=$(curl -fs -c "$JAR" "$URL/login" | sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' | head -1)
curl -fs -b "$JAR" -c "$JAR" -o /dev/null -d "csrf=$CSRF&login=admin&password=daihoi-demo&next=/" "$URL/login"
export DAIHOI_COOKIE="daihoi_session=$(awk '$6=="daihoi_session"{print $7}' "$JAR")"
rm -f "$JAR"
[ "$DAIHOI_COOKIE" != "daihoi_session=" ] || { echo "sign-in failed"; exit 1; }
# A document of the demo: 190-QĐ/TW, found in the register by its number.
DOC=$(curl -fs -H "Cookie: $DAIHOI_COOKIE" "$URL/documents?q=190" | grep -o 'href="/documents/[0-9]*"' | head -1 | tr -dc 0-9)
[ -n "$DOC" ] || { echo "no demo document 190-QĐ/TW in the register"; exit 1; }
# The demo's conference of 18/11/2024, held by the province, by its date in
# the province's list.
CONF=$(curl -fs -H "Cookie: $DAIHOI_COOKIE" "$URL/orgs/QN/disseminations" | grep '18/11/2024' | grep -o 'href="/disseminations/[0-9]*"' | head -1 | tr -dc 0-9)
[ -n "$CONF" ] || { echo "no demo conference of 18/11/2024"; exit 1; }
PAGES=("/" "/orgs/QN.DH.QT/members" "/orgs/QN/members?q=nguyen+van+an" "/orgs/QN/tracking" "/documents/$DOC")
echo "== unloaded: ${DAIHOI_BENCH_SINGLE:-20} requests one after another per page (first, then the median of the rest, ms)"
for path in "${PAGES[@]}" "/orgs/QN" "/disseminations/$CONF"; do
  times=$(for _ in $(seq 1 "${DAIHOI_BENCH_SINGLE:-20}"); do
    curl -s -o /dev/null -w '%{http_code} %{time_total}\n' -H "Cookie: $DAIHOI_COOKIE" "$URL$path"
  done)
  awk -v path="$path" '
    $1 != 200 { bad++ }
    NR == 1 { first = $2 * 1000; next }
    { t[NR - 1] = $2 * 1000 }
    END {
      n = asort(t)
      median = n % 2 ? t[(n + 1) / 2] : (t[n / 2] + t[n / 2 + 1]) / 2
      printf "%-40s first %7.1f ms  median %7.1f ms  (%d requests%s)\n", path, first, median, n + 1, bad ? ", " bad " not 200" : ""
    }' <<<"$times"
done
for path in "${PAGES[@]}"; do
  code=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $DAIHOI_COOKIE" "$URL$path")
  echo "== GET $path (status $code; load average $(cut -d' ' -f1-3 /proc/loadavg))"
  wrk -t2 -c"${DAIHOI_BENCH_CONNECTIONS:-64}" -d"${SECONDS_EACH}s" --timeout 30s --latency -s bench/web/cookie.lua "$URL$path" | grep -E "requests in|Requests/sec|Latency|50%|90%|99%|Non-2xx|Socket errors"
done
