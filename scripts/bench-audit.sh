#!/usr/bin/env bash
# Benchmarks the audit export with production settings: the server jar on an embedded store that runs as a process of
# its own with FSYNC durability. It fills the store through the event storage engine. Then it alternates raw driver
# reads of the events (pos $in and _id $in windows of 1,000) with the operator's NDJSON export of the whole store over
# HTTP. It prints the rates and their ratio against the goal of 0.8x (see docs/benchmarks.md).
#
# Usage: scripts/bench-audit.sh [--quick] [--events=N] [--rounds=R]
#   --quick   20,000 events instead of 1,000,000: under a minute of measuring for CI
# Environment: BENCH_MAVEN_FLAGS, BENCH_SERVER_JAVA_OPTS, BENCH_SERVER_HEAP and BENCH_SKIP_BUILD, described in
# scripts/lib/bench-server.sh
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

work=api/target/bench-audit
audit_fill_store "$work" "$events"
bench_start_server_on_store "$work"
bench_run io.openloop.ledger.bench.AuditExportBenchmark \
    --mongo-uri="$bench_store_uri" --store-pid="${bench_pids[0]}" "$@"
