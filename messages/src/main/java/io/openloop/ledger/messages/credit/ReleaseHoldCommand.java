package io.openloop.ledger.messages.credit;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Returns an open hold to the available balance without charging it. Releasing a resolved hold is rejected with
 * {@code INVALID_STATE} and the hold's {@code currentState}.
 */
public record ReleaseHoldCommand(@TargetAggregateIdentifier String accountId, String holdId, String reason) {}
