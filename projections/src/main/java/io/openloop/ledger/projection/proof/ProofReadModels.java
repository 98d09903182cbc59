package io.openloop.ledger.projection.proof;

import io.openloop.ledger.messages.proof.ProofSubjectType;

/**
 * Names of the verification read models, for the query side that reads them.
 *
 * <p>{@value #PROOFS} contains one document per proof, {@code _id} the proof id, with {@code sequence} the proof
 * aggregate's last applied event. Levels, methods and subject types are stored as enum names and wire names, times as
 * BSON dates, except {@code artifact.capturedAt}: it is ISO-8601 text, because a BSON date keeps only milliseconds and
 * the digest a verifier signs is taken over the exact submitted time.
 */
public final class ProofReadModels {

    public static final String PROOFS = "proofs";

    /**
     * One document per subject, {@code _id} from {@link #subjectKey}: {@code proofs}, a list of {@code {proofId,
     * level, disputed, submittedByLoopId}} sorted by proof id; {@code highestLevel} as {@link
     * io.openloop.ledger.messages.proof.SubjectVerificationView} defines it; {@code disputed}, true when any proof is;
     * and {@code submittedByLoopIds}, the sorted ids of the loops that submitted its proofs.
     */
    public static final String PROOF_SUBJECTS = "proof_subjects";

    /** One document per registered verifier, {@code _id} the verifier id; {@code revokedAt} is null until revoked. */
    public static final String VERIFIERS = "verifiers";

    private ProofReadModels() {}

    /** Returns the {@code _id} of a subject's document, for example {@code task:task_01JE...}. */
    public static String subjectKey(ProofSubjectType subjectType, String subjectId) {
        return subjectType.wireName() + ":" + subjectId;
    }
}
