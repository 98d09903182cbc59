package io.openloop.ledger.command.task;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.openloop.ledger.messages.Ids;
import io.openloop.ledger.messages.task.AcceptAmendmentCommand;
import io.openloop.ledger.messages.task.AcceptOfferCommand;
import io.openloop.ledger.messages.task.CancelTaskCommand;
import io.openloop.ledger.messages.task.CompleteTaskCommand;
import io.openloop.ledger.messages.task.DeclineOfferCommand;
import io.openloop.ledger.messages.task.DisputeTaskCommand;
import io.openloop.ledger.messages.task.FailTaskCommand;
import io.openloop.ledger.messages.task.MakeOfferCommand;
import io.openloop.ledger.messages.task.MarkTaskSettledCommand;
import io.openloop.ledger.messages.task.ProposeAmendmentCommand;
import io.openloop.ledger.messages.task.RejectTaskCommand;
import io.openloop.ledger.messages.task.RequestTaskCommand;
import io.openloop.ledger.messages.task.RequestTaskInputCommand;
import io.openloop.ledger.messages.task.ResolveDisputeCommand;
import io.openloop.ledger.messages.task.SendTaskUpdateCommand;
import io.openloop.ledger.messages.task.TaskMessageType;
import io.openloop.ledger.messages.task.TaskOffer;
import io.openloop.ledger.messages.task.TaskParty;
import io.openloop.ledger.messages.task.TaskPolicyDecision;
import io.openloop.ledger.messages.task.TaskRequestedEvent;
import io.openloop.ledger.messages.task.TaskState;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
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
class Task extends AbstractTask {

    static final String OFFER_EXPIRY = "task-offer-expiry";
    static final String CONTRACT_DEADLINE = "task-contract-deadline";

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
            TaskEvents events = new TaskEvents(command.taskId(), command.requesterLoopId(), command.businessLoopId());
            apply(events.rejected(null, decision.code(), decision.reason(), now));
        }
    }

    @CommandHandler
    void handle(MakeOfferCommand command, DeadlineManager deadlines, Clock clock) {
        TaskMessageType type = command.counter() ? TaskMessageType.COUNTER_OFFER : TaskMessageType.TASK_OFFER;
        if (isDuplicate(command.senderLoopId(), command.messageId())) {
            return;
        }
        Instant now = accept(type, command.senderLoopId(), clock);
        TaskOffer newOffer = OfferRules.offer(command, command.senderLoopId(), now);
        if (offerIds.contains(newOffer.offerId())) {
            throw TaskErrors.invalidField(
                    "offerId",
                    "offerId " + newOffer.offerId() + " was already used in task " + taskId + "; send a new one");
        }

        apply(events().offerMade(command.messageId(), newOffer));
        TaskDeadlines.offerMade(deadlines, newOffer);
    }

    @CommandHandler
    void handle(AcceptOfferCommand command, DeadlineManager deadlines, Clock clock) {
        if (isDuplicate(command.senderLoopId(), command.messageId())) {
            return;
        }
        Instant now = accept(TaskMessageType.OFFER_ACCEPT, command.senderLoopId(), clock);
        OfferRules.requireOnTable(offer, command.offerId());
        OfferRules.requireHoldFits(offer, command.holdId());

        apply(events().offerAccepted(command.messageId(), offer, command.holdId(), now));
        TaskDeadlines.contractStarted(deadlines, offer.deadline());
    }

    @CommandHandler
    void handle(DeclineOfferCommand command, DeadlineManager deadlines, Clock clock) {
        if (isDuplicate(command.senderLoopId(), command.messageId())) {
            return;
        }
        Instant now = accept(TaskMessageType.OFFER_DECLINE, command.senderLoopId(), clock);
        String reason = TaskRules.optionalText(command.reason(), "reason");

        apply(events().offerDeclined(command.messageId(), offer.offerId(), reason, now));
        deadlines.cancelAllWithinScope(OFFER_EXPIRY);
    }

    @CommandHandler
    void handle(RejectTaskCommand command, Clock clock) {
        if (isDuplicate(command.senderLoopId(), command.messageId())) {
            return;
        }
        Instant now = accept(TaskMessageType.TASK_REJECT, command.senderLoopId(), clock);
        String reason = TaskRules.optionalText(command.reason(), "reason");

        apply(events().rejected(command.messageId(), null, reason, now));
    }

    @CommandHandler
    void handle(SendTaskUpdateCommand command, Clock clock) {
        if (isDuplicate(command.senderLoopId(), command.messageId())) {
            return;
        }
        Instant now = accept(TaskMessageType.TASK_UPDATE, command.senderLoopId(), clock);
        String message = TaskRules.optionalText(command.message(), "message");
        TaskRules.exactNumbers(command.data(), "data");

        apply(events().updated(command.messageId(), command.senderLoopId(), message, command.data(), now));
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

        apply(events().inputRequested(command.messageId(), question, command.data(), now));
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

        apply(events().completed(command.messageId(), command.result(), proofIds, price, holdId, now));
        if (holdId == null) {
            // A free contract moves no credits, so nothing is left to settle.
            apply(events().settled(null, 0, now));
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

        apply(events().failed(command.messageId(), reason, holdId, now));
        deadlines.cancelAllWithinScope(CONTRACT_DEADLINE);
    }

    @CommandHandler
    void handle(CancelTaskCommand command, DeadlineManager deadlines, Clock clock) {
        if (isDuplicate(command.senderLoopId(), command.messageId())) {
            return;
        }
        Instant now = accept(TaskMessageType.TASK_CANCEL, command.senderLoopId(), clock);
        String reason = TaskRules.optionalText(command.reason(), "reason");

        apply(events().cancelled(command.messageId(), command.senderLoopId(), state, reason, holdId, now));
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

        apply(events().disputed(command.messageId(), state, reason, now));
    }

    @CommandHandler
    void handle(ResolveDisputeCommand command, Clock clock) {
        SettlementRules.requireResolvable(taskId, state, settled, command);
        String note = TaskRules.optionalText(command.note(), "note");

        apply(events().disputeResolved(command.resolution(), note, price, command.refundTransferId(), clock.instant()));
    }

    @CommandHandler
    void handle(MarkTaskSettledCommand command, Clock clock) {
        if (settled) {
            return;
        }
        SettlementRules.requireSettleable(taskId, state, holdId, price, command);

        apply(events().settled(holdId, price, clock.instant()));
    }

    @CommandHandler
    void handle(ProposeAmendmentCommand command, Clock clock) {
        partyOf(command.senderLoopId());
        if (proposedAmendmentIds.contains(command.amendmentId())) {
            return;
        }
        Instant now = requireContractRunning(clock, "take an amendment");
        String amendedTerms = OfferRules.amendment(command, acceptedAt, now);

        apply(events().amendmentProposed(
                        command.amendmentId(), command.senderLoopId(), amendedTerms, command.deadline(), now));
    }

    @CommandHandler
    void handle(AcceptAmendmentCommand command, DeadlineManager deadlines, Clock clock) {
        TaskParty sender = partyOf(command.senderLoopId());
        if (acceptedAmendmentIds.contains(command.amendmentId())) {
            return;
        }
        Instant now = requireContractRunning(clock, "accept an amendment");
        PendingAmendment pending =
                ContractAmendments.requireAcceptable(taskId, state, pendingAmendment, command, sender, acceptedAt, now);
        Instant amendedDeadline = pending.deadline() == null ? deadline : pending.deadline();
        String amendedTerms = pending.terms() == null ? terms : pending.terms();

        apply(events().amended(pending.amendmentId(), command.senderLoopId(), amendedTerms, amendedDeadline, now));
        TaskDeadlines.contractAmended(deadlines, amendedDeadline);
    }

    @DeadlineHandler(deadlineName = OFFER_EXPIRY)
    void offerExpired(String offerId) {
        if (state != TaskState.OFFERED || !offer.offerId().equals(offerId)) {
            return;
        }

        // The task expired with its offer, however late the deadline manager delivered it.
        apply(events().expired(state, null, offer.expiresAt()));
    }

    @DeadlineHandler(deadlineName = CONTRACT_DEADLINE)
    void contractDeadlinePassed(String due) {
        if (!state.isUnderContract() || !deadline.toString().equals(due)) {
            return;
        }

        apply(events().expired(state, holdId, deadline));
    }
}
