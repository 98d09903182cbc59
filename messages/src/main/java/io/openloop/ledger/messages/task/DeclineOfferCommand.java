package io.openloop.ledger.messages.task;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The requester's {@code OFFER_DECLINE}: the task is cancelled. */
public record DeclineOfferCommand(
        @TargetAggregateIdentifier String taskId, String messageId, String senderLoopId, String reason) {}
