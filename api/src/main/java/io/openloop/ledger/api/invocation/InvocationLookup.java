package io.openloop.ledger.api.invocation;

import io.openloop.ledger.api.web.Dispatcher;
import io.openloop.ledger.messages.ErrorCode;
import io.openloop.ledger.messages.Ids;
import io.openloop.ledger.messages.LedgerException;
import io.openloop.ledger.messages.invocation.FindInvocationQuery;
import io.openloop.ledger.messages.invocation.InvocationView;
import java.util.Map;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.springframework.stereotype.Component;

/** Finds invocations in the invocation log for routes, which then decide who may see them. */
@Component
class InvocationLookup {

    private final Dispatcher dispatcher;

    InvocationLookup(Dispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    /** Returns the invocation, or rejects with {@code NOT_FOUND}, also for ids that are not invocation ids. */
    InvocationView require(String invocationId) {
        if (!Ids.isValid(invocationId, Ids.INVOCATION)) {
            throw notFound(invocationId);
        }
        return dispatcher.query(new FindInvocationQuery(invocationId), ResponseTypes.instanceOf(InvocationView.class));
    }

    static LedgerException notFound(String invocationId) {
        return new LedgerException(
                ErrorCode.NOT_FOUND,
                "invocation " + invocationId + " not found",
                Map.of("invocationId", String.valueOf(invocationId)));
    }
}
