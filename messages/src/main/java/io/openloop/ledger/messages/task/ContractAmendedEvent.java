package io.openloop.ledger.messages.task;

import java.time.Instant;

/** The other party accepted an amendment; the contract's terms and deadline are now these. */
public record ContractAmendedEvent(
        String taskId,
        String requesterLoopId,
        String businessLoopId,
        String amendmentId,
        String acceptedByLoopId,
        String terms,
        Instant deadline,
        Instant amendedAt) {}
