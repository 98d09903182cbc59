package io.openloop.ledger.command.task;

import io.openloop.ledger.command.CommandFailures;
import io.openloop.ledger.messages.ErrorCode;
import io.openloop.ledger.messages.credit.CreditAccounts;
import io.openloop.ledger.messages.credit.TransferCreditsCommand;
import io.openloop.ledger.messages.task.DisputeResolution;
import io.openloop.ledger.messages.task.DisputeResolvedEvent;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Returns the price of a task whose dispute was resolved {@code REFUNDED}: a transfer from the business's account to
 * the requester's, under the resolution's {@code refundTransferId}, as new entries beside the settled ones.
 *
 * <p>The credit side rejects a transfer id it already applied with {@code INVALID_STATE}, the expected outcome of a
 * retried event, which is logged and skipped. Any other failure propagates, so the processor retries the event.
 * Replays are disallowed because a replay must never move credits again.
 */
@Component
@DisallowReplay
@ProcessingGroup(TaskRefunds.PROCESSING_GROUP)
class TaskRefunds {

    static final String PROCESSING_GROUP = "task-refunds";

    private static final Logger log = LoggerFactory.getLogger(TaskRefunds.class);

    private final CommandGateway commands;

    TaskRefunds(CommandGateway commands) {
        this.commands = commands;
    }

    @EventHandler
    void on(DisputeResolvedEvent event) {
        if (event.resolution() != DisputeResolution.REFUNDED || event.amount() == 0) {
            return;
        }

        TransferCreditsCommand refund = new TransferCreditsCommand(
                CreditAccounts.accountIdOf(event.businessLoopId()),
                event.refundTransferId(),
                CreditAccounts.accountIdOf(event.requesterLoopId()),
                event.amount(),
                "refund of task " + event.taskId());
        try {
            commands.sendAndWait(refund);
        } catch (RuntimeException e) {
            ErrorCode code = CommandFailures.ledgerCode(e);
            if (code == ErrorCode.INVALID_STATE) {
                log.info("Refund {} of task {} was already applied; skipped", event.refundTransferId(), event.taskId());
                return;
            }
            if (code == ErrorCode.INSUFFICIENT_CREDITS) {
                // NOTE: the API checks the business's available balance before it resolves a dispute REFUNDED, so
                // this happens only when the business spent the credits in between. The refund is then not retried
                // and an operator must move the credits by hand.
                log.error(
                        "Refund {} of {} credits for task {} failed: business loop {} has too few credits ({});"
                                + " the refund was not applied",
                        event.refundTransferId(),
                        event.amount(),
                        event.taskId(),
                        event.businessLoopId(),
                        e.getMessage());
                return;
            }
            throw e;
        }
    }
}
