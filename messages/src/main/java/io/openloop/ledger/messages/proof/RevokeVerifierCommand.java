package io.openloop.ledger.messages.proof;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** An operator revokes a verifier; its later signatures are rejected, the levels it raised stay. */
public record RevokeVerifierCommand(
        @TargetAggregateIdentifier String verifierId, String reason) {}
