package io.openloop.ledger.messages.task;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A {@code TASK_CANCEL} from either party while the task is open; a held price returns to the requester. */
public record CancelTaskCommand(
        @TargetAggregateIdentifier String taskId, String messageId, String senderLoopId, String reason) {}
