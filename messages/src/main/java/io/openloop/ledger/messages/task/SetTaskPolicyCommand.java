package io.openloop.ledger.messages.task;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Replaces the task policy of a business loop as a whole; each change raises its version by one. Rejected with {@code
 * VALIDATION_FAILED} for a loop that is not a business, a trust score outside 0-100 or a task name that is not a
 * lower-case name.
 */
public record SetTaskPolicyCommand(
        @TargetAggregateIdentifier String loopId, TaskPolicy policy) {}
