package io.openloop.ledger.messages.invocation;

import com.fasterxml.jackson.databind.JsonNode;
import io.openloop.ledger.messages.ExecutionMode;
import io.openloop.ledger.messages.RiskLevel;
import io.openloop.ledger.messages.policy.PolicyEvaluation;
import java.time.Instant;
import java.util.List;

/**
 * One invocation as the invocation log records it. The log is built from events, so a view can lag the invocation by
 * the time its projection takes to catch up.
 *
 * @param version the version of the tool that ran
 * @param held credits held for the invocation; null when nothing was held or the hold is not yet projected
 * @param captured credits the publisher was paid from the hold; null until the hold is captured
 * @param released credits returned to the invoker from the hold; null until some are released
 * @param charged credits the publisher reported charging on success; null otherwise
 * @param shortfall why the invocation was blocked; null unless {@code BLOCKED}
 * @param decidedAt when the invocation was allowed, denied, blocked, approved or rejected; null while it awaits
 *     approval
 * @param decidedByLoopId the loop whose owner approved or rejected it; null when no owner decided
 * @param completedAt when it reached a final state
 * @param durationMs milliseconds from the request to the final state; null until then
 * @param error the provider's error on failure, also for a failed sandbox run
 * @param sequence the sequence number of the last invocation event in this view
 */
public record InvocationView(
        String invocationId,
        String loopId,
        String keyId,
        String toolId,
        String toolName,
        String version,
        String publisherLoopId,
        ExecutionMode executionMode,
        RiskLevel riskLevel,
        InvocationStatus status,
        PolicyEvaluation policy,
        long estimate,
        Long held,
        Long captured,
        Long released,
        Long charged,
        CreditShortfall shortfall,
        JsonNode input,
        List<String> expectedProofs,
        JsonNode output,
        String error,
        List<String> proofIds,
        String taskId,
        String decidedByLoopId,
        String decidedByKeyId,
        String rejectionReason,
        Instant requestedAt,
        Instant expiresAt,
        Instant decidedAt,
        Instant completedAt,
        Long durationMs,
        long sequence) {

    public InvocationView {
        expectedProofs = expectedProofs == null ? List.of() : List.copyOf(expectedProofs);
        proofIds = proofIds == null ? List.of() : List.copyOf(proofIds);
    }
}
