#!/usr/bin/env bash
# Runs every test suite. Suites that need a Docker engine (a real mongo:7 replica set) are skipped where none runs;
# each suite prints the store it ran on. Long suites run with: mvn -B -Plong verify
# The JavaScript SDK's tests then run against the jar that verify built (Node 20 or later).
set -euo pipefail
cd "$(dirname "$0")/.."

mvn -B -ntp verify
(cd sdk/js && npm ci && npm test)
