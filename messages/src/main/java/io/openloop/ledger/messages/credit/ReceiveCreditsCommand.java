package io.openloop.ledger.messages.credit;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Lands credits that left another account, named by the transfer id of the {@link CreditsTransferredEvent} or the
 * hold id of the {@link HoldCapturedEvent} that sent them. Receiving the same transfer id twice changes nothing and
 * returns the current balance, so the component that forwards transfers may deliver at least once.
 */
public record ReceiveCreditsCommand(
        @TargetAggregateIdentifier String accountId, String transferId, String fromAccountId, long amount) {}
