package io.openloop.ledger.api.invocation;

import io.openloop.ledger.api.web.Dispatcher;
import io.openloop.ledger.messages.ErrorCode;
import io.openloop.ledger.messages.Ids;
import io.openloop.ledger.messages.LedgerException;
import io.openloop.ledger.messages.invocation.FindInvocationQuery;
import io.openloop.ledger.messages.invocation.InvocationStatus;
import io.openloop.ledger.messages.invocation.InvocationView;
import java.time.Duration;
import java.util.Map;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Finds invocations in the invocation log for routes, which then decide who may see them.
 *
 * <p>The log follows the events by a projection's lag, so a provider or owner acting on an invocation right after it
 * was requested could find nothing, or find it {@code REQUESTED}, a state that the same commit always ends. Both are
 * waited for, up to the read-model wait. An id the event store does not know gets 404 at once.
 */
@Component
public class InvocationLookup {

    private static final Logger log = LoggerFactory.getLogger(InvocationLookup.class);
    private static final long POLL_MILLIS = 10;

    private final Dispatcher dispatcher;
    private final EventStore events;
    private final Duration timeout;

    InvocationLookup(
            Dispatcher dispatcher, EventStore events, @Value("${openloop.api.read-model-wait:5s}") Duration timeout) {
        this.dispatcher = dispatcher;
        this.events = events;
        this.timeout = timeout;
    }

    /** Returns the invocation, or rejects with {@code NOT_FOUND}, also for ids that are not invocation ids. */
    public InvocationView require(String invocationId) {
        if (!Ids.isValid(invocationId, Ids.INVOCATION)) {
            throw notFound(invocationId);
        }
        InvocationView found = findOrNull(invocationId);
        if (found != null && found.status() != InvocationStatus.REQUESTED) {
            return found;
        }
        if (found == null && events.lastSequenceNumberFor(invocationId).isEmpty()) {
            throw notFound(invocationId);
        }
        return awaitProjected(invocationId);
    }

    private InvocationView awaitProjected(String invocationId) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw notFound(invocationId);
            }
            InvocationView found = findOrNull(invocationId);
            if (found != null && found.status() != InvocationStatus.REQUESTED) {
                return found;
            }
            if (System.nanoTime() > deadline) {
                log.warn(
                        "Invocation {} is stored but the invocation log did not show its state within {}",
                        invocationId,
                        timeout);
                if (found == null) {
                    throw notFound(invocationId);
                }
                return found;
            }
        }
    }

    private InvocationView findOrNull(String invocationId) {
        try {
            return find(invocationId);
        } catch (LedgerException e) {
            if (e.code() != ErrorCode.NOT_FOUND) {
                throw e;
            }
            return null;
        }
    }

    private InvocationView find(String invocationId) {
        return dispatcher.query(new FindInvocationQuery(invocationId), ResponseTypes.instanceOf(InvocationView.class));
    }

    public static LedgerException notFound(String invocationId) {
        return new LedgerException(
                ErrorCode.NOT_FOUND,
                "invocation " + invocationId + " not found",
                Map.of("invocationId", String.valueOf(invocationId)));
    }
}
