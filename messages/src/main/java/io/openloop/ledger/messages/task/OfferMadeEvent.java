package io.openloop.ledger.messages.task;

/** A {@code TASK_OFFER} or {@code COUNTER_OFFER} ({@code offer.counter()}) was put on the table. */
public record OfferMadeEvent(
        String taskId, String messageId, String requesterLoopId, String businessLoopId, TaskOffer offer) {}
