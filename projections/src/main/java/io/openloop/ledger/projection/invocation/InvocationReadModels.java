package io.openloop.ledger.projection.invocation;

/**
 * Names of the invocation log's collections, for the query side that reads them.
 *
 * <p>{@value #INVOCATIONS} contains one document per invocation, {@code _id} the invocation id. {@code sequence} is the
 * sequence number of the last invocation event applied; a document with {@code sequence} -1 contains only credit fields
 * whose hold events arrived before the invocation's own events, and is not an invocation yet. Enums are stored as their
 * names, {@code executionMode} and {@code riskLevel} as wire names, times as BSON dates, and {@code input} and {@code
 * output} as JSON text because the in-process store rejects {@code $}-prefixed field names inside arbitrary JSON.
 */
public final class InvocationReadModels {

    public static final String INVOCATIONS = "invocations";

    /**
     * The invocations still waiting for someone, {@code _id} the invocation id: {@code status} {@code
     * AWAITING_APPROVAL} (an owner) or {@code PENDING} (the provider), with {@code loopId}, {@code publisherLoopId},
     * {@code toolName} and {@code executionMode}. An invocation leaves it when it ends, so the provider's pull and the
     * approval listing read a collection as small as the open work, which the in-process store scans cheaply.
     */
    public static final String OPEN_INVOCATIONS = "open_invocations";

    /** The {@code sequence} of a document that holds only credit fields so far. */
    public static final long NO_INVOCATION_EVENT = -1;

    private InvocationReadModels() {}
}
