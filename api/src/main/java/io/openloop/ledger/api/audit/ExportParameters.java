package io.openloop.ledger.api.audit;

import io.openloop.ledger.api.web.Requests;
import io.openloop.ledger.query.audit.AuditExportRequest;
import io.openloop.ledger.query.audit.AuditExportRequest.Format;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.http.MediaType;

/**
 * Parses the query parameters of {@code GET /api/audit/export}; each invalid value is rejected with {@code
 * VALIDATION_FAILED} naming its parameter.
 *
 * @param loopId the loop to export, already checked against the caller; null for the operator's global export
 */
record ExportParameters(
        String loopId,
        String aggregateType,
        String eventType,
        String from,
        String to,
        String fromPosition,
        String toPosition,
        String format,
        String accept) {

    private static final Pattern AGGREGATE_TYPE = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,99}");
    private static final Pattern EVENT_TYPE =
            Pattern.compile("(?=.{1,200}$)[A-Za-z_$][A-Za-z0-9_$]*(\\.[A-Za-z_$][A-Za-z0-9_$]*)*");

    /** Returns the validated request; {@code scopeLoopId} names the loop scope, or null for the global order. */
    AuditExportRequest toRequest(String scopeLoopId) {
        Map<String, String> filters = new LinkedHashMap<>();
        put(filters, "loopId", loopId);
        put(filters, "aggregateType", aggregateType);
        put(filters, "eventType", eventType);
        put(filters, "from", from);
        put(filters, "to", to);
        put(filters, "fromPosition", fromPosition);
        put(filters, "toPosition", toPosition);

        if (aggregateType != null && !AGGREGATE_TYPE.matcher(aggregateType).matches()) {
            throw Requests.invalid(
                    "aggregateType",
                    "aggregateType must be an aggregate's name such as Task, in" + " letters, digits and _");
        }
        if (eventType != null && !EVENT_TYPE.matcher(eventType).matches()) {
            throw Requests.invalid(
                    "eventType",
                    "eventType must be an event's simple name such as TaskSettledEvent" + " or its full class name");
        }
        Instant fromTime = instant("from", from);
        Instant toTime = instant("to", to);
        if (fromTime != null && toTime != null && toTime.isBefore(fromTime)) {
            throw Requests.invalid("to", "to (" + to + ") is before from (" + from + ")");
        }
        Long first = position("fromPosition", fromPosition);
        Long last = position("toPosition", toPosition);
        if (first != null && last != null && last < first) {
            throw Requests.invalid("toPosition", "toPosition (" + last + ") is below fromPosition (" + first + ")");
        }
        return new AuditExportRequest(
                scopeLoopId, aggregateType, eventType, fromTime, toTime, first, last, parseFormat(), filters);
    }

    /** Returns the format: the {@code format} parameter, or CSV when the request accepts {@code text/csv} only. */
    private Format parseFormat() {
        if (format != null) {
            return switch (format.toLowerCase(Locale.ROOT)) {
                case "ndjson" -> Format.NDJSON;
                case "csv" -> Format.CSV;
                default -> throw Requests.invalid("format", "format must be ndjson or csv, not '" + format + "'");
            };
        }
        if (accept != null) {
            try {
                for (MediaType type : MediaType.parseMediaTypes(accept)) {
                    if (type.isCompatibleWith(MediaType.APPLICATION_NDJSON)) {
                        return Format.NDJSON;
                    }
                    if (type.getType().equals("text") && type.getSubtype().equals("csv")) {
                        return Format.CSV;
                    }
                }
            } catch (IllegalArgumentException e) {
                return Format.NDJSON;
            }
        }
        return Format.NDJSON;
    }

    private static Instant instant(String field, String value) {
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw Requests.invalid(
                    field, field + " must be an ISO-8601 instant such as 2026-12-04T10:00:00Z, not '" + value + "'");
        }
    }

    private static Long position(String field, String value) {
        if (value == null) {
            return null;
        }
        try {
            long position = Long.parseLong(value);
            if (position >= 0) {
                return position;
            }
        } catch (NumberFormatException e) {
            // reported below, with the value
        }
        throw Requests.invalid(field, field + " must be a global position, a whole number from 0, not '" + value + "'");
    }

    private static void put(Map<String, String> filters, String name, String value) {
        if (value != null) {
            filters.put(name, value);
        }
    }
}
