package io.openloop.ledger.messages.policy;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Replaces a loop's policy as a whole. Each change raises the loop's policy version by one. */
public record SetLoopPolicyCommand(
        @TargetAggregateIdentifier String loopId, LoopPolicy policy) {}
