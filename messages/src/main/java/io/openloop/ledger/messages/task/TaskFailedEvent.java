package io.openloop.ledger.messages.task;

import java.time.Instant;

/** The business reported failure; a held price returns to the requester. */
public record TaskFailedEvent(
        String taskId,
        String messageId,
        String requesterLoopId,
        String businessLoopId,
        String reason,
        String holdId,
        Instant failedAt) {}
