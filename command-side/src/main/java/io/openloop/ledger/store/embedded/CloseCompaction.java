package io.openloop.ledger.store.embedded;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import org.h2.mvstore.MVStoreTool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rewrites a closed data file with only its live pages and swaps the copy in, which the running store cannot do
 * because it keeps partly live chunks until compaction catches up.
 *
 * <p>The copy goes to {@code <file>.tempFile}, is forced to the disk and then renamed over the data file, and the
 * directory is forced so the rename is durable. A process killed during the copy leaves the data file as it was; the
 * next open deletes the leftover copy.
 */
final class CloseCompaction {

    private static final Logger log = LoggerFactory.getLogger(CloseCompaction.class);

    private CloseCompaction() {}

    /** Deletes a copy left by a compaction that did not finish. Call it while holding the data directory lock. */
    static void cleanUpInterruptedCompaction(Path dataFile) {
        MVStoreTool.compactCleanUp(dataFile.toString());
    }

    /** Rewrites the closed {@code dataFile}; on failure keeps the original file and logs a warning. */
    static void rewrite(Path dataFile) {
        Path copy = dataFile.resolveSibling(dataFile.getFileName() + ".tempFile");
        try {
            long sizeBefore = Files.size(dataFile);
            long started = System.nanoTime();

            MVStoreTool.compact(dataFile.toString(), copy.toString(), false);
            force(copy);
            Files.move(copy, dataFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            force(dataFile.getParent());

            log.info(
                    "Compacted embedded store {} on close from {} MiB to {} MiB in {} ms",
                    dataFile,
                    sizeBefore >> 20,
                    Files.size(dataFile) >> 20,
                    (System.nanoTime() - started) / 1_000_000);
        } catch (IOException | RuntimeException e) {
            log.warn("Compaction of embedded store {} on close failed; the file keeps its size", dataFile, e);
            deleteCopy(copy);
        }
    }

    private static void force(Path path) throws IOException {
        StandardOpenOption mode = Files.isDirectory(path) ? StandardOpenOption.READ : StandardOpenOption.WRITE;
        try (FileChannel channel = FileChannel.open(path, mode)) {
            channel.force(true);
        }
    }

    private static void deleteCopy(Path copy) {
        try {
            Files.deleteIfExists(copy);
        } catch (IOException e) {
            log.warn("Failed to delete compaction copy {}; the next open deletes it", copy, e);
        }
    }
}
