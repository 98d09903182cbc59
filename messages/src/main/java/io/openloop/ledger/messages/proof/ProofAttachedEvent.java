package io.openloop.ledger.messages.proof;

import java.time.Instant;

/** A proof was attached to its subject at its starting level, V0 or V1. */
public record ProofAttachedEvent(
        String proofId,
        ProofSubjectType subjectType,
        String subjectId,
        String submittedByLoopId,
        ProofArtifact artifact,
        VerificationLevel level,
        Instant attachedAt) {}
