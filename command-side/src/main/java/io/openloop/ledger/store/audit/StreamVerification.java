package io.openloop.ledger.store.audit;

import io.openloop.ledger.store.audit.EventChecks.Link;
import io.openloop.ledger.store.events.StoredEntry;
import io.openloop.ledger.store.events.StoredEventReader;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * One verification of whole streams: each stream from sequence number 0, in windows, checking every event's hash and
 * its link to the event before it. The report names the finding with the lowest position over all streams.
 *
 * <p>NOTE: a stream ends at the first window of {@link StoredEventReader#MAX_WINDOW} sequence numbers without an
 * event, so events after a gap of that many deleted events, and deleted events at the end of a stream, are not seen
 * here. The range verification finds those through the checkpoints' marks.
 */
final class StreamVerification {

    private final StoredEventReader reader;
    private final Collection<String> streams;

    private long eventsChecked;
    private long streamsChecked;
    private long firstPosition = Long.MAX_VALUE;
    private long lastPosition = -1;
    private AuditFinding finding;

    StreamVerification(StoredEventReader reader, Collection<String> streams) {
        this.reader = reader;
        this.streams = streams;
    }

    AuditReport run() {
        for (String stream : new TreeSet<>(streams)) {
            AuditFinding found = verify(stream);
            if (found != null && (finding == null || found.position() < finding.position())) {
                finding = found;
            }
        }
        long from = firstPosition == Long.MAX_VALUE ? 0 : firstPosition;
        return new AuditReport(from, lastPosition, eventsChecked, streamsChecked, List.of(), 0, null, finding);
    }

    /** Walks one stream and returns its first finding, or {@code null}. */
    private AuditFinding verify(String stream) {
        Link previous = null;
        long next = 0;
        boolean counted = false;
        while (true) {
            List<StoredEntry> window = reader.readStream(stream, next, next + StoredEventReader.MAX_WINDOW);
            if (window.isEmpty()) {
                return null;
            }
            if (!counted) {
                streamsChecked++;
                counted = true;
            }
            for (StoredEntry event : window) {
                eventsChecked++;
                firstPosition = Math.min(firstPosition, event.position());
                lastPosition = Math.max(lastPosition, event.position());
                AuditFinding found = EventChecks.hashMismatch(event);
                if (found == null) {
                    found = EventChecks.chainBroken(event, previous);
                }
                if (found != null) {
                    return found;
                }
                previous = Link.of(event);
            }
            next = window.get(window.size() - 1).sequence() + 1;
        }
    }
}
