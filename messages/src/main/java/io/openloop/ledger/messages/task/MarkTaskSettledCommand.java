package io.openloop.ledger.messages.task;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Sent by the settlement once the captured price reached the business's account. Marking a task settled twice changes
 * nothing.
 */
public record MarkTaskSettledCommand(
        @TargetAggregateIdentifier String taskId, String holdId, long amount) {}
