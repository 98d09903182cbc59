package io.openloop.ledger.messages.task;

import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A {@code TASK_UPDATE}: from the business while the contract runs (the task is then {@code IN_PROGRESS}), or from the
 * requester replying to an {@code INPUT_REQUEST} (from {@code INPUT_REQUIRED} back to {@code IN_PROGRESS}).
 *
 * @param message a short progress note; may be null when {@code data} carries the update
 * @param data structured progress or the requested input; may be null
 */
public record SendTaskUpdateCommand(
        @TargetAggregateIdentifier String taskId,
        String messageId,
        String senderLoopId,
        String message,
        JsonNode data) {}
