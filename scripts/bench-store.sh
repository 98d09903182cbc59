#!/usr/bin/env bash
# Benchmarks the event store on the embedded store with production settings and prints the figures and their ratios
# against the goals (see docs/benchmarks.md).
#
# Usage: scripts/bench-store.sh [--quick] [--only=append,catchup,load] [--work-dir=DIR]
#   --quick   scaled-down counts for CI: about a minute on 2 cores, against about 6-8 minutes for the full run
# Environment:
#   BENCH_MAVEN_FLAGS   extra Maven flags, for example -o to build offline
#   BENCH_JAVA_OPTS     JVM options of the benchmark (default -Xmx2g), for example to add a flight recording, or
#                       -Dbench.cacheSizeMb=MB to give the embedded store another page cache (default 256 MiB)
set -euo pipefail
cd "$(dirname "$0")/.."

classpath_file=command-side/target/bench-classpath.txt

# Compiles the test sources of command-side and the modules it needs, and writes its test classpath. The format
# check is skipped because it guards commits, not measurements.
# shellcheck disable=SC2086
mvn -B -q -ntp ${BENCH_MAVEN_FLAGS:-} -pl command-side -am -Dspotless.check.skip=true \
    test-compile dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt

classpath="command-side/target/test-classes:command-side/target/classes:messages/target/classes:$(cat "$classpath_file")"

# shellcheck disable=SC2086
exec java ${BENCH_JAVA_OPTS:--Xmx2g} -cp "$classpath" io.openloop.ledger.bench.EventStoreBenchmark \
    --work-dir=command-side/target/bench "$@"
