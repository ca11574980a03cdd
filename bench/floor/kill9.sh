#!/bin/bash
# Floor votes (issue 16 §5): kill -9 of the server while delegates vote,
# then a restart, ROUNDS times (100 by default). Each round: the office
# opens the next vote (through the store), the real server starts
# (target/release/daihoi serve, SQLite in WAL mode, synchronous NORMAL),
# N delegates vote 64 at a time, each acknowledgement appended to a file as
# it arrives; after a random 300–1800 ms (KILL_MIN_MS, KILL_SPREAD_MS) the
# server is killed with SIGKILL;
# it is started again and every delegate sends its ballot again: each
# acknowledged ballot must be stored with the same acknowledgement and
# answered as a retry, and the count must be one ballot per delegate
# (nothing lost, nothing twice). Loopback only; bounded (N ≤ 5000).
#
# Usage (from the repository): cargo build --release -p daihoi &&
#   cargo bench -p daihoi-web --bench floor --no-run &&
#   bash bench/floor/kill9.sh [ROUNDS] [N]
set -euo pipefail
ROUNDS=${1:-100}
N=${2:-300}
[ "$N" -le 5000 ] || { echo "bounded: N ≤ 5000"; exit 2; }
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
# PROFILE=debug uses the debug builds (cargo build -p daihoi; cargo bench
# -p daihoi-web --bench floor --profile dev --no-run).
PROFILE=${PROFILE:-release}
DAIHOI=${DAIHOI:-$ROOT/target/$PROFILE/daihoi}
FLOOR=${FLOOR:-$(ls -t "$ROOT"/target/$PROFILE/deps/floor-* 2>/dev/null | grep -v '\.d$' | head -1)}
[ -x "$DAIHOI" ] || { echo "build it first: cargo build --release -p daihoi"; exit 2; }
[ -x "$FLOOR" ] || { echo "build it first: cargo bench -p daihoi-web --bench floor --no-run"; exit 2; }
DIR=$(mktemp -d)
trap 'kill -9 $SPID 2>/dev/null || true; rm -rf "$DIR"' EXIT
PORT=${PORT:-18431}
ADDR=127.0.0.1:$PORT
DB=sqlite://$DIR/floor.sqlite

"$FLOOR" --prepare "$DIR" "$N"
start() {
  "$DAIHOI" --database "$DB" serve --addr "$ADDR" --no-demo >>"$DIR/server.log" 2>&1 &
  SPID=$!
  for _ in $(seq 1 100); do
    (exec 3<>/dev/tcp/127.0.0.1/$PORT) 2>/dev/null && return 0
    sleep 0.05
  done
  echo "the server did not start"; cat "$DIR/server.log"; exit 1
}

# Every delegate signs in once (their passes are kept in tokens.txt).
start
"$FLOOR" --vote "$DIR" "$ADDR" 0
kill -9 "$SPID"; wait "$SPID" 2>/dev/null || true
# The first round's vote is open already (vote 1).
VOTE=1
for r in $(seq 1 "$ROUNDS"); do
  [ "$r" -gt 1 ] && VOTE=$("$FLOOR" --next "$DIR")
  start
  "$FLOOR" --vote "$DIR" "$ADDR" "$VOTE" &
  VPID=$!
  T=$(( ${KILL_MIN_MS:-300} + RANDOM % ${KILL_SPREAD_MS:-1500} ))
  sleep "$(printf '%d.%03d' $(( T / 1000 )) $(( T % 1000 )))"
  kill -9 "$SPID"; wait "$SPID" 2>/dev/null || true
  wait "$VPID" || true
  start
  "$FLOOR" --check "$DIR" "$ADDR" "$VOTE"
  kill -9 "$SPID"; wait "$SPID" 2>/dev/null || true
  echo "round $r/$ROUNDS ok"
done
echo "kill -9 during voting, $ROUNDS rounds of $N delegates: no acknowledged ballot lost, none twice"
