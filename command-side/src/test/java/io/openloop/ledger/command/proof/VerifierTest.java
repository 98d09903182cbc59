package io.openloop.ledger.command.proof;

import static io.openloop.ledger.command.proof.ProofFixtures.NOW;
import static io.openloop.ledger.command.proof.ProofFixtures.VERIFIER;
import static io.openloop.ledger.command.proof.ProofFixtures.base64Url;
import static io.openloop.ledger.command.proof.ProofFixtures.fields;
import static io.openloop.ledger.command.proof.ProofFixtures.newKeyPair;
import static io.openloop.ledger.command.proof.ProofFixtures.rawPublicKey;
import static io.openloop.ledger.command.proof.ProofFixtures.rejection;
import static org.assertj.core.api.Assertions.assertThat;

import io.openloop.ledger.messages.ErrorCode;
import io.openloop.ledger.messages.LedgerException;
import io.openloop.ledger.messages.proof.RegisterVerifierCommand;
import io.openloop.ledger.messages.proof.RevokeVerifierCommand;
import io.openloop.ledger.messages.proof.VerifierRegisteredEvent;
import io.openloop.ledger.messages.proof.VerifierRevokedEvent;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.HexFormat;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Registering and revoking a verifier, and each validation rule. */
class VerifierTest {

    private static final String KEY = rawPublicKey(newKeyPair());

    private FixtureConfiguration<Verifier> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Verifier.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static VerifierRegisteredEvent registered() {
        return new VerifierRegisteredEvent(VERIFIER, "Acme Audits", KEY, NOW);
    }

    private LedgerException registrationRejection(RegisterVerifierCommand command) {
        return rejection(fixture.givenNoPriorActivity().when(command));
    }

    @Test
    void registrationRecordsTrimmedName() {
        fixture.givenNoPriorActivity()
                .when(new RegisterVerifierCommand(VERIFIER, "  Acme Audits ", KEY))
                .expectEvents(registered());
    }

    @Test
    void nameOfHundredCharactersIsAccepted() {
        String name = "n".repeat(Verifier.MAX_NAME_LENGTH);

        fixture.givenNoPriorActivity()
                .when(new RegisterVerifierCommand(VERIFIER, name, KEY))
                .expectEvents(new VerifierRegisteredEvent(VERIFIER, name, KEY, NOW));
    }

    @Test
    void nameAboveLimitIsRejected() {
        String name = "n".repeat(Verifier.MAX_NAME_LENGTH + 1);

        LedgerException error = registrationRejection(new RegisterVerifierCommand(VERIFIER, name, KEY));

        assertThat(error.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
        assertThat(fields(error)).containsKey("name");
    }

    @Test
    void blankNameIsRejected() {
        LedgerException error = registrationRejection(new RegisterVerifierCommand(VERIFIER, "  ", KEY));

        assertThat(fields(error)).containsKey("name");
    }

    @Test
    void idWithoutVerifierPrefixIsRejected() {
        LedgerException error = registrationRejection(
                new RegisterVerifierCommand("loop_01JE9Z4R8QZ4V2M1T6C3N5B7XK", "Acme Audits", KEY));

        assertThat(fields(error)).containsKey("verifierId");
    }

    @Test
    void keyOfThirtyThreeBytesIsRejected() {
        LedgerException error =
                registrationRejection(new RegisterVerifierCommand(VERIFIER, "Acme Audits", base64Url(new byte[33])));

        assertThat(fields(error)).containsKey("publicKey");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "0000000000000000000000000000000000000000000000000000000000000000",
                "0100000000000000000000000000000000000000000000000000000000000000",
                "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
                "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa",
                "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc85",
                "0000000000000000000000000000000000000000000000000000000000000080"
            })
    void smallOrderKeyIsRejected(String hex) {
        LedgerException error = registrationRejection(new RegisterVerifierCommand(
                VERIFIER, "Acme Audits", base64Url(HexFormat.of().parseHex(hex))));

        assertThat(fields(error).get("publicKey")).contains("small order");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
                "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f"
            })
    void nonCanonicalKeyIsRejected(String hex) {
        LedgerException error = registrationRejection(new RegisterVerifierCommand(
                VERIFIER, "Acme Audits", base64Url(HexFormat.of().parseHex(hex))));

        assertThat(fields(error).get("publicKey")).contains("canonical");
    }

    @Test
    void paddedKeyIsRejected() {
        LedgerException error = registrationRejection(new RegisterVerifierCommand(VERIFIER, "Acme Audits", KEY + "="));

        assertThat(fields(error)).containsKey("publicKey");
    }

    @Test
    void keyInStandardBase64IsRejected() {
        String standard = "+/" + KEY.substring(2);

        LedgerException error = registrationRejection(new RegisterVerifierCommand(VERIFIER, "Acme Audits", standard));

        assertThat(fields(error)).containsKey("publicKey");
    }

    @Test
    void missingKeyIsRejected() {
        LedgerException error = registrationRejection(new RegisterVerifierCommand(VERIFIER, "Acme Audits", null));

        assertThat(fields(error)).containsKey("publicKey");
    }

    @Test
    void revocationIsRecorded() {
        fixture.given(registered())
                .when(new RevokeVerifierCommand(VERIFIER, "key leaked"))
                .expectEvents(new VerifierRevokedEvent(VERIFIER, "key leaked", NOW));
    }

    @Test
    void secondRevocationIsInvalidState() {
        LedgerException error = rejection(fixture.given(registered(), new VerifierRevokedEvent(VERIFIER, null, NOW))
                .when(new RevokeVerifierCommand(VERIFIER, "again")));

        assertThat(error.code()).isEqualTo(ErrorCode.INVALID_STATE);
        assertThat(error.details()).containsEntry("currentState", "REVOKED");
    }
}
