#!/usr/bin/env bash
# Summarises the CPU samples of a flight recording: the methods most often on top of the stack (self time) and the
# methods most often anywhere on it (total time), as a share of all samples.
#
# Usage: scripts/jfr-hot-frames.sh RECORDING.jfr [TOP=25] [THREAD_REGEX=.] [FROM=00:00:00] [TO=99:99:99]
#   THREAD_REGEX keeps only samples of matching thread names, for example 'nioEventLoop|pool-'.
#   FROM and TO keep only samples taken in that local time range (HH:MM:SS), such as one phase the benchmark printed.
# Record with: BENCH_JAVA_OPTS='-Xmx2g -XX:StartFlightRecording=filename=/tmp/bench.jfr,settings=profile'
set -euo pipefail

recording=${1:?usage: scripts/jfr-hot-frames.sh RECORDING.jfr [TOP] [THREAD_REGEX]}
top=${2:-25}
threads=${3:-.}
from=${4:-00:00:00}
to=${5:-99:99:99}

jfr print --events jdk.ExecutionSample --stack-depth 64 "$recording" | awk -v top="$top" -v threads="$threads" \
    -v from="$from" -v to="$to" '
    /startTime = / { time = $3; next }
    /sampledThread = / { keep = ($0 ~ threads) && time >= from && time <= to; next }
    /stackTrace = \[/ { inStack = keep; depth = 0; delete seen; if (keep) samples++; next }
    inStack && /^[[:space:]]*\]/ { inStack = 0; next }
    inStack {
        frame = $0
        sub(/^[[:space:]]+/, "", frame)
        sub(/[[:space:]]+line:.*$/, "", frame)
        if (frame == "...") next
        if (depth == 0) self[frame]++
        if (!(frame in seen)) { total[frame]++; seen[frame] = 1 }
        depth++
    }
    END {
        printf "%d samples\n\nself%%  method (top of stack)\n", samples
        for (f in self) printf "%5.1f  %s\n", 100 * self[f] / samples, f | "sort -rn | head -" top
        close("sort -rn | head -" top)
        printf "\ntotal%% method (anywhere on the stack)\n"
        for (f in total) printf "%5.1f  %s\n", 100 * total[f] / samples, f | "sort -rn | head -" top
        close("sort -rn | head -" top)
    }'
