package io.openloop.ledger.messages.task;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** The business asked the requester for input; the task is {@code INPUT_REQUIRED}. */
public record TaskInputRequestedEvent(
        String taskId,
        String messageId,
        String requesterLoopId,
        String businessLoopId,
        String question,
        JsonNode data,
        Instant requestedAt) {}
