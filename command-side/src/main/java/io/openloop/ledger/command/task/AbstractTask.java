package io.openloop.ledger.command.task;

import io.openloop.ledger.messages.task.ContractAmendedEvent;
import io.openloop.ledger.messages.task.ContractAmendmentProposedEvent;
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
import io.openloop.ledger.messages.task.TaskMessageType;
import io.openloop.ledger.messages.task.TaskOffer;
import io.openloop.ledger.messages.task.TaskParty;
import io.openloop.ledger.messages.task.TaskRejectedEvent;
import io.openloop.ledger.messages.task.TaskRequestedEvent;
import io.openloop.ledger.messages.task.TaskSettledEvent;
import io.openloop.ledger.messages.task.TaskState;
import io.openloop.ledger.messages.task.TaskUpdatedEvent;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

/**
 * The event-sourced state of a {@link Task} and the checks that every message to it shares. The fields change only in
 * the {@code @EventSourcingHandler} methods here: {@link Task} reads them in its command handlers and assigns none.
 */
abstract class AbstractTask {

    @AggregateIdentifier
    String taskId;

    String requesterLoopId;
    String businessLoopId;
    TaskState state;
    final Set<String> messageIds = new HashSet<>();

    /** The offer or counter-offer on the table; null before the first. */
    TaskOffer offer;

    final Set<String> offerIds = new HashSet<>();

    long price;
    String terms;
    Instant deadline;
    String holdId;
    Instant acceptedAt;
    PendingAmendment pendingAmendment;
    final Set<String> proposedAmendmentIds = new HashSet<>();
    final Set<String> acceptedAmendmentIds = new HashSet<>();

    /** True once the price reached the business, which may happen while the task is disputed. */
    boolean settled;

    /**
     * Returns true when {@code messageId} was already applied, after checking that the sender is a party. The party
     * check comes first, so another loop learns nothing about the task, not even which messages it holds.
     */
    boolean isDuplicate(String senderLoopId, String messageId) {
        partyOf(senderLoopId);
        TaskRules.requireKey(messageId, "messageId");
        return messageIds.contains(messageId);
    }

    /** Checks that the sender may send {@code type} now and returns the current time. */
    Instant accept(TaskMessageType type, String senderLoopId, Clock clock) {
        MessageRules.check(taskId, type, partyOf(senderLoopId), state);
        Instant now = clock.instant();
        MessageRules.requireNotLapsed(taskId, state, offer, deadline, now, "receive " + type.name());
        return now;
    }

    Instant requireContractRunning(Clock clock, String action) {
        if (!state.isUnderContract()) {
            throw TaskErrors.invalidState(taskId, state, action);
        }
        Instant now = clock.instant();
        MessageRules.requireNotLapsed(taskId, state, offer, deadline, now, action);
        return now;
    }

    TaskParty partyOf(String loopId) {
        return MessageRules.partyOf(taskId, requesterLoopId, businessLoopId, loopId);
    }

    TaskEvents events() {
        return new TaskEvents(taskId, requesterLoopId, businessLoopId);
    }

    private void recordMessage(String messageId) {
        if (messageId != null) {
            messageIds.add(messageId);
        }
    }

    @EventSourcingHandler
    void on(TaskRequestedEvent event) {
        taskId = event.taskId();
        requesterLoopId = event.requesterLoopId();
        businessLoopId = event.businessLoopId();
        state = TaskState.REQUESTED;
        recordMessage(event.messageId());
    }

    @EventSourcingHandler
    void on(TaskRejectedEvent event) {
        state = TaskState.REJECTED;
        recordMessage(event.messageId());
    }

    @EventSourcingHandler
    void on(OfferMadeEvent event) {
        offer = event.offer();
        offerIds.add(offer.offerId());
        state = offer.counter() ? TaskState.NEGOTIATING : TaskState.OFFERED;
        recordMessage(event.messageId());
    }

    @EventSourcingHandler
    void on(OfferAcceptedEvent event) {
        price = event.price();
        terms = event.terms();
        deadline = event.deadline();
        holdId = event.holdId();
        acceptedAt = event.acceptedAt();
        state = TaskState.ACCEPTED;
        recordMessage(event.messageId());
    }

    @EventSourcingHandler
    void on(OfferDeclinedEvent event) {
        state = TaskState.CANCELLED;
        recordMessage(event.messageId());
    }

    @EventSourcingHandler
    void on(TaskUpdatedEvent event) {
        state = TaskState.IN_PROGRESS;
        recordMessage(event.messageId());
    }

    @EventSourcingHandler
    void on(TaskInputRequestedEvent event) {
        state = TaskState.INPUT_REQUIRED;
        recordMessage(event.messageId());
    }

    @EventSourcingHandler
    void on(TaskCompletedEvent event) {
        state = TaskState.COMPLETED;
        recordMessage(event.messageId());
    }

    @EventSourcingHandler
    void on(TaskFailedEvent event) {
        state = TaskState.FAILED;
        recordMessage(event.messageId());
    }

    @EventSourcingHandler
    void on(TaskCancelledEvent event) {
        state = TaskState.CANCELLED;
        recordMessage(event.messageId());
    }

    @EventSourcingHandler
    void on(TaskExpiredEvent event) {
        state = TaskState.EXPIRED;
    }

    @EventSourcingHandler
    void on(TaskDisputedEvent event) {
        state = TaskState.DISPUTED;
        recordMessage(event.messageId());
    }

    @EventSourcingHandler
    void on(TaskSettledEvent event) {
        settled = true;
        if (state == TaskState.COMPLETED) {
            state = TaskState.SETTLED;
        }
    }

    @EventSourcingHandler
    void on(DisputeResolvedEvent event) {
        state = event.resolution() == DisputeResolution.REFUNDED ? TaskState.REFUNDED : TaskState.DISMISSED;
    }

    @EventSourcingHandler
    void on(ContractAmendmentProposedEvent event) {
        pendingAmendment =
                new PendingAmendment(event.amendmentId(), event.proposedByLoopId(), event.terms(), event.deadline());
        proposedAmendmentIds.add(event.amendmentId());
    }

    @EventSourcingHandler
    void on(ContractAmendedEvent event) {
        terms = event.terms();
        deadline = event.deadline();
        pendingAmendment = null;
        acceptedAmendmentIds.add(event.amendmentId());
    }
}
