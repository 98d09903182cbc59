package io.openloop.ledger.api.aap;

import io.openloop.ledger.api.loop.LoopAccess;
import io.openloop.ledger.api.security.Caller;
import io.openloop.ledger.messages.ErrorCode;
import io.openloop.ledger.messages.Ids;
import io.openloop.ledger.messages.LedgerException;
import java.util.Map;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

/**
 * Reads a task's events from the event store and folds them into a {@link TaskSnapshot}, and decides who may see a
 * task: its two parties, the loops that own them, and the operator. Anyone else gets 404, as for a task that does
 * not exist.
 */
@Component
public class TaskTimeline {

    private final EventStore events;
    private final LoopAccess access;

    TaskTimeline(EventStore events, LoopAccess access) {
        this.events = events;
        this.access = access;
    }

    /** Returns the task's snapshot, or rejects with {@code NOT_FOUND} when the id names no task. */
    public TaskSnapshot require(String taskId) {
        return requireAt(taskId, Long.MAX_VALUE);
    }

    /** Returns the task's snapshot after the event with sequence number {@code lastSequence}. */
    TaskSnapshot requireAt(String taskId, long lastSequence) {
        if (!Ids.isValid(taskId, Ids.TASK)) {
            throw notFound(taskId);
        }
        TaskSnapshot snapshot = empty(taskId);
        // From sequence 0, so that an aggregate snapshot is never read in place of the events.
        DomainEventStream stream = events.readEvents(taskId, 0);
        while (stream.hasNext()) {
            DomainEventMessage<?> event = stream.next();
            if (event.getSequenceNumber() > lastSequence) {
                break;
            }
            snapshot = snapshot.apply(event.getPayload(), event.getSequenceNumber());
        }
        if (snapshot.requesterLoopId() == null) {
            throw notFound(taskId);
        }
        return snapshot;
    }

    /** Returns the snapshot before the task's first event, which events are folded into. */
    static TaskSnapshot empty(String taskId) {
        return new TaskSnapshot(taskId, null, null, null, null, null, null, null, false, -1);
    }

    /** Returns the task's events from {@code firstSequence} on. */
    DomainEventStream eventsFrom(String taskId, long firstSequence) {
        return events.readEvents(taskId, firstSequence);
    }

    /** Returns the snapshot of a task that {@code caller}'s own loop is a party of; acting on a task needs that. */
    public TaskSnapshot requireParty(String taskId, Caller caller) {
        LiveKeys.requireLive(caller);
        TaskSnapshot snapshot = require(taskId);
        if (!snapshot.isParty(caller.loopId())) {
            throw notFound(taskId);
        }
        return snapshot;
    }

    /** Returns the snapshot of a task that {@code caller} may read. */
    public TaskSnapshot requireVisible(String taskId, Caller caller) {
        LiveKeys.requireLive(caller);
        TaskSnapshot snapshot = require(taskId);
        if (caller.isOperator() || snapshot.isParty(caller.loopId())) {
            return snapshot;
        }
        if (canSee(caller, snapshot.requesterLoopId()) || canSee(caller, snapshot.businessLoopId())) {
            return snapshot;
        }
        throw notFound(taskId);
    }

    private boolean canSee(Caller caller, String loopId) {
        try {
            access.requireVisible(caller, loopId);
            return true;
        } catch (LedgerException e) {
            if (e.code() != ErrorCode.NOT_FOUND) {
                throw e;
            }
            return false;
        }
    }

    static LedgerException notFound(String taskId) {
        return new LedgerException(
                ErrorCode.NOT_FOUND, "task " + taskId + " not found", Map.of("taskId", String.valueOf(taskId)));
    }
}
