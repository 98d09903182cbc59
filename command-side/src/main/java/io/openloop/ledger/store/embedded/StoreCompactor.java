package io.openloop.ledger.store.embedded;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.h2.mvstore.FileStore;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.RandomAccessStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the MVStore file compact from a background thread, because with auto-commit disabled the MVStore runs no
 * housekeeping of its own.
 *
 * <p>Every commit appends a chunk that contains the pages it changed, and older chunks keep only the pages no later
 * commit replaced. Each run does two bounded steps. First it rewrites the live pages of sparse chunks ({@code
 * MVStore.compact}), which runs beside writers, and commits them so the old chunks become free space. Then, when much
 * of the file is free, it moves chunks from the end of the file into the gaps and truncates the file ({@code
 * RandomAccessStore.compactMoveChunks}). That step commits internally, so it holds the commit gate and writers wait for
 * it; its size limit keeps the wait short.
 */
final class StoreCompactor implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StoreCompactor.class);

    /** Chunks are rewritten while their live pages fill less than this percentage of them. */
    static final int CHUNK_FILL_TARGET_PERCENT = 60;

    /** Chunks are moved while the chunks fill less than this percentage of the file. */
    static final int FILE_FILL_TARGET_PERCENT = 70;

    private static final int REWRITE_BYTES_PER_RUN = 4 * 1024 * 1024;
    private static final long MOVE_BYTES_PER_RUN = 16L * 1024 * 1024;
    private static final long MIN_FILE_SIZE_TO_MOVE = 4L * 1024 * 1024;
    private static final long RECLAIMED_BYTES_LOGGED_AT_INFO = 64L * 1024 * 1024;

    private final MVStore store;
    private final Path dataFile;
    private final GroupCommitter committer;
    private final ScheduledExecutorService scheduler;

    StoreCompactor(MVStore store, Path dataFile, GroupCommitter committer) {
        this.store = store;
        this.dataFile = dataFile;
        this.committer = committer;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "embedded-store-compactor");
            thread.setDaemon(true);
            return thread;
        });
    }

    void start(Duration interval) {
        long millis = interval.toMillis();
        scheduler.scheduleWithFixedDelay(this::runLogged, millis, millis, TimeUnit.MILLISECONDS);
    }

    /** Runs one bounded compaction and returns the bytes by which the file shrank (negative if it grew). */
    long compactOnce() {
        FileStore<?> fileStore = store.getFileStore();
        long sizeBefore = fileStore.size();

        if (fileStore.getChunksFillRate() < CHUNK_FILL_TARGET_PERCENT
                && store.compact(CHUNK_FILL_TARGET_PERCENT, REWRITE_BYTES_PER_RUN)) {
            committer.commitNow();
        }

        if (fileStore instanceof RandomAccessStore randomAccessStore
                && sizeBefore >= MIN_FILE_SIZE_TO_MOVE
                && randomAccessStore.getFillRate() < FILE_FILL_TARGET_PERCENT) {
            committer.exclusive(
                    () -> randomAccessStore.compactMoveChunks(FILE_FILL_TARGET_PERCENT, MOVE_BYTES_PER_RUN, store));
        }

        long sizeAfter = fileStore.size();
        log.debug("Compacted embedded store {}: {} bytes before, {} bytes after", dataFile, sizeBefore, sizeAfter);
        long reclaimed = sizeBefore - sizeAfter;
        if (reclaimed >= RECLAIMED_BYTES_LOGGED_AT_INFO) {
            log.info(
                    "Compaction reclaimed {} MiB of embedded store {}, now {} MiB",
                    reclaimed >> 20,
                    dataFile,
                    sizeAfter >> 20);
        }
        return reclaimed;
    }

    private void runLogged() {
        if (store.isClosed()) {
            return;
        }
        try {
            compactOnce();
        } catch (RuntimeException e) {
            // Compaction only reclaims space; a failed run leaves the committed data as it was.
            log.warn("Compaction of embedded store {} failed; the next run retries", dataFile, e);
        }
    }

    /** Stops the background thread and waits for a running compaction to finish. */
    @Override
    public void close() {
        scheduler.shutdown();
        try {
            if (!scheduler.awaitTermination(1, TimeUnit.MINUTES)) {
                log.warn("Compaction of embedded store {} did not stop within 1 minute", dataFile);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
