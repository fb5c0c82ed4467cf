#!/usr/bin/env bash
# A national contest in two stages on the release binary (SQLite): seals the desk stage of
# 30,000 entries × 5 sheets × 10 criteria and ranks the final (desk 60 % + presentation 40 %),
# timing each through the API (bench/stages.py). Budget (issue 15): < 2 s each.
#
#   bash bench/stages.sh
#
# Not part of the test suite; it takes about a minute after the build. Output in bench/out/.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=bench/out
mkdir -p "$OUT"
cargo build --release --bins 2>&1 | tail -1
BIN=target/release/juri
PORT=18184
BASE=http://127.0.0.1:$PORT
rm -f "$OUT"/stages.db*
export DATABASE_URL="$OUT/stages.db" JURI_ADMIN_EMAIL=admin@bench.local JURI_ADMIN_PASSWORD=bench-admin-pass \
  JURI_BIND=127.0.0.1:$PORT JURI_LOG=warn JURI_LOGIN_MAX_FAILURES=100000
"$BIN" demo --scale national-staged > "$OUT/staged.txt"
"$BIN" serve & SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 1 50); do curl -sf "$BASE/healthz" >/dev/null && break; sleep 0.2; done
ADMIN=$(curl -sf -X POST "$BASE/api/v1/auth/login" -H 'content-type: application/json' \
  -d '{"email":"admin@bench.local","password":"bench-admin-pass"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
python3 bench/stages.py "$BASE" "$ADMIN" "$OUT/staged.txt"
echo "server peak RSS: $(awk '/VmHWM/{print $2, $3}' /proc/$SERVER/status)"
