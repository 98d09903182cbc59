package io.openloop.ledger.messages.task;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The other party accepts a proposed amendment; the party that proposed it cannot. */
public record AcceptAmendmentCommand(
        @TargetAggregateIdentifier String taskId, String amendmentId, String senderLoopId) {}
