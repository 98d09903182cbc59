package io.openloop.ledger.command.invocation;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.openloop.ledger.messages.ExecutionMode;
import io.openloop.ledger.messages.Ids;
import io.openloop.ledger.messages.invocation.ApproveInvocationCommand;
import io.openloop.ledger.messages.invocation.InvocationApprovalRequestedEvent;
import io.openloop.ledger.messages.invocation.InvocationApprovedEvent;
import io.openloop.ledger.messages.invocation.InvocationBlockedEvent;
import io.openloop.ledger.messages.invocation.InvocationDeniedEvent;
import io.openloop.ledger.messages.invocation.InvocationExpiredEvent;
import io.openloop.ledger.messages.invocation.InvocationFailedEvent;
import io.openloop.ledger.messages.invocation.InvocationQueuedEvent;
import io.openloop.ledger.messages.invocation.InvocationRejectedEvent;
import io.openloop.ledger.messages.invocation.InvocationRequestedEvent;
import io.openloop.ledger.messages.invocation.InvocationSimulatedEvent;
import io.openloop.ledger.messages.invocation.InvocationStatus;
import io.openloop.ledger.messages.invocation.InvocationSucceededEvent;
import io.openloop.ledger.messages.invocation.RejectInvocationCommand;
import io.openloop.ledger.messages.invocation.ReportInvocationResultCommand;
import io.openloop.ledger.messages.invocation.RequestInvocationCommand;
import io.openloop.ledger.messages.policy.PolicyDecision;
import io.openloop.ledger.messages.policy.PolicyEvaluation;
import java.time.Clock;
import java.time.Instant;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * One run of one tool version, from the policy decision through approval to the provider's result.
 *
 * <p>An invocation that waits for an approval or a result has an {@value #EXPIRY_DEADLINE} deadline at its {@code
 * expiresAt}. The deadline is cancelled when the invocation ends, and a deadline that fires after the end changes
 * nothing, so a deadline manager that fails to cancel cannot expire a finished invocation.
 */
@Aggregate
class Invocation {

    static final String EXPIRY_DEADLINE = "invocation-expiry";

    @AggregateIdentifier
    private String invocationId;

    private String loopId;
    private String publisherLoopId;
    private ExecutionMode executionMode;
    private InvocationStatus status;
    private long estimate;
    private String holdId;
    private Instant expiresAt;

    Invocation() {
        // Required by Axon to rebuild the aggregate from its events.
    }

    @CommandHandler
    Invocation(RequestInvocationCommand command, DeadlineManager deadlines, Clock clock) {
        Instant now = clock.instant();
        RequestRules.check(command, now);

        apply(requested(command, now));
        PolicyEvaluation policy = command.policy();
        if (policy.decision() == PolicyDecision.DENY) {
            apply(new InvocationDeniedEvent(
                    command.invocationId(), command.loopId(), policy.reasons(), policy.policyVersion(), now));
            return;
        }
        if (command.shortfall() != null) {
            apply(new InvocationBlockedEvent(
                    command.invocationId(),
                    command.loopId(),
                    command.shortfall().required(),
                    command.shortfall().available(),
                    now));
            return;
        }
        if (policy.decision() == PolicyDecision.REQUIRE_APPROVAL) {
            apply(new InvocationApprovalRequestedEvent(
                    command.invocationId(), command.loopId(), command.holdId(), policy.reasons(), now));
        } else {
            apply(new InvocationQueuedEvent(
                    command.invocationId(), command.loopId(), command.publisherLoopId(), command.holdId(), now));
        }

        // One deadline covers both waits: approval does not extend the time left for the result.
        deadlines.schedule(command.expiresAt(), EXPIRY_DEADLINE);
    }

    private static InvocationRequestedEvent requested(RequestInvocationCommand command, Instant now) {
        return new InvocationRequestedEvent(
                command.invocationId(),
                command.loopId(),
                command.keyId(),
                command.toolId(),
                command.toolName(),
                command.version(),
                command.publisherLoopId(),
                command.executionMode(),
                command.riskLevel(),
                command.expectedProofs(),
                command.input(),
                command.taskId(),
                command.policy(),
                command.estimate(),
                command.expiresAt(),
                now);
    }

    @CommandHandler
    void handle(ApproveInvocationCommand command, Clock clock) {
        requireStatus(InvocationStatus.AWAITING_APPROVAL, "be approved");
        Instant now = clock.instant();
        requireBeforeExpiry(now, "be approved");
        RequestRules.requireId(command.approvedByLoopId(), Ids.LOOP, "approvedByLoopId");

        apply(new InvocationApprovedEvent(
                invocationId, loopId, publisherLoopId, command.approvedByLoopId(), command.approvedByKeyId(), now));
    }

    @CommandHandler
    void handle(RejectInvocationCommand command, DeadlineManager deadlines, Clock clock) {
        requireStatus(InvocationStatus.AWAITING_APPROVAL, "be rejected");
        RequestRules.requireId(command.rejectedByLoopId(), Ids.LOOP, "rejectedByLoopId");
        String reason = ResultRules.reason(command.reason());

        apply(new InvocationRejectedEvent(
                invocationId,
                loopId,
                holdId,
                command.rejectedByLoopId(),
                command.rejectedByKeyId(),
                reason,
                clock.instant()));
        deadlines.cancelAllWithinScope(EXPIRY_DEADLINE);
    }

    @CommandHandler
    void handle(ReportInvocationResultCommand command, DeadlineManager deadlines, Clock clock) {
        // The publisher check comes first, so another loop learns nothing about the invocation, not even its state.
        if (!publisherLoopId.equals(command.reporterLoopId())) {
            throw InvocationErrors.notFound(invocationId);
        }
        requireStatus(InvocationStatus.PENDING, "take a result");
        Instant now = clock.instant();
        requireBeforeExpiry(now, "take a result");
        String error = command.succeeded() ? null : ResultRules.error(command.error());
        ExactNumbers.check(command.output(), "output");

        if (!executionMode.isLive()) {
            apply(new InvocationSimulatedEvent(
                    invocationId,
                    loopId,
                    publisherLoopId,
                    command.succeeded(),
                    command.output(),
                    error,
                    command.proofIds(),
                    now));
        } else if (command.succeeded()) {
            ResultRules.checkCharge(command.charged(), estimate);
            apply(new InvocationSucceededEvent(
                    invocationId,
                    loopId,
                    publisherLoopId,
                    holdId,
                    command.charged(),
                    command.output(),
                    command.proofIds(),
                    now));
        } else {
            apply(new InvocationFailedEvent(invocationId, loopId, publisherLoopId, holdId, error, now));
        }
        deadlines.cancelAllWithinScope(EXPIRY_DEADLINE);
    }

    @DeadlineHandler(deadlineName = EXPIRY_DEADLINE)
    void expire() {
        if (status != InvocationStatus.AWAITING_APPROVAL && status != InvocationStatus.PENDING) {
            return;
        }

        // The invocation expired at its deadline, however late the deadline manager delivered it.
        apply(new InvocationExpiredEvent(invocationId, loopId, holdId, status, expiresAt));
    }

    /**
     * Rejects a command at or after {@code expiresAt}, even before the deadline fires, for example while a restarted
     * deadline manager catches up. By then the hold may already have expired on the credit side.
     */
    private void requireBeforeExpiry(Instant now, String action) {
        if (!now.isBefore(expiresAt)) {
            throw InvocationErrors.expired(invocationId, expiresAt, action);
        }
    }

    private void requireStatus(InvocationStatus expected, String action) {
        if (status != expected) {
            throw InvocationErrors.invalidState(invocationId, status, action);
        }
    }

    @EventSourcingHandler
    void on(InvocationRequestedEvent event) {
        invocationId = event.invocationId();
        loopId = event.loopId();
        publisherLoopId = event.publisherLoopId();
        executionMode = event.executionMode();
        estimate = event.estimate();
        expiresAt = event.expiresAt();
        status = InvocationStatus.REQUESTED;
    }

    @EventSourcingHandler
    void on(InvocationDeniedEvent event) {
        status = InvocationStatus.DENIED;
    }

    @EventSourcingHandler
    void on(InvocationBlockedEvent event) {
        status = InvocationStatus.BLOCKED;
    }

    @EventSourcingHandler
    void on(InvocationApprovalRequestedEvent event) {
        holdId = event.holdId();
        status = InvocationStatus.AWAITING_APPROVAL;
    }

    @EventSourcingHandler
    void on(InvocationQueuedEvent event) {
        holdId = event.holdId();
        status = InvocationStatus.PENDING;
    }

    @EventSourcingHandler
    void on(InvocationApprovedEvent event) {
        status = InvocationStatus.PENDING;
    }

    @EventSourcingHandler
    void on(InvocationRejectedEvent event) {
        status = InvocationStatus.REJECTED;
    }

    @EventSourcingHandler
    void on(InvocationSimulatedEvent event) {
        status = InvocationStatus.SIMULATED;
    }

    @EventSourcingHandler
    void on(InvocationSucceededEvent event) {
        status = InvocationStatus.SUCCEEDED;
    }

    @EventSourcingHandler
    void on(InvocationFailedEvent event) {
        status = InvocationStatus.FAILED;
    }

    @EventSourcingHandler
    void on(InvocationExpiredEvent event) {
        status = InvocationStatus.EXPIRED;
    }
}
