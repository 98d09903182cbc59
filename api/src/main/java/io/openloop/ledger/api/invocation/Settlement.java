package io.openloop.ledger.api.invocation;

import io.openloop.ledger.api.security.Caller;
import io.openloop.ledger.api.web.Dispatcher;
import io.openloop.ledger.messages.ErrorCode;
import io.openloop.ledger.messages.LedgerException;
import io.openloop.ledger.messages.credit.CaptureHoldCommand;
import io.openloop.ledger.messages.credit.CreditAccountView;
import io.openloop.ledger.messages.credit.CreditAccounts;
import io.openloop.ledger.messages.credit.CreditBalance;
import io.openloop.ledger.messages.credit.FindCreditAccountQuery;
import io.openloop.ledger.messages.credit.ReceiveCreditsCommand;
import io.openloop.ledger.messages.credit.ReleaseHoldCommand;
import io.openloop.ledger.messages.invocation.InvocationView;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * Settles an invocation's hold while the request that ended it waits, so its response can carry the figures. The
 * settlement event handler does the same from the invocation's events and covers a server that stops in between:
 * a hold resolves once, and a payment lands once per hold, so whichever gets there second changes nothing.
 */
@Component
class Settlement {

    private static final Logger log = LoggerFactory.getLogger(Settlement.class);

    private final Dispatcher dispatcher;

    Settlement(Dispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    /** The figures for the caller's response. */
    record Outcome(long callerAvailable, long charged) {}

    /** Captures {@code charged} of the invocation's hold and pays it to the publisher, who is the caller. */
    Outcome capture(InvocationView invocation, long charged, Caller caller, ServerWebExchange exchange) {
        String payer = CreditAccounts.accountIdOf(invocation.loopId());
        String payee = CreditAccounts.accountIdOf(invocation.publisherLoopId());
        String holdId = invocation.invocationId();
        try {
            dispatcher.send(new CaptureHoldCommand(payer, holdId, charged, payee), caller, exchange);
        } catch (LedgerException e) {
            if (e.code() != ErrorCode.INVALID_STATE) {
                throw e;
            }
            log.info("Hold {} on {} was already resolved; the settlement handler got there first", holdId, payer);
        }
        if (charged == 0) {
            return new Outcome(available(invocation.publisherLoopId()), 0);
        }
        CreditBalance paid =
                dispatcher.send(new ReceiveCreditsCommand(payee, holdId, payer, charged), caller, exchange);
        return new Outcome(paid.available(), charged);
    }

    /** Releases the invocation's hold; the figures are those of the caller's own account. */
    Outcome release(InvocationView invocation, String reason, Caller caller, ServerWebExchange exchange) {
        String payer = CreditAccounts.accountIdOf(invocation.loopId());
        String holdId = invocation.invocationId();
        try {
            CreditBalance released = dispatcher.send(new ReleaseHoldCommand(payer, holdId, reason), caller, exchange);
            if (invocation.loopId().equals(caller.loopId())) {
                return new Outcome(released.available(), 0);
            }
        } catch (LedgerException e) {
            if (e.code() != ErrorCode.INVALID_STATE) {
                throw e;
            }
            log.info("Hold {} on {} was already resolved; the settlement handler got there first", holdId, payer);
        }
        return new Outcome(available(caller.loopId()), 0);
    }

    private long available(String loopId) {
        CreditAccountView account =
                dispatcher.query(new FindCreditAccountQuery(loopId), ResponseTypes.instanceOf(CreditAccountView.class));
        return account.available();
    }
}
