package io.openloop.ledger.messages.loop;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** An operator rejects a business loop's pending submission, with a reason the owner can act on. */
public record RejectBusinessVerificationCommand(
        @TargetAggregateIdentifier String loopId, String reason) {}
