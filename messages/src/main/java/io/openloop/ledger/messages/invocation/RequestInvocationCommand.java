package io.openloop.ledger.messages.invocation;

import com.fasterxml.jackson.databind.JsonNode;
import io.openloop.ledger.messages.ExecutionMode;
import io.openloop.ledger.messages.RiskLevel;
import io.openloop.ledger.messages.policy.PolicyEvaluation;
import java.time.Instant;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Starts an invocation with the outcome of the checks made before it: the policy decision, and either the hold that
 * reserves the estimate or the shortfall that blocked it. The invocation then stands {@code DENIED} (decision DENY),
 * {@code BLOCKED} (a shortfall), {@code AWAITING_APPROVAL} (decision REQUIRE_APPROVAL) or {@code PENDING}.
 *
 * @param keyId the key that asked, for the audit trail
 * @param input the input, already valid against the version's input schema
 * @param taskId the task the invocation serves, or null
 * @param holdId the hold on the invoker's account, or null when nothing is held (sandbox, a free tool, a denial)
 * @param shortfall set when the hold could not be placed; the invocation is then blocked
 * @param expiresAt when an invocation still waiting for approval or a result expires
 */
public record RequestInvocationCommand(
        @TargetAggregateIdentifier String invocationId,
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
        String holdId,
        CreditShortfall shortfall,
        Instant expiresAt) {

    public RequestInvocationCommand {
        expectedProofs = expectedProofs == null ? List.of() : List.copyOf(expectedProofs);
    }
}
