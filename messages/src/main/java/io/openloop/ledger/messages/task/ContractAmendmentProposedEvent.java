package io.openloop.ledger.messages.task;

import java.time.Instant;

/** A party proposed new terms or a new deadline; null fields stay as they are. */
public record ContractAmendmentProposedEvent(
        String taskId,
        String requesterLoopId,
        String businessLoopId,
        String amendmentId,
        String proposedByLoopId,
        String terms,
        Instant deadline,
        Instant proposedAt) {}
