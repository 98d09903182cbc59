package io.openloop.ledger.query.proof;

import static io.openloop.ledger.projection.proof.ProofReadModelWriter.RECEIPT;
import static io.openloop.ledger.projection.proof.ProofReadModelWriter.T0;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import io.openloop.ledger.messages.proof.FindLoopVerificationQuery;
import io.openloop.ledger.messages.proof.FindProofQuery;
import io.openloop.ledger.messages.proof.FindSubjectVerificationQuery;
import io.openloop.ledger.messages.proof.FindVerifierQuery;
import io.openloop.ledger.messages.proof.LoopVerificationView;
import io.openloop.ledger.messages.proof.ProofDigest;
import io.openloop.ledger.messages.proof.ProofSubjectType;
import io.openloop.ledger.messages.proof.ProofView;
import io.openloop.ledger.messages.proof.SubjectVerificationView;
import io.openloop.ledger.messages.proof.VerificationLevel;
import io.openloop.ledger.messages.proof.VerificationMethod;
import io.openloop.ledger.messages.proof.VerifierView;
import io.openloop.ledger.projection.loop.MemoryMongo;
import io.openloop.ledger.projection.proof.ProofReadModelWriter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Proof, subject, loop and verifier queries against read models written by the real projection. */
class ProofQueryHandlerTest {

    private static final String TASK = "task_01JE9Z4R8QZ4V2M1T6C3N5B7XA";
    private static final String INV = "inv_01JE9Z4R8QZ4V2M1T6C3N5B7XK";
    private static final String BUSINESS = "loop_01JE9Z4R8QZ4V2M1T6C3N5B7XB";
    private static final String PUBLISHER = "loop_01JE9Z4R8QZ4V2M1T6C3N5B7XP";
    private static final String REQUESTER = "loop_01JE9Z4R8QZ4V2M1T6C3N5B7XR";
    private static final String PROOF_A = "prf_01JE9Z4R8QZ4V2M1T6C3N5B7XA";
    private static final String PROOF_B = "prf_01JE9Z4R8QZ4V2M1T6C3N5B7XB";
    private static final String PROOF_C = "prf_01JE9Z4R8QZ4V2M1T6C3N5B7XC";

    private static MemoryMongo mongo;

    private ProofReadModelWriter writer;
    private ProofQueryHandler handler;

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
        MongoDatabase database = mongo.newDatabase();
        writer = new ProofReadModelWriter(database);
        handler = new ProofQueryHandler(database);
    }

    @Test
    void findProofReturnsExactArtifactAndDigest() {
        writer.attached(PROOF_A, ProofSubjectType.TASK, TASK, BUSINESS, VerificationLevel.V1, 1);
        writer.raised(
                PROOF_A,
                ProofSubjectType.TASK,
                TASK,
                BUSINESS,
                VerificationLevel.V1,
                VerificationMethod.COUNTERPARTY_CONFIRMATION,
                1);

        ProofView view = handler.handle(new FindProofQuery(PROOF_A));

        assertThat(view.proofId()).isEqualTo(PROOF_A);
        assertThat(view.subjectType()).isEqualTo(ProofSubjectType.TASK);
        assertThat(view.subjectId()).isEqualTo(TASK);
        assertThat(view.submittedByLoopId()).isEqualTo(BUSINESS);
        assertThat(view.artifact()).isEqualTo(RECEIPT);
        assertThat(view.digest()).isEqualTo(ProofDigest.of(PROOF_A, ProofSubjectType.TASK, TASK, view.artifact()));
        assertThat(view.level()).isEqualTo(VerificationLevel.V3);
        assertThat(view.disputed()).isFalse();
        assertThat(view.attachedAt()).isEqualTo(T0.plusSeconds(1));
        assertThat(view.verifications()).hasSize(1);
        assertThat(view.verifications().get(0).method()).isEqualTo(VerificationMethod.COUNTERPARTY_CONFIRMATION);
        assertThat(view.verifications().get(0).level()).isEqualTo(VerificationLevel.V3);
        assertThat(view.verifications().get(0).verifiedAt()).isEqualTo(T0.plusSeconds(101));
    }

    @Test
    void findUnknownProofIsNull() {
        assertThat(handler.handle(new FindProofQuery(PROOF_A))).isNull();
    }

    @Test
    void subjectListsProofsInAttachmentOrder() {
        writer.attached(PROOF_B, ProofSubjectType.TASK, TASK, BUSINESS, VerificationLevel.V1, 1);
        writer.attached(PROOF_A, ProofSubjectType.TASK, TASK, BUSINESS, VerificationLevel.V0, 2);
        writer.disputed(PROOF_B, TASK, BUSINESS, REQUESTER, 1);

        SubjectVerificationView view = handler.handle(new FindSubjectVerificationQuery(ProofSubjectType.TASK, TASK));

        assertThat(view.subjectType()).isEqualTo(ProofSubjectType.TASK);
        assertThat(view.subjectId()).isEqualTo(TASK);
        assertThat(view.proofs()).extracting(ProofView::proofId).containsExactly(PROOF_B, PROOF_A);
        assertThat(view.proofs()).extracting(ProofView::disputed).containsExactly(true, false);
        // The disputed V1 proof does not count while an undisputed one is left.
        assertThat(view.highestLevel()).isEqualTo(VerificationLevel.V0);
    }

    @Test
    void subjectWithoutProofsIsEmpty() {
        SubjectVerificationView view =
                handler.handle(new FindSubjectVerificationQuery(ProofSubjectType.INVOCATION, INV));

        assertThat(view.subjectType()).isEqualTo(ProofSubjectType.INVOCATION);
        assertThat(view.subjectId()).isEqualTo(INV);
        assertThat(view.highestLevel()).isNull();
        assertThat(view.proofs()).isEmpty();
    }

    @Test
    void loopVerificationCountsSubjectsByHighestLevel() {
        writer.attached(PROOF_A, ProofSubjectType.TASK, TASK, BUSINESS, VerificationLevel.V1, 1);
        writer.raised(
                PROOF_A, ProofSubjectType.TASK, TASK, BUSINESS, VerificationLevel.V1, VerificationMethod.SETTLEMENT, 1);
        writer.attached(PROOF_B, ProofSubjectType.TASK, "task_2", BUSINESS, VerificationLevel.V1, 2);
        writer.disputed(PROOF_B, "task_2", BUSINESS, REQUESTER, 1);
        writer.attached(PROOF_C, ProofSubjectType.INVOCATION, INV, PUBLISHER, VerificationLevel.V1, 3);

        LoopVerificationView business = handler.handle(new FindLoopVerificationQuery(BUSINESS));

        assertThat(business.loopId()).isEqualTo(BUSINESS);
        assertThat(business.outcomesByLevel()).hasSize(6);
        assertThat(business.outcomesByLevel()).containsEntry(VerificationLevel.V5, 1L);
        assertThat(business.outcomesByLevel()).containsEntry(VerificationLevel.V1, 1L);
        assertThat(business.outcomesByLevel()).containsEntry(VerificationLevel.V0, 0L);
        assertThat(business.disputed()).isEqualTo(1);

        LoopVerificationView publisher = handler.handle(new FindLoopVerificationQuery(PUBLISHER));
        assertThat(publisher.outcomesByLevel()).containsEntry(VerificationLevel.V1, 1L);
        assertThat(publisher.outcomesByLevel()).containsEntry(VerificationLevel.V5, 0L);
        assertThat(publisher.disputed()).isZero();
    }

    @Test
    void loopWithoutProofsHasZeroCounts() {
        LoopVerificationView view = handler.handle(new FindLoopVerificationQuery(REQUESTER));

        assertThat(view.outcomesByLevel()).hasSize(6);
        assertThat(view.outcomesByLevel().values()).containsOnly(0L);
        assertThat(view.disputed()).isZero();
    }

    @Test
    void findVerifierShowsRevocation() {
        writer.verifierRegistered("vrf_1", "Notary", "key");
        VerifierView registered = handler.handle(new FindVerifierQuery("vrf_1"));
        assertThat(registered).isEqualTo(new VerifierView("vrf_1", "Notary", "key", T0, null));

        writer.verifierRevoked("vrf_1");
        assertThat(handler.handle(new FindVerifierQuery("vrf_1")).revokedAt()).isEqualTo(T0.plusSeconds(300));
    }

    @Test
    void findUnknownVerifierIsNull() {
        assertThat(handler.handle(new FindVerifierQuery("vrf_2"))).isNull();
    }
}
