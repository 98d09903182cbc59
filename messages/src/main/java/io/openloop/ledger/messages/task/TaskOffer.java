package io.openloop.ledger.messages.task;

import java.time.Duration;
import java.time.Instant;

/**
 * An offer or counter-offer on the table.
 *
 * @param offerId the id {@code OFFER_ACCEPT} names; unique within the task
 * @param fromLoopId the party that made it
 * @param price credits the requester pays on completion, 0 or more
 * @param terms what the business commits to, in its own words
 * @param expiresAt when the offer lapses unless accepted; a task still {@code OFFERED} then expires
 * @param deadline when the work must be complete once the offer is accepted; after {@code expiresAt} and at most
 *     {@link #MAX_CONTRACT_DURATION} after {@code madeAt}. An offer sent without one gets {@code expiresAt} plus
 *     {@link #DEFAULT_CONTRACT_DURATION}, capped at that maximum, so this field is never null
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
        Instant madeAt) {

    /**
     * How far after the offer a contract deadline, or an amended one after acceptance, may lie. A hold placed at
     * acceptance must last at least this long past the acceptance to cover every amended deadline.
     */
    public static final Duration MAX_CONTRACT_DURATION = Duration.ofDays(90);

    /** The time after an offer's expiry that its contract runs when the offer names no deadline. */
    public static final Duration DEFAULT_CONTRACT_DURATION = Duration.ofDays(7);
}
