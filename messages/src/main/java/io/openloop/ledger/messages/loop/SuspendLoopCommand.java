package io.openloop.ledger.messages.loop;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Suspends a loop, and so every descendant, until it is reinstated. Suspending a suspended loop is rejected. */
public record SuspendLoopCommand(@TargetAggregateIdentifier String loopId, String reason) {}
