package io.openloop.ledger.bench;

import io.openloop.ledger.store.embedded.EmbeddedMongoStore;
import java.util.Locale;

/** The write command and commit counters of an embedded store at one moment. */
record StoreActivity(long writes, long commits) {

    static StoreActivity of(EmbeddedMongoStore store) {
        return new StoreActivity(store.writeCount(), store.commitCount());
    }

    /** Prints the write commands and commits the store has run since {@code before}. */
    void printSince(StoreActivity before) {
        long writeDelta = writes - before.writes();
        long commitDelta = commits - before.commits();
        System.out.printf(
                Locale.ROOT,
                "  store: %,d write commands in %,d commits (%.2f per commit)%n",
                writeDelta,
                commitDelta,
                commitDelta == 0 ? 0.0 : (double) writeDelta / commitDelta);
    }
}
