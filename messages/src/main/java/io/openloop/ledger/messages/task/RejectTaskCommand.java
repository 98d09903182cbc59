package io.openloop.ledger.messages.task;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The business's {@code TASK_REJECT} of a request it has not replied to with an offer. */
public record RejectTaskCommand(
        @TargetAggregateIdentifier String taskId, String messageId, String senderLoopId, String reason) {}
