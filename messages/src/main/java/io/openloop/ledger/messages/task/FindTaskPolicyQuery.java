package io.openloop.ledger.messages.task;

/**
 * Finds the task policy of {@code loopId}. The response is a {@link TaskPolicyView}, with version 0 and {@link
 * TaskPolicy#none()} when the business set none.
 */
public record FindTaskPolicyQuery(String loopId) {}
