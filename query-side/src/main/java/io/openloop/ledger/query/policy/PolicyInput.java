package io.openloop.ledger.query.policy;

import io.openloop.ledger.messages.ExecutionMode;
import io.openloop.ledger.messages.RiskLevel;
import io.openloop.ledger.messages.loop.Plan;
import io.openloop.ledger.messages.policy.LoopPolicy;
import java.util.List;

/**
 * Everything a policy decision reads, gathered before the {@link PolicyEngine} runs.
 *
 * @param tool the tool that would run, or null when the step names none
 * @param estimate the credits the step would hold, or null when unknown
 * @param policies the policies of the loop's ancestors and of the loop itself, the top-level loop first
 * @param policyVersion the version of the loop's own policy; 0 when its owner set none
 * @param plan the plan of the top-level loop, which bounds autopilot for the whole tree
 * @param trustScore the loop's trust score, 0-100
 */
record PolicyInput(
        ExecutionMode mode,
        String domain,
        String action,
        RiskLevel riskLevel,
        ToolFacts tool,
        Long estimate,
        List<LoopPolicyOf> policies,
        long policyVersion,
        Plan plan,
        int trustScore) {

    PolicyInput {
        policies = policies == null ? List.of() : List.copyOf(policies);
    }

    /** The facts of a tool that policy reads. */
    record ToolFacts(String toolName, String category, boolean requiresApprovalDefault) {}

    /** The policy one loop of the chain set. */
    record LoopPolicyOf(String loopId, LoopPolicy policy) {}
}
