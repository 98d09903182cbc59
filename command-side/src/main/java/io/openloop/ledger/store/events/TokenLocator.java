package io.openloop.ledger.store.events;

import static com.mongodb.client.model.Filters.in;

import com.mongodb.client.MongoCollection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.bson.Document;

/**
 * Creates head tokens and tokens at a point in time with equality and {@code $in} probes on positions only.
 */
final class TokenLocator {

    private final MongoCollection<Document> events;
    private final PositionCounter counter;
    private final int window;

    TokenLocator(MongoCollection<Document> events, PositionCounter counter, int window) {
        this.events = events;
        this.counter = counter;
        this.window = window;
    }

    /**
     * Returns a token at the newest stored position, or {@code null} (the start) if nothing is stored. Positions of
     * the last window that hold no document yet become gaps, so commits still on their way are not skipped.
     */
    TrackingToken head() {
        long next = counter.peekNext();
        if (next == 0) {
            return null;
        }

        long from = Math.max(0, next - window);
        TreeMap<Long, Boolean> stored = new TreeMap<>();
        for (Document document : events.find(in(CommitDocuments.POSITIONS, range(from, next)))) {
            for (long position : CommitDocuments.positions(document)) {
                stored.put(position, Boolean.TRUE);
            }
        }

        Long highest = stored.floorKey(next - 1);
        if (highest == null || highest < from) {
            return GapAwareTrackingToken.newInstance(from - 1, List.of());
        }
        TreeSet<Long> gaps = new TreeSet<>();
        for (long position = from; position < highest; position++) {
            if (!stored.containsKey(position)) {
                gaps.add(position);
            }
        }
        return GapAwareTrackingToken.newInstance(highest, gaps);
    }

    /**
     * Returns a token from which a reader receives the events stored at or after {@code instant}, found by binary
     * search over positions, or {@code null} (the start) if the first event qualifies.
     *
     * <p>NOTE: event timestamps are set when an event is created, before it gets a position, so they are only nearly
     * ordered by position; around {@code instant} the token may include or skip an event whose timestamp is out of
     * order with its neighbours.
     */
    TrackingToken at(Instant instant) {
        long next = counter.peekNext();
        long low = 0;
        long high = next;
        while (low < high) {
            long middle = low + (high - low) / 2;
            EventAt found = firstEventAtOrAfter(middle, next);
            if (found == null || !found.timestamp().isBefore(instant)) {
                high = middle;
            } else {
                low = found.position() + 1;
            }
        }

        if (low == 0) {
            return null;
        }
        return GapAwareTrackingToken.newInstance(low - 1, List.of());
    }

    private record EventAt(long position, Instant timestamp) {}

    /**
     * Finds the lowest-positioned event at or after {@code position}, skipping void documents and missing positions.
     */
    private EventAt firstEventAtOrAfter(long position, long next) {
        for (long from = position; from < next; from += window) {
            TreeMap<Long, Instant> timestamps = new TreeMap<>();
            for (Document document :
                    events.find(in(CommitDocuments.POSITIONS, range(from, Math.min(next, from + window))))) {
                if (CommitDocuments.isVoid(document)) {
                    continue;
                }
                for (Document event : CommitDocuments.events(document)) {
                    long eventPosition = CommitDocuments.eventPosition(event);
                    if (eventPosition >= position) {
                        timestamps.put(eventPosition, Instant.parse(event.getString(CommitDocuments.EVENT_TIMESTAMP)));
                    }
                }
            }
            if (!timestamps.isEmpty()) {
                var first = timestamps.firstEntry();
                return new EventAt(first.getKey(), first.getValue());
            }
        }
        return null;
    }

    private static List<Long> range(long fromInclusive, long toExclusive) {
        List<Long> positions = new ArrayList<>();
        for (long position = fromInclusive; position < toExclusive; position++) {
            positions.add(position);
        }
        return positions;
    }
}
