package io.openloop.ledger.messages.task;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** A {@code TASK_UPDATE} from either party; the task is {@code IN_PROGRESS} after it. */
public record TaskUpdatedEvent(
        String taskId,
        String messageId,
        String requesterLoopId,
        String businessLoopId,
        String senderLoopId,
        String message,
        JsonNode data,
        Instant updatedAt) {}
