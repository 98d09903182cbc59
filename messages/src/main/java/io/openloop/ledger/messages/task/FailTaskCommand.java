package io.openloop.ledger.messages.task;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The business's {@code TASK_FAIL}: the contract ends and the held price returns to the requester. */
public record FailTaskCommand(
        @TargetAggregateIdentifier String taskId, String messageId, String senderLoopId, String reason) {}
