package io.openloop.ledger.command.invocation;

import static io.openloop.ledger.command.invocation.InvocationFixtures.ESTIMATE;
import static io.openloop.ledger.command.invocation.InvocationFixtures.EXPIRES_AT;
import static io.openloop.ledger.command.invocation.InvocationFixtures.INVOCATION;
import static io.openloop.ledger.command.invocation.InvocationFixtures.KEY;
import static io.openloop.ledger.command.invocation.InvocationFixtures.LOOP;
import static io.openloop.ledger.command.invocation.InvocationFixtures.NOW;
import static io.openloop.ledger.command.invocation.InvocationFixtures.OUTPUT;
import static io.openloop.ledger.command.invocation.InvocationFixtures.OWNER;
import static io.openloop.ledger.command.invocation.InvocationFixtures.PUBLISHER;
import static io.openloop.ledger.command.invocation.InvocationFixtures.approvalRequested;
import static io.openloop.ledger.command.invocation.InvocationFixtures.policy;
import static io.openloop.ledger.command.invocation.InvocationFixtures.queued;
import static io.openloop.ledger.command.invocation.InvocationFixtures.rejection;
import static io.openloop.ledger.command.invocation.InvocationFixtures.request;
import static io.openloop.ledger.command.invocation.InvocationFixtures.requested;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.openloop.ledger.messages.ErrorCode;
import io.openloop.ledger.messages.ExecutionMode;
import io.openloop.ledger.messages.LedgerException;
import io.openloop.ledger.messages.invocation.ApproveInvocationCommand;
import io.openloop.ledger.messages.invocation.CreditShortfall;
import io.openloop.ledger.messages.invocation.InvocationApprovedEvent;
import io.openloop.ledger.messages.invocation.InvocationBlockedEvent;
import io.openloop.ledger.messages.invocation.InvocationDeniedEvent;
import io.openloop.ledger.messages.invocation.InvocationExpiredEvent;
import io.openloop.ledger.messages.invocation.InvocationFailedEvent;
import io.openloop.ledger.messages.invocation.InvocationRejectedEvent;
import io.openloop.ledger.messages.invocation.InvocationRequestedEvent;
import io.openloop.ledger.messages.invocation.InvocationSimulatedEvent;
import io.openloop.ledger.messages.invocation.InvocationStatus;
import io.openloop.ledger.messages.invocation.InvocationSucceededEvent;
import io.openloop.ledger.messages.invocation.RejectInvocationCommand;
import io.openloop.ledger.messages.invocation.ReportInvocationResultCommand;
import io.openloop.ledger.messages.invocation.RequestInvocationCommand;
import io.openloop.ledger.messages.policy.PolicyDecision;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.aggregate.TestExecutor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every transition of the Invocation aggregate, its rejections and its expiry deadline. */
class InvocationTest {

    private FixtureConfiguration<Invocation> fixture;

    @BeforeEach
    void setUp() {
        fixture = InvocationFixtures.fixture();
    }

    private TestExecutor<Invocation> givenPending() {
        return fixture.given(requested(ExecutionMode.AUTOPILOT, PolicyDecision.ALLOW), queued(INVOCATION));
    }

    private TestExecutor<Invocation> givenAwaitingApproval() {
        return fixture.given(requested(ExecutionMode.GUIDED, PolicyDecision.REQUIRE_APPROVAL), approvalRequested());
    }

    private static ReportInvocationResultCommand success(String reporter, long charged) {
        return new ReportInvocationResultCommand(INVOCATION, reporter, true, OUTPUT, null, charged, List.of("prf_1"));
    }

    private static ReportInvocationResultCommand failure(String error) {
        return new ReportInvocationResultCommand(INVOCATION, PUBLISHER, false, null, error, 0, List.of());
    }

    private static ApproveInvocationCommand approve() {
        return new ApproveInvocationCommand(INVOCATION, OWNER, KEY);
    }

    private static InvocationRequestedEvent requestedExpiringAt(
            ExecutionMode mode, PolicyDecision decision, Instant expiresAt) {
        InvocationRequestedEvent event = requested(mode, decision);
        return new InvocationRequestedEvent(
                event.invocationId(),
                event.loopId(),
                event.keyId(),
                event.toolId(),
                event.toolName(),
                event.version(),
                event.publisherLoopId(),
                event.executionMode(),
                event.riskLevel(),
                event.expectedProofs(),
                event.input(),
                event.taskId(),
                event.policy(),
                event.estimate(),
                expiresAt,
                event.requestedAt().minusSeconds(3600));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> fields(LedgerException error) {
        return (Map<String, String>) error.details().get("fields");
    }

    @Test
    void allowedRequestIsQueuedWithExpiry() {
        fixture.givenNoPriorActivity()
                .when(request(PolicyDecision.ALLOW))
                .expectEvents(requested(ExecutionMode.AUTOPILOT, PolicyDecision.ALLOW), queued(INVOCATION))
                .expectScheduledDeadlineWithName(EXPIRES_AT, Invocation.EXPIRY_DEADLINE);
    }

    @Test
    void approvalRequestAwaitsApprovalWithExpiry() {
        fixture.givenNoPriorActivity()
                .when(request(ExecutionMode.GUIDED, PolicyDecision.REQUIRE_APPROVAL, INVOCATION, null))
                .expectEvents(requested(ExecutionMode.GUIDED, PolicyDecision.REQUIRE_APPROVAL), approvalRequested())
                .expectScheduledDeadlineWithName(EXPIRES_AT, Invocation.EXPIRY_DEADLINE);
    }

    @Test
    void deniedRequestEndsWithoutDeadline() {
        fixture.givenNoPriorActivity()
                .when(request(ExecutionMode.AUTOPILOT, PolicyDecision.DENY, null, null))
                .expectEvents(
                        requested(ExecutionMode.AUTOPILOT, PolicyDecision.DENY),
                        new InvocationDeniedEvent(
                                INVOCATION, LOOP, policy(PolicyDecision.DENY).reasons(), 3, NOW))
                .expectNoScheduledDeadlines();
    }

    @Test
    void shortfallBlocksWithoutDeadline() {
        fixture.givenNoPriorActivity()
                .when(request(ExecutionMode.AUTOPILOT, PolicyDecision.ALLOW, null, new CreditShortfall(40, 7)))
                .expectEvents(
                        requested(ExecutionMode.AUTOPILOT, PolicyDecision.ALLOW),
                        new InvocationBlockedEvent(INVOCATION, LOOP, 40, 7, NOW))
                .expectNoScheduledDeadlines();
    }

    @Test
    void denialWinsOverShortfall() {
        fixture.givenNoPriorActivity()
                .when(request(ExecutionMode.AUTOPILOT, PolicyDecision.DENY, null, new CreditShortfall(40, 7)))
                .expectEvents(
                        requested(ExecutionMode.AUTOPILOT, PolicyDecision.DENY),
                        new InvocationDeniedEvent(
                                INVOCATION, LOOP, policy(PolicyDecision.DENY).reasons(), 3, NOW));
    }

    @Test
    void sandboxRequestWithHoldIsRejected() {
        LedgerException error = rejection(
                fixture.givenNoPriorActivity(), request(ExecutionMode.SANDBOX, PolicyDecision.ALLOW, INVOCATION, null));

        assertThat(error.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
        assertThat(fields(error)).containsKey("holdId");
    }

    @Test
    void liveRequestWithoutHoldIsRejected() {
        LedgerException error = rejection(
                fixture.givenNoPriorActivity(), request(ExecutionMode.AUTOPILOT, PolicyDecision.ALLOW, null, null));

        assertThat(error.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
        assertThat(fields(error)).containsKey("holdId");
    }

    @Test
    void holdOtherThanInvocationIdIsRejected() {
        String otherHold = "inv_01JE9Z4R8QZ4V2M1T6C3N5B7XZ";

        LedgerException error = rejection(
                fixture.givenNoPriorActivity(),
                request(ExecutionMode.AUTOPILOT, PolicyDecision.ALLOW, otherHold, null));

        assertThat(fields(error)).containsKey("holdId");
    }

    @Test
    void deniedRequestWithHoldIsRejected() {
        LedgerException error = rejection(
                fixture.givenNoPriorActivity(),
                request(ExecutionMode.AUTOPILOT, PolicyDecision.DENY, INVOCATION, null));

        assertThat(fields(error)).containsKey("holdId");
    }

    @Test
    void inputIntegerBeyondDoubleIsRejected() {
        ObjectNode input = JsonNodeFactory.instance.objectNode();
        input.putArray("ids").add(1).add(new BigInteger("9007199254740993"));
        RequestInvocationCommand original = request(PolicyDecision.ALLOW);
        RequestInvocationCommand command = new RequestInvocationCommand(
                original.invocationId(),
                original.loopId(),
                original.keyId(),
                original.toolId(),
                original.toolName(),
                original.version(),
                original.publisherLoopId(),
                original.executionMode(),
                original.riskLevel(),
                original.expectedProofs(),
                input,
                original.taskId(),
                original.policy(),
                original.estimate(),
                original.holdId(),
                original.shortfall(),
                original.expiresAt());

        LedgerException error = rejection(fixture.givenNoPriorActivity(), command);

        assertThat(error.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
        assertThat(fields(error)).containsKey("input.ids[1]");
    }

    @Test
    void outputDecimalBeyondDoubleIsRejected() {
        ObjectNode output =
                JsonNodeFactory.instance.objectNode().put("total", new BigDecimal("0.12345678901234567891"));

        LedgerException error = rejection(
                givenPending(),
                new ReportInvocationResultCommand(INVOCATION, PUBLISHER, true, output, null, 5, List.of()));

        assertThat(fields(error)).containsKey("output.total");
    }

    @Test
    void largestExactIntegerIsAccepted() {
        ObjectNode output = JsonNodeFactory.instance
                .objectNode()
                .put("id", 9_007_199_254_740_992L)
                .put("price", 0.1);

        givenPending()
                .when(new ReportInvocationResultCommand(INVOCATION, PUBLISHER, true, output, null, 5, List.of()))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void approvalMakesInvocationPending() {
        givenAwaitingApproval()
                .when(approve())
                .expectEvents(new InvocationApprovedEvent(INVOCATION, LOOP, PUBLISHER, OWNER, KEY, NOW));
    }

    @Test
    void rejectionEndsInvocationAndCancelsExpiry() {
        fixture.givenCommands(request(ExecutionMode.GUIDED, PolicyDecision.REQUIRE_APPROVAL, INVOCATION, null))
                .when(new RejectInvocationCommand(INVOCATION, OWNER, KEY, "  too pricey "))
                .expectEvents(new InvocationRejectedEvent(INVOCATION, LOOP, INVOCATION, OWNER, KEY, "too pricey", NOW))
                .expectNoScheduledDeadlines();
    }

    @Test
    void approvalWithoutApproverIsRejected() {
        LedgerException error = rejection(givenAwaitingApproval(), new ApproveInvocationCommand(INVOCATION, null, KEY));

        assertThat(error.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
        assertThat(fields(error)).containsKey("approvedByLoopId");
    }

    @Test
    void approvalOfPendingInvocationIsInvalidState() {
        LedgerException error = rejection(givenPending(), approve());

        assertThat(error.code()).isEqualTo(ErrorCode.INVALID_STATE);
        assertThat(error.details()).containsEntry("currentState", "PENDING");
    }

    @Test
    void rejectionOfPendingInvocationIsInvalidState() {
        LedgerException error = rejection(givenPending(), new RejectInvocationCommand(INVOCATION, OWNER, KEY, null));

        assertThat(error.code()).isEqualTo(ErrorCode.INVALID_STATE);
        assertThat(error.details()).containsEntry("currentState", "PENDING");
    }

    @Test
    void approvalAfterExpiryIsInvalidState() {
        TestExecutor<Invocation> expired = fixture.given(
                requested(ExecutionMode.GUIDED, PolicyDecision.REQUIRE_APPROVAL),
                approvalRequested(),
                new InvocationExpiredEvent(
                        INVOCATION, LOOP, INVOCATION, InvocationStatus.AWAITING_APPROVAL, EXPIRES_AT));

        LedgerException error = rejection(expired, approve());

        assertThat(error.code()).isEqualTo(ErrorCode.INVALID_STATE);
        assertThat(error.details()).containsEntry("currentState", "EXPIRED");
    }

    @Test
    void approvalPastExpiryBeforeDeadlineIsInvalidState() {
        TestExecutor<Invocation> overdue = fixture.given(
                requestedExpiringAt(ExecutionMode.GUIDED, PolicyDecision.REQUIRE_APPROVAL, NOW), approvalRequested());

        LedgerException error = rejection(overdue, approve());

        assertThat(error.code()).isEqualTo(ErrorCode.INVALID_STATE);
        assertThat(error.details()).containsEntry("currentState", "EXPIRED");
    }

    @Test
    void resultPastExpiryBeforeDeadlineIsInvalidState() {
        TestExecutor<Invocation> overdue = fixture.given(
                requestedExpiringAt(ExecutionMode.AUTOPILOT, PolicyDecision.ALLOW, NOW.minusSeconds(1)),
                queued(INVOCATION));

        LedgerException error = rejection(overdue, success(PUBLISHER, 5));

        assertThat(error.code()).isEqualTo(ErrorCode.INVALID_STATE);
        assertThat(error.details()).containsEntry("currentState", "EXPIRED");
    }

    @Test
    void rejectionPastExpiryIsAccepted() {
        fixture.given(
                        requestedExpiringAt(ExecutionMode.GUIDED, PolicyDecision.REQUIRE_APPROVAL, NOW),
                        approvalRequested())
                .when(new RejectInvocationCommand(INVOCATION, OWNER, KEY, null))
                .expectEvents(new InvocationRejectedEvent(INVOCATION, LOOP, INVOCATION, OWNER, KEY, null, NOW));
    }

    @Test
    void liveSuccessCapturesChargeAndCancelsExpiry() {
        fixture.givenCommands(request(PolicyDecision.ALLOW))
                .when(success(PUBLISHER, 25))
                .expectEvents(new InvocationSucceededEvent(
                        INVOCATION, LOOP, PUBLISHER, INVOCATION, 25, OUTPUT, List.of("prf_1"), NOW))
                .expectNoScheduledDeadlines();
    }

    @Test
    void chargeOfWholeEstimateIsAccepted() {
        givenPending()
                .when(success(PUBLISHER, ESTIMATE))
                .expectEvents(new InvocationSucceededEvent(
                        INVOCATION, LOOP, PUBLISHER, INVOCATION, ESTIMATE, OUTPUT, List.of("prf_1"), NOW));
    }

    @Test
    void chargeAboveEstimateIsRejected() {
        LedgerException error = rejection(givenPending(), success(PUBLISHER, ESTIMATE + 1));

        assertThat(error.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
        assertThat(fields(error)).containsKey("charged");
    }

    @Test
    void negativeChargeIsRejected() {
        LedgerException error = rejection(givenPending(), success(PUBLISHER, -1));

        assertThat(fields(error)).containsKey("charged");
    }

    @Test
    void liveFailureReleasesHold() {
        givenPending()
                .when(failure("upstream timed out"))
                .expectEvents(
                        new InvocationFailedEvent(INVOCATION, LOOP, PUBLISHER, INVOCATION, "upstream timed out", NOW));
    }

    @Test
    void failureWithoutErrorIsRejected() {
        LedgerException error = rejection(givenPending(), failure(" "));

        assertThat(fields(error)).containsKey("error");
    }

    @Test
    void resultByNonPublisherIsNotFound() {
        LedgerException error = rejection(givenPending(), success(OWNER, 10));

        assertThat(error.code()).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(error.details()).doesNotContainKey("currentState");
    }

    @Test
    void resultByNonPublisherHidesFinalState() {
        TestExecutor<Invocation> succeeded = fixture.given(
                requested(ExecutionMode.AUTOPILOT, PolicyDecision.ALLOW),
                queued(INVOCATION),
                new InvocationSucceededEvent(INVOCATION, LOOP, PUBLISHER, INVOCATION, 5, OUTPUT, List.of(), NOW));

        LedgerException error = rejection(succeeded, success(OWNER, 10));

        assertThat(error.code()).isEqualTo(ErrorCode.NOT_FOUND);
    }

    @Test
    void secondResultIsInvalidState() {
        TestExecutor<Invocation> succeeded = fixture.given(
                requested(ExecutionMode.AUTOPILOT, PolicyDecision.ALLOW),
                queued(INVOCATION),
                new InvocationSucceededEvent(INVOCATION, LOOP, PUBLISHER, INVOCATION, 5, OUTPUT, List.of(), NOW));

        LedgerException error = rejection(succeeded, success(PUBLISHER, 5));

        assertThat(error.code()).isEqualTo(ErrorCode.INVALID_STATE);
        assertThat(error.details()).containsEntry("currentState", "SUCCEEDED");
    }

    @Test
    void resultWhileAwaitingApprovalIsInvalidState() {
        LedgerException error = rejection(givenAwaitingApproval(), success(PUBLISHER, 5));

        assertThat(error.details()).containsEntry("currentState", "AWAITING_APPROVAL");
    }

    @Test
    void sandboxSuccessIsSimulatedAndIgnoresCharge() {
        fixture.given(requested(ExecutionMode.SANDBOX, PolicyDecision.ALLOW), queued(null))
                .when(success(PUBLISHER, ESTIMATE * 10))
                .expectEvents(new InvocationSimulatedEvent(
                        INVOCATION, LOOP, PUBLISHER, true, OUTPUT, null, List.of("prf_1"), NOW));
    }

    @Test
    void sandboxFailureIsSimulated() {
        fixture.given(requested(ExecutionMode.SANDBOX, PolicyDecision.ALLOW), queued(null))
                .when(failure("no such city"))
                .expectEvents(new InvocationSimulatedEvent(
                        INVOCATION, LOOP, PUBLISHER, false, null, "no such city", List.of(), NOW));
    }

    @Test
    void expiryFromAwaitingApproval() {
        fixture.givenCurrentTime(NOW)
                .andGivenCommands(request(ExecutionMode.GUIDED, PolicyDecision.REQUIRE_APPROVAL, INVOCATION, null))
                .whenTimeElapses(Duration.ofHours(2))
                .expectTriggeredDeadlinesWithName(Invocation.EXPIRY_DEADLINE)
                .expectEvents(new InvocationExpiredEvent(
                        INVOCATION, LOOP, INVOCATION, InvocationStatus.AWAITING_APPROVAL, EXPIRES_AT));
    }

    @Test
    void expiryFromPending() {
        fixture.givenCurrentTime(NOW)
                .andGivenCommands(request(PolicyDecision.ALLOW))
                .whenTimeElapses(Duration.ofHours(2))
                .expectEvents(
                        new InvocationExpiredEvent(INVOCATION, LOOP, INVOCATION, InvocationStatus.PENDING, EXPIRES_AT));
    }

    @Test
    void expiryAfterApprovalStillFires() {
        fixture.givenCurrentTime(NOW)
                .andGivenCommands(
                        request(ExecutionMode.GUIDED, PolicyDecision.REQUIRE_APPROVAL, INVOCATION, null), approve())
                .whenTimeElapses(Duration.ofHours(2))
                .expectEvents(
                        new InvocationExpiredEvent(INVOCATION, LOOP, INVOCATION, InvocationStatus.PENDING, EXPIRES_AT));
    }

    @Test
    void noExpiryBeforeDeadline() {
        fixture.givenCurrentTime(NOW)
                .andGivenCommands(request(PolicyDecision.ALLOW))
                .whenTimeElapses(Duration.ofMinutes(59))
                .expectNoEvents()
                .expectScheduledDeadlineWithName(Duration.ofMinutes(1), Invocation.EXPIRY_DEADLINE);
    }

    @Test
    void noExpiryAfterSuccess() {
        fixture.givenCurrentTime(NOW)
                .andGivenCommands(request(PolicyDecision.ALLOW), success(PUBLISHER, 5))
                .whenTimeElapses(Duration.ofHours(2))
                .expectNoEvents()
                .expectNoScheduledDeadlines();
    }
}
