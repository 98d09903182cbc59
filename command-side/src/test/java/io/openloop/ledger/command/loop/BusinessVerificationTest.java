package io.openloop.ledger.command.loop;

import static io.openloop.ledger.command.loop.LoopFixtures.NOW;
import static io.openloop.ledger.command.loop.LoopFixtures.fields;
import static io.openloop.ledger.command.loop.LoopFixtures.keyId;
import static io.openloop.ledger.command.loop.LoopFixtures.ownerKeyIssued;
import static io.openloop.ledger.command.loop.LoopFixtures.registered;
import static io.openloop.ledger.command.loop.LoopFixtures.rejection;
import static org.assertj.core.api.Assertions.assertThat;

import io.openloop.ledger.messages.ErrorCode;
import io.openloop.ledger.messages.LedgerException;
import io.openloop.ledger.messages.auth.Scope;
import io.openloop.ledger.messages.loop.BusinessIdentity;
import io.openloop.ledger.messages.loop.BusinessIdentitySubmittedEvent;
import io.openloop.ledger.messages.loop.BusinessVerificationRejectedEvent;
import io.openloop.ledger.messages.loop.BusinessVerifiedEvent;
import io.openloop.ledger.messages.loop.LoopKind;
import io.openloop.ledger.messages.loop.RejectBusinessVerificationCommand;
import io.openloop.ledger.messages.loop.SubmitBusinessIdentityCommand;
import io.openloop.ledger.messages.loop.VerifyBusinessCommand;
import java.util.List;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.aggregate.TestExecutor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Business identity submission, verification and rejection. */
class BusinessVerificationTest {

    private static final BusinessIdentity IDENTITY =
            new BusinessIdentity("Acme Dental LLC", "https://acme.example", "ops@acme.example", List.of("US-CA"));

    private FixtureConfiguration<Loop> fixture;

    @BeforeEach
    void setUp() {
        fixture = LoopFixtures.fixture(new LoopFixtures.InMemoryHandles(), new InMemoryLoopDirectory());
    }

    private TestExecutor<Loop> given(LoopKind kind, Object... more) {
        TestExecutor<Loop> history =
                fixture.given(registered("loop_1", "@acme", kind), ownerKeyIssued("loop_1", keyId(), Scope.all()));
        return more.length == 0 ? history : history.andGiven(more);
    }

    private static BusinessIdentitySubmittedEvent submitted() {
        return new BusinessIdentitySubmittedEvent("loop_1", IDENTITY, NOW);
    }

    @Test
    void submitOnBusinessLoopEmitsTrimmedIdentity() {
        BusinessIdentity padded = new BusinessIdentity(
                "  Acme Dental LLC ", " https://acme.example", "ops@acme.example ", List.of(" US-CA "));

        given(LoopKind.BUSINESS)
                .when(new SubmitBusinessIdentityCommand("loop_1", padded))
                .expectEvents(submitted());
    }

    @Test
    void submitOnDeveloperLoopIsInvalidState() {
        LedgerException error =
                rejection(given(LoopKind.DEVELOPER), new SubmitBusinessIdentityCommand("loop_1", IDENTITY));

        assertThat(error.code()).isEqualTo(ErrorCode.INVALID_STATE);
        assertThat(error.details()).containsEntry("currentState", "not_applicable");
    }

    @Test
    void submitWithInvalidFieldsNamesEach() {
        BusinessIdentity bad = new BusinessIdentity(" ", "ftp://acme.example", "ops-at-acme", List.of());

        LedgerException error = rejection(given(LoopKind.BUSINESS), new SubmitBusinessIdentityCommand("loop_1", bad));

        assertThat(error.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
        assertThat(fields(error)).containsOnlyKeys("legalName", "website", "contactEmail", "serviceArea");
    }

    @Test
    void submitWithWebsiteWithoutHostIsRejected() {
        BusinessIdentity bad = new BusinessIdentity("Acme", "https:///path", "ops@acme.example", List.of("US"));

        LedgerException error = rejection(given(LoopKind.BUSINESS), new SubmitBusinessIdentityCommand("loop_1", bad));

        assertThat(fields(error)).containsOnlyKeys("website");
    }

    @Test
    void submitWhilePendingIsInvalidState() {
        LedgerException error =
                rejection(given(LoopKind.BUSINESS, submitted()), new SubmitBusinessIdentityCommand("loop_1", IDENTITY));

        assertThat(error.details()).containsEntry("currentState", "pending");
    }

    @Test
    void resubmitAfterRejectionIsAccepted() {
        given(LoopKind.BUSINESS, submitted(), new BusinessVerificationRejectedEvent("loop_1", "no website", NOW))
                .when(new SubmitBusinessIdentityCommand("loop_1", IDENTITY))
                .expectEvents(submitted());
    }

    @Test
    void verifyPendingEmitsVerified() {
        given(LoopKind.BUSINESS, submitted())
                .when(new VerifyBusinessCommand("loop_1", " checked registry "))
                .expectEvents(new BusinessVerifiedEvent("loop_1", "checked registry", NOW));
    }

    @Test
    void verifyWithoutSubmissionIsInvalidState() {
        LedgerException error = rejection(given(LoopKind.BUSINESS), new VerifyBusinessCommand("loop_1", null));

        assertThat(error.code()).isEqualTo(ErrorCode.INVALID_STATE);
        assertThat(error.details()).containsEntry("currentState", "unsubmitted");
    }

    @Test
    void verifyVerifiedIsInvalidState() {
        LedgerException error = rejection(
                given(LoopKind.BUSINESS, submitted(), new BusinessVerifiedEvent("loop_1", null, NOW)),
                new VerifyBusinessCommand("loop_1", null));

        assertThat(error.details()).containsEntry("currentState", "verified");
    }

    @Test
    void rejectPendingEmitsRejected() {
        given(LoopKind.BUSINESS, submitted())
                .when(new RejectBusinessVerificationCommand("loop_1", "website does not match"))
                .expectEvents(new BusinessVerificationRejectedEvent("loop_1", "website does not match", NOW));
    }

    @Test
    void rejectWithoutReasonFailsValidation() {
        LedgerException error =
                rejection(given(LoopKind.BUSINESS, submitted()), new RejectBusinessVerificationCommand("loop_1", " "));

        assertThat(fields(error)).containsOnlyKeys("reason");
    }

    @Test
    void rejectOnAgentLoopIsInvalidState() {
        LedgerException error =
                rejection(given(LoopKind.DEVELOPER), new RejectBusinessVerificationCommand("loop_1", "no"));

        assertThat(error.code()).isEqualTo(ErrorCode.INVALID_STATE);
    }
}
