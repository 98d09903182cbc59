package io.openloop.ledger.messages.credit;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Moves available credits from {@code accountId} to {@code toAccountId}. Rejected with {@code INSUFFICIENT_CREDITS}
 * when the available balance is below {@code amount}, with {@code VALIDATION_FAILED} for a non-positive amount or a
 * transfer to the same account, and with {@code INVALID_STATE} for a transfer id already applied.
 */
public record TransferCreditsCommand(
        @TargetAggregateIdentifier String accountId, String transferId, String toAccountId, long amount, String memo) {}
