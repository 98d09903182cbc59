package io.openloop.ledger.projection.audit;

/**
 * Names of the audit read models, for the query side that reads them.
 *
 * <p>{@value #AUDIT_STREAMS} contains one document per stream of the event store, {@code _id} the stream (the
 * aggregate identifier, or the event identifier of an event outside aggregates): {@value #AGGREGATE_TYPE}, the
 * aggregate type or null; {@value #LOOPS}, the loop ids the stream's events name, in the order first named; and, for
 * a proof, {@value #SUBJECT}, the stream of its subject. The loops of a proof's subject are not copied into the proof's
 * document: a reader adds the subject's {@value #LOOPS} itself, so the order in which the two streams are indexed does
 * not matter. {@link StreamLoops} states the rules.
 */
public final class AuditReadModels {

    public static final String AUDIT_STREAMS = "audit_streams";

    public static final String AGGREGATE_TYPE = "aggregateType";
    public static final String LOOPS = "loops";
    public static final String SUBJECT = "subject";

    private AuditReadModels() {}
}
