#!/usr/bin/env bash
# Checks that a replay of every projection rebuilds the read models that the live processors build from the same events.
# It fills a store with the ledger mix of AuditStoreFiller and sets no tracking tokens. Then it starts the server jar on
# the store, so every projection's processor runs over the filled events from the start. Axon hands the processors that
# send commands the filled events as a replay, which their @DisallowReplay skips, so they append nothing.
# ReplayEquivalenceCheck waits until the live tokens reach the head, digests every read-model collection, replays every
# projection and digests the collections again. Last the script counts the warnings and errors in the server's log.
#
# Usage: scripts/check-replay-equivalence.sh [--events=N]   (default 20,000)
# Environment: BENCH_MAVEN_FLAGS, BENCH_SERVER_HEAP and BENCH_SKIP_BUILD, described in scripts/lib/bench-server.sh
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=lib/bench-server.sh
source scripts/lib/bench-server.sh
# shellcheck source=lib/audit-store.sh
source scripts/lib/audit-store.sh

events=20000
for arg in "$@"; do
    case "$arg" in
        --events=*) events=${arg#--events=} ;;
    esac
done

work=api/target/check-replay
audit_fill_store "$work" "$events" ledger start
bench_start_server_on_store "$work"
status=0
bench_run io.openloop.ledger.bench.ReplayEquivalenceCheck --mongo-uri="$bench_store_uri" || status=$?
echo "server log: $(grep -cE ' WARN | ERROR ' "$work/server.log" || true) lines of WARN or ERROR"
grep -E ' WARN | ERROR ' "$work/server.log" | head -20 || true
exit "$status"
