package io.openloop.ledger.messages.task;

import java.time.Instant;

/**
 * An offer or counter-offer on the table.
 *
 * @param offerId the id {@code OFFER_ACCEPT} names; unique within the task
 * @param fromLoopId the party that made it
 * @param price credits the requester pays on completion, 0 or more
 * @param terms what the business commits to, in its own words
 * @param expiresAt when the offer lapses unless accepted; the task then expires
 * @param deadline when the work must be complete once the offer is accepted
 * @param counter true for a {@code COUNTER_OFFER}
 */
public record TaskOffer(
        String offerId,
        String fromLoopId,
        long price,
        String terms,
        Instant expiresAt,
        Instant deadline,
        boolean counter,
        Instant madeAt) {}
