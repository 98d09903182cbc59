package io.openloop.ledger.command.proof;

import static io.openloop.ledger.command.proof.ProofFixtures.INVOCATION;
import static io.openloop.ledger.command.proof.ProofFixtures.NOW;
import static io.openloop.ledger.command.proof.ProofFixtures.PROOF;
import static io.openloop.ledger.command.proof.ProofFixtures.TASK;
import static io.openloop.ledger.command.proof.ProofFixtures.evidenced;
import static io.openloop.ledger.command.proof.StoredEvents.CALLER;
import static io.openloop.ledger.command.proof.StoredEvents.PUBLISHER;
import static io.openloop.ledger.command.proof.StoredEvents.requested;
import static io.openloop.ledger.command.proof.StoredEvents.simulated;
import static io.openloop.ledger.command.proof.StoredEvents.succeeded;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.openloop.ledger.messages.ErrorCode;
import io.openloop.ledger.messages.ExecutionMode;
import io.openloop.ledger.messages.LedgerException;
import io.openloop.ledger.messages.invocation.InvocationFailedEvent;
import io.openloop.ledger.messages.invocation.InvocationSucceededEvent;
import io.openloop.ledger.messages.proof.CheckProofAgainstRecordsCommand;
import io.openloop.ledger.messages.proof.ProofAttachedEvent;
import io.openloop.ledger.messages.proof.ProofSubjectType;
import io.openloop.ledger.messages.proof.VerificationLevel;
import java.time.Duration;
import java.util.List;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.test.utils.RecordingCommandBus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The platform checks run on an invocation's success and on a late proof, against an in-memory event store. */
class ProofRecordChecksTest {

    private static final String SECOND_PROOF = "prf_01JE9Z4R8QZ4V2M1T6C3N5B7XM";

    private StoredEvents events;
    private RecordingCommandBus bus;
    private ProofRecordChecks checks;

    @BeforeEach
    void setUp() {
        events = new StoredEvents();
        bus = new RecordingCommandBus();
        checks = new ProofRecordChecks(
                DefaultCommandGateway.builder().commandBus(bus).build(), events.store, Duration.ofMinutes(5));
    }

    private static ProofAttachedEvent attached(String proofId, String submitter) {
        return new ProofAttachedEvent(
                proofId, ProofSubjectType.INVOCATION, INVOCATION, submitter, evidenced(), VerificationLevel.V1, NOW);
    }

    private void storeProof(String proofId, String submitter) {
        events.append("Proof", proofId, attached(proofId, submitter));
    }

    private List<String> checkedProofIds() {
        return bus.getDispatchedCommands().stream()
                .map(CommandMessage::getPayload)
                .map(CheckProofAgainstRecordsCommand.class::cast)
                .map(CheckProofAgainstRecordsCommand::proofId)
                .toList();
    }

    private InvocationSucceededEvent storeSuccess(List<String> proofIds) {
        InvocationSucceededEvent success = succeeded(INVOCATION, proofIds);
        events.append("Invocation", INVOCATION, requested(INVOCATION, ExecutionMode.AUTOPILOT), success);
        return success;
    }

    @Test
    void successChecksEveryListedProof() {
        storeProof(PROOF, PUBLISHER);
        storeProof(SECOND_PROOF, PUBLISHER);
        InvocationSucceededEvent success = storeSuccess(List.of(PROOF, SECOND_PROOF));

        checks.on(success);

        assertThat(checkedProofIds()).containsExactly(PROOF, SECOND_PROOF);
    }

    @Test
    void checkCommandNamesWhatWasCompared() {
        storeProof(PROOF, PUBLISHER);
        InvocationSucceededEvent success = storeSuccess(List.of(PROOF));

        checks.on(success);

        CheckProofAgainstRecordsCommand command = (CheckProofAgainstRecordsCommand)
                bus.getDispatchedCommands().get(0).getPayload();
        assertThat(command.detail()).contains(INVOCATION).contains("publisher " + PUBLISHER);
    }

    @Test
    void successSkipsProofThatFailsCheck() {
        storeProof(PROOF, CALLER);
        storeProof(SECOND_PROOF, PUBLISHER);
        InvocationSucceededEvent success = storeSuccess(List.of(PROOF, SECOND_PROOF));

        checks.on(success);

        assertThat(checkedProofIds()).containsExactly(SECOND_PROOF);
    }

    @Test
    void successWithoutProofsSendsNothing() {
        checks.on(storeSuccess(List.of()));

        assertThat(bus.getDispatchedCommands()).isEmpty();
    }

    @Test
    void listedProofMissingFromStoreSendsNothing() {
        checks.on(storeSuccess(List.of(PROOF)));

        assertThat(bus.getDispatchedCommands()).isEmpty();
    }

    @Test
    void proofAttachedAfterResultIsChecked() {
        storeSuccess(List.of());
        storeProof(PROOF, PUBLISHER);

        checks.on(attached(PROOF, PUBLISHER));

        assertThat(checkedProofIds()).containsExactly(PROOF);
    }

    @Test
    void proofAttachedBeforeResultWaits() {
        events.append("Invocation", INVOCATION, requested(INVOCATION, ExecutionMode.AUTOPILOT));
        storeProof(PROOF, PUBLISHER);

        checks.on(attached(PROOF, PUBLISHER));

        assertThat(bus.getDispatchedCommands()).isEmpty();
    }

    @Test
    void listedProofLeftToSuccessHandler() {
        storeProof(PROOF, PUBLISHER);
        storeSuccess(List.of(PROOF));

        checks.on(attached(PROOF, PUBLISHER));

        assertThat(bus.getDispatchedCommands()).isEmpty();
    }

    @Test
    void proofOfFailedInvocationSendsNothing() {
        events.append(
                "Invocation",
                INVOCATION,
                requested(INVOCATION, ExecutionMode.AUTOPILOT),
                new InvocationFailedEvent(INVOCATION, CALLER, PUBLISHER, null, "upstream timed out", NOW));
        storeProof(PROOF, PUBLISHER);

        checks.on(attached(PROOF, PUBLISHER));

        assertThat(bus.getDispatchedCommands()).isEmpty();
    }

    @Test
    void proofOfSandboxRunSendsNothing() {
        events.append(
                "Invocation",
                INVOCATION,
                requested(INVOCATION, ExecutionMode.SANDBOX),
                simulated(INVOCATION, List.of()));
        storeProof(PROOF, PUBLISHER);

        checks.on(attached(PROOF, PUBLISHER));

        assertThat(bus.getDispatchedCommands()).isEmpty();
    }

    @Test
    void sandboxResultIsNotHandled() throws Exception {
        storeProof(PROOF, PUBLISHER);
        events.append(
                "Invocation",
                INVOCATION,
                requested(INVOCATION, ExecutionMode.SANDBOX),
                simulated(INVOCATION, List.of(PROOF)));

        AnnotationEventHandlerAdapter adapter = new AnnotationEventHandlerAdapter(checks);
        adapter.handle(GenericEventMessage.asEventMessage(simulated(INVOCATION, List.of(PROOF))));

        assertThat(bus.getDispatchedCommands()).isEmpty();
    }

    @Test
    void taskProofIsIgnored() {
        ProofAttachedEvent taskProof = new ProofAttachedEvent(
                PROOF, ProofSubjectType.TASK, TASK, PUBLISHER, evidenced(), VerificationLevel.V1, NOW);

        checks.on(taskProof);

        assertThat(bus.getDispatchedCommands()).isEmpty();
    }

    @Test
    void invalidStateRejectionIsSkipped() {
        bus.setCallbackBehavior((command, metaData) -> {
            throw new CommandExecutionException(
                    "task proof", null, new LedgerException(ErrorCode.INVALID_STATE, "task proof"));
        });
        storeProof(PROOF, PUBLISHER);
        storeProof(SECOND_PROOF, PUBLISHER);

        checks.on(storeSuccess(List.of(PROOF, SECOND_PROOF)));

        assertThat(checkedProofIds()).containsExactly(PROOF, SECOND_PROOF);
    }

    @Test
    void otherFailurePropagates() {
        bus.setCallbackBehavior((command, metaData) -> {
            throw new IllegalStateException("store unavailable");
        });
        storeProof(PROOF, PUBLISHER);
        InvocationSucceededEvent success = storeSuccess(List.of(PROOF));

        assertThatThrownBy(() -> checks.on(success)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void checksAreNeverReplayed() {
        assertThat(new AnnotationEventHandlerAdapter(checks).supportsReset()).isFalse();
    }
}
