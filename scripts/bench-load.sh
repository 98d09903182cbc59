#!/usr/bin/env bash
# Load benchmark: wrk drives a minimal WebFlux route that does one MongoDB insert per request (the ceiling), then the
# ledger with POST /api/tools/invoke, each on the same embedded store that runs as a process of its own with FSYNC
# durability. The ledger keeps production settings (rate limiter on). Prints requests per second at the peak and paced
# at half of it, latency percentiles, CPU time of the target's process per request, projection lag, and the goals
# (see docs/benchmarks.md). It never fails on a missed goal.
#
# Usage: scripts/bench-load.sh [--quick] [--seconds=S] [--warmup-seconds=S] [--connections=N] [--loops=N]
#                              [--keys-per-loop=N] [--lag-interval-ms=MS]
#   --quick          8 s per run, 4 s warm-up, 32 connections: a short form for CI (about 90 s after the build)
#   --seconds        length of each measured run (default 30)
#   --connections    wrk connections of the closed-loop runs (default 64)
#   --loops, --keys-per-loop   enterprise loops and invoking keys per loop that the requests rotate over (8 and 8)
#   --lag-interval-ms          time between two projection lag samples (default 50)
#   --skip-ceiling   runs only the ledger, for example to profile it; the comparison then reads "unknown"
# Environment: BENCH_MAVEN_FLAGS, BENCH_SERVER_JAVA_OPTS, BENCH_SERVER_HEAP and BENCH_SKIP_BUILD, described in
# scripts/lib/bench-server.sh; BENCH_CEILING_JAVA_OPTS, extra JVM options of the ceiling.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=lib/bench-server.sh
source scripts/lib/bench-server.sh

if ! command -v wrk >/dev/null 2>&1; then
    echo "wrk is missing; install it first, for example with: apt-get install wrk" >&2
    exit 1
fi

work=api/target/bench-load
bench_build
bench_start_store "$work"

skip_ceiling=0
for arg in "$@"; do
    [ "$arg" = --skip-ceiling ] && skip_ceiling=1
done
rm -f "$work/ceiling.properties"
if [ "$skip_ceiling" = 0 ]; then
    ceiling_port=$((20000 + RANDOM % 20000))
    # shellcheck disable=SC2086
    java -Xmx512m ${BENCH_CEILING_JAVA_OPTS:-} -cp "$bench_classpath" io.openloop.ledger.bench.CeilingServer \
        --store-uri="$bench_store_uri" --port="$ceiling_port" >"$work/ceiling.log" 2>&1 &
    ceiling_pid=$!
    bench_pids+=("$ceiling_pid")
    for _ in $(seq 1 300); do
        grep -q '^Ceiling listening on' "$work/ceiling.log" 2>/dev/null && break
        if ! kill -0 "$ceiling_pid" 2>/dev/null; then
            echo "the ceiling stopped during start-up; its log:" >&2
            tail -50 "$work/ceiling.log" >&2
            exit 1
        fi
        sleep 0.1
    done
    echo "store on port $bench_store_port, ceiling on port $ceiling_port (pid $ceiling_pid), $(nproc) cores," \
        "$(wrk --version 2>&1 | head -1 | cut -d' ' -f1-2)"

    java -Xmx1g -cp "$bench_classpath" io.openloop.ledger.bench.LoadBenchmark --target=ceiling \
        --base-url="http://127.0.0.1:$ceiling_port" --server-pid="$ceiling_pid" --clock-ticks="$(getconf CLK_TCK)" \
        --store-pid="${bench_pids[0]}" --work-dir="$work" --result-file="$work/ceiling.properties" "$@"
    kill "$ceiling_pid"
    wait "$ceiling_pid" 2>/dev/null || true
fi

bench_start_server_on_store "$work"
bench_run io.openloop.ledger.bench.LoadBenchmark --target=ledger --store-uri="$bench_store_uri" \
    --store-pid="${bench_pids[0]}" --work-dir="$work" --ceiling-file="$work/ceiling.properties" "$@"
