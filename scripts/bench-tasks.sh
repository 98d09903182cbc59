#!/usr/bin/env bash
# Benchmarks complete AAP conversations through the HTTP API: TASK_REQUEST, TASK_OFFER, OFFER_ACCEPT, TASK_COMPLETE
# with one proof, then reads of the task until it is SETTLED. Settings are the production ones: the server jar with its
# rate limiter on, on an embedded store that runs as a process of its own with FSYNC durability. Prints conversations
# per second, latency percentiles per message type and to settlement, the settlement's hops in the event store, and
# store writes and server CPU time per conversation (see docs/benchmarks.md).
#
# Usage: scripts/bench-tasks.sh [--quick] [--workers=N] [--seconds=S] [--warmup-seconds=S] [--read-keys=N]
#   --quick       4 workers, 5 s warm-up, 10 s per phase: a short form for CI
#   --read-keys   keys each agent reads its tasks with, spreading the polls over their rate limits (default 8)
# Environment: BENCH_MAVEN_FLAGS, BENCH_SERVER_JAVA_OPTS and BENCH_SKIP_BUILD, described in scripts/lib/bench-server.sh
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=lib/bench-server.sh
source scripts/lib/bench-server.sh

bench_build
bench_start_server api/target/bench-tasks
bench_run io.openloop.ledger.bench.TaskBenchmark --store-uri="$bench_store_uri" "$@"
