package io.openloop.ledger.store.embedded;

/** Durability guarantee of the embedded store: the failures that an acknowledged write survives. */
public enum Durability {

    /**
     * Commits the MVStore before the reply is sent, so the write is in the operating system's file cache. It survives
     * a killed store process, but not a crash of the machine or a power loss.
     */
    COMMIT,

    /**
     * Commits and then forces the file to the disk ({@code FileChannel.force}) before the reply is sent. It also
     * survives a crash of the machine, as far as the disk honours the flush.
     */
    FSYNC
}
