#!/usr/bin/env bash
# Benchmarks the replay of every projection with production settings: the server jar on an embedded store that runs as a
# process of its own with FSYNC durability. It fills the store with real ledger events through the event storage engine,
# in the ledger mix of AuditStoreFiller and LedgerGroup. Each group of 100 events has a developer and a business loop
# with their keys, policies and credit accounts, a verifier, and a tool with two versions. It also has 9 invocations of
# the tool with their holds, proofs, captures or releases, and a task from its offer to its settlement. So every
# projection has events to apply. The filler sets the live tokens at the head, so the live read models start empty. It
# then replays every projection through the operator route, writes the rebuilt documents again with insertMany into a
# scratch collection, and prints both rates and their ratio against the goal of 0.5 (see docs/benchmarks.md).
#
# Usage: scripts/bench-replay.sh [--quick] [--events=N]
#   --quick   20,000 events instead of 1,000,000, for CI
# Environment: BENCH_MAVEN_FLAGS, BENCH_SERVER_JAVA_OPTS, BENCH_SERVER_HEAP, BENCH_STORE_HEAP, BENCH_CLIENT_HEAP and
# BENCH_SKIP_BUILD, described in scripts/lib/bench-server.sh. Above 200,000 events the three heaps default to 6g. The
# replay keeps the rebuilt read models on the server's heap. mongo-java-server holds every document a find matches on
# the store's heap, and the client holds all rebuilt documents before it times their insertMany.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=lib/bench-server.sh
source scripts/lib/bench-server.sh
# shellcheck source=lib/audit-store.sh
source scripts/lib/audit-store.sh

events=1000000
for arg in "$@"; do
    case "$arg" in
        --quick) events=20000 ;;
        --events=*) events=${arg#--events=} ;;
    esac
done

if [ "$events" -gt 200000 ]; then
    export BENCH_SERVER_HEAP=${BENCH_SERVER_HEAP:-6g} BENCH_STORE_HEAP=${BENCH_STORE_HEAP:-6g} \
        BENCH_CLIENT_HEAP=${BENCH_CLIENT_HEAP:-6g}
fi
work=api/target/bench-replay
audit_fill_store "$work" "$events" ledger
bench_start_server_on_store "$work"
bench_run io.openloop.ledger.bench.ReplayBenchmark --mongo-uri="$bench_store_uri" "$@"
