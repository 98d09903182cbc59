package io.openloop.ledger.messages.credit;

import java.time.Instant;

/**
 * A hold was resolved by a charge. Legs: the account minus {@code captured}, {@link CreditAccounts#IN_TRANSIT} plus
 * {@code captured}; a {@link CreditsReceivedEvent} on the payee, with the hold id as transfer id, clears the transit.
 * {@code released} returns to the available balance.
 */
public record HoldCapturedEvent(
        String accountId,
        String holdId,
        long captured,
        long released,
        String payeeAccountId,
        String subjectId,
        long balanceAfter,
        long availableAfter,
        Instant capturedAt) {}
