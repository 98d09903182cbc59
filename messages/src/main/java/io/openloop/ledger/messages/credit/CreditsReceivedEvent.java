package io.openloop.ledger.messages.credit;

import java.time.Instant;

/**
 * Credits sent by {@code fromAccountId} landed. Legs: {@link CreditAccounts#IN_TRANSIT} minus {@code amount}, the
 * account plus {@code amount}.
 */
public record CreditsReceivedEvent(
        String accountId,
        String transferId,
        String fromAccountId,
        long amount,
        long balanceAfter,
        Instant receivedAt) {}
