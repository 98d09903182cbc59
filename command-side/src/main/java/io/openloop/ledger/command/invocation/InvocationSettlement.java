package io.openloop.ledger.command.invocation;

import io.openloop.ledger.command.CommandFailures;
import io.openloop.ledger.messages.ErrorCode;
import io.openloop.ledger.messages.credit.CaptureHoldCommand;
import io.openloop.ledger.messages.credit.CreditAccounts;
import io.openloop.ledger.messages.credit.ReleaseHoldCommand;
import io.openloop.ledger.messages.invocation.InvocationExpiredEvent;
import io.openloop.ledger.messages.invocation.InvocationFailedEvent;
import io.openloop.ledger.messages.invocation.InvocationRejectedEvent;
import io.openloop.ledger.messages.invocation.InvocationSucceededEvent;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Resolves the hold of an invocation that ended: a success captures what was charged and pays it to the publisher's
 * account, while a failure, rejection or expiry releases the hold. Sandbox runs and invocations without a hold send
 * nothing.
 *
 * <p>A hold is resolved once, so a command for a hold that another path already resolved is rejected with {@code
 * INVALID_STATE}. That rejection is the expected outcome of a race, and it is logged and skipped. A {@code
 * VALIDATION_FAILED} rejection is logged as an error and skipped, because it would fail again on every retry. Any other
 * failure propagates, so the processor retries the event. Replays are disallowed because a replay must never move
 * credits again.
 *
 * <p>NOTE: a processor that starts without tokens, on first deployment or after its tokens are lost, reads every past
 * event and sends their commands again. Only the credit side's rejection of resolved holds keeps that harmless.
 */
@Component
@DisallowReplay
@ProcessingGroup(InvocationSettlement.PROCESSING_GROUP)
class InvocationSettlement {

    static final String PROCESSING_GROUP = "invocation-settlement";

    private static final Logger log = LoggerFactory.getLogger(InvocationSettlement.class);

    private final CommandGateway commands;

    InvocationSettlement(CommandGateway commands) {
        this.commands = commands;
    }

    @EventHandler
    void on(InvocationSucceededEvent event) {
        if (event.holdId() == null) {
            return;
        }

        CaptureHoldCommand capture = new CaptureHoldCommand(
                CreditAccounts.accountIdOf(event.loopId()),
                event.holdId(),
                event.charged(),
                CreditAccounts.accountIdOf(event.publisherLoopId()));
        send(capture, event.invocationId(), event.holdId());
    }

    @EventHandler
    void on(InvocationFailedEvent event) {
        release(event.invocationId(), event.loopId(), event.holdId(), "invocation failed");
    }

    @EventHandler
    void on(InvocationRejectedEvent event) {
        release(event.invocationId(), event.loopId(), event.holdId(), "invocation rejected by an owner");
    }

    @EventHandler
    void on(InvocationExpiredEvent event) {
        release(event.invocationId(), event.loopId(), event.holdId(), "invocation expired");
    }

    private void release(String invocationId, String loopId, String holdId, String reason) {
        if (holdId == null) {
            return;
        }

        ReleaseHoldCommand release = new ReleaseHoldCommand(CreditAccounts.accountIdOf(loopId), holdId, reason);
        send(release, invocationId, holdId);
    }

    private void send(Object command, String invocationId, String holdId) {
        try {
            commands.sendAndWait(command);
        } catch (RuntimeException e) {
            ErrorCode code = CommandFailures.ledgerCode(e);
            if (code == ErrorCode.INVALID_STATE) {
                log.info(
                        "Hold {} of invocation {} was already resolved; skipped {}",
                        holdId,
                        invocationId,
                        command.getClass().getSimpleName());
                return;
            }
            if (code == ErrorCode.VALIDATION_FAILED) {
                // A rejection of the command itself fails the same way on every retry and would stall the segment;
                // the hold's own deadline releases it instead.
                log.error(
                        "{} for hold {} of invocation {} was rejected ({}); the hold stays open until it expires",
                        command.getClass().getSimpleName(),
                        holdId,
                        invocationId,
                        e.getMessage());
                return;
            }
            throw e;
        }
    }
}
