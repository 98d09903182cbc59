package io.openloop.ledger.query.audit;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A request for an export of the audit trail, already validated.
 *
 * @param loopId the loop whose streams to export, or null for the global order of every event (the operator's export)
 * @param aggregateType only events of this aggregate type, such as {@code Task}; null for all
 * @param eventType only events of this payload type: a simple name such as {@code TaskSettledEvent} or a full class
 *     name; null for all
 * @param from only events with a timestamp at or after this instant; null for no lower bound
 * @param to only events with a timestamp at or before this instant; null for no upper bound
 * @param fromPosition the first global position to read; null for 0
 * @param toPosition the last global position to read; null for the head of the store when the export starts
 * @param format the file format
 * @param filters the request's filter parameters as given, for the export's header
 */
public record AuditExportRequest(
        String loopId,
        String aggregateType,
        String eventType,
        Instant from,
        Instant to,
        Long fromPosition,
        Long toPosition,
        Format format,
        Map<String, String> filters) {

    /** The file formats of an export. */
    public enum Format {
        /** One JSON object per line, with header, void, checkpoint and end lines. */
        NDJSON,
        /** One row per event, for spreadsheets. */
        CSV
    }

    public AuditExportRequest {
        filters = Collections.unmodifiableMap(new LinkedHashMap<>(filters));
    }

    /** Tells whether a filter leaves out events inside the exported range. */
    boolean narrowsEvents() {
        return aggregateType != null || eventType != null || from != null || to != null;
    }
}
