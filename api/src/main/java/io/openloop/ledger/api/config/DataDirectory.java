package io.openloop.ledger.api.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The data directory contains the store, the operator token and the key secret, so only its owner may enter it. */
final class DataDirectory {

    private static final Logger log = LoggerFactory.getLogger(DataDirectory.class);

    private DataDirectory() {}

    static void restrictToOwner(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
            Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwx------"));
        } catch (UnsupportedOperationException e) {
            log.warn("Cannot restrict {} to its owner on this file system; protect it by other means", dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("could not create or protect the data directory " + dataDir, e);
        }
    }
}
