# Shared step of the audit export scripts, sourced after scripts/lib/bench-server.sh from the repository root.

# Builds the jar and test classes, starts the embedded store in the fresh directory $1 and fills it with $2 events
# through AuditStoreFiller, of the mix $3 (credits, the default, or ledger). The filler writes real ledger events and
# the global digest's checkpoints. It also sets the server's tracking tokens at the head, so the server does not
# project the filler, unless $4 is start: then it sets no tokens and the server projects every filled event.
audit_fill_store() {
    bench_build
    bench_start_store "$1"
    java -Xmx1g -cp "$bench_classpath" io.openloop.ledger.bench.AuditStoreFiller \
        --mongo-uri="$bench_store_uri" --events="$2" --config=api/src/main/resources/application.yml \
        --mix="${3:-credits}" --tokens="${4:-head}"
}
