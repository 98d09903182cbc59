package io.openloop.ledger.command.task;

import io.openloop.ledger.messages.task.AcceptAmendmentCommand;
import io.openloop.ledger.messages.task.TaskParty;
import io.openloop.ledger.messages.task.TaskState;
import java.time.Instant;

/** Checks of an amendment's acceptance against the amendment that is pending. */
final class ContractAmendments {

    private ContractAmendments() {}

    /**
     * Returns the pending amendment that {@code command} accepts. Rejects the acceptance when no amendment is pending,
     * when it names another amendment, when the proposer accepts its own, or when the amended deadline fails {@link
     * OfferRules#requireAmendedDeadline} at {@code now}.
     */
    static PendingAmendment requireAcceptable(
            String taskId,
            TaskState state,
            PendingAmendment pending,
            AcceptAmendmentCommand command,
            TaskParty sender,
            Instant acceptedAt,
            Instant now) {
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
        return pending;
    }
}
