package io.openloop.ledger.command.proof;

import static io.openloop.ledger.command.proof.ProofFixtures.COUNTERPARTY;
import static io.openloop.ledger.command.proof.ProofFixtures.NOW;
import static io.openloop.ledger.command.proof.ProofFixtures.PROOF;
import static io.openloop.ledger.command.proof.ProofFixtures.SUBMITTER;
import static io.openloop.ledger.command.proof.ProofFixtures.TASK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.openloop.ledger.messages.ErrorCode;
import io.openloop.ledger.messages.LedgerException;
import io.openloop.ledger.messages.proof.DisputeProofCommand;
import io.openloop.ledger.messages.proof.MarkProofSettledCommand;
import io.openloop.ledger.messages.task.TaskCompletedEvent;
import io.openloop.ledger.messages.task.TaskDisputedEvent;
import io.openloop.ledger.messages.task.TaskSettledEvent;
import io.openloop.ledger.messages.task.TaskState;
import java.util.List;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.test.utils.RecordingCommandBus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A task's settlement and dispute carried to the proofs of its completion. */
class TaskProofLevelsTest {

    private static final String SECOND_PROOF = "prf_01JE9Z4R8QZ4V2M1T6C3N5B7XM";
    private static final String REQUESTER = COUNTERPARTY;
    private static final String BUSINESS = SUBMITTER;
    private static final String HOLD = "hold-1";

    private StoredEvents events;
    private RecordingCommandBus bus;
    private TaskProofLevels levels;

    @BeforeEach
    void setUp() {
        events = new StoredEvents();
        bus = new RecordingCommandBus();
        levels = new TaskProofLevels(
                DefaultCommandGateway.builder().commandBus(bus).build(), events.store);
    }

    private List<Object> sent() {
        return bus.getDispatchedCommands().stream()
                .map(CommandMessage::getPayload)
                .map(Object.class::cast)
                .toList();
    }

    private void storeCompletion(List<String> proofIds) {
        events.append(
                "Task",
                TASK,
                new TaskCompletedEvent(TASK, "msg_1", REQUESTER, BUSINESS, null, proofIds, 500, HOLD, NOW));
    }

    private static TaskSettledEvent settled() {
        return new TaskSettledEvent(TASK, REQUESTER, BUSINESS, HOLD, 500, NOW);
    }

    private static TaskDisputedEvent disputed() {
        return new TaskDisputedEvent(TASK, "msg_2", REQUESTER, BUSINESS, TaskState.SETTLED, "quote was wrong", NOW);
    }

    @Test
    void settlementMarksEveryProofSettled() {
        storeCompletion(List.of(PROOF, SECOND_PROOF));

        levels.on(settled());

        assertThat(sent())
                .containsExactly(
                        new MarkProofSettledCommand(PROOF, TASK), new MarkProofSettledCommand(SECOND_PROOF, TASK));
    }

    @Test
    void freeSettlementRaisesNothing() {
        storeCompletion(List.of(PROOF));

        levels.on(new TaskSettledEvent(TASK, REQUESTER, BUSINESS, null, 0, NOW));

        assertThat(sent()).isEmpty();
    }

    @Test
    void disputeDisputesEveryProofByRequester() {
        storeCompletion(List.of(PROOF, SECOND_PROOF));

        levels.on(disputed());

        assertThat(sent())
                .containsExactly(
                        new DisputeProofCommand(PROOF, REQUESTER, "quote was wrong"),
                        new DisputeProofCommand(SECOND_PROOF, REQUESTER, "quote was wrong"));
    }

    @Test
    void taskWithoutCompletionSendsNothing() {
        levels.on(settled());

        assertThat(sent()).isEmpty();
    }

    @Test
    void invalidStateRejectionIsSkipped() {
        bus.setCallbackBehavior((command, metaData) -> {
            throw new LedgerException(ErrorCode.INVALID_STATE, "invocation proof");
        });
        storeCompletion(List.of(PROOF, SECOND_PROOF));

        levels.on(settled());

        assertThat(sent()).hasSize(2);
    }

    @Test
    void otherFailurePropagates() {
        bus.setCallbackBehavior((command, metaData) -> {
            throw new LedgerException(ErrorCode.NOT_FOUND, "proof not found");
        });
        storeCompletion(List.of(PROOF));

        assertThatThrownBy(() -> levels.on(disputed()))
                .isInstanceOf(LedgerException.class)
                .extracting(error -> ((LedgerException) error).code())
                .isEqualTo(ErrorCode.NOT_FOUND);
    }

    @Test
    void levelsAreNeverReplayed() {
        assertThat(new AnnotationEventHandlerAdapter(levels).supportsReset()).isFalse();
    }
}
