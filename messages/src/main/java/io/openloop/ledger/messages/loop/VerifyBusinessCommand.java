package io.openloop.ledger.messages.loop;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** An operator verifies a business loop's submitted identity. Needs a pending submission. */
public record VerifyBusinessCommand(
        @TargetAggregateIdentifier String loopId, String note) {}
