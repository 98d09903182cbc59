package io.openloop.ledger.projection.proof;

import com.mongodb.client.MongoDatabase;
import io.openloop.ledger.messages.proof.ProofArtifact;
import io.openloop.ledger.messages.proof.ProofAttachedEvent;
import io.openloop.ledger.messages.proof.ProofDisputedEvent;
import io.openloop.ledger.messages.proof.ProofSubjectType;
import io.openloop.ledger.messages.proof.ProofVerificationRaisedEvent;
import io.openloop.ledger.messages.proof.VerificationLevel;
import io.openloop.ledger.messages.proof.VerificationMethod;
import io.openloop.ledger.messages.proof.VerifierRegisteredEvent;
import io.openloop.ledger.messages.proof.VerifierRevokedEvent;
import java.time.Instant;

/**
 * Writes the verification read models through the real projection, so query-side tests read documents exactly as the
 * projection stores them. Lives in the projection's package to reach its package-private handlers.
 */
public final class ProofReadModelWriter {

    public static final Instant T0 = Instant.parse("2026-12-04T10:00:00Z");

    /** An evidenced receipt captured with microseconds, which a BSON date would truncate. */
    public static final ProofArtifact RECEIPT = new ProofArtifact(
            "receipt", "https://acme.example/r/1", null, "ab".repeat(32), Instant.parse("2026-12-04T09:59:59.123456Z"));

    private final ProofProjection projection;

    public ProofReadModelWriter(MongoDatabase database) {
        this.projection = new ProofProjection(database);
    }

    /** Attaches proof {@code proofId} at {@code seconds} after {@link #T0}, as the proof's first event. */
    public void attached(
            String proofId,
            ProofSubjectType subjectType,
            String subjectId,
            String loopId,
            VerificationLevel level,
            long seconds) {
        projection.on(
                new ProofAttachedEvent(
                        proofId, subjectType, subjectId, loopId, RECEIPT, level, T0.plusSeconds(seconds)),
                0);
    }

    /** Raises a proof attached by {@link #attached} with {@code method}, as its event at {@code sequence}. */
    public void raised(
            String proofId,
            ProofSubjectType subjectType,
            String subjectId,
            String loopId,
            VerificationLevel before,
            VerificationMethod method,
            long sequence) {
        VerificationLevel after = method.level().compareTo(before) > 0 ? method.level() : before;
        projection.on(
                new ProofVerificationRaisedEvent(
                        proofId,
                        subjectType,
                        subjectId,
                        loopId,
                        method,
                        before,
                        after,
                        "platform",
                        "checked against the invocation log",
                        T0.plusSeconds(100 + sequence)),
                sequence);
    }

    public void disputed(String proofId, String subjectId, String loopId, String requesterLoopId, long sequence) {
        projection.on(
                new ProofDisputedEvent(
                        proofId,
                        ProofSubjectType.TASK,
                        subjectId,
                        loopId,
                        requesterLoopId,
                        "wrong roof",
                        T0.plusSeconds(200)),
                sequence);
    }

    public void verifierRegistered(String verifierId, String name, String publicKey) {
        projection.on(new VerifierRegisteredEvent(verifierId, name, publicKey, T0), 0);
    }

    public void verifierRevoked(String verifierId) {
        projection.on(new VerifierRevokedEvent(verifierId, "key leaked", T0.plusSeconds(300)), 1);
    }
}
