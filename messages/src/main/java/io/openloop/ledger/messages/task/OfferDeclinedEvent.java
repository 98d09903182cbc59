package io.openloop.ledger.messages.task;

import java.time.Instant;

/** The requester declined the offer; the task is cancelled. */
public record OfferDeclinedEvent(
        String taskId,
        String messageId,
        String requesterLoopId,
        String businessLoopId,
        String offerId,
        String reason,
        Instant declinedAt) {}
