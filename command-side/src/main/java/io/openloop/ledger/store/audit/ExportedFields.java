package io.openloop.ledger.store.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.openloop.ledger.store.events.StoredEntry;
import java.util.List;

/**
 * Reads the fields of exported lines and CSV rows, and rejects a missing or mistyped field with an {@link
 * IllegalArgumentException} whose message names it.
 */
final class ExportedFields {

    private static final int CSV_COLUMNS = 12;

    private ExportedFields() {}

    /** Reads an event line as the stored entry it was written from. */
    static StoredEntry event(JsonNode line) {
        return new StoredEntry(
                StoredEntry.Kind.EVENT,
                position(line),
                text(line, "stream", false),
                text(line, "aggregateType", true),
                number(line, "sequence"),
                text(line, "eventId", false),
                text(line, "type", false),
                text(line, "revision", true),
                text(line, "timestamp", false),
                json(line, "payload"),
                json(line, "metadata"),
                text(line, "hash", false),
                text(line, "prev", true),
                null);
    }

    /** Reads a CSV row with the columns of {@link CsvExportWriter#HEADER}. */
    static StoredEntry csvEvent(List<CsvRecordReader.Field> row) {
        if (row.size() != CSV_COLUMNS) {
            throw new IllegalArgumentException(
                    "the row has " + row.size() + " fields, not the " + CSV_COLUMNS + " of the header row");
        }
        return new StoredEntry(
                StoredEntry.Kind.EVENT,
                csvNumber(row.get(0), "position"),
                csvText(row.get(1), "stream", false),
                csvText(row.get(2), "aggregate_type", true),
                csvNumber(row.get(3), "sequence"),
                csvText(row.get(4), "event_id", false),
                csvText(row.get(5), "type", false),
                csvText(row.get(6), "revision", true),
                csvText(row.get(7), "timestamp", false),
                csvText(row.get(8), "payload", false),
                csvText(row.get(9), "metadata", false),
                csvText(row.get(10), "hash", false),
                csvText(row.get(11), "prev", true),
                null);
    }

    /** Returns the entry of a void position, as a void line or a void document describes it. */
    static StoredEntry voidEntry(long position, String reason) {
        return new StoredEntry(
                StoredEntry.Kind.VOID,
                position,
                null,
                null,
                -1,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                reason);
    }

    static long position(JsonNode line) {
        return number(line, "position");
    }

    static long number(JsonNode line, String field) {
        JsonNode value = line.get(field);
        if (value == null || !value.canConvertToLong() || !value.isIntegralNumber()) {
            throw new IllegalArgumentException("field " + field + " is missing or not a whole number");
        }
        return value.asLong();
    }

    static Long optionalNumber(JsonNode line, String field) {
        JsonNode value = line.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        return number(line, field);
    }

    static String text(JsonNode line, String field, boolean nullable) {
        JsonNode value = line.get(field);
        if (value != null && value.isTextual()) {
            return value.asText();
        }
        if (nullable && (value == null || value.isNull())) {
            return null;
        }
        throw new IllegalArgumentException("field " + field + " is missing or not text");
    }

    private static String json(JsonNode line, String field) {
        JsonNode value = line.get(field);
        if (value == null) {
            throw new IllegalArgumentException("field " + field + " is missing");
        }
        return value.toString();
    }

    private static long csvNumber(CsvRecordReader.Field field, String column) {
        try {
            return Long.parseLong(field.text());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("column " + column + " is not a whole number: '" + field.text() + "'");
        }
    }

    private static String csvText(CsvRecordReader.Field field, String column, boolean nullable) {
        if (!field.quoted() && field.text().isEmpty()) {
            if (nullable) {
                return null;
            }
            throw new IllegalArgumentException("column " + column + " is empty");
        }
        return field.text();
    }
}
