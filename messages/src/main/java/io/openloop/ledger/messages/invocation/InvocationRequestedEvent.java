package io.openloop.ledger.messages.invocation;

import com.fasterxml.jackson.databind.JsonNode;
import io.openloop.ledger.messages.ExecutionMode;
import io.openloop.ledger.messages.RiskLevel;
import io.openloop.ledger.messages.policy.PolicyEvaluation;
import java.time.Instant;
import java.util.List;

/**
 * A loop asked to run a tool version. The policy decision that gated it is part of the event; exactly one of {@link
 * InvocationDeniedEvent}, {@link InvocationBlockedEvent}, {@link InvocationApprovalRequestedEvent} or {@link
 * InvocationQueuedEvent} follows in the same commit.
 */
public record InvocationRequestedEvent(
        String invocationId,
        String loopId,
        String keyId,
        String toolId,
        String toolName,
        String version,
        String publisherLoopId,
        ExecutionMode executionMode,
        RiskLevel riskLevel,
        List<String> expectedProofs,
        JsonNode input,
        String taskId,
        PolicyEvaluation policy,
        long estimate,
        Instant expiresAt,
        Instant requestedAt) {}
