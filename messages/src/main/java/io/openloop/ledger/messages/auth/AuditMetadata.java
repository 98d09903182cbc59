package io.openloop.ledger.messages.auth;

/**
 * Metadata keys every command carries from the API and every event inherits: who caused the change and within which
 * request. Values are strings; absent keys mean "not applicable" (an operator has no loop id).
 */
public final class AuditMetadata {

    /** {@code operator}, {@code key} or {@code system} (a saga or deadline acting on its own). */
    public static final String ACTOR_TYPE = "actorType";

    public static final String ACTOR_LOOP_ID = "actorLoopId";
    public static final String ACTOR_KEY_ID = "actorKeyId";

    /** The HTTP request id, also returned to the client in {@code X-Request-Id}. */
    public static final String REQUEST_ID = "requestId";

    /** The id shared by every message that descends from one request. */
    public static final String CORRELATION_ID = "correlationId";

    /** The id of the message that directly caused this one. */
    public static final String CAUSATION_ID = "causationId";

    private AuditMetadata() {}
}
