package io.openloop.ledger.messages.invocation;

/**
 * Where an invocation stands. It starts {@link #REQUESTED}, then is {@link #BLOCKED} (credits), {@link #DENIED}
 * (policy), {@link #AWAITING_APPROVAL} (guided) or {@link #PENDING}; an owner's denial makes it {@link #REJECTED};
 * the provider's result ends it {@link #SUCCEEDED} or {@link #FAILED}, its deadline {@link #EXPIRED}. Sandbox runs end
 * {@link #SIMULATED}.
 */
public enum InvocationStatus {
    REQUESTED,
    BLOCKED,
    DENIED,
    AWAITING_APPROVAL,
    REJECTED,
    PENDING,
    SUCCEEDED,
    FAILED,
    EXPIRED,
    SIMULATED;

    /** True for the states no message moves out of. */
    public boolean isFinal() {
        return switch (this) {
            case BLOCKED, DENIED, REJECTED, SUCCEEDED, FAILED, EXPIRED, SIMULATED -> true;
            default -> false;
        };
    }
}
