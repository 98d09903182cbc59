package io.openloop.ledger.messages.task;

/**
 * The outcome an operator gives a dispute. {@link #REFUNDED} returns the price to the requester with compensating
 * entries, and {@link #DISMISSED} lets the settlement stand.
 */
public enum DisputeResolution {
    REFUNDED,
    DISMISSED
}
