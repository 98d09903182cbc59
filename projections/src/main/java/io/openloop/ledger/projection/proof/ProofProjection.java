package io.openloop.ledger.projection.proof;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import io.openloop.ledger.messages.proof.ProofArtifact;
import io.openloop.ledger.messages.proof.ProofAttachedEvent;
import io.openloop.ledger.messages.proof.ProofDigest;
import io.openloop.ledger.messages.proof.ProofDisputedEvent;
import io.openloop.ledger.messages.proof.ProofVerificationRaisedEvent;
import io.openloop.ledger.messages.proof.VerificationLevel;
import io.openloop.ledger.messages.proof.VerifierRegisteredEvent;
import io.openloop.ledger.messages.proof.VerifierRevokedEvent;
import io.openloop.ledger.projection.VersionedDocuments;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Builds the verification read models: {@value ProofReadModels#PROOFS}, {@value ProofReadModels#PROOF_SUBJECTS} and
 * {@value ProofReadModels#VERIFIERS}.
 *
 * <p>Idempotent and rebuildable by replay: proof and verifier events apply by sequence number, and a subject's entry
 * for a proof is copied from the proof's document after each of its events, so a redelivered event leaves it as the
 * latest event left it.
 */
@Component
@ProcessingGroup(ProofProjection.PROCESSING_GROUP)
class ProofProjection {

    static final String PROCESSING_GROUP = "proofs";

    private static final Logger log = LoggerFactory.getLogger(ProofProjection.class);

    private final MongoCollection<Document> proofs;
    private final MongoCollection<Document> verifiers;
    private final VersionedDocuments proofWrites;
    private final VersionedDocuments verifierWrites;
    private final ProofSubjects subjects;

    ProofProjection(MongoDatabase database) {
        this.proofs = database.getCollection(ProofReadModels.PROOFS);
        this.verifiers = database.getCollection(ProofReadModels.VERIFIERS);
        this.proofWrites = new VersionedDocuments(proofs, "sequence");
        this.verifierWrites = new VersionedDocuments(verifiers, "sequence");
        this.subjects = new ProofSubjects(database.getCollection(ProofReadModels.PROOF_SUBJECTS), proofs);

        List<IndexModel> bySequence =
                List.of(new IndexModel(Indexes.ascending("_id", "sequence"), new IndexOptions().unique(true)));
        proofs.createIndexes(bySequence);
        // The analytics pipelines match proofs by submitter and attachment time; the in-process store ignores these.
        proofs.createIndexes(List.of(
                new IndexModel(Indexes.ascending("submittedByLoopId", "attachedAt")),
                new IndexModel(Indexes.ascending("attachedAt"))));
        verifiers.createIndexes(bySequence);
    }

    @EventHandler
    void on(ProofAttachedEvent event, @SequenceNumber long sequence) {
        String digest = ProofDigest.of(event.proofId(), event.subjectType(), event.subjectId(), event.artifact());
        proofWrites.insert(new Document("_id", event.proofId())
                .append("sequence", sequence)
                .append("subjectType", event.subjectType().wireName())
                .append("subjectId", event.subjectId())
                .append("submittedByLoopId", event.submittedByLoopId())
                .append("artifact", artifact(event.artifact()))
                .append("digest", digest)
                .append("level", event.level().name())
                .append("disputed", false)
                .append("dispute", null)
                .append("verifications", List.of())
                .append("attachedAt", date(event.attachedAt())));
        subjects.sync(event.proofId());
    }

    @EventHandler
    void on(ProofVerificationRaisedEvent event, @SequenceNumber long sequence) {
        Document verification = new Document("method", event.method().name())
                .append("level", event.level().name())
                .append("verifiedBy", event.verifiedBy())
                .append("detail", event.detail())
                .append("verifiedAt", date(event.verifiedAt()));
        proofWrites.update(event.proofId(), sequence, stored -> {
            VerificationLevel before = VerificationLevel.valueOf(stored.getString("level"));
            VerificationLevel after = event.level().compareTo(before) > 0 ? event.level() : before;
            List<Document> verifications = new ArrayList<>(stored.getList("verifications", Document.class));
            verifications.add(verification);
            return new Document("level", after.name()).append("verifications", verifications);
        });
        subjects.sync(event.proofId());
    }

    @EventHandler
    void on(ProofDisputedEvent event, @SequenceNumber long sequence) {
        Document dispute = new Document("disputedByLoopId", event.disputedByLoopId())
                .append("reason", event.reason())
                .append("disputedAt", date(event.disputedAt()));
        proofWrites.update(
                event.proofId(), sequence, stored -> new Document("disputed", true).append("dispute", dispute));
        subjects.sync(event.proofId());
    }

    @EventHandler
    void on(VerifierRegisteredEvent event, @SequenceNumber long sequence) {
        verifierWrites.insert(new Document("_id", event.verifierId())
                .append("sequence", sequence)
                .append("name", event.name())
                .append("publicKey", event.publicKey())
                .append("registeredAt", date(event.registeredAt()))
                .append("revokedAt", null)
                .append("revocationReason", null));
    }

    @EventHandler
    void on(VerifierRevokedEvent event, @SequenceNumber long sequence) {
        verifierWrites.update(
                event.verifierId(),
                sequence,
                stored ->
                        new Document("revokedAt", date(event.revokedAt())).append("revocationReason", event.reason()));
    }

    @ResetHandler
    void reset() {
        log.info(
                "Resetting the {}, {} and {} read models before replay",
                ProofReadModels.PROOFS,
                ProofReadModels.PROOF_SUBJECTS,
                ProofReadModels.VERIFIERS);
        proofs.deleteMany(new Document());
        subjects.clear();
        verifiers.deleteMany(new Document());
    }

    private static Document artifact(ProofArtifact artifact) {
        String capturedAt =
                artifact.capturedAt() == null ? null : artifact.capturedAt().toString();
        return new Document("kind", artifact.kind())
                .append("uri", artifact.uri())
                .append("data", artifact.data())
                .append("sha256", artifact.sha256())
                .append("capturedAt", capturedAt);
    }

    private static Date date(Instant instant) {
        return instant == null ? null : Date.from(instant);
    }
}
