package io.openloop.ledger.command.task;

import static io.openloop.ledger.command.task.TaskFixtures.BUSINESS;
import static io.openloop.ledger.command.task.TaskFixtures.HOLD;
import static io.openloop.ledger.command.task.TaskFixtures.NOW;
import static io.openloop.ledger.command.task.TaskFixtures.PRICE;
import static io.openloop.ledger.command.task.TaskFixtures.REQUESTER;
import static io.openloop.ledger.command.task.TaskFixtures.TASK;
import static io.openloop.ledger.command.task.TaskFixtures.accepted;
import static io.openloop.ledger.command.task.TaskFixtures.completed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.openloop.ledger.messages.ErrorCode;
import io.openloop.ledger.messages.LedgerException;
import io.openloop.ledger.messages.credit.CaptureHoldCommand;
import io.openloop.ledger.messages.credit.CreditAccounts;
import io.openloop.ledger.messages.credit.CreditsReceivedEvent;
import io.openloop.ledger.messages.credit.ReleaseHoldCommand;
import io.openloop.ledger.messages.credit.TransferCreditsCommand;
import io.openloop.ledger.messages.task.DisputeResolution;
import io.openloop.ledger.messages.task.DisputeResolvedEvent;
import io.openloop.ledger.messages.task.MarkTaskSettledCommand;
import io.openloop.ledger.messages.task.TaskCancelledEvent;
import io.openloop.ledger.messages.task.TaskExpiredEvent;
import io.openloop.ledger.messages.task.TaskFailedEvent;
import io.openloop.ledger.messages.task.TaskState;
import java.util.List;
import java.util.Map;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.test.AxonAssertionError;
import org.axonframework.test.saga.FixtureExecutionResult;
import org.axonframework.test.saga.SagaTestFixture;
import org.axonframework.test.utils.RecordingCommandBus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The task settlement saga's steps, and the refund handler of disputes resolved REFUNDED. */
class TaskSettlementTest {

    private static final String REQUESTER_ACCOUNT = CreditAccounts.accountIdOf(REQUESTER);
    private static final String BUSINESS_ACCOUNT = CreditAccounts.accountIdOf(BUSINESS);

    private SagaTestFixture<TaskSettlement> fixture;

    @BeforeEach
    void setUp() {
        fixture = new SagaTestFixture<>(TaskSettlement.class);
    }

    private static CreditsReceivedEvent received(String accountId) {
        return new CreditsReceivedEvent(accountId, HOLD, REQUESTER_ACCOUNT, PRICE, 1_300, NOW);
    }

    private static LedgerException rejected(ErrorCode code) {
        return new LedgerException(code, "rejected", Map.of());
    }

    @Test
    void acceptanceWithHoldStartsSettlement() {
        fixture.givenNoPriorActivity()
                .whenPublishingA(accepted(PRICE, HOLD))
                .expectActiveSagas(1)
                .expectAssociationWith("taskId", TASK)
                .expectAssociationWith(TaskSettlement.HOLD_ID, HOLD)
                .expectNoDispatchedCommands();
    }

    @Test
    void freeOfferStartsNoSettlement() {
        fixture.givenNoPriorActivity()
                .whenPublishingA(accepted(0, null))
                .expectActiveSagas(0)
                .expectNoDispatchedCommands();
    }

    @Test
    void completionCapturesHoldForBusiness() {
        fixture.givenAPublished(accepted(PRICE, HOLD))
                .whenPublishingA(completed(PRICE, HOLD))
                .expectActiveSagas(1)
                .expectDispatchedCommands(new CaptureHoldCommand(REQUESTER_ACCOUNT, HOLD, PRICE, BUSINESS_ACCOUNT));
    }

    @Test
    void receiptOnBusinessAccountSettlesTask() {
        fixture.givenAPublished(accepted(PRICE, HOLD))
                .andThenAPublished(completed(PRICE, HOLD))
                .whenPublishingA(received(BUSINESS_ACCOUNT))
                .expectActiveSagas(0)
                .expectDispatchedCommands(new MarkTaskSettledCommand(TASK, HOLD, PRICE));
    }

    @Test
    void receiptOnOtherAccountIsIgnored() {
        fixture.givenAPublished(accepted(PRICE, HOLD))
                .andThenAPublished(completed(PRICE, HOLD))
                .whenPublishingA(received(REQUESTER_ACCOUNT))
                .expectActiveSagas(1)
                .expectNoDispatchedCommands();
    }

    @Test
    void failureReleasesHold() {
        fixture.givenAPublished(accepted(PRICE, HOLD))
                .whenPublishingA(new TaskFailedEvent(TASK, "msg_fail", REQUESTER, BUSINESS, "no access", HOLD, NOW))
                .expectActiveSagas(0)
                .expectDispatchedCommands(new ReleaseHoldCommand(REQUESTER_ACCOUNT, HOLD, "task failed"));
    }

    @Test
    void cancellationReleasesHold() {
        TaskCancelledEvent cancelled = new TaskCancelledEvent(
                TASK, "msg_cancel", REQUESTER, BUSINESS, REQUESTER, TaskState.ACCEPTED, null, HOLD, NOW);

        fixture.givenAPublished(accepted(PRICE, HOLD))
                .whenPublishingA(cancelled)
                .expectActiveSagas(0)
                .expectDispatchedCommands(new ReleaseHoldCommand(REQUESTER_ACCOUNT, HOLD, "task cancelled"));
    }

    @Test
    void expiryReleasesHold() {
        fixture.givenAPublished(accepted(PRICE, HOLD))
                .whenPublishingA(new TaskExpiredEvent(TASK, REQUESTER, BUSINESS, TaskState.IN_PROGRESS, HOLD, NOW))
                .expectActiveSagas(0)
                .expectDispatchedCommands(new ReleaseHoldCommand(REQUESTER_ACCOUNT, HOLD, "task expired"));
    }

    @Test
    void cancellationBeforeAcceptanceSendsNothing() {
        TaskCancelledEvent cancelled = new TaskCancelledEvent(
                TASK, "msg_cancel", REQUESTER, BUSINESS, REQUESTER, TaskState.OFFERED, null, null, NOW);

        fixture.givenNoPriorActivity()
                .whenPublishingA(cancelled)
                .expectActiveSagas(0)
                .expectNoDispatchedCommands();
    }

    @Test
    void resolvedHoldIsSkipped() {
        fixture.setCallbackBehavior((command, metaData) -> {
            throw rejected(ErrorCode.INVALID_STATE);
        });

        fixture.givenAPublished(accepted(PRICE, HOLD))
                .whenPublishingA(new TaskFailedEvent(TASK, "msg_fail", REQUESTER, BUSINESS, null, HOLD, NOW))
                .expectSuccessfulHandlerExecution()
                .expectActiveSagas(0);
    }

    @Test
    void otherFailurePropagates() {
        fixture.setCallbackBehavior((command, metaData) -> {
            throw rejected(ErrorCode.SERVICE_UNAVAILABLE);
        });

        FixtureExecutionResult result =
                fixture.givenAPublished(accepted(PRICE, HOLD)).whenPublishingA(completed(PRICE, HOLD));

        assertThatThrownBy(result::expectSuccessfulHandlerExecution).isInstanceOf(AxonAssertionError.class);
    }

    // refunds

    private static DisputeResolvedEvent resolved(DisputeResolution resolution, long amount) {
        String transferId = resolution == DisputeResolution.REFUNDED ? "refund_1" : null;
        return new DisputeResolvedEvent(TASK, REQUESTER, BUSINESS, resolution, "leaks", amount, transferId, NOW);
    }

    private static List<Object> refundsSent(RecordingCommandBus bus) {
        return bus.getDispatchedCommands().stream()
                .map(CommandMessage::getPayload)
                .map(Object.class::cast)
                .toList();
    }

    private static TaskRefunds refunds(RecordingCommandBus bus) {
        return new TaskRefunds(DefaultCommandGateway.builder().commandBus(bus).build());
    }

    @Test
    void refundTransfersPriceBack() {
        RecordingCommandBus bus = new RecordingCommandBus();

        refunds(bus).on(resolved(DisputeResolution.REFUNDED, PRICE));

        assertThat(refundsSent(bus))
                .containsExactly(new TransferCreditsCommand(
                        BUSINESS_ACCOUNT, "refund_1", REQUESTER_ACCOUNT, PRICE, "refund of task " + TASK));
    }

    @Test
    void dismissalSendsNothing() {
        RecordingCommandBus bus = new RecordingCommandBus();

        refunds(bus).on(resolved(DisputeResolution.DISMISSED, PRICE));

        assertThat(refundsSent(bus)).isEmpty();
    }

    @Test
    void freeTaskRefundSendsNothing() {
        RecordingCommandBus bus = new RecordingCommandBus();

        refunds(bus).on(resolved(DisputeResolution.REFUNDED, 0));

        assertThat(refundsSent(bus)).isEmpty();
    }

    @Test
    void appliedRefundIsSkipped() {
        RecordingCommandBus bus = new RecordingCommandBus();
        bus.setCallbackBehavior((command, metaData) -> {
            throw rejected(ErrorCode.INVALID_STATE);
        });

        refunds(bus).on(resolved(DisputeResolution.REFUNDED, PRICE));

        assertThat(refundsSent(bus)).hasSize(1);
    }

    @Test
    void insufficientCreditsIsSkipped() {
        RecordingCommandBus bus = new RecordingCommandBus();
        bus.setCallbackBehavior((command, metaData) -> {
            throw rejected(ErrorCode.INSUFFICIENT_CREDITS);
        });

        refunds(bus).on(resolved(DisputeResolution.REFUNDED, PRICE));

        assertThat(refundsSent(bus)).hasSize(1);
    }

    @Test
    void otherRefundFailurePropagates() {
        RecordingCommandBus bus = new RecordingCommandBus();
        bus.setCallbackBehavior((command, metaData) -> {
            throw rejected(ErrorCode.SERVICE_UNAVAILABLE);
        });
        TaskRefunds handler = refunds(bus);

        assertThatThrownBy(() -> handler.on(resolved(DisputeResolution.REFUNDED, PRICE)))
                .isInstanceOf(RuntimeException.class);
    }

    @Test
    void refundsAreNeverReplayed() {
        assertThat(new AnnotationEventHandlerAdapter(refunds(new RecordingCommandBus())).supportsReset())
                .isFalse();
    }
}
