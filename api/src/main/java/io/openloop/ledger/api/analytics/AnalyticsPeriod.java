package io.openloop.ledger.api.analytics;

import io.openloop.ledger.api.web.Requests;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * The period {@code [from, to)} of an analytics request, parsed from the {@code from} and {@code to} parameters: each
 * an ISO-8601 instant with an offset ({@code 2026-12-01T09:30:00Z}) or a UTC date ({@code 2026-12-01}). A date as
 * {@code from} means the start of that day and as {@code to} the end of it, so {@code from=2026-12-01&to=2026-12-31}
 * covers all of December.
 *
 * @param from the start, inclusive; null only for a period with no lower bound
 * @param to the end, exclusive
 */
record AnalyticsPeriod(Instant from, Instant to) {

    /** The maximum length of a period, so that a pipeline reads at most about a year of documents. */
    static final Duration MAX_LENGTH = Duration.ofDays(366);

    /** The period when {@code from} is not given. */
    static final Duration DEFAULT_LENGTH = Duration.ofDays(30);

    /**
     * The range of {@code from} and {@code to}. The pipelines match on BSON dates (milliseconds since the epoch in a
     * long), which overflow for instants some 292 million years away; four-digit years keep every period, with its
     * default start 30 days before {@code to}, inside that range.
     */
    private static final Instant EARLIEST = Instant.parse("0000-01-01T00:00:00Z");

    private static final Instant LATEST = Instant.parse("+10000-01-01T00:00:00Z");

    private static final String FORMAT =
            " must be an ISO-8601 instant such as 2026-12-01T00:00:00Z or a date such as" + " 2026-12-01";

    /**
     * Parses a bounded period of at most {@link #MAX_LENGTH}: {@code to} defaults to now and {@code from} to {@link
     * #DEFAULT_LENGTH} before {@code to}.
     */
    static AnalyticsPeriod bounded(String from, String to, Clock clock) {
        Instant end = to == null ? clock.instant() : parse("to", to, true);
        Instant start = from == null ? end.minus(DEFAULT_LENGTH) : parse("from", from, false);
        requireOrdered(start, end);
        if (Duration.between(start, end).compareTo(MAX_LENGTH) > 0) {
            throw Requests.invalid(
                    "to",
                    "the period from " + start + " to " + end + " is longer than 366 days; ask for a shorter one");
        }
        return new AnalyticsPeriod(start, end);
    }

    /** Parses a period of any length: {@code to} defaults to now, and without {@code from} it has no lower bound. */
    static AnalyticsPeriod openStart(String from, String to, Clock clock) {
        Instant end = to == null ? clock.instant() : parse("to", to, true);
        Instant start = from == null ? null : parse("from", from, false);
        if (start != null) {
            requireOrdered(start, end);
        }
        return new AnalyticsPeriod(start, end);
    }

    private static void requireOrdered(Instant start, Instant end) {
        if (start.isAfter(end)) {
            throw Requests.invalid("from", "from (" + start + ") is after to (" + end + "); swap them");
        }
    }

    private static Instant parse(String field, String value, boolean endOfDay) {
        Instant instant;
        try {
            if (value.contains("T")) {
                instant = OffsetDateTime.parse(value).toInstant();
            } else {
                LocalDate day = LocalDate.parse(value);
                instant = (endOfDay ? day.plusDays(1) : day)
                        .atStartOfDay(ZoneOffset.UTC)
                        .toInstant();
            }
        } catch (DateTimeException e) {
            // DateTimeParseException, or plusDays past LocalDate.MAX
            throw Requests.invalid(field, field + FORMAT + "; got " + value);
        }
        if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
            throw Requests.invalid(field, field + " must lie in the years 0000 to 9999; got " + value);
        }
        return instant;
    }
}
