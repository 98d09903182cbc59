#!/usr/bin/env bash
# The audit export's volume run. It fills a store with real events through the event storage engine and exports it
# over HTTP from a server with a small heap. The default is 96 MiB, of which 30-45 MiB are in use while idle: too little
# to hold the 72 MB file of 100,000 events. It samples the server's heap during the export and verifies the file offline
# with the jar's verify-export. Then it edits one payload and checks that the verifier names that line.
# It exits non-zero when the export or a check fails.
#
# Usage: scripts/audit-long.sh [--events=N] [--heap=SIZE]
#   --events  events in the store, default 100,000 (CI runs a short form with a few thousand)
#   --heap    the server's maximum heap, default 96m; the export of 100,000 events is about 72 MB
# Environment: BENCH_MAVEN_FLAGS and BENCH_SKIP_BUILD, described in scripts/lib/bench-server.sh
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=lib/bench-server.sh
source scripts/lib/bench-server.sh
# shellcheck source=lib/audit-store.sh
source scripts/lib/audit-store.sh

events=100000
heap=96m
for arg in "$@"; do
    case "$arg" in
        --events=*) events=${arg#--events=} ;;
        --heap=*) heap=${arg#--heap=} ;;
        *) echo "unknown option $arg; usage: scripts/audit-long.sh [--events=N] [--heap=SIZE]" >&2; exit 2 ;;
    esac
done

work=api/target/audit-long
audit_fill_store "$work" "$events"
BENCH_SERVER_HEAP=$heap bench_start_server_on_store "$work"

# Samples the used heap (survivor, eden and old spaces, in KiB) every 200 ms: 3 s while idle, then during the export.
max_used_kib() {
    awk 'NR > 1 && $1 ~ /^[0-9.]+$/ { used = $3 + $4 + $6 + $8; if (used > max) max = used }
        END { printf "%.0f", max }' "$1"
}
jstat -gc "$bench_server_pid" 200 15 >"$work/heap-idle.log" 2>&1
jstat -gc "$bench_server_pid" 200 >"$work/heap.log" 2>&1 &
sampler=$!
started=$(date +%s.%N)
status=$(curl -sS -o "$work/export.ndjson" -w '%{http_code}' \
    -H "Authorization: Bearer $bench_token" "http://127.0.0.1:$bench_server_port/api/audit/export")
finished=$(date +%s.%N)
kill "$sampler" 2>/dev/null || true
wait "$sampler" 2>/dev/null || true

if [ "$status" != 200 ]; then
    echo "the export failed with HTTP status $status:" >&2
    head -c 2000 "$work/export.ndjson" >&2
    exit 1
fi
bytes=$(stat -c %s "$work/export.ndjson")
lines=$(wc -l <"$work/export.ndjson")
idle_kib=$(max_used_kib "$work/heap-idle.log")
export_kib=$(max_used_kib "$work/heap.log")
echo "export: $bytes bytes, $lines lines in $(echo "$finished - $started" | bc) s"
echo "server heap (-Xmx$heap): max used $((idle_kib / 1024)) MiB over 3 s idle before the export," \
    "$((export_kib / 1024)) MiB during it"
if ! grep -q '"kind":"end"' <(tail -1 "$work/export.ndjson"); then
    echo "the export ends without its end line" >&2
    exit 1
fi

echo "verifying the export offline:"
java -jar api/target/openloop-ledger.jar verify-export "$work/export.ndjson"

# Edits one payload byte in the middle of the file; the verifier must exit 1 and name that line.
middle=$(( (lines / 2) ))
while ! sed -n "${middle}p" "$work/export.ndjson" | grep -q '"amount":100'; do
    middle=$((middle + 1))
done
sed "${middle}s/\"amount\":100/\"amount\":101/" "$work/export.ndjson" >"$work/tampered.ndjson"
set +e
java -jar api/target/openloop-ledger.jar verify-export "$work/tampered.ndjson" >"$work/tampered.out"
code=$?
set -e
head -3 "$work/tampered.out"
if [ "$code" != 1 ] || ! grep -q "HASH_MISMATCH at line $middle:" "$work/tampered.out"; then
    echo "the verifier did not name line $middle of the tampered file (exit code $code)" >&2
    exit 1
fi
echo "audit volume run passed: $events events exported with a $heap heap, verified, tampered line $middle named"
