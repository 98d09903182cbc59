package io.openloop.ledger.query.audit;

import io.openloop.ledger.store.events.StoredEntry;
import io.openloop.ledger.store.events.StoredEventReader;
import java.time.Instant;
import java.util.function.Predicate;

/**
 * Finds global positions by event time with binary search over positions, reading windows through {@link
 * StoredEventReader}, so it costs about log2(head) window reads on any store and needs no index on time.
 *
 * <p>NOTE: event timestamps are set when an event is created, before it gets a position, so they are only nearly
 * ordered by position. Near the boundary the search may place an event whose timestamp is out of order with its
 * neighbours outside the range. The export still filters every event by its own timestamp.
 */
final class PositionSearch {

    private final StoredEventReader reader;

    PositionSearch(StoredEventReader reader) {
        this.reader = reader;
    }

    /** Returns the lowest position below {@code head} whose event's timestamp is at or after {@code instant}. */
    long firstAtOrAfter(Instant instant, long head) {
        return first(timestamp -> !timestamp.isBefore(instant), head);
    }

    /** Returns the lowest position below {@code head} whose event's timestamp is after {@code instant}. */
    long firstAfter(Instant instant, long head) {
        return first(timestamp -> timestamp.isAfter(instant), head);
    }

    /**
     * Returns the lowest position whose event passes {@code reached}, or {@code head} when none does, assuming that
     * {@code reached} becomes true at some position and stays true after it.
     */
    private long first(Predicate<Instant> reached, long head) {
        long low = 0;
        long high = head;
        while (low < high) {
            long middle = low + (high - low) / 2;
            StoredEntry found = firstEventAtOrAfter(middle, head);
            if (found == null || reached.test(Instant.parse(found.timestamp()))) {
                high = middle;
            } else {
                low = found.position() + 1;
            }
        }
        return low;
    }

    /** Returns the lowest-positioned event at or after {@code position}, skipping void and missing positions. */
    private StoredEntry firstEventAtOrAfter(long position, long head) {
        for (long from = position; from < head; from += StoredEventReader.MAX_WINDOW) {
            long to = Math.min(head, from + StoredEventReader.MAX_WINDOW);
            for (StoredEntry entry : reader.readPositions(from, to)) {
                if (entry.kind() == StoredEntry.Kind.EVENT) {
                    return entry;
                }
            }
        }
        return null;
    }
}
