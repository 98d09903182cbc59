package io.openloop.ledger.messages.credit;

import java.time.Instant;

/**
 * Credits were issued to an account. Legs: {@link CreditAccounts#PLATFORM_ISSUANCE} minus {@code amount}, the account
 * plus {@code amount}.
 *
 * @param reason why, in the operator's words, or {@code opening grant}
 */
public record CreditsGrantedEvent(
        String accountId, String grantId, long amount, String reason, long balanceAfter, Instant grantedAt) {}
