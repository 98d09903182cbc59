package io.openloop.ledger.query.analytics;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bson.Document;

/** Builds the {@code $match} stages and reads the numbers that the analytics pipelines share. */
final class AnalyticsFilters {

    private AnalyticsFilters() {}

    /**
     * Returns a {@code $match} on {@code timeField} in {@code [from, to)} and, unless {@code loopIds} is null, on
     * {@code loopField} in {@code loopIds}; a null {@code from} has no lower bound.
     */
    static Document match(String loopField, List<String> loopIds, String timeField, Instant from, Instant to) {
        Document period = new Document("$lt", Date.from(to));
        if (from != null) {
            period = new Document("$gte", Date.from(from)).append("$lt", Date.from(to));
        }
        Document filter = new Document();
        if (loopIds != null) {
            filter.append(loopField, new Document("$in", loopIds));
        }
        filter.append(timeField, period);
        return filter;
    }

    /** Returns {@code {$sum: {$cond: [condition, 1, 0]}}}: the number of documents that meet {@code condition}. */
    static Document countIf(Object condition) {
        return new Document("$sum", new Document("$cond", List.of(condition, 1, 0)));
    }

    /** Reads a count or sum that the store returns as an int32, an int64 or a double; a missing value is 0. */
    static long number(Document document, String field) {
        Number value = document.get(field, Number.class);
        return value == null ? 0 : value.longValue();
    }

    /** Reads a value that may be missing or null, as the stores differ in whether they keep a null field. */
    static Long nullableNumber(Document document, String field) {
        Number value = document.get(field, Number.class);
        return value == null ? null : value.longValue();
    }

    static Double nullableDouble(Document document, String field) {
        Number value = document.get(field, Number.class);
        return value == null ? null : value.doubleValue();
    }
}
