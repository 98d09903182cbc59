package io.openloop.ledger.projection.invocation;

/**
 * Names of the invocation log's collection, for the query side that reads it.
 *
 * <p>{@value #INVOCATIONS} contains one document per invocation, {@code _id} the invocation id. {@code sequence} is the
 * sequence number of the last invocation event applied; a document with {@code sequence} -1 contains only credit fields
 * whose hold events arrived before the invocation's own events, and is not an invocation yet. Enums are stored as their
 * names, {@code executionMode} and {@code riskLevel} as wire names, times as BSON dates, and {@code input} and {@code
 * output} as JSON text because the in-process store rejects {@code $}-prefixed field names inside arbitrary JSON.
 */
public final class InvocationReadModels {

    public static final String INVOCATIONS = "invocations";

    /** The {@code sequence} of a document that holds only credit fields so far. */
    public static final long NO_INVOCATION_EVENT = -1;

    private InvocationReadModels() {}
}
