package io.openloop.ledger.store.audit;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The first line of an NDJSON audit export: what was exported and what a verifier may expect of the lines after it.
 *
 * @param exportedAt when the export started
 * @param scope {@link #OPERATOR} for the global order, {@link #LOOP} for the streams about one loop
 * @param loopId the loop of a {@link #LOOP} export, otherwise null
 * @param filters the request's filters as given, by parameter name
 * @param complete true when nothing narrows the events of the exported range. For {@link #OPERATOR} every position
 *     from {@code fromPosition} on has an event or void line, and {@code digestBefore} is set. For {@link #LOOP} every
 *     stream appears whole, from sequence number 0.
 * @param fromPosition the first global position of the exported range
 * @param digestBefore the global digest before {@code fromPosition} for a complete operator export, otherwise null
 */
public record ExportHeader(
        Instant exportedAt,
        String scope,
        String loopId,
        Map<String, String> filters,
        boolean complete,
        long fromPosition,
        String digestBefore) {

    /** The value of the header's {@code format} field. */
    public static final String FORMAT = "openloop-audit/1";

    public static final String OPERATOR = "operator";
    public static final String LOOP = "loop";

    /** The filters that leave out events inside the exported range, in any scope. */
    public static final List<String> NARROWING_FILTERS = List.of("aggregateType", "eventType", "from", "to");

    /** The filters that leave out the start or the end of the streams of a {@link #LOOP} export. */
    public static final List<String> POSITION_FILTERS = List.of("fromPosition", "toPosition");

    public ExportHeader {
        filters = Collections.unmodifiableMap(new LinkedHashMap<>(filters));
    }

    /**
     * Tells whether an export of {@code scope} with {@code filters} is complete, as the server decides it: no filter
     * leaves out events inside the range, and a loop export has no position filter either.
     */
    public static boolean completeFor(String scope, Map<String, String> filters) {
        if (NARROWING_FILTERS.stream().anyMatch(filters::containsKey)) {
            return false;
        }
        return OPERATOR.equals(scope) || POSITION_FILTERS.stream().noneMatch(filters::containsKey);
    }

    /** Returns this header with {@code complete} set to the given value. */
    public ExportHeader withComplete(boolean value) {
        return new ExportHeader(exportedAt, scope, loopId, filters, value, fromPosition, digestBefore);
    }

    /** Tells whether this export lists every position of its range, so a verifier can recompute the global digest. */
    public boolean digestible() {
        return complete && OPERATOR.equals(scope);
    }
}
