package io.openloop.ledger.messages.credit;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Charges {@code amount} of an open hold, from 0 up to the amount held, and releases the rest, then sends the charged
 * credits to {@code payeeAccountId}. A hold is resolved once: capturing or releasing it again is rejected with {@code
 * INVALID_STATE} and the hold's {@code currentState}.
 */
public record CaptureHoldCommand(
        @TargetAggregateIdentifier String accountId, String holdId, long amount, String payeeAccountId) {}
