package io.openloop.ledger.projection.analytics;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Names and fields of the analytics read models, for the query side that runs aggregation pipelines over them.
 *
 * <p>{@value #INVOCATIONS} contains one flat document per invocation, {@code _id} the invocation id: {@code loopId},
 * {@code publisherLoopId}, {@code toolId}, {@code toolName}, {@code version}, {@code domain} (the {@code category} of
 * the tool version's manifest, null when that version's publication was not seen), {@code executionMode} (wire name),
 * {@code status} (the {@link io.openloop.ledger.messages.invocation.InvocationStatus} name), {@code requestedAt} (BSON
 * date), {@code day} ({@code yyyy-MM-dd} of {@code requestedAt} in UTC), {@code approvalRequested} and {@code
 * approved} (booleans), {@code credits} (charged on success, else 0), {@code durationMs} (from request to a result,
 * null until the invocation ends with one) and {@code sequence}, the last invocation event applied. Every value comes
 * from event data, so a replay rebuilds the same documents.
 *
 * <p>{@value #TOOL_VERSIONS} maps {@code toolId:version} to the version's {@code category}, so an invocation finds its
 * domain.
 */
public final class AnalyticsReadModels {

    public static final String INVOCATIONS = "analytics_invocations";
    public static final String TOOL_VERSIONS = "analytics_tool_versions";

    private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);

    private AnalyticsReadModels() {}

    /** Returns the {@code day} field of an invocation requested at {@code requestedAt}: its UTC date. */
    public static String day(Instant requestedAt) {
        return DAY.format(requestedAt);
    }

    /** Returns the {@code _id} of a tool version in {@value #TOOL_VERSIONS}. */
    static String toolVersionId(String toolId, String version) {
        return toolId + ":" + version;
    }
}
