package io.openloop.ledger.messages.task;

import java.time.Instant;

/**
 * The requester accepted the offer: it is now the contract, its price held on the requester's account under {@code
 * holdId} (null for a free offer).
 */
public record OfferAcceptedEvent(
        String taskId,
        String messageId,
        String requesterLoopId,
        String businessLoopId,
        String offerId,
        long price,
        String terms,
        Instant deadline,
        String holdId,
        Instant acceptedAt) {}
