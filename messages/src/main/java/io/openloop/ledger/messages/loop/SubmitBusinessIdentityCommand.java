package io.openloop.ledger.messages.loop;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Submits a business loop's identity for verification. Only business loops accept it. */
public record SubmitBusinessIdentityCommand(
        @TargetAggregateIdentifier String loopId, BusinessIdentity identity) {}
