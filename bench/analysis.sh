#!/usr/bin/env bash
# The analysis (issue 17) on the release binary (SQLite), each request on a fresh server:
# a regency contest (`demo --scale regency`) as generated and with its stage declaring
# leniency normalisation, then the national contest (30,000 entries, 1,000 judges, 5 sheets
# each). Budgets (docs/performance.md): regency < 50 ms, national < 3 s cold, peak RSS within
# the server's budget.
#
#   bash bench/analysis.sh [--leniency-national]
#
# `--leniency-national` also times the national analysis under leniency normalisation, where
# every scenario works each judge's leniency out again (same budget, < 3 s).
# Not part of the test suite. Output in bench/out/.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=bench/out
mkdir -p "$OUT"
cargo build --release --bins 2>&1 | tail -1
BIN=target/release/juri
PORT=18185
BASE=http://127.0.0.1:$PORT
export JURI_ADMIN_EMAIL=admin@bench.local JURI_ADMIN_PASSWORD=bench-admin-pass \
  JURI_BIND=127.0.0.1:$PORT JURI_LOG=warn JURI_LOGIN_MAX_FAILURES=100000

# Starts a server on $DATABASE_URL, signs in, and times GET analysis twice (first, second).
timed_analysis() {
  local label=$1
  "$BIN" serve & local server=$!
  for _ in $(seq 1 100); do curl -sf "$BASE/healthz" >/dev/null && break; sleep 0.2; done
  local token contest first second
  token=$(curl -sf -X POST "$BASE/api/v1/auth/login" -H 'content-type: application/json' \
    -d '{"email":"admin@bench.local","password":"bench-admin-pass"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
  contest=$(curl -sf "$BASE/api/v1/contests" -H "authorization: Bearer $token" | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["id"])')
  first=$(curl -sf -o "$OUT/analysis.json" -w '%{time_total}' "$BASE/api/v1/contests/$contest/analysis" -H "authorization: Bearer $token")
  second=$(curl -sf -o /dev/null -w '%{time_total}' "$BASE/api/v1/contests/$contest/analysis" -H "authorization: Bearer $token")
  local rss
  rss=$(awk '/VmHWM/{print $2, $3}' /proc/$server/status)
  kill $server; wait $server 2>/dev/null || true
  printf '%-46s first %8.3f s   second %8.3f s   peak RSS %s\n' "$label" "$first" "$second" "$rss"
}

declare_leniency() {
  python3 - "$1" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute("UPDATE stages SET normalisation = 'leniency'")
db.commit()
PY
}

export DATABASE_URL="$OUT/analysis-regency.db"
rm -f "$DATABASE_URL"*
"$BIN" demo --scale regency > /dev/null
timed_analysis "regency contest"
declare_leniency "$DATABASE_URL"
timed_analysis "regency contest, leniency normalisation"

export DATABASE_URL="$OUT/analysis-national.db"
rm -f "$DATABASE_URL"*
"$BIN" demo --scale national > /dev/null
timed_analysis "national contest"
if [[ "${1:-}" == --leniency-national ]]; then
  declare_leniency "$DATABASE_URL"
  timed_analysis "national contest, leniency normalisation"
fi
