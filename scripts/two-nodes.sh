#!/usr/bin/env bash
# Starts the embedded store as a process of its own (the jar's store mode, FSYNC durability) and two server nodes on
# it, sends a mixed load to both, and kills node B with SIGKILL halfway. It checks that the nodes shared the processor
# segments and that a task stream opened on node A showed an offer sent to node B. After the load it checks that
# node A took over node B's segments, then runs the crash harness's checks on what was acknowledged. Exits non-zero
# on a violation. docs/reliability.md describes the run.
#
# Usage: scripts/two-nodes.sh [--quick] [--seconds=S] [--workers=N]
#   --quick    20 s of load: the short form for CI
#   --seconds  load time, node B is killed halfway (default 60)
#   --workers  concurrent clients, each with its own loops (default 4)
# Environment: BENCH_MAVEN_FLAGS and BENCH_SKIP_BUILD, described in scripts/lib/bench-server.sh
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=lib/bench-server.sh
source scripts/lib/bench-server.sh

bench_build
java -Xmx512m -cp "$bench_classpath" io.openloop.ledger.reliability.TwoNodes \
    --jar=api/target/openloop-ledger.jar --work=api/target/two-nodes "$@"
