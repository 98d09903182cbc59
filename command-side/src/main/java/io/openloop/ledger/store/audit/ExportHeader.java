package io.openloop.ledger.store.audit;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
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

    public ExportHeader {
        filters = Collections.unmodifiableMap(new LinkedHashMap<>(filters));
    }

    /** Tells whether this export lists every position of its range, so a verifier can recompute the global digest. */
    public boolean digestible() {
        return complete && OPERATOR.equals(scope);
    }
}
