package io.openloop.ledger.command.credit;

import io.openloop.ledger.messages.credit.CreditsTransferredEvent;
import io.openloop.ledger.messages.credit.HoldCapturedEvent;
import io.openloop.ledger.messages.credit.ReceiveCreditsCommand;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Lands credits that left one account on the receiving account, clearing the in-transit leg: a transfer on its
 * {@code toAccountId}, a capture on its payee, with the hold id as transfer id.
 *
 * <p>Delivery is at least once: a failed command fails the event, and the processor retries it after a back-off. The
 * receiving account ignores a transfer it has already received, so a retry never credits twice. Replays are
 * disallowed, because every transfer has already landed.
 */
@Component
@ProcessingGroup(CreditTransferForwarder.PROCESSING_GROUP)
@DisallowReplay
class CreditTransferForwarder {

    static final String PROCESSING_GROUP = "credit-transfers";

    private static final Logger log = LoggerFactory.getLogger(CreditTransferForwarder.class);

    private final CommandGateway commands;

    CreditTransferForwarder(CommandGateway commands) {
        this.commands = commands;
    }

    @EventHandler
    void on(CreditsTransferredEvent event) {
        forward(event.toAccountId(), event.transferId(), event.accountId(), event.amount());
    }

    @EventHandler
    void on(HoldCapturedEvent event) {
        if (event.captured() > 0) {
            forward(event.payeeAccountId(), event.holdId(), event.accountId(), event.captured());
        }
    }

    private void forward(String toAccountId, String transferId, String fromAccountId, long amount) {
        try {
            commands.sendAndWait(new ReceiveCreditsCommand(toAccountId, transferId, fromAccountId, amount));
        } catch (RuntimeException e) {
            log.warn(
                    "Landing transfer {} from account {} on account {} failed; the event will be retried",
                    transferId,
                    fromAccountId,
                    toAccountId,
                    e);
            throw e;
        }
    }
}
