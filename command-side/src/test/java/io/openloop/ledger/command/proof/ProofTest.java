package io.openloop.ledger.command.proof;

import static io.openloop.ledger.command.proof.ProofFixtures.fields;
import static org.assertj.core.api.Assertions.assertThat;

import io.openloop.ledger.messages.ErrorCode;
import io.openloop.ledger.messages.LedgerException;
import io.openloop.ledger.messages.proof.AttachProofCommand;
import io.openloop.ledger.messages.proof.ProofArtifact;
import io.openloop.ledger.messages.proof.ProofAttachedEvent;
import io.openloop.ledger.messages.proof.ProofSubjectType;
import io.openloop.ledger.messages.proof.VerificationLevel;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Attaching a proof: the event it records and each validation rule. */
class ProofTest {

    private static final Instant NOW = Instant.parse("2026-12-04T10:15:30Z");
    private static final Instant CAPTURED = NOW.minusSeconds(60);
    private static final String PROOF = "prf_01JE9Z4R8QZ4V2M1T6C3N5B7XK";
    private static final String INVOCATION = "inv_01JE9Z4R8QZ4V2M1T6C3N5B7XK";
    private static final String TASK = "task_01JE9Z4R8QZ4V2M1T6C3N5B7XK";
    private static final String LOOP = "loop_01JE9Z4R8QZ4V2M1T6C3N5B7XK";
    private static final String SHA = "ab".repeat(32);

    private FixtureConfiguration<Proof> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Proof.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static ProofArtifact evidenced() {
        return new ProofArtifact("receipt", "https://acme.example/receipts/7", null, SHA, CAPTURED);
    }

    private static AttachProofCommand attach(ProofArtifact artifact, VerificationLevel level) {
        return new AttachProofCommand(PROOF, ProofSubjectType.INVOCATION, INVOCATION, LOOP, artifact, level);
    }

    private LedgerException rejection(AttachProofCommand command) {
        return ProofFixtures.rejection(fixture.givenNoPriorActivity().when(command));
    }

    @Test
    void evidencedArtifactAttachesAtV1() {
        fixture.givenNoPriorActivity()
                .when(attach(evidenced(), VerificationLevel.V1))
                .expectEvents(new ProofAttachedEvent(
                        PROOF, ProofSubjectType.INVOCATION, INVOCATION, LOOP, evidenced(), VerificationLevel.V1, NOW));
    }

    @Test
    void bareClaimAttachesAtV0() {
        ProofArtifact claim = new ProofArtifact("signature", null, null, null, null);

        fixture.givenNoPriorActivity()
                .when(attach(claim, VerificationLevel.V0))
                .expectEvents(new ProofAttachedEvent(
                        PROOF, ProofSubjectType.INVOCATION, INVOCATION, LOOP, claim, VerificationLevel.V0, NOW));
    }

    @Test
    void taskSubjectAttaches() {
        AttachProofCommand command =
                new AttachProofCommand(PROOF, ProofSubjectType.TASK, TASK, LOOP, evidenced(), VerificationLevel.V1);

        fixture.givenNoPriorActivity()
                .when(command)
                .expectEvents(new ProofAttachedEvent(
                        PROOF, ProofSubjectType.TASK, TASK, LOOP, evidenced(), VerificationLevel.V1, NOW));
    }

    @Test
    void unevidencedArtifactCannotStartAtV1() {
        ProofArtifact noHash = new ProofArtifact("receipt", "https://acme.example/r", null, null, CAPTURED);

        LedgerException error = rejection(attach(noHash, VerificationLevel.V1));

        assertThat(error.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
        assertThat(fields(error)).containsKey("artifact");
    }

    @Test
    void levelAboveV1IsRejected() {
        LedgerException error = rejection(attach(evidenced(), VerificationLevel.V2));

        assertThat(fields(error)).containsKey("level");
    }

    @Test
    void uppercaseKindIsRejected() {
        ProofArtifact artifact = new ProofArtifact("Receipt", "https://acme.example/r", null, SHA, CAPTURED);

        LedgerException error = rejection(attach(artifact, VerificationLevel.V1));

        assertThat(fields(error)).containsKey("artifact.kind");
    }

    @Test
    void kindOfSixtyFiveCharactersIsRejected() {
        ProofArtifact artifact = new ProofArtifact("k".repeat(65), null, null, null, null);

        LedgerException error = rejection(attach(artifact, VerificationLevel.V0));

        assertThat(fields(error)).containsKey("artifact.kind");
    }

    @Test
    void uppercaseHashIsRejected() {
        ProofArtifact artifact =
                new ProofArtifact("receipt", "https://acme.example/r", null, SHA.toUpperCase(), CAPTURED);

        LedgerException error = rejection(attach(artifact, VerificationLevel.V1));

        assertThat(fields(error)).containsKey("artifact.sha256");
    }

    @Test
    void shortHashIsRejected() {
        ProofArtifact artifact = new ProofArtifact("receipt", "https://acme.example/r", null, "ab", CAPTURED);

        LedgerException error = rejection(attach(artifact, VerificationLevel.V1));

        assertThat(fields(error)).containsKey("artifact.sha256");
    }

    @Test
    void relativeUriIsRejected() {
        ProofArtifact artifact = new ProofArtifact("receipt", "receipts/7", null, SHA, CAPTURED);

        LedgerException error = rejection(attach(artifact, VerificationLevel.V1));

        assertThat(fields(error)).containsKey("artifact.uri");
    }

    @Test
    void inlineDataAtLimitIsAccepted() {
        ProofArtifact artifact =
                new ProofArtifact("document", null, "x".repeat(ProofRules.MAX_DATA_LENGTH), SHA, CAPTURED);

        fixture.givenNoPriorActivity()
                .when(attach(artifact, VerificationLevel.V1))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void inlineDataAboveLimitIsRejected() {
        ProofArtifact artifact =
                new ProofArtifact("document", null, "x".repeat(ProofRules.MAX_DATA_LENGTH + 1), SHA, CAPTURED);

        LedgerException error = rejection(attach(artifact, VerificationLevel.V1));

        assertThat(fields(error)).containsKey("artifact.data");
    }

    @Test
    void subjectIdOfWrongTypeIsRejected() {
        AttachProofCommand command = new AttachProofCommand(
                PROOF, ProofSubjectType.TASK, INVOCATION, LOOP, evidenced(), VerificationLevel.V1);

        LedgerException error = rejection(command);

        assertThat(fields(error)).containsKey("subjectId");
    }

    @Test
    void missingArtifactIsRejected() {
        LedgerException error = rejection(attach(null, VerificationLevel.V0));

        assertThat(fields(error)).containsKey("artifact");
    }
}
