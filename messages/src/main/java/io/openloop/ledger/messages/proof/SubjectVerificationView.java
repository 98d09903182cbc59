package io.openloop.ledger.messages.proof;

import java.util.List;

/**
 * The proofs of one task or invocation and the highest level they reached.
 *
 * @param highestLevel the highest level of any undisputed proof, or of any proof when all are disputed; null when the
 *     subject has no proof
 */
public record SubjectVerificationView(
        ProofSubjectType subjectType, String subjectId, VerificationLevel highestLevel, List<ProofView> proofs) {

    public SubjectVerificationView {
        proofs = proofs == null ? List.of() : List.copyOf(proofs);
    }
}
