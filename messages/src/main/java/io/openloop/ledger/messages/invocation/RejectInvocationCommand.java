package io.openloop.ledger.messages.invocation;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * An owner denies an invocation that awaits approval; it becomes {@code REJECTED} and its hold is released. Any other
 * state is rejected with {@code INVALID_STATE} and the {@code currentState}.
 */
public record RejectInvocationCommand(
        @TargetAggregateIdentifier String invocationId,
        String rejectedByLoopId,
        String rejectedByKeyId,
        String reason) {}
