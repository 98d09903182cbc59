package io.openloop.ledger.messages.credit;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Opens a loop's account with an opening grant: the plan's grant for developer and business loops, 0 for child
 * loops. Opening an account that exists is rejected with {@code INVALID_STATE}.
 */
public record OpenCreditAccountCommand(
        @TargetAggregateIdentifier String accountId, String loopId, long openingGrant) {}
