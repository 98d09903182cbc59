package io.openloop.ledger.messages.proof;

import java.time.Instant;

/** The proof's task was disputed; the proof keeps its level and is marked disputed. */
public record ProofDisputedEvent(
        String proofId,
        ProofSubjectType subjectType,
        String subjectId,
        String submittedByLoopId,
        String disputedByLoopId,
        String reason,
        Instant disputedAt) {}
