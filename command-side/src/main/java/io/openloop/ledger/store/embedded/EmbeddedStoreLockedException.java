package io.openloop.ledger.store.embedded;

import java.nio.file.Path;

/**
 * Raised when the data file is locked by another process, or by another store in the same JVM. Two stores on one
 * MVStore file would overwrite each other's chunks, so the second open is rejected.
 */
public class EmbeddedStoreLockedException extends EmbeddedStoreException {

    public EmbeddedStoreLockedException(Path dataFile, Throwable cause) {
        super(
                dataFile,
                "Data file " + dataFile + " is locked by another process or another store in this JVM."
                        + " Stop that store, or connect to it with its MongoDB URI, or choose another data directory.",
                cause);
    }
}
