package io.openloop.ledger.projection.proof;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.openloop.ledger.messages.proof.ProofArtifact;
import io.openloop.ledger.messages.proof.ProofAttachedEvent;
import io.openloop.ledger.messages.proof.ProofDigest;
import io.openloop.ledger.messages.proof.ProofDisputedEvent;
import io.openloop.ledger.messages.proof.ProofSubjectType;
import io.openloop.ledger.messages.proof.ProofVerificationRaisedEvent;
import io.openloop.ledger.messages.proof.VerificationLevel;
import io.openloop.ledger.messages.proof.VerificationMethod;
import io.openloop.ledger.messages.proof.VerifierRegisteredEvent;
import io.openloop.ledger.messages.proof.VerifierRevokedEvent;
import io.openloop.ledger.projection.MemoryMongo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The verification read models, built by calling the projection as a plain object against the in-process store. */
class ProofProjectionTest {

    private static final Instant T0 = Instant.parse("2026-12-04T10:00:00Z");
    private static final String TASK = "task_01JE9Z4R8QZ4V2M1T6C3N5B7XA";
    private static final String BUSINESS = "loop_01JE9Z4R8QZ4V2M1T6C3N5B7XB";
    private static final String REQUESTER = "loop_01JE9Z4R8QZ4V2M1T6C3N5B7XR";
    private static final String PROOF_A = "prf_01JE9Z4R8QZ4V2M1T6C3N5B7XA";
    private static final String PROOF_B = "prf_01JE9Z4R8QZ4V2M1T6C3N5B7XB";
    private static final String VERIFIER = "vrf_01JE9Z4R8QZ4V2M1T6C3N5B7XV";

    /** A capture time finer than a millisecond, which a BSON date would truncate. */
    private static final ProofArtifact RECEIPT = new ProofArtifact(
            "receipt", "https://acme.example/r/1", null, "ab".repeat(32), Instant.parse("2026-12-04T09:59:59.123456Z"));

    private static MemoryMongo mongo;
    private static int databases;

    private ProofProjection projection;
    private MongoCollection<Document> proofs;
    private MongoCollection<Document> subjects;
    private MongoCollection<Document> verifiers;

    @BeforeAll
    static void startMongo() {
        mongo = new MemoryMongo();
    }

    @AfterAll
    static void stopMongo() {
        mongo.close();
    }

    @BeforeEach
    void setUp() {
        MongoDatabase database = mongo.database("proofs_" + ++databases);
        projection = new ProofProjection(database);
        proofs = database.getCollection(ProofReadModels.PROOFS);
        subjects = database.getCollection(ProofReadModels.PROOF_SUBJECTS);
        verifiers = database.getCollection(ProofReadModels.VERIFIERS);
    }

    private static Instant at(long seconds) {
        return T0.plusSeconds(seconds);
    }

    private static ProofAttachedEvent attached(String proofId, VerificationLevel level) {
        return new ProofAttachedEvent(proofId, ProofSubjectType.TASK, TASK, BUSINESS, RECEIPT, level, at(1));
    }

    private static ProofVerificationRaisedEvent raised(
            String proofId, VerificationLevel before, VerificationMethod method, long seconds) {
        return new ProofVerificationRaisedEvent(
                proofId,
                ProofSubjectType.TASK,
                TASK,
                BUSINESS,
                method,
                before,
                method.level().compareTo(before) > 0 ? method.level() : before,
                REQUESTER,
                "confirmed by the requester",
                at(seconds));
    }

    private static ProofDisputedEvent disputed(String proofId) {
        return new ProofDisputedEvent(proofId, ProofSubjectType.TASK, TASK, BUSINESS, REQUESTER, "wrong roof", at(40));
    }

    private Document proof(String proofId) {
        return proofs.find(Filters.eq("_id", proofId)).first();
    }

    private Document subject() {
        return subjects.find(Filters.eq("_id", "task:" + TASK)).first();
    }

    private List<Document> all(MongoCollection<Document> collection) {
        return collection.find().sort(new Document("_id", 1)).into(new ArrayList<>());
    }

    /** Applies two proofs of one task, A confirmed and settled and B disputed, and a verifier that was revoked. */
    private void history() {
        projection.on(attached(PROOF_A, VerificationLevel.V1), 0);
        projection.on(attached(PROOF_B, VerificationLevel.V0), 0);
        projection.on(raised(PROOF_A, VerificationLevel.V1, VerificationMethod.COUNTERPARTY_CONFIRMATION, 10), 1);
        projection.on(raised(PROOF_A, VerificationLevel.V3, VerificationMethod.SETTLEMENT, 20), 2);
        projection.on(disputed(PROOF_B), 1);
        projection.on(new VerifierRegisteredEvent(VERIFIER, "Notary", "key", at(0)), 0);
        projection.on(new VerifierRevokedEvent(VERIFIER, "key leaked", at(50)), 1);
    }

    @Test
    void attachedProofDocument() {
        projection.on(attached(PROOF_A, VerificationLevel.V1), 0);

        Document doc = proof(PROOF_A);
        assertThat(doc.getString("subjectType")).isEqualTo("task");
        assertThat(doc.getString("subjectId")).isEqualTo(TASK);
        assertThat(doc.getString("submittedByLoopId")).isEqualTo(BUSINESS);
        assertThat(doc.getString("level")).isEqualTo("V1");
        assertThat(doc.getBoolean("disputed")).isFalse();
        assertThat(doc.getList("verifications", Document.class)).isEmpty();
        assertThat(doc.getDate("attachedAt")).isEqualTo(Date.from(at(1)));
        assertThat(doc.getString("digest")).isEqualTo(ProofDigest.of(PROOF_A, ProofSubjectType.TASK, TASK, RECEIPT));
        Document artifact = doc.get("artifact", Document.class);
        assertThat(artifact.getString("kind")).isEqualTo("receipt");
        assertThat(artifact.getString("capturedAt")).isEqualTo("2026-12-04T09:59:59.123456Z");
    }

    @Test
    void raisedLevelAddsVerification() {
        projection.on(attached(PROOF_A, VerificationLevel.V1), 0);
        projection.on(raised(PROOF_A, VerificationLevel.V1, VerificationMethod.COUNTERPARTY_CONFIRMATION, 10), 1);

        Document doc = proof(PROOF_A);
        assertThat(doc.getString("level")).isEqualTo("V3");
        Document verification = doc.getList("verifications", Document.class).get(0);
        assertThat(verification.getString("method")).isEqualTo("COUNTERPARTY_CONFIRMATION");
        assertThat(verification.getString("level")).isEqualTo("V3");
        assertThat(verification.getString("verifiedBy")).isEqualTo(REQUESTER);
        assertThat(verification.getDate("verifiedAt")).isEqualTo(Date.from(at(10)));
        assertThat(subject().getString("highestLevel")).isEqualTo("V3");
    }

    @Test
    void subjectListsItsProofsAndHighestUndisputedLevel() {
        history();

        Document subject = subject();
        assertThat(subject.getString("subjectType")).isEqualTo("task");
        assertThat(subject.getString("subjectId")).isEqualTo(TASK);
        assertThat(subject.getList("proofs", Document.class))
                .extracting(entry -> entry.getString("proofId"))
                .containsExactly(PROOF_A, PROOF_B);
        assertThat(subject.getList("proofs", Document.class))
                .extracting(entry -> entry.getString("level"))
                .containsExactly("V5", "V0");
        assertThat(subject.getString("highestLevel")).isEqualTo("V5");
        assertThat(subject.getBoolean("disputed")).isTrue();
        assertThat(subject.getList("submittedByLoopIds", String.class)).containsExactly(BUSINESS);
    }

    @Test
    void allDisputedSubjectKeepsTheHighestLevel() {
        projection.on(attached(PROOF_A, VerificationLevel.V1), 0);
        projection.on(attached(PROOF_B, VerificationLevel.V0), 0);
        projection.on(disputed(PROOF_A), 1);
        assertThat(subject().getString("highestLevel")).isEqualTo("V0");

        projection.on(disputed(PROOF_B), 1);
        assertThat(subject().getString("highestLevel")).isEqualTo("V1");
    }

    @Test
    void verifierIsRegisteredThenRevoked() {
        projection.on(new VerifierRegisteredEvent(VERIFIER, "Notary", "key", at(0)), 0);
        Document registered = verifiers.find(Filters.eq("_id", VERIFIER)).first();
        assertThat(registered.getString("name")).isEqualTo("Notary");
        assertThat(registered.getString("publicKey")).isEqualTo("key");
        assertThat(registered.getDate("revokedAt")).isNull();

        projection.on(new VerifierRevokedEvent(VERIFIER, "key leaked", at(50)), 1);
        Document revoked = verifiers.find(Filters.eq("_id", VERIFIER)).first();
        assertThat(revoked.getDate("revokedAt")).isEqualTo(Date.from(at(50)));
        assertThat(revoked.getString("revocationReason")).isEqualTo("key leaked");
    }

    @Test
    void redeliveredEventsChangeNothing() {
        history();
        List<Document> proofsBefore = all(proofs);
        List<Document> subjectsBefore = all(subjects);
        List<Document> verifiersBefore = all(verifiers);

        history();

        assertThat(all(proofs)).isEqualTo(proofsBefore);
        assertThat(all(subjects)).isEqualTo(subjectsBefore);
        assertThat(all(verifiers)).isEqualTo(verifiersBefore);
    }

    @Test
    void proofsInEitherOrderGiveTheSameSubject() {
        history();
        Document inOrder = subject();

        projection.reset();
        projection.on(attached(PROOF_B, VerificationLevel.V0), 0);
        projection.on(disputed(PROOF_B), 1);
        projection.on(attached(PROOF_A, VerificationLevel.V1), 0);
        projection.on(raised(PROOF_A, VerificationLevel.V1, VerificationMethod.COUNTERPARTY_CONFIRMATION, 10), 1);
        projection.on(raised(PROOF_A, VerificationLevel.V3, VerificationMethod.SETTLEMENT, 20), 2);

        assertThat(subject()).isEqualTo(inOrder);
    }

    @Test
    void replayAfterResetWritesIdenticalDocuments() {
        history();
        List<Document> proofsBefore = all(proofs);
        List<Document> subjectsBefore = all(subjects);
        List<Document> verifiersBefore = all(verifiers);

        projection.reset();
        assertThat(proofs.countDocuments()).isZero();
        assertThat(subjects.countDocuments()).isZero();
        assertThat(verifiers.countDocuments()).isZero();
        history();

        assertThat(all(proofs)).hasSize(2);
        assertThat(all(proofs)).isEqualTo(proofsBefore);
        assertThat(all(subjects)).isEqualTo(subjectsBefore);
        assertThat(all(verifiers)).isEqualTo(verifiersBefore);
    }
}
