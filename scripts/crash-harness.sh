#!/usr/bin/env bash
# Kills the server with SIGKILL at random moments under a mixed load and restarts it. After the last restart it checks
# that every acknowledged request's events exist and that credits add up. It also checks that no hold was resolved
# twice, that every read model equals a fresh rebuild and that the audit trail verifies clean. The server runs the jar on its in-process embedded store with
# FSYNC durability. Prints kills survived, requests acknowledged and invariant violations, and exits non-zero on a
# violation. docs/reliability.md describes the checks.
#
# Usage: scripts/crash-harness.sh [--quick] [--kills=N] [--seconds=S] [--workers=N]
#   --quick    3 kills over about 20 s of load: the short form for CI
#   --kills    SIGKILLs in the run (default 20)
#   --seconds  load time over which the kills are spread, restarts not counted (default 120)
#   --workers  concurrent clients, each with its own loops (default 4)
# Environment: BENCH_MAVEN_FLAGS and BENCH_SKIP_BUILD, described in scripts/lib/bench-server.sh
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=lib/bench-server.sh
source scripts/lib/bench-server.sh

bench_build
java -Xmx512m -cp "$bench_classpath" io.openloop.ledger.reliability.CrashHarness \
    --jar=api/target/openloop-ledger.jar --work=api/target/crash-harness "$@"
