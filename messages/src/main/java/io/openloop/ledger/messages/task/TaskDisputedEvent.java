package io.openloop.ledger.messages.task;

import java.time.Instant;

/** The requester disputed a completed or settled task. */
public record TaskDisputedEvent(
        String taskId,
        String messageId,
        String requesterLoopId,
        String businessLoopId,
        TaskState previousState,
        String reason,
        Instant disputedAt) {}
