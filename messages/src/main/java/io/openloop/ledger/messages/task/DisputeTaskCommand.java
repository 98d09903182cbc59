package io.openloop.ledger.messages.task;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The requester's {@code TASK_DISPUTE} of a completed or settled task. */
public record DisputeTaskCommand(
        @TargetAggregateIdentifier String taskId, String messageId, String senderLoopId, String reason) {}
