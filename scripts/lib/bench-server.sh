# Shared steps of the HTTP benchmarks, sourced by scripts/bench-*.sh from the repository root. They build the server jar
# and the test class path. Then they start the embedded store as a process of its own with FSYNC durability, and the
# server jar on it with production settings (its rate limiter on). Both processes stop when the sourcing script exits.
#
# Environment:
#   BENCH_MAVEN_FLAGS   extra Maven flags, for example -o to build offline
#   BENCH_SERVER_JAVA_OPTS  extra JVM options of the server, for example a flight recording
#   BENCH_SERVER_HEAP   the server's maximum heap (-Xmx), default 2g
#   BENCH_STORE_HEAP    the embedded store's maximum heap (-Xmx), default 1g
#   BENCH_CLIENT_HEAP   the benchmark client's maximum heap (-Xmx), default 1g
#   BENCH_SKIP_BUILD    set to 1 to reuse api/target/openloop-ledger.jar and the class path from an earlier run

# Builds the jar and the test classes unless BENCH_SKIP_BUILD is 1, and sets bench_classpath.
bench_build() {
    local classpath_file=api/target/bench-classpath.txt
    if [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then
        # shellcheck disable=SC2086
        mvn -B -q -ntp ${BENCH_MAVEN_FLAGS:-} -Dspotless.check.skip=true -DskipTests package
        # -am resolves the sibling modules from this reactor, because they are not installed in the local repository.
        # shellcheck disable=SC2086
        mvn -B -q -ntp ${BENCH_MAVEN_FLAGS:-} -pl api -am -Dspotless.check.skip=true \
            test-compile dependency:build-classpath \
            -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
    fi
    bench_classpath="api/target/test-classes:$(cat "$classpath_file")"
}

# Stops the processes in the reverse order of their start, so the server stops before its store.
bench_pids=()
bench_cleanup() {
    local i
    for ((i = ${#bench_pids[@]} - 1; i >= 0; i--)); do
        kill "${bench_pids[i]}" 2>/dev/null || true
        wait "${bench_pids[i]}" 2>/dev/null || true
    done
}

# Starts the store and the server with their data and logs in the fresh directory $1, waits until the server is
# healthy, and sets bench_store_uri, bench_server_pid, bench_server_port and bench_token (the operator token).
bench_start_server() {
    bench_start_store "$1"
    bench_start_server_on_store "$1"
}

# Starts the embedded store as a process of its own with FSYNC durability, its data and log in the fresh directory $1,
# and sets bench_store_uri.
bench_start_store() {
    local work=$1
    rm -rf "$work"
    mkdir -p "$work"
    trap bench_cleanup EXIT

    java -Xmx"${BENCH_STORE_HEAP:-1g}" -jar api/target/openloop-ledger.jar store \
        --data-dir "$work/store" --port 0 --port-file "$work/store.port" --durability FSYNC \
        >"$work/store.log" 2>&1 &
    bench_pids+=($!)
    for _ in $(seq 1 300); do
        [ -s "$work/store.port" ] && break
        sleep 0.1
    done
    bench_store_port=$(cat "$work/store.port")
    bench_store_uri="mongodb://127.0.0.1:$bench_store_port"
}

# Prints a random port from 20000-39999 on which nothing accepts loopback connections. Another process may still take
# it before the caller binds it, but a port that another benchmark or server already listens on is skipped.
bench_free_port() {
    local port
    for _ in $(seq 1 50); do
        port=$((20000 + RANDOM % 20000))
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            echo "$port"
            return
        fi
    done
    echo "no free port found in 50 tries between 20000 and 39999" >&2
    return 1
}

# Starts the server jar on bench_store_uri with its data and log in $1 and the heap BENCH_SERVER_HEAP (default 2g),
# waits until it is healthy, and sets bench_server_pid, bench_server_port and bench_token (the operator token).
bench_start_server_on_store() {
    local work=$1
    bench_server_port=$(bench_free_port)
    bench_token="bench-operator-token-$(date +%s)-0123456789abcdef"
    # shellcheck disable=SC2086
    OPENLOOP_MONGO_URI="$bench_store_uri" \
        OPENLOOP_ADMIN_TOKEN="$bench_token" \
        OPENLOOP_DATA_DIR="$work/server" \
        OPENLOOP_PORT="$bench_server_port" \
        java -Xmx"${BENCH_SERVER_HEAP:-2g}" ${BENCH_SERVER_JAVA_OPTS:-} -jar api/target/openloop-ledger.jar \
        >"$work/server.log" 2>&1 &
    bench_server_pid=$!
    bench_pids+=("$bench_server_pid")
    for _ in $(seq 1 600); do
        if curl -fsS "http://127.0.0.1:$bench_server_port/actuator/health" >/dev/null 2>&1; then
            break
        fi
        if ! kill -0 "$bench_server_pid" 2>/dev/null; then
            echo "the server stopped during start-up; its log:" >&2
            tail -50 "$work/server.log" >&2
            exit 1
        fi
        sleep 0.2
    done

    echo "store on port $bench_store_port (pid ${bench_pids[0]}), server on port $bench_server_port" \
        "(pid $bench_server_pid, heap ${BENCH_SERVER_HEAP:-2g}, store heap ${BENCH_STORE_HEAP:-1g}), $(nproc) cores"
}

# Runs the benchmark class $1 against the server with the remaining arguments.
bench_run() {
    local main_class=$1
    shift
    java -Xmx"${BENCH_CLIENT_HEAP:-1g}" -cp "$bench_classpath" "$main_class" \
        --base-url="http://127.0.0.1:$bench_server_port" --admin-token="$bench_token" \
        --server-pid="$bench_server_pid" --clock-ticks="$(getconf CLK_TCK)" "$@"
}
