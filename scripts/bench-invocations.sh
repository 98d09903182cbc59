#!/usr/bin/env bash
# Benchmarks invocations through the whole HTTP path (invoke, pull as the provider, report the result with proofs)
# with production settings: the server jar with its rate limiter on, on an embedded store that runs as a process of
# its own with FSYNC durability. Prints throughput, latency percentiles, store writes and server CPU time per
# invocation (see docs/benchmarks.md).
#
# Usage: scripts/bench-invocations.sh [--quick] [--workers=N] [--seconds=S] [--warmup-seconds=S]
#   --quick   4 workers, 5 s warm-up, 10 s per phase: a short form for CI
# Environment: BENCH_MAVEN_FLAGS, BENCH_SERVER_JAVA_OPTS and BENCH_SKIP_BUILD, described in scripts/lib/bench-server.sh
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=lib/bench-server.sh
source scripts/lib/bench-server.sh

bench_build
bench_start_server api/target/bench-invocations
bench_run io.openloop.ledger.bench.InvocationBenchmark "$@"
