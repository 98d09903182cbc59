package io.openloop.ledger.command.credit;

import io.openloop.ledger.messages.ErrorCode;
import io.openloop.ledger.messages.Ids;
import io.openloop.ledger.messages.LedgerException;
import io.openloop.ledger.messages.credit.CreditAccounts;
import io.openloop.ledger.messages.credit.OpenCreditAccountCommand;
import io.openloop.ledger.messages.loop.ChildLoopRegisteredEvent;
import io.openloop.ledger.messages.loop.LoopRegisteredEvent;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Opens a credit account for every new loop: developer and business loops with their plan's opening grant, child
 * loops at zero. An account that is already open counts as done, so an event delivered twice opens one account.
 *
 * <p>Replays are disallowed because opening is a command, not a read model: replaying it would only find every
 * account open.
 */
@Component
@ProcessingGroup(CreditAccountOpener.PROCESSING_GROUP)
@DisallowReplay
class CreditAccountOpener {

    static final String PROCESSING_GROUP = "credit-account-opening";

    private static final Logger log = LoggerFactory.getLogger(CreditAccountOpener.class);

    private final CommandGateway commands;

    CreditAccountOpener(CommandGateway commands) {
        this.commands = commands;
    }

    @EventHandler
    void on(LoopRegisteredEvent event) {
        open(event.loopId(), event.plan().openingGrant());
    }

    @EventHandler
    void on(ChildLoopRegisteredEvent event) {
        open(event.loopId(), 0);
    }

    private void open(String loopId, long openingGrant) {
        if (!Ids.isValid(loopId, Ids.LOOP)) {
            log.warn(
                    "Loop id {} is not a well-formed loop id, so no credit account can be named for it; skipped",
                    loopId);
            return;
        }
        String accountId = CreditAccounts.accountIdOf(loopId);
        try {
            commands.sendAndWait(new OpenCreditAccountCommand(accountId, loopId, openingGrant));
            log.info("Opened credit account {} for loop {}", accountId, loopId);
        } catch (LedgerException e) {
            if (e.code() != ErrorCode.INVALID_STATE) {
                throw e;
            }
            log.debug("Credit account {} of loop {} is already open", accountId, loopId);
        } catch (RuntimeException e) {
            log.warn("Opening credit account {} for loop {} failed; the event will be retried", accountId, loopId, e);
            throw e;
        }
    }
}
