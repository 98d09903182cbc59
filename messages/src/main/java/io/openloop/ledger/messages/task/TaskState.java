package io.openloop.ledger.messages.task;

/**
 * The state of a task in its AAP conversation. A request starts it {@link #REQUESTED} (or {@link #REJECTED} by the
 * business's task policy); offers and counter-offers move it through {@link #OFFERED} and {@link #NEGOTIATING};
 * acceptance forms the contract ({@link #ACCEPTED}); work moves it through {@link #IN_PROGRESS} and {@link
 * #INPUT_REQUIRED}; completion with proof makes it {@link #COMPLETED}, then {@link #SETTLED} once the price reached the
 * business. A dispute makes it {@link #DISPUTED} until an operator resolves it {@link #REFUNDED} or {@link
 * #DISMISSED}.
 */
public enum TaskState {
    REQUESTED,
    NEGOTIATING,
    OFFERED,
    ACCEPTED,
    IN_PROGRESS,
    INPUT_REQUIRED,
    COMPLETED,
    SETTLED,
    FAILED,
    CANCELLED,
    REJECTED,
    EXPIRED,
    DISPUTED,
    REFUNDED,
    DISMISSED;

    /** True for the states a {@code TASK_CANCEL} may leave: the conversation or the work is still going on. */
    public boolean isOpen() {
        return switch (this) {
            case REQUESTED, NEGOTIATING, OFFERED, ACCEPTED, IN_PROGRESS, INPUT_REQUIRED -> true;
            default -> false;
        };
    }

    /** True while a contract binds the parties and its price is held on the requester's account. */
    public boolean isUnderContract() {
        return switch (this) {
            case ACCEPTED, IN_PROGRESS, INPUT_REQUIRED -> true;
            default -> false;
        };
    }
}
