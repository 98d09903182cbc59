package io.openloop.ledger.api.aap;

import io.openloop.ledger.messages.task.ContractAmendedEvent;
import io.openloop.ledger.messages.task.DisputeResolution;
import io.openloop.ledger.messages.task.DisputeResolvedEvent;
import io.openloop.ledger.messages.task.OfferAcceptedEvent;
import io.openloop.ledger.messages.task.OfferDeclinedEvent;
import io.openloop.ledger.messages.task.OfferMadeEvent;
import io.openloop.ledger.messages.task.TaskCancelledEvent;
import io.openloop.ledger.messages.task.TaskCompletedEvent;
import io.openloop.ledger.messages.task.TaskDisputedEvent;
import io.openloop.ledger.messages.task.TaskExpiredEvent;
import io.openloop.ledger.messages.task.TaskFailedEvent;
import io.openloop.ledger.messages.task.TaskInputRequestedEvent;
import io.openloop.ledger.messages.task.TaskOffer;
import io.openloop.ledger.messages.task.TaskRejectedEvent;
import io.openloop.ledger.messages.task.TaskRequestedEvent;
import io.openloop.ledger.messages.task.TaskSettledEvent;
import io.openloop.ledger.messages.task.TaskState;
import io.openloop.ledger.messages.task.TaskUpdatedEvent;
import java.time.Instant;

/**
 * The facts about a task that routes check before they send a command, folded from the task's own events in the
 * event store. Reading the events, not the read model, gives a route the state that the previous message left, even
 * before the projection has caught up. The Task aggregate remains the judge: it rejects a command whose state no
 * longer fits.
 *
 * @param offer the offer last put on the table; null before the first
 * @param price the contract's price once an offer was accepted; null before
 * @param holdId the hold of the contract's price; null for a free contract or before acceptance
 * @param sequence the sequence number of the last event folded in
 */
public record TaskSnapshot(
        String taskId,
        String requesterLoopId,
        String businessLoopId,
        TaskState state,
        TaskOffer offer,
        Long price,
        String holdId,
        Instant deadline,
        boolean settled,
        long sequence) {

    /** Returns the snapshot after {@code event}, or this snapshot when the event does not change these facts. */
    TaskSnapshot apply(Object event, long eventSequence) {
        if (event instanceof TaskRequestedEvent requested) {
            return new TaskSnapshot(
                    requested.taskId(),
                    requested.requesterLoopId(),
                    requested.businessLoopId(),
                    TaskState.REQUESTED,
                    null,
                    null,
                    null,
                    null,
                    false,
                    eventSequence);
        }
        if (event instanceof OfferMadeEvent made) {
            TaskState next = made.offer().counter() ? TaskState.NEGOTIATING : TaskState.OFFERED;
            return new TaskSnapshot(
                    taskId,
                    requesterLoopId,
                    businessLoopId,
                    next,
                    made.offer(),
                    price,
                    holdId,
                    deadline,
                    settled,
                    eventSequence);
        }
        if (event instanceof OfferAcceptedEvent accepted) {
            return new TaskSnapshot(
                    taskId,
                    requesterLoopId,
                    businessLoopId,
                    TaskState.ACCEPTED,
                    offer,
                    accepted.price(),
                    accepted.holdId(),
                    accepted.deadline(),
                    settled,
                    eventSequence);
        }
        if (event instanceof ContractAmendedEvent amended && amended.deadline() != null) {
            return new TaskSnapshot(
                    taskId,
                    requesterLoopId,
                    businessLoopId,
                    state,
                    offer,
                    price,
                    holdId,
                    amended.deadline(),
                    settled,
                    eventSequence);
        }
        if (event instanceof TaskSettledEvent) {
            TaskState next = state == TaskState.COMPLETED ? TaskState.SETTLED : state;
            return new TaskSnapshot(
                    taskId, requesterLoopId, businessLoopId, next, offer, price, holdId, deadline, true, eventSequence);
        }
        if (event instanceof DisputeResolvedEvent resolved) {
            TaskState next =
                    resolved.resolution() == DisputeResolution.REFUNDED ? TaskState.REFUNDED : TaskState.DISMISSED;
            return withState(next, eventSequence);
        }
        TaskState next = stateAfter(event);
        return next == null ? withSequence(eventSequence) : withState(next, eventSequence);
    }

    /** Returns the party that {@code loopId} is in this task, or null when it is neither. */
    public String otherPartyOf(String loopId) {
        if (loopId == null) {
            return null;
        }
        if (loopId.equals(requesterLoopId)) {
            return businessLoopId;
        }
        if (loopId.equals(businessLoopId)) {
            return requesterLoopId;
        }
        return null;
    }

    public boolean isParty(String loopId) {
        return otherPartyOf(loopId) != null;
    }

    private static TaskState stateAfter(Object event) {
        if (event instanceof TaskRejectedEvent) {
            return TaskState.REJECTED;
        }
        if (event instanceof OfferDeclinedEvent || event instanceof TaskCancelledEvent) {
            return TaskState.CANCELLED;
        }
        if (event instanceof TaskUpdatedEvent) {
            return TaskState.IN_PROGRESS;
        }
        if (event instanceof TaskInputRequestedEvent) {
            return TaskState.INPUT_REQUIRED;
        }
        if (event instanceof TaskCompletedEvent) {
            return TaskState.COMPLETED;
        }
        if (event instanceof TaskFailedEvent) {
            return TaskState.FAILED;
        }
        if (event instanceof TaskExpiredEvent) {
            return TaskState.EXPIRED;
        }
        if (event instanceof TaskDisputedEvent) {
            return TaskState.DISPUTED;
        }
        return null;
    }

    private TaskSnapshot withState(TaskState next, long eventSequence) {
        return new TaskSnapshot(
                taskId, requesterLoopId, businessLoopId, next, offer, price, holdId, deadline, settled, eventSequence);
    }

    private TaskSnapshot withSequence(long eventSequence) {
        return withState(state, eventSequence);
    }
}
