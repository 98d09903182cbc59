package io.openloop.ledger.query.audit;

import io.openloop.ledger.store.events.StoredEntry;
import io.openloop.ledger.store.events.StoredEventReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads windows of the global order for an export, and waits for positions that contain nothing yet.
 *
 * <p>Every position below the head at the start of the export was handed out to a writer, so a position without a
 * document is a commit still on its way or a deleted event. The window is read again every {@code pollInterval} until
 * such positions fill or the event store's gap timeout passes, after which readers would mark them void. A position
 * still empty after that is exported without a line, so a verifier reports it as missing.
 */
final class PositionWindows {

    private static final Logger log = LoggerFactory.getLogger(PositionWindows.class);

    private final StoredEventReader reader;
    private final Duration gapTimeout;
    private final Duration pollInterval;
    private final String exportId;

    PositionWindows(StoredEventReader reader, Duration gapTimeout, Duration pollInterval, String exportId) {
        this.reader = reader;
        this.gapTimeout = gapTimeout;
        this.pollInterval = pollInterval;
        this.exportId = exportId;
    }

    /** Returns one entry per position from {@code from} (inclusive) to {@code to} (exclusive), in order. */
    List<StoredEntry> read(long from, long to) {
        List<StoredEntry> window = reader.readPositions(from, to);
        long deadline = System.nanoTime() + gapTimeout.toNanos();
        List<Long> missing = missing(window);
        while (!missing.isEmpty() && System.nanoTime() < deadline) {
            pause();
            long first = missing.get(0);
            long last = missing.get(missing.size() - 1);
            List<StoredEntry> again = reader.readPositions(first, last + 1);
            window = new ArrayList<>(window);
            for (StoredEntry entry : again) {
                window.set((int) (entry.position() - from), entry);
            }
            missing = missing(window);
        }
        if (!missing.isEmpty()) {
            log.warn(
                    "Export {}: {} positions from {} to {} contain no event and no void mark after waiting {};"
                            + " exported without them: {}",
                    exportId,
                    missing.size(),
                    missing.get(0),
                    missing.get(missing.size() - 1),
                    gapTimeout,
                    missing.size() > 20 ? missing.subList(0, 20) + " ..." : missing);
        }
        return window;
    }

    private static List<Long> missing(List<StoredEntry> window) {
        List<Long> missing = new ArrayList<>();
        for (StoredEntry entry : window) {
            if (entry.kind() == StoredEntry.Kind.MISSING) {
                missing.add(entry.position());
            }
        }
        return missing;
    }

    private void pause() {
        try {
            Thread.sleep(pollInterval.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("export " + exportId + " was interrupted while waiting for positions", e);
        }
    }
}
