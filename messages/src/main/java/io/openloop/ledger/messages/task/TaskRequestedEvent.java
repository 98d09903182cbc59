package io.openloop.ledger.messages.task;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** A {@code TASK_REQUEST} opened the task. Every task event names both parties. */
public record TaskRequestedEvent(
        String taskId,
        String messageId,
        String requesterLoopId,
        String businessLoopId,
        String keyId,
        String task,
        JsonNode inputs,
        Instant requestedAt) {}
