package io.openloop.ledger.messages.task;

import java.time.Instant;

/**
 * The contract a task runs under, visible to its two parties.
 *
 * @param pendingAmendment an amendment proposed and not yet accepted; null when none
 */
public record ContractView(
        String taskId,
        String requesterLoopId,
        String businessLoopId,
        String offerId,
        long price,
        String terms,
        Instant deadline,
        TaskState status,
        String holdId,
        Instant acceptedAt,
        int amendments,
        PendingAmendment pendingAmendment) {

    /** An amendment waiting for the other party. */
    public record PendingAmendment(
            String amendmentId, String proposedByLoopId, String terms, Instant deadline, Instant proposedAt) {}
}
