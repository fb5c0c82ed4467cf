#!/usr/bin/env bash
# Documents (issue 16) on the release binary (SQLite): the server's peak RSS before and after
# one 20 MB PDF upload and after ten concurrent ones, and the download rate of a stored 20 MB
# document on loopback (whole, five times). Budgets (docs/performance.md): one upload raises
# peak RSS by < 10 MB, ten concurrent keep it < 150 MB, downloads >= 200 MB/s.
#
#   bash bench/documents.sh
#
# Not part of the test suite. Output in bench/out/.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=bench/out
mkdir -p "$OUT/docs"
cargo build --release --bins 2>&1 | tail -1
BIN=target/release/juri
PORT=18187
BASE=http://127.0.0.1:$PORT
rm -f "$OUT"/documents.db*
export DATABASE_URL="$OUT/documents.db" JURI_ADMIN_EMAIL=admin@bench.local JURI_ADMIN_PASSWORD=bench-admin-pass \
  JURI_BIND=127.0.0.1:$PORT JURI_LOG=warn JURI_LOGIN_MAX_FAILURES=100000
"$BIN" serve & SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 1 50); do curl -sf "$BASE/healthz" >/dev/null && break; sleep 0.2; done
json() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }
TOKEN=$(curl -sf -X POST "$BASE/api/v1/auth/login" -H 'content-type: application/json' \
  -d '{"email":"admin@bench.local","password":"bench-admin-pass"}' | json '["token"]')
AUTH="authorization: Bearer $TOKEN"
CONTEST=$(curl -sf -X POST "$BASE/api/v1/contests" -H "$AUTH" -H 'content-type: application/json' \
  -d '{"name":"Bench dokumen","year":2026,"template":"bailang"}' | json '["id"]')
CLUSTER=$(curl -sf "$BASE/api/v1/contests/$CONTEST" -H "$AUTH" | json '["clusters"][0]["id"]')
ENTRIES=()
for i in $(seq 0 10); do
  ENTRIES+=("$(curl -sf -X POST "$BASE/api/v1/contests/$CONTEST/entries" -H "$AUTH" -H 'content-type: application/json' \
    -d "{\"cluster_id\":\"$CLUSTER\",\"title\":\"Inovasi $i\",\"innovator\":\"Tim $i\",\"unit\":\"Unit $i\"}" | json '["id"]')")
done
for i in $(seq 0 10); do
  python3 -c "import os,sys; f=open(sys.argv[1],'wb'); f.write(b'%PDF-1.7\n'); f.write(os.urandom(20*1024*1024-9))" "$OUT/docs/$i.pdf"
done
rss() { awk '/VmHWM/{print $2}' /proc/$SERVER/status; }
upload() { curl -sf -o /dev/null -w "%{http_code}\n" -H "$AUTH" -F "file=@$OUT/docs/$2.pdf;filename=bukti-$2.pdf" -F kind=evidence \
  "$BASE/api/v1/contests/$CONTEST/entries/${ENTRIES[$1]}/documents"; }
before=$(rss)
started=$(date +%s.%N)
status=$(upload 0 0)
took=$(python3 -c "import sys,time; print(f'{time.time()-float(sys.argv[1]):.2f}')" "$started")
after=$(rss)
echo "one 20 MB upload ($status, ${took} s): peak RSS ${before} kB -> ${after} kB (+$(( (after - before) / 1024 )) MB)"
started=$(date +%s.%N)
for i in $(seq 1 10); do upload "$i" "$i" > "$OUT/docs/status-$i" & done
wait $(jobs -p | grep -v "^$SERVER$") 2>/dev/null || true
took=$(python3 -c "import sys,time; print(f'{time.time()-float(sys.argv[1]):.2f}')" "$started")
echo "ten concurrent 20 MB uploads ($(cat "$OUT"/docs/status-* | tr "\n" " ")in ${took} s): peak RSS $(( $(rss) / 1024 )) MB"
DOC=$(curl -sf "$BASE/api/v1/contests/$CONTEST/entries/${ENTRIES[0]}/documents" -H "$AUTH" | json '[0]["url"]')
for i in 1 2 3 4 5; do
  curl -sf -o /dev/null -H "$AUTH" -w 'download %{size_download} bytes at %{speed_download} B/s\n' "$BASE$DOC"
done | python3 -c "
import sys
rates = [float(l.split()[-2]) / 1e6 for l in sys.stdin]
print('download of the 20 MB document, 5 times: ' + ', '.join(f'{r:.0f}' for r in rates) + f' MB/s (median {sorted(rates)[2]:.0f})')"
echo "server peak RSS at the end: $(( $(rss) / 1024 )) MB"
