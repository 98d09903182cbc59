package io.openloop.ledger.store.embedded;

import java.nio.file.Path;

/** Failure to open or run the embedded store on its data file. */
public class EmbeddedStoreException extends RuntimeException {

    private final transient Path dataFile;

    public EmbeddedStoreException(Path dataFile, String message, Throwable cause) {
        super(message, cause);
        this.dataFile = dataFile;
    }

    /** Returns the MVStore file the store was opening or running on. */
    public Path dataFile() {
        return dataFile;
    }
}
