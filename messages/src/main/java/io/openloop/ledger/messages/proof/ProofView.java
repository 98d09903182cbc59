package io.openloop.ledger.messages.proof;

import java.time.Instant;
import java.util.List;

/**
 * A proof as the verification read model stores it.
 *
 * @param digest the digest a verifier signs, see {@link ProofDigest}
 * @param verifications the checks recorded on it, oldest first
 */
public record ProofView(
        String proofId,
        ProofSubjectType subjectType,
        String subjectId,
        String submittedByLoopId,
        ProofArtifact artifact,
        String digest,
        VerificationLevel level,
        boolean disputed,
        List<ProofVerificationView> verifications,
        Instant attachedAt) {

    public ProofView {
        verifications = verifications == null ? List.of() : List.copyOf(verifications);
    }
}
