package io.openloop.ledger.messages.task;

import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The business's {@code INPUT_REQUEST}: the task waits in {@code INPUT_REQUIRED} for the requester's update. */
public record RequestTaskInputCommand(
        @TargetAggregateIdentifier String taskId,
        String messageId,
        String senderLoopId,
        String question,
        JsonNode data) {}
