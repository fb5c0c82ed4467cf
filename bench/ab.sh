#!/usr/bin/env bash
# A/B of two juri release binaries on the same database, taking turns so that the machine's
# noise (a shared 2-core machine varies by 2× between runs) falls on both alike: the national
# results' first (cold) request and the regency results API's p50, per round and as medians.
#
#   bash bench/ab.sh OLD_BINARY NEW_BINARY [ROUNDS]
#
# Needs bench/out/load.db and its contest files from `bash bench/load.sh sqlite --national`.
# The older binary must understand the database (run the newer one's migrations first).
set -euo pipefail
cd "$(dirname "$0")/.."
A=$1 B=$2 ROUNDS=${3:-3}
OUT=bench/out
PORT=18183 BASE=http://127.0.0.1:18183
export DATABASE_URL="$OUT/load.db" JURI_ADMIN_EMAIL=admin@bench.local JURI_ADMIN_PASSWORD=bench-admin-pass \
  JURI_BIND=127.0.0.1:$PORT JURI_LOG=warn JURI_LOGIN_MAX_FAILURES=100000 JURI_DB_POOL_SIZE=32
contest() { awk '/^contest /{print $2}' "$1"; }
R=$(contest "$OUT/results-contest.txt") N=$(contest "$OUT/national.txt")
measure() { # binary → "cold_seconds p50_ms"
  "$1" serve & local server=$!
  for _ in $(seq 1 50); do curl -sf "$BASE/healthz" >/dev/null && break; sleep 0.2; done
  local admin cold p50
  admin=$(curl -sf -X POST "$BASE/api/v1/auth/login" -H 'content-type: application/json' \
    -d '{"email":"admin@bench.local","password":"bench-admin-pass"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
  cold=$(curl -s -o /dev/null -w '%{time_total}' -H "Authorization: Bearer $admin" "$BASE/api/v1/contests/$N/results")
  p50=$(wrk -t2 -c4 -d3s --latency -H "Authorization: Bearer $admin" "$BASE/api/v1/contests/$R/results" |
    python3 -c 'import re,sys; m=re.search(r"^\s+50%\s+([\d.]+)(us|ms|s)", sys.stdin.read(), re.M); v=float(m.group(1)); print(v/1000 if m.group(2)=="us" else v*1000 if m.group(2)=="s" else v)')
  kill "$server"; wait "$server" 2>/dev/null || true
  echo "$cold $p50"
}
printf '%-6s %-28s %-28s\n' round "A: cold s, regency p50 ms" "B: cold s, regency p50 ms"
: > "$OUT/ab.txt"
for round in $(seq 1 "$ROUNDS"); do
  a=$(measure "$A"); b=$(measure "$B")
  printf '%-6s %-28s %-28s\n' "$round" "$a" "$b"
  echo "$a $b" >> "$OUT/ab.txt"
done
python3 - "$OUT/ab.txt" <<'PY'
import statistics, sys
rows = [list(map(float, l.split())) for l in open(sys.argv[1]) if l.strip()]
med = [statistics.median(c) for c in zip(*rows)]
print(f"median  A: cold {med[0]:.3f} s, p50 {med[1]:.2f} ms   B: cold {med[2]:.3f} s, p50 {med[3]:.2f} ms")
print(f"B / A:  cold {med[2] / med[0]:.3f}, regency p50 {med[3] / med[1]:.3f}")
PY
