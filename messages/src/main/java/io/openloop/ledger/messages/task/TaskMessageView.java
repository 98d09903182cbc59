package io.openloop.ledger.messages.task;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * One AAP message of a task's thread, as sent.
 *
 * @param body the message's own fields ({@code task} and {@code inputs}, {@code price} and {@code terms}, {@code
 *     reason}, {@code proofIds} ...), in the shape the sender used
 * @param stateAfter the task's state once the message was applied
 * @param sequence the position of the task event that recorded the message, 0 for the request
 */
public record TaskMessageView(
        String messageId,
        String taskId,
        TaskMessageType type,
        String fromLoopId,
        String toLoopId,
        JsonNode body,
        TaskState stateAfter,
        long sequence,
        Instant createdAt) {}
