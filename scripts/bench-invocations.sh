#!/usr/bin/env bash
# Benchmarks invocations through the whole HTTP path (invoke, pull as the provider, report the result with proofs)
# with production settings: the server jar with its rate limiter on, on an embedded store that runs as a process of
# its own with FSYNC durability. Prints throughput, latency percentiles, store writes and server CPU time per
# invocation (see docs/benchmarks.md).
#
# Usage: scripts/bench-invocations.sh [--quick] [--workers=N] [--seconds=S] [--warmup-seconds=S]
#   --quick   4 workers, 5 s warm-up, 10 s per phase: a short form for CI
# Environment:
#   BENCH_MAVEN_FLAGS   extra Maven flags, for example -o to build offline
#   BENCH_SERVER_JAVA_OPTS  extra JVM options of the server, for example a flight recording
#   BENCH_SKIP_BUILD    set to 1 to reuse api/target/openloop-ledger.jar and the class path from an earlier run
set -euo pipefail
cd "$(dirname "$0")/.."

work=api/target/bench-invocations
rm -rf "$work"
mkdir -p "$work"
classpath_file=api/target/bench-classpath.txt

if [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then
    # shellcheck disable=SC2086
    mvn -B -q -ntp ${BENCH_MAVEN_FLAGS:-} -Dspotless.check.skip=true -DskipTests package
    # shellcheck disable=SC2086
    mvn -B -q -ntp ${BENCH_MAVEN_FLAGS:-} -pl api -Dspotless.check.skip=true \
        test-compile dependency:build-classpath \
        -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
fi
classpath="api/target/test-classes:$(cat "$classpath_file")"

pids=()
cleanup() {
    for pid in "${pids[@]}"; do
        kill "$pid" 2>/dev/null || true
    done
    wait 2>/dev/null || true
}
trap cleanup EXIT

java -Xmx1g -cp "$classpath" io.openloop.ledger.store.embedded.EmbeddedStoreMain \
    --data-dir "$work/store" --port 0 --port-file "$work/store.port" --durability FSYNC \
    >"$work/store.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 300); do
    [ -s "$work/store.port" ] && break
    sleep 0.1
done
store_port=$(cat "$work/store.port")

server_port=$((20000 + RANDOM % 20000))
token="bench-operator-token-$(date +%s)-0123456789abcdef"
OPENLOOP_MONGO_URI="mongodb://127.0.0.1:$store_port" \
    OPENLOOP_ADMIN_TOKEN="$token" \
    OPENLOOP_DATA_DIR="$work/server" \
    OPENLOOP_PORT="$server_port" \
    java -Xmx2g ${BENCH_SERVER_JAVA_OPTS:-} -jar api/target/openloop-ledger.jar >"$work/server.log" 2>&1 &
server_pid=$!
pids+=("$server_pid")
for _ in $(seq 1 600); do
    if curl -fsS "http://127.0.0.1:$server_port/actuator/health" >/dev/null 2>&1; then
        break
    fi
    if ! kill -0 "$server_pid" 2>/dev/null; then
        echo "the server stopped during start-up; its log:" >&2
        tail -50 "$work/server.log" >&2
        exit 1
    fi
    sleep 0.2
done

echo "store on port $store_port (pid ${pids[0]}), server on port $server_port (pid $server_pid), $(nproc) cores"
java -Xmx1g -cp "$classpath" io.openloop.ledger.bench.InvocationBenchmark \
    --base-url="http://127.0.0.1:$server_port" --admin-token="$token" --server-pid="$server_pid" \
    --clock-ticks="$(getconf CLK_TCK)" "$@"
