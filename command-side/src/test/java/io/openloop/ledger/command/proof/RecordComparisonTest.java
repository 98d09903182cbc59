package io.openloop.ledger.command.proof;

import static io.openloop.ledger.command.proof.ProofFixtures.INVOCATION;
import static io.openloop.ledger.command.proof.ProofFixtures.NOW;
import static io.openloop.ledger.command.proof.ProofFixtures.PROOF;
import static io.openloop.ledger.command.proof.ProofFixtures.SHA;
import static io.openloop.ledger.command.proof.ProofFixtures.TASK;
import static io.openloop.ledger.command.proof.StoredEvents.CALLER;
import static io.openloop.ledger.command.proof.StoredEvents.COMPLETED_AT;
import static io.openloop.ledger.command.proof.StoredEvents.PUBLISHER;
import static io.openloop.ledger.command.proof.StoredEvents.REQUESTED_AT;
import static io.openloop.ledger.command.proof.StoredEvents.requested;
import static io.openloop.ledger.command.proof.StoredEvents.succeeded;
import static org.assertj.core.api.Assertions.assertThat;

import io.openloop.ledger.command.proof.RecordComparison.Check;
import io.openloop.ledger.command.proof.RecordComparison.Outcome;
import io.openloop.ledger.messages.ExecutionMode;
import io.openloop.ledger.messages.proof.ProofArtifact;
import io.openloop.ledger.messages.proof.ProofAttachedEvent;
import io.openloop.ledger.messages.proof.ProofSubjectType;
import io.openloop.ledger.messages.proof.VerificationLevel;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each comparison behind V2, on its own and at its boundaries. */
class RecordComparisonTest {

    private static final Duration SKEW = Duration.ofMinutes(5);
    private static final String DATA = "{\"leads\":3}";

    private static final InvocationRecords SUCCEEDED = new InvocationRecords(
            requested(INVOCATION, ExecutionMode.AUTOPILOT), succeeded(INVOCATION, List.of(PROOF)), false, true);

    private static ProofAttachedEvent proof(String submitter, ProofArtifact artifact) {
        return new ProofAttachedEvent(
                PROOF, ProofSubjectType.INVOCATION, INVOCATION, submitter, artifact, VerificationLevel.V1, NOW);
    }

    private static ProofArtifact uriCapturedAt(Instant capturedAt) {
        return new ProofArtifact("receipt", "https://acme.example/receipts/7", null, SHA, capturedAt);
    }

    private static Outcome compare(ProofAttachedEvent proof, InvocationRecords records) {
        return RecordComparison.compare(INVOCATION, proof, records, SKEW);
    }

    private static Outcome compareCapturedAt(Instant capturedAt) {
        return compare(proof(PUBLISHER, uriCapturedAt(capturedAt)), SUCCEEDED);
    }

    @Test
    void publisherProofWithUriAgrees() {
        Outcome outcome = compareCapturedAt(REQUESTED_AT.plusSeconds(1));

        assertThat(outcome.agrees()).isTrue();
        assertThat(outcome.detail()).contains(INVOCATION).contains(PUBLISHER).contains("not fetched");
    }

    @Test
    void inlineDataWithItsHashAgrees() {
        String sha = RecordComparison.sha256Hex(DATA);
        ProofArtifact artifact = new ProofArtifact("document", null, DATA, sha, COMPLETED_AT);

        Outcome outcome = compare(proof(PUBLISHER, artifact), SUCCEEDED);

        assertThat(outcome.agrees()).isTrue();
        assertThat(outcome.detail()).contains("inline data hashes to sha256");
    }

    @Test
    void sha256HexMatchesKnownVector() {
        assertThat(RecordComparison.sha256Hex("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void inlineDataWithOtherHashFails() {
        ProofArtifact artifact = new ProofArtifact("document", null, DATA, SHA, COMPLETED_AT);

        Outcome outcome = compare(proof(PUBLISHER, artifact), SUCCEEDED);

        assertThat(outcome.failed()).isEqualTo(Check.DATA_HASH);
    }

    @Test
    void inlineDataWithoutHashFails() {
        ProofArtifact artifact = new ProofArtifact("document", null, DATA, null, COMPLETED_AT);

        Outcome outcome = compare(proof(PUBLISHER, artifact), SUCCEEDED);

        assertThat(outcome.failed()).isEqualTo(Check.DATA_HASH);
    }

    @Test
    void missingProofFails() {
        Outcome outcome = compare(null, SUCCEEDED);

        assertThat(outcome.failed()).isEqualTo(Check.PROOF_ATTACHED);
    }

    @Test
    void proofOfAnotherInvocationFails() {
        ProofAttachedEvent other = new ProofAttachedEvent(
                PROOF,
                ProofSubjectType.INVOCATION,
                "inv_01JE9Z4R8QZ4V2M1T6C3N5B7XM",
                PUBLISHER,
                uriCapturedAt(COMPLETED_AT),
                VerificationLevel.V1,
                NOW);

        Outcome outcome = compare(other, SUCCEEDED);

        assertThat(outcome.failed()).isEqualTo(Check.SUBJECT);
    }

    @Test
    void taskProofFails() {
        ProofAttachedEvent taskProof = new ProofAttachedEvent(
                PROOF, ProofSubjectType.TASK, TASK, PUBLISHER, uriCapturedAt(COMPLETED_AT), VerificationLevel.V1, NOW);

        Outcome outcome = compare(taskProof, SUCCEEDED);

        assertThat(outcome.failed()).isEqualTo(Check.SUBJECT);
    }

    @Test
    void unknownInvocationFails() {
        InvocationRecords none = new InvocationRecords(null, null, false, false);

        Outcome outcome = compare(proof(PUBLISHER, uriCapturedAt(COMPLETED_AT)), none);

        assertThat(outcome.failed()).isEqualTo(Check.INVOCATION_REQUESTED);
    }

    @Test
    void sandboxRunFails() {
        InvocationRecords sandbox =
                new InvocationRecords(requested(INVOCATION, ExecutionMode.SANDBOX), null, true, true);

        Outcome outcome = compare(proof(PUBLISHER, uriCapturedAt(COMPLETED_AT)), sandbox);

        assertThat(outcome.failed()).isEqualTo(Check.SUCCEEDED_LIVE);
        assertThat(outcome.detail()).contains("sandbox");
    }

    @Test
    void invocationWithoutSuccessFails() {
        InvocationRecords failed =
                new InvocationRecords(requested(INVOCATION, ExecutionMode.AUTOPILOT), null, false, true);

        Outcome outcome = compare(proof(PUBLISHER, uriCapturedAt(COMPLETED_AT)), failed);

        assertThat(outcome.failed()).isEqualTo(Check.SUCCEEDED_LIVE);
    }

    @Test
    void proofFromCallerFails() {
        Outcome outcome = compare(proof(CALLER, uriCapturedAt(COMPLETED_AT)), SUCCEEDED);

        assertThat(outcome.failed()).isEqualTo(Check.PUBLISHER);
    }

    @Test
    void captureAtEarliestBoundAgrees() {
        assertThat(compareCapturedAt(REQUESTED_AT.minus(SKEW)).agrees()).isTrue();
    }

    @Test
    void captureBeforeEarliestBoundFails() {
        Outcome outcome = compareCapturedAt(REQUESTED_AT.minus(SKEW).minusMillis(1));

        assertThat(outcome.failed()).isEqualTo(Check.CAPTURED_AT);
    }

    @Test
    void captureAtLatestBoundAgrees() {
        assertThat(compareCapturedAt(COMPLETED_AT.plus(SKEW)).agrees()).isTrue();
    }

    @Test
    void captureAfterLatestBoundFails() {
        Outcome outcome = compareCapturedAt(COMPLETED_AT.plus(SKEW).plusMillis(1));

        assertThat(outcome.failed()).isEqualTo(Check.CAPTURED_AT);
    }

    @Test
    void missingCaptureTimeFails() {
        Outcome outcome = compareCapturedAt(null);

        assertThat(outcome.failed()).isEqualTo(Check.CAPTURED_AT);
    }

    @Test
    void zeroSkewRejectsCaptureBeforeRequest() {
        ProofAttachedEvent early = proof(PUBLISHER, uriCapturedAt(REQUESTED_AT.minusSeconds(1)));

        Outcome outcome = RecordComparison.compare(INVOCATION, early, SUCCEEDED, Duration.ZERO);

        assertThat(outcome.failed()).isEqualTo(Check.CAPTURED_AT);
    }
}
