package io.openloop.ledger.messages.invocation;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * An owner approves an invocation that awaits approval; it becomes {@code PENDING}. Any other state is rejected with
 * {@code INVALID_STATE} and the {@code currentState}.
 */
public record ApproveInvocationCommand(
        @TargetAggregateIdentifier String invocationId, String approvedByLoopId, String approvedByKeyId) {}
