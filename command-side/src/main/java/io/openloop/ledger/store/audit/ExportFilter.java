package io.openloop.ledger.store.audit;

import io.openloop.ledger.store.events.StoredEntry;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * The event filters that an export's header names, applied as the server's export applies them, so that a verifier
 * can tell an event line that the export should have left out.
 *
 * @param aggregateType only events of this aggregate type; null for all
 * @param eventType only events of this payload type, by simple or full class name; null for all
 * @param from only events with a timestamp at or after this instant; null for no lower bound
 * @param to only events with a timestamp at or before this instant; null for no upper bound
 */
record ExportFilter(String aggregateType, String eventType, Instant from, Instant to) {

    /** Keeps every event: the filter of a CSV file or of a file without a valid header. */
    static final ExportFilter NONE = new ExportFilter(null, null, null, null);

    /**
     * Reads the filters of a header. A time that is not an ISO-8601 instant throws {@link IllegalArgumentException}.
     */
    static ExportFilter of(Map<String, String> filters) {
        return new ExportFilter(
                filters.get("aggregateType"),
                filters.get("eventType"),
                instant(filters, "from"),
                instant(filters, "to"));
    }

    /** Returns why the export's filters leave {@code event} out, or null when they keep it. */
    String leftOut(StoredEntry event) {
        if (aggregateType != null && !aggregateType.equals(event.aggregateType())) {
            return "the event has aggregate type " + event.aggregateType()
                    + " but the export keeps only aggregate type " + aggregateType + ": the line was added";
        }
        if (eventType != null
                && (event.type() == null
                        || !(event.type().equals(eventType) || event.type().endsWith("." + eventType)))) {
            return "the event has type " + event.type() + " but the export keeps only event type " + eventType
                    + ": the line was added";
        }
        if (from == null && to == null) {
            return null;
        }
        Instant timestamp;
        try {
            timestamp = Instant.parse(String.valueOf(event.timestamp()));
        } catch (DateTimeParseException e) {
            return null; // the hash check reports a changed timestamp
        }
        if ((from != null && timestamp.isBefore(from)) || (to != null && timestamp.isAfter(to))) {
            return "the event's timestamp " + event.timestamp() + " is outside the export's time range from "
                    + (from == null ? "the start" : from) + " to " + (to == null ? "the end" : to)
                    + ": the line was added";
        }
        return null;
    }

    private static Instant instant(Map<String, String> filters, String name) {
        String value = filters.get(name);
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("filter " + name + " '" + value + "' is not an ISO-8601 instant");
        }
    }
}
