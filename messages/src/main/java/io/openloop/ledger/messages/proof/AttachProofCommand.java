package io.openloop.ledger.messages.proof;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Creates a proof about an invocation or a task. The proof starts at {@code level}: V1 when the artifact is
 * evidenced and its kind is one the subject expects, otherwise V0.
 */
public record AttachProofCommand(
        @TargetAggregateIdentifier String proofId,
        ProofSubjectType subjectType,
        String subjectId,
        String submittedByLoopId,
        ProofArtifact artifact,
        VerificationLevel level) {}
