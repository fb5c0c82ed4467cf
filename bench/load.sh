#!/usr/bin/env bash
# Load benchmark of the release binary with wrk (Debian package), on SQLite or PostgreSQL.
#
#   bash bench/load.sh [sqlite|postgres] [--national]
#
# Measures, in one run and against the same database settings:
#   - judges submitting sheets at 4 and 32 connections (each request a different judge's sheet),
#     with SQLite's default synchronous=FULL, and again at 32 connections with NORMAL,
#   - the results API and page for 400 entries × 3 sheets, and the judge home page,
#   - with --national: the results API and page for 30,000 entries × 5 sheets × 10 criteria,
#   - the baseline: raw single-row insert transactions per second (bench/insert_baseline.rs),
# and prints throughput, p50 and p99 latency, errors and the server's peak RSS.
# Not part of the test suite; it takes a few minutes. Output goes to bench/out/.
set -euo pipefail
cd "$(dirname "$0")/.."
BACKEND=${1:-sqlite}
NATIONAL=${2:-}
OUT=bench/out
mkdir -p "$OUT"
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }
cargo build --release --bins 2>&1 | tail -1
BIN=target/release/juri
PORT=18181
BASE=http://127.0.0.1:$PORT

case "$BACKEND" in
  sqlite) rm -f "$OUT"/load.db*; DB="$OUT/load.db" ;;
  postgres)
    PG=${JURI_BENCH_PG:-postgres://postgres@127.0.0.1:5432/postgres}
    psql "$PG" -qc "DROP DATABASE IF EXISTS juri_bench" && psql "$PG" -qc "CREATE DATABASE juri_bench"
    DB="${PG%/*}/juri_bench" ;;
  *) echo "usage: $0 [sqlite|postgres] [--national]"; exit 2 ;;
esac
export DATABASE_URL="$DB" JURI_ADMIN_EMAIL=admin@bench.local JURI_ADMIN_PASSWORD=bench-admin-pass \
  JURI_BIND=127.0.0.1:$PORT JURI_LOG=warn JURI_LOGIN_MAX_FAILURES=100000 JURI_DB_POOL_SIZE=32

"$BIN" seed --entries 400 --judges 15 --per-entry 3 > "$OUT/results-contest.txt"
# Enough distinct sheets that no request repeats one while wrk runs (a repeat would be a stale
# version: a 409, counted as an error).
"$BIN" seed --entries 10000 --judges 100 --per-entry 3 --no-sheets > "$OUT/submit4.txt"
"$BIN" seed --entries 20000 --judges 200 --per-entry 3 --no-sheets > "$OUT/submit32.txt"
"$BIN" seed --entries 20000 --judges 200 --per-entry 3 --no-sheets > "$OUT/submit32n.txt"
if [ "$NATIONAL" = "--national" ]; then
  /usr/bin/time -f "seed national: %e s, %M KB" "$BIN" demo --scale national > "$OUT/national.txt"
fi

"$BIN" serve & SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 1 50); do curl -sf "$BASE/healthz" >/dev/null && break; sleep 0.2; done

ADMIN=$(curl -sf -X POST "$BASE/api/v1/auth/login" -H 'content-type: application/json' \
  -d '{"email":"admin@bench.local","password":"bench-admin-pass"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
contest() { awk '/^contest /{print $2}' "$1"; }
R=$(contest "$OUT/results-contest.txt")
python3 bench/prepare.py "$BASE" "$ADMIN" "$(contest "$OUT/submit4.txt")" "$OUT/submit4.txt" "$OUT/req4.txt" 100
python3 bench/prepare.py "$BASE" "$ADMIN" "$(contest "$OUT/submit32.txt")" "$OUT/submit32.txt" "$OUT/req32.txt" 200
JUDGE_EMAIL=$(awk '/^judge /{print $2; exit}' "$OUT/results-contest.txt")
JUDGE=$(curl -sf -X POST "$BASE/api/v1/auth/login" -H 'content-type: application/json' \
  -d "{\"email\":\"$JUDGE_EMAIL\",\"password\":\"juri-seed-2026\"}" | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')

report() { # name, wrk output file
  python3 - "$1" "$2" <<'PY'
import re, sys
name, path = sys.argv[1], sys.argv[2]
text = open(path).read()
def pct(p):
    m = re.search(r"^\s+%s%%\s+([\d.]+)(us|ms|s)" % p, text, re.M)
    if not m: return "?"
    v, u = float(m.group(1)), m.group(2)
    return "%.2f ms" % (v / 1000 if u == "us" else v * 1000 if u == "s" else v)
rps = re.search(r"Requests/sec:\s+([\d.]+)", text)
non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
sock = re.search(r"Socket errors: (.*)", text)
print(f"{name:44s} {float(rps.group(1)) if rps else 0:9.0f} req/s  p50 {pct(50):>10s}  p99 {pct(99):>10s}  errors {int(non2xx.group(1)) if non2xx else 0}{' socket: ' + sock.group(1) if sock else ''}")
PY
}

run() { # name, connections, duration, extra wrk args...
  local name=$1 c=$2 d=$3; shift 3
  local t=$(( c < 2 ? c : 2 )) # wrk refuses more threads than connections
  wrk -t"$t" -c"$c" -d"$d" --latency "$@" > "$OUT/$name.wrk" 2>&1 || true
  report "$name" "$OUT/$name.wrk"
}

echo
echo "juri load benchmark on $BACKEND ($(nproc) cores)"
WRK_THREADS=2 JURI_REQUESTS="$OUT/req4.txt" run "submit sheets, 4 connections" 4 4s -s bench/submit.lua "$BASE"
WRK_THREADS=2 JURI_REQUESTS="$OUT/req32.txt" run "submit sheets, 32 connections" 32 6s -s bench/submit.lua "$BASE"
run "results API, 400 entries x 3 sheets" 4 5s -H "Authorization: Bearer $ADMIN" "$BASE/api/v1/contests/$R/results"
run "results page, 400 entries x 3 sheets" 4 5s -H "Cookie: juri_token=$ADMIN" "$BASE/contests/$R/results"
run "judge home page" 4 5s -H "Cookie: juri_token=$JUDGE" "$BASE/"
echo "server peak RSS, regency load: $(awk '/VmHWM/{print $2, $3}' /proc/$SERVER/status)"
if [ "$NATIONAL" = "--national" ]; then
  N=$(contest "$OUT/national.txt")
  # The first request ranks from the database (nothing cached yet): the end-to-end figure.
  curl -s -o /dev/null -w "results API, national, first (cold) request:   %{time_total} s\n" \
    -H "Authorization: Bearer $ADMIN" "$BASE/api/v1/contests/$N/results"
  run "results API, national (30,000 x 5 x 10)" 1 20s --timeout 30s -H "Authorization: Bearer $ADMIN" "$BASE/api/v1/contests/$N/results"
  run "results page, national (first page)" 4 5s -H "Cookie: juri_token=$ADMIN" "$BASE/contests/$N/results"
  run "results page, national (page 40 of 75)" 4 5s -H "Cookie: juri_token=$ADMIN" "$BASE/contests/$N/results?page=40"
fi
[ "$NATIONAL" = "--national" ] && echo "server peak RSS, with national results: $(awk '/VmHWM/{print $2, $3}' /proc/$SERVER/status)"
kill $SERVER; wait $SERVER 2>/dev/null || true
trap - EXIT
BASE32=$(target/release/juri-insert-baseline "$DB" 32 5 | awk '{print $2}')
BASE4=$(target/release/juri-insert-baseline "$DB" 4 5 | awk '{print $2}')
if [ "$BACKEND" = sqlite ]; then
  # The same saves with synchronous=NORMAL (not safe against a power cut), for comparison.
  JURI_SQLITE_SYNCHRONOUS=normal "$BIN" serve & SERVER=$!
  trap 'kill $SERVER 2>/dev/null || true' EXIT
  for _ in $(seq 1 50); do curl -sf "$BASE/healthz" >/dev/null && break; sleep 0.2; done
  ADMIN=$(curl -sf -X POST "$BASE/api/v1/auth/login" -H 'content-type: application/json' \
    -d '{"email":"admin@bench.local","password":"bench-admin-pass"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
  python3 bench/prepare.py "$BASE" "$ADMIN" "$(contest "$OUT/submit32n.txt")" "$OUT/submit32n.txt" "$OUT/req32n.txt" 200
  WRK_THREADS=2 JURI_REQUESTS="$OUT/req32n.txt" run "submit sheets, 32 conn., synchronous=NORMAL" 32 6s -s bench/submit.lua "$BASE"
  kill $SERVER; wait $SERVER 2>/dev/null || true
  trap - EXIT
  BASE32N=$(JURI_SQLITE_SYNCHRONOUS=normal target/release/juri-insert-baseline "$DB" 32 5 | awk '{print $2}')
  echo "baseline with synchronous=NORMAL, 32 connections: $BASE32N/s"
fi
rate() { grep -oP 'Requests/sec:\s+\K[\d.]+' "$OUT/$1.wrk" || echo 0; }
python3 - "$BASE32" "$BASE4" "$(rate 'submit sheets, 32 connections')" "$(rate 'submit sheets, 4 connections')" <<'PY'
import sys
b32, b4, s32, s4 = map(float, sys.argv[1:5])
print(f"baseline (synchronous=FULL on SQLite): raw single-row insert transactions, 32 connections: {b32:.0f}/s, 4 connections: {b4:.0f}/s")
print(f"submissions as a share of it: 32 connections {100 * s32 / b32:.1f} %, 4 connections {100 * s4 / b4:.1f} %")
PY
