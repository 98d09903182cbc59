package io.openloop.ledger.messages.task;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The requester's {@code OFFER_ACCEPT} of the offer on the table, which becomes the contract. The sender placed the
 * hold {@code holdId} for the price on the requester's account first (null for a free offer); when the task rejects
 * the acceptance, the sender releases that hold.
 *
 * @param offerId the offer accepted; null accepts the current one
 */
public record AcceptOfferCommand(
        @TargetAggregateIdentifier String taskId,
        String messageId,
        String senderLoopId,
        String offerId,
        String holdId) {}
