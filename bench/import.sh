#!/usr/bin/env bash
# Import benchmark of the release binary on SQLite: what hostile and large entry imports cost.
#
#   bash bench/import.sh
#
# Measures, in one run:
#   - for each file bench/hostile.py writes (a far cell, an inflation bomb, a lying shared-string
#     table, and the largest legitimate import: 20,000 rows as CSV and as XLSX), on a fresh
#     server: the answer, its size, the time taken, and the server's peak RSS (VmHWM);
#   - how long judges wait to save while the 20,000-row import runs in another contest: saves at
#     4 connections for 8 s with no import (the baseline), then again while the CSV and the XLSX
#     are imported; p50, p99 and the longest save.
# Not part of the test suite; it takes a few minutes. Output goes to bench/out/.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=bench/out/import
mkdir -p "$OUT"
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }
cargo build --release --bins 2>&1 | tail -1
BIN=target/release/juri
PORT=18182
BASE=http://127.0.0.1:$PORT
export DATABASE_URL="$OUT/import.db" JURI_ADMIN_EMAIL=admin@bench.local \
  JURI_ADMIN_PASSWORD=bench-admin-pass JURI_BIND=127.0.0.1:$PORT JURI_LOG=warn \
  JURI_LOGIN_MAX_FAILURES=100000
python3 bench/hostile.py "$OUT" SKPD > /dev/null

SERVER=
start() {
  "$BIN" serve & SERVER=$!
  for _ in $(seq 1 50); do curl -sf "$BASE/healthz" >/dev/null && break; sleep 0.2; done
  ADMIN=$(curl -sf -X POST "$BASE/api/v1/auth/login" -H 'content-type: application/json' \
    -d '{"email":"admin@bench.local","password":"bench-admin-pass"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
}
stop() { kill "$SERVER"; wait "$SERVER" 2>/dev/null || true; }
trap '[ -n "$SERVER" ] && kill $SERVER 2>/dev/null || true' EXIT
new_contest() {
  curl -sf -X POST "$BASE/api/v1/contests" -H "Authorization: Bearer $ADMIN" -H 'content-type: application/json' \
    -d '{"name":"Uji impor","year":2026,"template":"bailang"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])'
}
import_file() { # file → "status bytes seconds"
  curl -s -o "$OUT/answer.json" -w '%{http_code} %{size_download} %{time_total}' \
    -H "Authorization: Bearer $ADMIN" -F "file=@$OUT/$1" "$BASE/api/v1/contests/$(new_contest)/entries/import"
}

echo
echo "juri import benchmark on SQLite ($(nproc) cores)"
rm -f "$OUT"/import.db*
for file in far-cell.xlsx bomb.xlsx shared-strings.xlsx large.csv large.xlsx; do
  start
  idle=$(awk '/VmRSS/{print $2}' /proc/$SERVER/status)
  read -r status bytes seconds <<<"$(import_file "$file")"
  reason=$(python3 -c 'import json,sys; b=json.load(open(sys.argv[1])); print(b.get("error",{}).get("reason","") or "imported %s" % b.get("imported", ""))' "$OUT/answer.json" 2>/dev/null || true)
  peak=$(awk '/VmHWM/{print $2}' /proc/$SERVER/status)
  printf '%-20s %8s bytes  -> %s %-28s %7s bytes in %6.2f s  peak RSS %4d MB (idle %d MB)\n' \
    "$file" "$(stat -c %s "$OUT/$file")" "$status" "$reason" "$bytes" "$seconds" $((peak / 1024)) $((idle / 1024))
  stop
done

# Judges saving in one contest while the committee imports 20,000 rows into another. Each run
# saves sheets of its own seeded contest, so no sheet is sent twice (a repeat would be a 409).
rm -f "$OUT"/import.db*
for run in 1 2 3; do
  "$BIN" seed --entries 10000 --judges 100 --per-entry 3 --no-sheets > "$OUT/saves$run.txt"
done
start
for run in 1 2 3; do
  python3 bench/prepare.py "$BASE" "$ADMIN" "$(awk '/^contest /{print $2}' "$OUT/saves$run.txt")" \
    "$OUT/saves$run.txt" "$OUT/req$run.txt" 100 > /dev/null
done
saves() { # name, request file
  WRK_THREADS=2 JURI_REQUESTS="$2" wrk -t2 -c4 -d8s --latency -s bench/submit.lua "$BASE" > "$OUT/run.wrk" 2>&1 || true
  python3 - "$1" "$OUT/run.wrk" <<'PY'
import re, sys
name, text = sys.argv[1], open(sys.argv[2]).read()
def ms(v, u): return float(v) / 1000 if u == "us" else float(v) * 1000 if u == "s" else float(v)
p50 = ms(*re.search(r"^\s+50%\s+([\d.]+)(us|ms|s)", text, re.M).groups())
p99 = ms(*re.search(r"^\s+99%\s+([\d.]+)(us|ms|s)", text, re.M).groups())
mx = ms(*re.search(r"Latency\s+\S+\s+\S+\s+([\d.]+)(us|ms|s)", text).groups())
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
errors = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
print(f"{name:36s} {rps:6.0f} saves/s  p50 {p50:6.2f} ms  p99 {p99:7.2f} ms  longest {mx:7.2f} ms  errors {errors.group(1) if errors else 0}")
PY
}
saves "saves, no import" "$OUT/req1.txt"
run=2
for file in large.csv large.xlsx; do
  (sleep 2; import_file "$file" > "$OUT/during.txt") & IMPORT=$!
  saves "saves during a 20,000-row ${file#large.} import" "$OUT/req$run.txt"
  wait "$IMPORT"
  echo "   (the import: status, bytes, seconds: $(cat "$OUT/during.txt"))"
  run=$((run + 1))
done
echo "server peak RSS with saves and both imports: $(awk '/VmHWM/{print $2, $3}' /proc/$SERVER/status)"
stop
SERVER=
