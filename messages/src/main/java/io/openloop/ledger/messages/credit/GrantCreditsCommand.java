package io.openloop.ledger.messages.credit;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Issues new credits to an account, counter-booked on {@link CreditAccounts#PLATFORM_ISSUANCE}. The amount must be
 * positive and must not take the balance past {@link Long#MAX_VALUE}; a grant id already applied to the account is
 * rejected with {@code INVALID_STATE}.
 */
public record GrantCreditsCommand(
        @TargetAggregateIdentifier String accountId, String grantId, long amount, String reason) {}
