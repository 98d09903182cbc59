package io.openloop.ledger.command.invocation;

import static io.openloop.ledger.command.invocation.InvocationFixtures.INVOCATION;
import static io.openloop.ledger.command.invocation.InvocationFixtures.LOOP;
import static io.openloop.ledger.command.invocation.InvocationFixtures.NOW;
import static io.openloop.ledger.command.invocation.InvocationFixtures.OUTPUT;
import static io.openloop.ledger.command.invocation.InvocationFixtures.OWNER;
import static io.openloop.ledger.command.invocation.InvocationFixtures.PUBLISHER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.openloop.ledger.messages.ErrorCode;
import io.openloop.ledger.messages.LedgerException;
import io.openloop.ledger.messages.credit.CaptureHoldCommand;
import io.openloop.ledger.messages.credit.CreditAccounts;
import io.openloop.ledger.messages.credit.ReleaseHoldCommand;
import io.openloop.ledger.messages.invocation.InvocationExpiredEvent;
import io.openloop.ledger.messages.invocation.InvocationFailedEvent;
import io.openloop.ledger.messages.invocation.InvocationRejectedEvent;
import io.openloop.ledger.messages.invocation.InvocationSimulatedEvent;
import io.openloop.ledger.messages.invocation.InvocationStatus;
import io.openloop.ledger.messages.invocation.InvocationSucceededEvent;
import java.util.List;
import java.util.Map;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.test.utils.RecordingCommandBus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The settlement's commands for each end of an invocation, and how it handles their rejections. */
class InvocationSettlementTest {

    private static final String ACCOUNT = CreditAccounts.accountIdOf(LOOP);
    private static final String PUBLISHER_ACCOUNT = CreditAccounts.accountIdOf(PUBLISHER);

    private RecordingCommandBus bus;
    private InvocationSettlement settlement;

    @BeforeEach
    void setUp() {
        bus = new RecordingCommandBus();
        settlement = new InvocationSettlement(
                DefaultCommandGateway.builder().commandBus(bus).build());
    }

    private List<Object> sent() {
        return bus.getDispatchedCommands().stream()
                .map(CommandMessage::getPayload)
                .map(Object.class::cast)
                .toList();
    }

    private static InvocationSucceededEvent succeeded(String holdId) {
        return new InvocationSucceededEvent(INVOCATION, LOOP, PUBLISHER, holdId, 25, OUTPUT, List.of(), NOW);
    }

    private static InvocationFailedEvent failed(String holdId) {
        return new InvocationFailedEvent(INVOCATION, LOOP, PUBLISHER, holdId, "upstream timed out", NOW);
    }

    private static LedgerException resolvedHold() {
        return new LedgerException(
                ErrorCode.INVALID_STATE, "hold already captured", Map.of("currentState", "captured"));
    }

    @Test
    void successCapturesChargeForPublisher() {
        settlement.on(succeeded(INVOCATION));

        assertThat(sent()).containsExactly(new CaptureHoldCommand(ACCOUNT, INVOCATION, 25, PUBLISHER_ACCOUNT));
    }

    @Test
    void failureReleasesHold() {
        settlement.on(failed(INVOCATION));

        assertThat(sent()).containsExactly(new ReleaseHoldCommand(ACCOUNT, INVOCATION, "invocation failed"));
    }

    @Test
    void rejectionReleasesHold() {
        settlement.on(new InvocationRejectedEvent(INVOCATION, LOOP, INVOCATION, OWNER, null, "no", NOW));

        assertThat(sent())
                .containsExactly(new ReleaseHoldCommand(ACCOUNT, INVOCATION, "invocation rejected by an owner"));
    }

    @Test
    void expiryReleasesHold() {
        settlement.on(new InvocationExpiredEvent(INVOCATION, LOOP, INVOCATION, InvocationStatus.PENDING, NOW));

        assertThat(sent()).containsExactly(new ReleaseHoldCommand(ACCOUNT, INVOCATION, "invocation expired"));
    }

    @Test
    void successWithoutHoldSendsNothing() {
        settlement.on(succeeded(null));

        assertThat(sent()).isEmpty();
    }

    @Test
    void failureWithoutHoldSendsNothing() {
        settlement.on(failed(null));

        assertThat(sent()).isEmpty();
    }

    @Test
    void expiryWithoutHoldSendsNothing() {
        settlement.on(new InvocationExpiredEvent(INVOCATION, LOOP, null, InvocationStatus.AWAITING_APPROVAL, NOW));

        assertThat(sent()).isEmpty();
    }

    @Test
    void sandboxRunSendsNothing() throws Exception {
        InvocationSimulatedEvent simulated =
                new InvocationSimulatedEvent(INVOCATION, LOOP, PUBLISHER, true, OUTPUT, null, List.of(), NOW);

        new AnnotationEventHandlerAdapter(settlement).handle(GenericEventMessage.asEventMessage(simulated));

        assertThat(sent()).isEmpty();
    }

    @Test
    void settlementIsNeverReplayed() {
        assertThat(new AnnotationEventHandlerAdapter(settlement).supportsReset())
                .isFalse();
    }

    @Test
    void alreadyCapturedHoldIsSkipped() {
        bus.setCallbackBehavior((command, metaData) -> {
            throw resolvedHold();
        });

        settlement.on(succeeded(INVOCATION));

        assertThat(sent()).hasSize(1);
    }

    @Test
    void alreadyReleasedHoldIsSkipped() {
        bus.setCallbackBehavior((command, metaData) -> {
            throw resolvedHold();
        });

        settlement.on(failed(INVOCATION));

        assertThat(sent()).hasSize(1);
    }

    @Test
    void invalidStateInRemoteDetailsIsSkipped() {
        bus.setCallbackBehavior((command, metaData) -> {
            throw new CommandExecutionException("hold already resolved", null, resolvedHold());
        });

        settlement.on(failed(INVOCATION));

        assertThat(sent()).hasSize(1);
    }

    @Test
    void otherLedgerErrorPropagates() {
        bus.setCallbackBehavior((command, metaData) -> {
            throw new LedgerException(ErrorCode.NOT_FOUND, "account not found");
        });

        assertThatThrownBy(() -> settlement.on(succeeded(INVOCATION)))
                .isInstanceOf(LedgerException.class)
                .extracting(error -> ((LedgerException) error).code())
                .isEqualTo(ErrorCode.NOT_FOUND);
    }

    @Test
    void rejectedCommandIsSkippedNotRetried() {
        bus.setCallbackBehavior((command, metaData) -> {
            throw new LedgerException(ErrorCode.VALIDATION_FAILED, "payee is the paying account");
        });

        settlement.on(succeeded(INVOCATION));

        assertThat(bus.getDispatchedCommands()).hasSize(1);
    }

    @Test
    void infrastructureFailurePropagates() {
        bus.setCallbackBehavior((command, metaData) -> {
            throw new IllegalStateException("store unavailable");
        });

        assertThatThrownBy(() -> settlement.on(failed(INVOCATION))).isInstanceOf(IllegalStateException.class);
    }
}
