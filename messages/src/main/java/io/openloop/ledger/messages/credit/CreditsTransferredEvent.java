package io.openloop.ledger.messages.credit;

import java.time.Instant;

/**
 * Credits left {@code accountId} for {@code toAccountId}. Legs: the account minus {@code amount}, {@link
 * CreditAccounts#IN_TRANSIT} plus {@code amount}; the matching {@link CreditsReceivedEvent} on the receiving account
 * clears the transit.
 */
public record CreditsTransferredEvent(
        String accountId,
        String transferId,
        String toAccountId,
        long amount,
        String memo,
        long balanceAfter,
        Instant transferredAt) {}
