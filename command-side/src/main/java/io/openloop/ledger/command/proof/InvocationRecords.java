package io.openloop.ledger.command.proof;

import io.openloop.ledger.messages.invocation.InvocationBlockedEvent;
import io.openloop.ledger.messages.invocation.InvocationDeniedEvent;
import io.openloop.ledger.messages.invocation.InvocationExpiredEvent;
import io.openloop.ledger.messages.invocation.InvocationFailedEvent;
import io.openloop.ledger.messages.invocation.InvocationRejectedEvent;
import io.openloop.ledger.messages.invocation.InvocationRequestedEvent;
import io.openloop.ledger.messages.invocation.InvocationSimulatedEvent;
import io.openloop.ledger.messages.invocation.InvocationSucceededEvent;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;

/**
 * The events of one invocation that a platform check compares a proof with; {@code requested} and {@code succeeded}
 * are null when the invocation's stream has none.
 *
 * @param simulated true for a sandbox run, which never raises a proof to V2
 * @param ended true once the invocation reached a final state: succeeded, simulated, failed, expired, denied, blocked
 *     or rejected
 */
record InvocationRecords(
        InvocationRequestedEvent requested, InvocationSucceededEvent succeeded, boolean simulated, boolean ended) {

    /** Reads the invocation's stream from the event store; an unknown id reads as no events. */
    static InvocationRecords read(EventStore events, String invocationId) {
        InvocationRequestedEvent requested = null;
        InvocationSucceededEvent succeeded = null;
        boolean simulated = false;
        boolean ended = false;
        DomainEventStream stream = events.readEvents(invocationId, 0);
        while (stream.hasNext()) {
            Object payload = stream.next().getPayload();
            if (payload instanceof InvocationRequestedEvent event) {
                requested = event;
            } else if (payload instanceof InvocationSucceededEvent event) {
                succeeded = event;
                ended = true;
            } else if (payload instanceof InvocationSimulatedEvent) {
                simulated = true;
                ended = true;
            } else if (payload instanceof InvocationFailedEvent
                    || payload instanceof InvocationExpiredEvent
                    || payload instanceof InvocationDeniedEvent
                    || payload instanceof InvocationBlockedEvent
                    || payload instanceof InvocationRejectedEvent) {
                ended = true;
            }
        }
        return new InvocationRecords(requested, succeeded, simulated, ended);
    }

    /** True when the invocation exists and has no final state yet, so its result event is still to come. */
    boolean awaitsResult() {
        return requested != null && !ended;
    }
}
