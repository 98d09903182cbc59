package io.openloop.ledger.command.proof;

import static io.openloop.ledger.command.proof.ProofFixtures.COUNTERPARTY;
import static io.openloop.ledger.command.proof.ProofFixtures.INVOCATION;
import static io.openloop.ledger.command.proof.ProofFixtures.NOW;
import static io.openloop.ledger.command.proof.ProofFixtures.PROOF;
import static io.openloop.ledger.command.proof.ProofFixtures.SUBMITTER;
import static io.openloop.ledger.command.proof.ProofFixtures.TASK;
import static io.openloop.ledger.command.proof.ProofFixtures.VERIFIER;
import static io.openloop.ledger.command.proof.ProofFixtures.attached;
import static io.openloop.ledger.command.proof.ProofFixtures.base64Url;
import static io.openloop.ledger.command.proof.ProofFixtures.evidenced;
import static io.openloop.ledger.command.proof.ProofFixtures.fields;
import static io.openloop.ledger.command.proof.ProofFixtures.newKeyPair;
import static io.openloop.ledger.command.proof.ProofFixtures.rawPublicKey;
import static io.openloop.ledger.command.proof.ProofFixtures.sign;
import static org.assertj.core.api.Assertions.assertThat;
import static org.axonframework.test.matchers.Matchers.andNoMore;
import static org.axonframework.test.matchers.Matchers.exactSequenceOf;
import static org.axonframework.test.matchers.Matchers.messageWithPayload;

import io.openloop.ledger.messages.ErrorCode;
import io.openloop.ledger.messages.LedgerException;
import io.openloop.ledger.messages.proof.AttestProofCommand;
import io.openloop.ledger.messages.proof.CheckProofAgainstRecordsCommand;
import io.openloop.ledger.messages.proof.ConfirmProofCommand;
import io.openloop.ledger.messages.proof.DisputeProofCommand;
import io.openloop.ledger.messages.proof.MarkProofSettledCommand;
import io.openloop.ledger.messages.proof.ProofDigest;
import io.openloop.ledger.messages.proof.ProofDisputedEvent;
import io.openloop.ledger.messages.proof.ProofSubjectType;
import io.openloop.ledger.messages.proof.ProofVerificationRaisedEvent;
import io.openloop.ledger.messages.proof.VerificationLevel;
import io.openloop.ledger.messages.proof.VerificationMethod;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.stream.Stream;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.hamcrest.CustomMatcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each check that raises a proof's level, its idempotency and its rejections. */
class ProofVerificationTest {

    private static final String RECORDS_DETAIL = "Invocation records agree.";

    private FixtureConfiguration<Proof> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Proof.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static ProofVerificationRaisedEvent raised(
            ProofSubjectType subjectType,
            VerificationMethod method,
            VerificationLevel previous,
            VerificationLevel level,
            String verifiedBy,
            String detail) {
        String subjectId = subjectType == ProofSubjectType.INVOCATION ? INVOCATION : TASK;
        return new ProofVerificationRaisedEvent(
                PROOF, subjectType, subjectId, SUBMITTER, method, previous, level, verifiedBy, detail, NOW);
    }

    private static ProofVerificationRaisedEvent settledFromV1() {
        return raised(
                ProofSubjectType.TASK,
                VerificationMethod.SETTLEMENT,
                VerificationLevel.V1,
                VerificationLevel.V5,
                "platform",
                settlementDetail());
    }

    private static String settlementDetail() {
        return "The ledger recorded settlement of the payment for task " + TASK + ".";
    }

    private static String confirmationDetail(String suffix) {
        return "Loop " + COUNTERPARTY + ", the other party of task " + TASK + ", confirmed the proof" + suffix;
    }

    private static String taskDigest() {
        return ProofDigest.of(PROOF, ProofSubjectType.TASK, TASK, evidenced());
    }

    private static AttestProofCommand attestation(KeyPair signer, String publicKey) {
        byte[] signature = sign(signer.getPrivate(), taskDigest().getBytes(StandardCharsets.UTF_8));
        return new AttestProofCommand(PROOF, VERIFIER, publicKey, base64Url(signature));
    }

    private LedgerException rejection(ProofSubjectType subjectType, Object command) {
        return ProofFixtures.rejection(
                fixture.given(attached(subjectType, VerificationLevel.V1)).when(command));
    }

    @Test
    void recordsCheckRaisesV1ToV2() {
        fixture.given(attached(ProofSubjectType.INVOCATION, VerificationLevel.V1))
                .when(new CheckProofAgainstRecordsCommand(PROOF, RECORDS_DETAIL))
                .expectEvents(raised(
                        ProofSubjectType.INVOCATION,
                        VerificationMethod.PLATFORM_RECORDS,
                        VerificationLevel.V1,
                        VerificationLevel.V2,
                        "platform",
                        RECORDS_DETAIL));
    }

    @Test
    void recordsCheckRaisesV0ToV2() {
        fixture.given(attached(ProofSubjectType.INVOCATION, VerificationLevel.V0))
                .when(new CheckProofAgainstRecordsCommand(PROOF, RECORDS_DETAIL))
                .expectEvents(raised(
                        ProofSubjectType.INVOCATION,
                        VerificationMethod.PLATFORM_RECORDS,
                        VerificationLevel.V0,
                        VerificationLevel.V2,
                        "platform",
                        RECORDS_DETAIL));
    }

    @Test
    void repeatedRecordsCheckRecordsNothing() {
        fixture.given(
                        attached(ProofSubjectType.INVOCATION, VerificationLevel.V1),
                        raised(
                                ProofSubjectType.INVOCATION,
                                VerificationMethod.PLATFORM_RECORDS,
                                VerificationLevel.V1,
                                VerificationLevel.V2,
                                "platform",
                                RECORDS_DETAIL))
                .when(new CheckProofAgainstRecordsCommand(PROOF, RECORDS_DETAIL))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void recordsCheckOfTaskProofIsInvalidState() {
        LedgerException error = rejection(ProofSubjectType.TASK, new CheckProofAgainstRecordsCommand(PROOF, "x"));

        assertThat(error.code()).isEqualTo(ErrorCode.INVALID_STATE);
        assertThat(error.details()).containsEntry("currentState", "V1");
    }

    @Test
    void confirmationRaisesV1ToV3() {
        fixture.given(attached(ProofSubjectType.TASK, VerificationLevel.V1))
                .when(new ConfirmProofCommand(PROOF, COUNTERPARTY, "  quote received  "))
                .expectEvents(raised(
                        ProofSubjectType.TASK,
                        VerificationMethod.COUNTERPARTY_CONFIRMATION,
                        VerificationLevel.V1,
                        VerificationLevel.V3,
                        COUNTERPARTY,
                        confirmationDetail(": quote received")));
    }

    @Test
    void confirmationWithoutNoteNamesConfirmer() {
        fixture.given(attached(ProofSubjectType.TASK, VerificationLevel.V1))
                .when(new ConfirmProofCommand(PROOF, COUNTERPARTY, null))
                .expectEvents(raised(
                        ProofSubjectType.TASK,
                        VerificationMethod.COUNTERPARTY_CONFIRMATION,
                        VerificationLevel.V1,
                        VerificationLevel.V3,
                        COUNTERPARTY,
                        confirmationDetail(".")));
    }

    @Test
    void selfConfirmationIsInvalidState() {
        LedgerException error =
                rejection(ProofSubjectType.TASK, new ConfirmProofCommand(PROOF, SUBMITTER, "looks right"));

        assertThat(error.code()).isEqualTo(ErrorCode.INVALID_STATE);
        assertThat(error.details()).containsEntry("currentState", "V1");
    }

    @Test
    void confirmationOfInvocationProofIsInvalidState() {
        LedgerException error =
                rejection(ProofSubjectType.INVOCATION, new ConfirmProofCommand(PROOF, COUNTERPARTY, null));

        assertThat(error.code()).isEqualTo(ErrorCode.INVALID_STATE);
        assertThat(error.details()).containsEntry("currentState", "V1");
    }

    @Test
    void confirmationByInvalidLoopIdIsRejected() {
        LedgerException error = rejection(ProofSubjectType.TASK, new ConfirmProofCommand(PROOF, "loop_x", null));

        assertThat(error.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
        assertThat(fields(error)).containsKey("confirmedByLoopId");
    }

    @Test
    void overlongNoteIsRejected() {
        String note = "n".repeat(Proof.MAX_NOTE_LENGTH + 1);

        LedgerException error = rejection(ProofSubjectType.TASK, new ConfirmProofCommand(PROOF, COUNTERPARTY, note));

        assertThat(fields(error)).containsKey("note");
    }

    @Test
    void validSignatureRaisesV1ToV4() {
        KeyPair verifier = newKeyPair();
        String detail = "Verifier " + VERIFIER + " signed the proof's digest " + taskDigest() + " with Ed25519.";

        fixture.given(attached(ProofSubjectType.TASK, VerificationLevel.V1))
                .when(attestation(verifier, rawPublicKey(verifier)))
                .expectEvents(raised(
                        ProofSubjectType.TASK,
                        VerificationMethod.VERIFIER_SIGNATURE,
                        VerificationLevel.V1,
                        VerificationLevel.V4,
                        VERIFIER,
                        detail));
    }

    @Test
    void validSignatureRaisesInvocationProof() {
        KeyPair verifier = newKeyPair();
        String digest = ProofDigest.of(PROOF, ProofSubjectType.INVOCATION, INVOCATION, evidenced());
        byte[] signature = sign(verifier.getPrivate(), digest.getBytes(StandardCharsets.UTF_8));

        fixture.given(attached(ProofSubjectType.INVOCATION, VerificationLevel.V1))
                .when(new AttestProofCommand(PROOF, VERIFIER, rawPublicKey(verifier), base64Url(signature)))
                .expectSuccessfulHandlerExecution()
                .expectEventsMatching(exactSequenceOf(
                        messageWithPayload(new CustomMatcher<Object>("a raise to V4") {
                            @Override
                            public boolean matches(Object item) {
                                return item instanceof ProofVerificationRaisedEvent event
                                        && event.level() == VerificationLevel.V4;
                            }
                        }),
                        andNoMore()));
    }

    @Test
    void tamperedSignatureIsRejected() {
        KeyPair verifier = newKeyPair();
        byte[] signature = sign(verifier.getPrivate(), taskDigest().getBytes(StandardCharsets.UTF_8));
        signature[10] ^= 0x01;
        AttestProofCommand command =
                new AttestProofCommand(PROOF, VERIFIER, rawPublicKey(verifier), base64Url(signature));

        LedgerException error = rejection(ProofSubjectType.TASK, command);

        assertThat(error.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
        assertThat(fields(error)).containsKey("signature");
    }

    @Test
    void signatureByAnotherKeyIsRejected() {
        KeyPair signer = newKeyPair();
        KeyPair registered = newKeyPair();

        LedgerException error = rejection(ProofSubjectType.TASK, attestation(signer, rawPublicKey(registered)));

        assertThat(error.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
        assertThat(fields(error)).containsKey("signature");
    }

    @Test
    void signatureOverOtherTextIsRejected() {
        KeyPair verifier = newKeyPair();
        byte[] signature = sign(verifier.getPrivate(), "another proof".getBytes(StandardCharsets.UTF_8));
        AttestProofCommand command =
                new AttestProofCommand(PROOF, VERIFIER, rawPublicKey(verifier), base64Url(signature));

        LedgerException error = rejection(ProofSubjectType.TASK, command);

        assertThat(fields(error)).containsKey("signature");
    }

    static Stream<Arguments> malformedAttestations() {
        KeyPair verifier = newKeyPair();
        String key = rawPublicKey(verifier);
        String signature = attestation(verifier, key).signature();
        return Stream.of(
                Arguments.of("signature in standard base64", key, "+/" + "A".repeat(84), "signature"),
                Arguments.of("signature of 63 bytes", key, base64Url(new byte[63]), "signature"),
                Arguments.of("padded signature", key, signature + "==", "signature"),
                Arguments.of("missing signature", key, null, "signature"),
                Arguments.of("public key of 31 bytes", base64Url(new byte[31]), signature, "verifierPublicKey"),
                Arguments.of("padded public key", key + "=", signature, "verifierPublicKey"),
                Arguments.of("missing public key", null, signature, "verifierPublicKey"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedAttestations")
    void malformedAttestationIsRejected(String name, String publicKey, String signature, String field) {
        AttestProofCommand command = new AttestProofCommand(PROOF, VERIFIER, publicKey, signature);

        LedgerException error = rejection(ProofSubjectType.TASK, command);

        assertThat(error.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
        assertThat(fields(error)).containsKey(field);
    }

    @Test
    void attestationByInvalidVerifierIdIsRejected() {
        KeyPair verifier = newKeyPair();
        AttestProofCommand valid = attestation(verifier, rawPublicKey(verifier));
        AttestProofCommand command =
                new AttestProofCommand(PROOF, "vrf_1", valid.verifierPublicKey(), valid.signature());

        LedgerException error = rejection(ProofSubjectType.TASK, command);

        assertThat(fields(error)).containsKey("verifierId");
    }

    @Test
    void settlementRaisesV1ToV5() {
        fixture.given(attached(ProofSubjectType.TASK, VerificationLevel.V1))
                .when(new MarkProofSettledCommand(PROOF, TASK))
                .expectEvents(settledFromV1());
    }

    @Test
    void repeatedSettlementRecordsNothing() {
        fixture.given(attached(ProofSubjectType.TASK, VerificationLevel.V1), settledFromV1())
                .when(new MarkProofSettledCommand(PROOF, TASK))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void settlementOfInvocationProofIsInvalidState() {
        LedgerException error = rejection(ProofSubjectType.INVOCATION, new MarkProofSettledCommand(PROOF, TASK));

        assertThat(error.code()).isEqualTo(ErrorCode.INVALID_STATE);
        assertThat(error.details()).containsEntry("currentState", "V1");
    }

    @Test
    void settlementOfAnotherTaskIsInvalidState() {
        MarkProofSettledCommand command = new MarkProofSettledCommand(PROOF, "task_01JE9Z4R8QZ4V2M1T6C3N5B7XM");

        LedgerException error = rejection(ProofSubjectType.TASK, command);

        assertThat(error.code()).isEqualTo(ErrorCode.INVALID_STATE);
    }

    @Test
    void confirmationAfterSettlementKeepsV5() {
        fixture.given(attached(ProofSubjectType.TASK, VerificationLevel.V1), settledFromV1())
                .when(new ConfirmProofCommand(PROOF, COUNTERPARTY, null))
                .expectEvents(raised(
                        ProofSubjectType.TASK,
                        VerificationMethod.COUNTERPARTY_CONFIRMATION,
                        VerificationLevel.V5,
                        VerificationLevel.V5,
                        COUNTERPARTY,
                        confirmationDetail(".")));
    }

    @Test
    void repeatedConfirmationRecordsNothing() {
        fixture.given(
                        attached(ProofSubjectType.TASK, VerificationLevel.V1),
                        raised(
                                ProofSubjectType.TASK,
                                VerificationMethod.COUNTERPARTY_CONFIRMATION,
                                VerificationLevel.V1,
                                VerificationLevel.V3,
                                COUNTERPARTY,
                                confirmationDetail(".")))
                .when(new ConfirmProofCommand(PROOF, COUNTERPARTY, "again"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void repeatedAttestationRecordsNothing() {
        KeyPair verifier = newKeyPair();

        fixture.given(
                        attached(ProofSubjectType.TASK, VerificationLevel.V1),
                        raised(
                                ProofSubjectType.TASK,
                                VerificationMethod.VERIFIER_SIGNATURE,
                                VerificationLevel.V1,
                                VerificationLevel.V4,
                                VERIFIER,
                                "signed"))
                .when(attestation(verifier, rawPublicKey(verifier)))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void disputeMarksProofOnce() {
        fixture.given(attached(ProofSubjectType.TASK, VerificationLevel.V1))
                .when(new DisputeProofCommand(PROOF, COUNTERPARTY, "wrong quote"))
                .expectEvents(new ProofDisputedEvent(
                        PROOF, ProofSubjectType.TASK, TASK, SUBMITTER, COUNTERPARTY, "wrong quote", NOW));
    }

    @Test
    void secondDisputeRecordsNothing() {
        fixture.given(
                        attached(ProofSubjectType.TASK, VerificationLevel.V1),
                        new ProofDisputedEvent(
                                PROOF, ProofSubjectType.TASK, TASK, SUBMITTER, COUNTERPARTY, "wrong quote", NOW))
                .when(new DisputeProofCommand(PROOF, COUNTERPARTY, "still wrong"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void disputedProofKeepsItsLevel() {
        fixture.given(
                        attached(ProofSubjectType.TASK, VerificationLevel.V1),
                        settledFromV1(),
                        new ProofDisputedEvent(
                                PROOF, ProofSubjectType.TASK, TASK, SUBMITTER, COUNTERPARTY, "wrong quote", NOW))
                .when(new ConfirmProofCommand(PROOF, COUNTERPARTY, null))
                .expectEvents(raised(
                        ProofSubjectType.TASK,
                        VerificationMethod.COUNTERPARTY_CONFIRMATION,
                        VerificationLevel.V5,
                        VerificationLevel.V5,
                        COUNTERPARTY,
                        confirmationDetail(".")));
    }
}
