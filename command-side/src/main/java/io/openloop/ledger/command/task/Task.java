package io.openloop.ledger.command.task;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.openloop.ledger.messages.Ids;
import io.openloop.ledger.messages.task.AcceptAmendmentCommand;
import io.openloop.ledger.messages.task.AcceptOfferCommand;
import io.openloop.ledger.messages.task.CancelTaskCommand;
import io.openloop.ledger.messages.task.CompleteTaskCommand;
import io.openloop.ledger.messages.task.ContractAmendedEvent;
import io.openloop.ledger.messages.task.ContractAmendmentProposedEvent;
import io.openloop.ledger.messages.task.DeclineOfferCommand;
import io.openloop.ledger.messages.task.DisputeResolution;
import io.openloop.ledger.messages.task.DisputeResolvedEvent;
import io.openloop.ledger.messages.task.DisputeTaskCommand;
import io.openloop.ledger.messages.task.FailTaskCommand;
import io.openloop.ledger.messages.task.MakeOfferCommand;
import io.openloop.ledger.messages.task.MarkTaskSettledCommand;
import io.openloop.ledger.messages.task.OfferAcceptedEvent;
import io.openloop.ledger.messages.task.OfferDeclinedEvent;
import io.openloop.ledger.messages.task.OfferMadeEvent;
import io.openloop.ledger.messages.task.ProposeAmendmentCommand;
import io.openloop.ledger.messages.task.RejectTaskCommand;
import io.openloop.ledger.messages.task.RequestTaskCommand;
import io.openloop.ledger.messages.task.RequestTaskInputCommand;
import io.openloop.ledger.messages.task.ResolveDisputeCommand;
import io.openloop.ledger.messages.task.SendTaskUpdateCommand;
import io.openloop.ledger.messages.task.TaskCancelledEvent;
import io.openloop.ledger.messages.task.TaskCompletedEvent;
import io.openloop.ledger.messages.task.TaskDisputedEvent;
import io.openloop.ledger.messages.task.TaskExpiredEvent;
import io.openloop.ledger.messages.task.TaskFailedEvent;
import io.openloop.ledger.messages.task.TaskInputRequestedEvent;
import io.openloop.ledger.messages.task.TaskMessageType;
import io.openloop.ledger.messages.task.TaskOffer;
import io.openloop.ledger.messages.task.TaskParty;
import io.openloop.ledger.messages.task.TaskPolicyDecision;
import io.openloop.ledger.messages.task.TaskRejectedEvent;
import io.openloop.ledger.messages.task.TaskRequestedEvent;
import io.openloop.ledger.messages.task.TaskSettledEvent;
import io.openloop.ledger.messages.task.TaskState;
import io.openloop.ledger.messages.task.TaskUpdatedEvent;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A task: the AAP conversation between a requester and a business loop, its state and its contract. {@link
 * MessageRules} contains the transition table; a loop that is neither party gets {@code NOT_FOUND}.
 *
 * <p>Message ids are idempotency keys: a message whose id the task already applied returns without effect, so a
 * retried delivery applies once. The same holds for amendment ids and for a second settlement.
 *
 * <p>Two deadlines drive expiry: {@value #OFFER_EXPIRY} at an offer's {@code expiresAt} while the task is {@code
 * OFFERED}, and {@value #CONTRACT_DEADLINE} at the contract's deadline while it runs. Each carries what it was
 * scheduled for (the offer id, the deadline), and a deadline that no longer matches the task changes nothing, so a
 * deadline manager that fails to cancel cannot expire a task that moved on.
 */
@Aggregate
class Task {

    static final String OFFER_EXPIRY = "task-offer-expiry";
    static final String CONTRACT_DEADLINE = "task-contract-deadline";

    @AggregateIdentifier
    private String taskId;

    private String requesterLoopId;
    private String businessLoopId;
    private TaskState state;
    private final Set<String> messageIds = new HashSet<>();

    /** The offer or counter-offer on the table; null before the first. */
    private TaskOffer offer;

    private final Set<String> offerIds = new HashSet<>();

    private long price;
    private String terms;
    private Instant deadline;
    private String holdId;
    private Instant acceptedAt;
    private PendingAmendment pendingAmendment;
    private final Set<String> proposedAmendmentIds = new HashSet<>();
    private final Set<String> acceptedAmendmentIds = new HashSet<>();

    /** True once the price reached the business, which may happen while the task is disputed. */
    private boolean settled;

    Task() {
        // Required by Axon to rebuild the aggregate from its events.
    }

    @CommandHandler
    Task(RequestTaskCommand command, Clock clock) {
        TaskRules.requireId(command.taskId(), Ids.TASK, "taskId");
        TaskRules.requireKey(command.messageId(), "messageId");
        TaskRules.requireId(command.requesterLoopId(), Ids.LOOP, "requesterLoopId");
        TaskRules.requireId(command.businessLoopId(), Ids.LOOP, "businessLoopId");
        if (command.requesterLoopId().equals(command.businessLoopId())) {
            throw TaskErrors.invalidField(
                    "businessLoopId", "a loop cannot send a task request to itself; address another loop");
        }
        TaskRules.requireTaskName(command.task());
        TaskRules.requireObject(command.inputs(), "inputs");
        TaskPolicyDecision decision = command.decision();
        if (decision == null) {
            throw TaskErrors.invalidField("decision", "decision is missing; check the business's task policy first");
        }
        if (!decision.accepted() && decision.code() == null) {
            throw TaskErrors.invalidField("decision", "a rejecting decision must name its code");
        }
        Instant now = clock.instant();

        apply(new TaskRequestedEvent(
                command.taskId(),
                command.messageId(),
                command.requesterLoopId(),
                command.businessLoopId(),
                command.keyId(),
                command.task(),
                command.inputs(),
                now));
        if (!decision.accepted()) {
            apply(new TaskRejectedEvent(
                    command.taskId(),
                    null,
                    command.requesterLoopId(),
                    command.businessLoopId(),
                    decision.code(),
                    decision.reason(),
                    now));
        }
    }

    @CommandHandler
    void handle(MakeOfferCommand command, DeadlineManager deadlines, Clock clock) {
        TaskMessageType type = command.counter() ? TaskMessageType.COUNTER_OFFER : TaskMessageType.TASK_OFFER;
        if (isDuplicate(command.senderLoopId(), command.messageId())) {
            return;
        }
        Instant now = accept(type, command.senderLoopId(), clock);
        TaskOffer made = OfferRules.offer(command, command.senderLoopId(), now);
        if (offerIds.contains(made.offerId())) {
            throw TaskErrors.invalidField(
                    "offerId",
                    "offerId " + made.offerId() + " was already used in task " + taskId + "; send a new one");
        }

        apply(new OfferMadeEvent(taskId, command.messageId(), requesterLoopId, businessLoopId, made));
        deadlines.cancelAllWithinScope(OFFER_EXPIRY);
        if (!made.counter()) {
            deadlines.schedule(made.expiresAt(), OFFER_EXPIRY, made.offerId());
        }
    }

    @CommandHandler
    void handle(AcceptOfferCommand command, DeadlineManager deadlines, Clock clock) {
        if (isDuplicate(command.senderLoopId(), command.messageId())) {
            return;
        }
        Instant now = accept(TaskMessageType.OFFER_ACCEPT, command.senderLoopId(), clock);
        if (command.offerId() != null && !command.offerId().equals(offer.offerId())) {
            throw TaskErrors.invalidField(
                    "offerId",
                    "offerId " + command.offerId() + " is not the offer on the table, " + offer.offerId()
                            + "; accept that one or send no offerId");
        }
        requireHoldFits(command.holdId());

        apply(new OfferAcceptedEvent(
                taskId,
                command.messageId(),
                requesterLoopId,
                businessLoopId,
                offer.offerId(),
                offer.price(),
                offer.terms(),
                offer.deadline(),
                command.holdId(),
                now));
        deadlines.cancelAllWithinScope(OFFER_EXPIRY);
        scheduleContractDeadline(deadlines, offer.deadline());
    }

    private void requireHoldFits(String hold) {
        boolean held = hold != null && !hold.isBlank();
        if (offer.price() > 0 && !held) {
            throw TaskErrors.invalidField(
                    "holdId", "the offer costs " + offer.price() + " credits; hold them first and send the holdId");
        }
        if (offer.price() == 0 && hold != null) {
            throw TaskErrors.invalidField(
                    "holdId", "a free offer holds no credits; release the hold and send no holdId");
        }
    }

    @CommandHandler
    void handle(DeclineOfferCommand command, DeadlineManager deadlines, Clock clock) {
        if (isDuplicate(command.senderLoopId(), command.messageId())) {
            return;
        }
        Instant now = accept(TaskMessageType.OFFER_DECLINE, command.senderLoopId(), clock);
        String reason = TaskRules.optionalText(command.reason(), "reason");

        apply(new OfferDeclinedEvent(
                taskId, command.messageId(), requesterLoopId, businessLoopId, offer.offerId(), reason, now));
        deadlines.cancelAllWithinScope(OFFER_EXPIRY);
    }

    @CommandHandler
    void handle(RejectTaskCommand command, Clock clock) {
        if (isDuplicate(command.senderLoopId(), command.messageId())) {
            return;
        }
        Instant now = accept(TaskMessageType.TASK_REJECT, command.senderLoopId(), clock);
        String reason = TaskRules.optionalText(command.reason(), "reason");

        apply(new TaskRejectedEvent(taskId, command.messageId(), requesterLoopId, businessLoopId, null, reason, now));
    }

    @CommandHandler
    void handle(SendTaskUpdateCommand command, Clock clock) {
        if (isDuplicate(command.senderLoopId(), command.messageId())) {
            return;
        }
        Instant now = accept(TaskMessageType.TASK_UPDATE, command.senderLoopId(), clock);
        String message = TaskRules.optionalText(command.message(), "message");
        TaskRules.exactNumbers(command.data(), "data");

        apply(new TaskUpdatedEvent(
                taskId,
                command.messageId(),
                requesterLoopId,
                businessLoopId,
                command.senderLoopId(),
                message,
                command.data(),
                now));
    }

    @CommandHandler
    void handle(RequestTaskInputCommand command, Clock clock) {
        if (isDuplicate(command.senderLoopId(), command.messageId())) {
            return;
        }
        Instant now = accept(TaskMessageType.INPUT_REQUEST, command.senderLoopId(), clock);
        String question = TaskRules.optionalText(command.question(), "question");
        if (question == null && command.data() == null) {
            throw TaskErrors.invalidField("question", "question is missing; say what input the task needs");
        }
        TaskRules.exactNumbers(command.data(), "data");

        apply(new TaskInputRequestedEvent(
                taskId, command.messageId(), requesterLoopId, businessLoopId, question, command.data(), now));
    }

    @CommandHandler
    void handle(CompleteTaskCommand command, DeadlineManager deadlines, Clock clock) {
        if (isDuplicate(command.senderLoopId(), command.messageId())) {
            return;
        }
        Instant now = accept(TaskMessageType.TASK_COMPLETE, command.senderLoopId(), clock);
        List<String> proofIds = command.proofIds();
        if (proofIds.isEmpty()) {
            throw TaskErrors.proofRequired(taskId);
        }
        for (int i = 0; i < proofIds.size(); i++) {
            TaskRules.requireId(proofIds.get(i), Ids.PROOF, "proofIds[" + i + "]");
        }
        TaskRules.exactNumbers(command.result(), "result");

        apply(new TaskCompletedEvent(
                taskId,
                command.messageId(),
                requesterLoopId,
                businessLoopId,
                command.result(),
                proofIds,
                price,
                holdId,
                now));
        if (holdId == null) {
            // A free contract moves no credits, so nothing is left to settle.
            apply(new TaskSettledEvent(taskId, requesterLoopId, businessLoopId, null, 0, now));
        }
        deadlines.cancelAllWithinScope(CONTRACT_DEADLINE);
    }

    @CommandHandler
    void handle(FailTaskCommand command, DeadlineManager deadlines, Clock clock) {
        if (isDuplicate(command.senderLoopId(), command.messageId())) {
            return;
        }
        Instant now = accept(TaskMessageType.TASK_FAIL, command.senderLoopId(), clock);
        String reason = TaskRules.optionalText(command.reason(), "reason");

        apply(new TaskFailedEvent(taskId, command.messageId(), requesterLoopId, businessLoopId, reason, holdId, now));
        deadlines.cancelAllWithinScope(CONTRACT_DEADLINE);
    }

    @CommandHandler
    void handle(CancelTaskCommand command, DeadlineManager deadlines, Clock clock) {
        if (isDuplicate(command.senderLoopId(), command.messageId())) {
            return;
        }
        Instant now = accept(TaskMessageType.TASK_CANCEL, command.senderLoopId(), clock);
        String reason = TaskRules.optionalText(command.reason(), "reason");

        apply(new TaskCancelledEvent(
                taskId,
                command.messageId(),
                requesterLoopId,
                businessLoopId,
                command.senderLoopId(),
                state,
                reason,
                holdId,
                now));
        deadlines.cancelAllWithinScope(OFFER_EXPIRY);
        deadlines.cancelAllWithinScope(CONTRACT_DEADLINE);
    }

    @CommandHandler
    void handle(DisputeTaskCommand command, Clock clock) {
        if (isDuplicate(command.senderLoopId(), command.messageId())) {
            return;
        }
        Instant now = accept(TaskMessageType.TASK_DISPUTE, command.senderLoopId(), clock);
        String reason = TaskRules.optionalText(command.reason(), "reason");

        apply(new TaskDisputedEvent(taskId, command.messageId(), requesterLoopId, businessLoopId, state, reason, now));
    }

    @CommandHandler
    void handle(ResolveDisputeCommand command, Clock clock) {
        if (state != TaskState.DISPUTED) {
            throw TaskErrors.invalidState(taskId, state, "have a dispute resolved");
        }
        if (command.resolution() == null) {
            throw TaskErrors.invalidField("resolution", "resolution is missing; send REFUNDED or DISMISSED");
        }
        String note = TaskRules.optionalText(command.note(), "note");
        String refundTransferId = command.refundTransferId();
        if (command.resolution() == DisputeResolution.REFUNDED) {
            if (!settled) {
                throw TaskErrors.stateConflict(
                        taskId,
                        state,
                        "the payment of task " + taskId + " is still settling, so it cannot be refunded yet;"
                                + " retry once the business has received it");
            }
            TaskRules.requireKey(refundTransferId, "refundTransferId");
        } else if (refundTransferId != null) {
            throw TaskErrors.invalidField(
                    "refundTransferId", "a DISMISSED dispute moves no credits; send no refundTransferId");
        }

        apply(new DisputeResolvedEvent(
                taskId,
                requesterLoopId,
                businessLoopId,
                command.resolution(),
                note,
                price,
                refundTransferId,
                clock.instant()));
    }

    @CommandHandler
    void handle(MarkTaskSettledCommand command, Clock clock) {
        if (settled) {
            return;
        }
        if (!Objects.equals(command.holdId(), holdId)) {
            throw TaskErrors.invalidField(
                    "holdId", "holdId " + command.holdId() + " is not the hold of task " + taskId + ", " + holdId);
        }
        if (command.amount() != price) {
            throw TaskErrors.invalidField(
                    "amount", "amount is " + command.amount() + " credits; task " + taskId + " costs " + price);
        }
        if (state != TaskState.COMPLETED && state != TaskState.DISPUTED && state != TaskState.DISMISSED) {
            throw TaskErrors.invalidState(taskId, state, "be marked settled");
        }

        apply(new TaskSettledEvent(taskId, requesterLoopId, businessLoopId, holdId, price, clock.instant()));
    }

    @CommandHandler
    void handle(ProposeAmendmentCommand command, Clock clock) {
        partyOf(command.senderLoopId());
        if (proposedAmendmentIds.contains(command.amendmentId())) {
            return;
        }
        Instant now = requireContractRunning(clock, "take an amendment");
        String amendedTerms = OfferRules.amendment(command, acceptedAt, now);

        apply(new ContractAmendmentProposedEvent(
                taskId,
                requesterLoopId,
                businessLoopId,
                command.amendmentId(),
                command.senderLoopId(),
                amendedTerms,
                command.deadline(),
                now));
    }

    @CommandHandler
    void handle(AcceptAmendmentCommand command, DeadlineManager deadlines, Clock clock) {
        TaskParty sender = partyOf(command.senderLoopId());
        if (acceptedAmendmentIds.contains(command.amendmentId())) {
            return;
        }
        Instant now = requireContractRunning(clock, "accept an amendment");
        PendingAmendment pending = pendingAmendment;
        if (pending == null) {
            throw TaskErrors.stateConflict(
                    taskId, state, "task " + taskId + " has no pending amendment; the other party must propose one");
        }
        if (!pending.amendmentId().equals(command.amendmentId())) {
            throw TaskErrors.invalidField(
                    "amendmentId",
                    "amendmentId " + command.amendmentId() + " is not the pending amendment, " + pending.amendmentId());
        }
        if (pending.proposedByLoopId().equals(command.senderLoopId())) {
            throw TaskErrors.wrongSender(
                    taskId, state, MessageRules.other(sender), "accept amendment " + pending.amendmentId());
        }
        if (pending.deadline() != null) {
            OfferRules.requireAmendedDeadline(pending.deadline(), acceptedAt, now);
        }
        Instant amendedDeadline = pending.deadline() == null ? deadline : pending.deadline();
        String amendedTerms = pending.terms() == null ? terms : pending.terms();

        apply(new ContractAmendedEvent(
                taskId,
                requesterLoopId,
                businessLoopId,
                pending.amendmentId(),
                command.senderLoopId(),
                amendedTerms,
                amendedDeadline,
                now));
        deadlines.cancelAllWithinScope(CONTRACT_DEADLINE);
        scheduleContractDeadline(deadlines, amendedDeadline);
    }

    private static void scheduleContractDeadline(DeadlineManager deadlines, Instant due) {
        // The payload is the deadline as text, so that a deadline left over from before an amendment is recognised.
        deadlines.schedule(due, CONTRACT_DEADLINE, due.toString());
    }

    @DeadlineHandler(deadlineName = OFFER_EXPIRY)
    void offerExpired(String offerId) {
        if (state != TaskState.OFFERED || !offer.offerId().equals(offerId)) {
            return;
        }

        // The task expired with its offer, however late the deadline manager delivered it.
        apply(new TaskExpiredEvent(taskId, requesterLoopId, businessLoopId, state, null, offer.expiresAt()));
    }

    @DeadlineHandler(deadlineName = CONTRACT_DEADLINE)
    void contractDeadlinePassed(String due) {
        if (!state.isUnderContract() || !deadline.toString().equals(due)) {
            return;
        }

        apply(new TaskExpiredEvent(taskId, requesterLoopId, businessLoopId, state, holdId, deadline));
    }

    /**
     * Returns true when {@code messageId} was already applied, after checking that the sender is a party. The party
     * check comes first, so another loop learns nothing about the task, not even which messages it holds.
     */
    private boolean isDuplicate(String senderLoopId, String messageId) {
        partyOf(senderLoopId);
        TaskRules.requireKey(messageId, "messageId");
        return messageIds.contains(messageId);
    }

    /** Checks that the sender may send {@code type} now and returns the current time. */
    private Instant accept(TaskMessageType type, String senderLoopId, Clock clock) {
        MessageRules.check(taskId, type, partyOf(senderLoopId), state);
        Instant now = clock.instant();
        requireNotLapsed(now, "receive " + type.name());
        return now;
    }

    private Instant requireContractRunning(Clock clock, String action) {
        if (!state.isUnderContract()) {
            throw TaskErrors.invalidState(taskId, state, action);
        }
        Instant now = clock.instant();
        requireNotLapsed(now, action);
        return now;
    }

    /**
     * Rejects a message at or after the offer's expiry or the contract's deadline, even before the deadline fires, for
     * example while a restarted deadline manager catches up.
     */
    private void requireNotLapsed(Instant now, String action) {
        if (state == TaskState.OFFERED && !now.isBefore(offer.expiresAt())) {
            throw TaskErrors.expired(taskId, offer.expiresAt(), action);
        }
        if (state.isUnderContract() && !now.isBefore(deadline)) {
            throw TaskErrors.expired(taskId, deadline, action);
        }
    }

    private TaskParty partyOf(String loopId) {
        if (requesterLoopId.equals(loopId)) {
            return TaskParty.REQUESTER;
        }
        if (businessLoopId.equals(loopId)) {
            return TaskParty.BUSINESS;
        }
        throw TaskErrors.notFound(taskId);
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
