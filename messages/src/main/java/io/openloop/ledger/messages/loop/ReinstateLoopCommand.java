package io.openloop.ledger.messages.loop;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Lifts a loop's suspension. Reinstating an active loop is rejected. */
public record ReinstateLoopCommand(
        @TargetAggregateIdentifier String loopId) {}
