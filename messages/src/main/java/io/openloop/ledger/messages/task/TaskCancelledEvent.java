package io.openloop.ledger.messages.task;

import java.time.Instant;

/** A party cancelled the task while it was open; a held price returns to the requester. */
public record TaskCancelledEvent(
        String taskId,
        String messageId,
        String requesterLoopId,
        String businessLoopId,
        String cancelledByLoopId,
        TaskState previousState,
        String reason,
        String holdId,
        Instant cancelledAt) {}
