package io.openloop.ledger.messages.policy;

import io.openloop.ledger.messages.ExecutionMode;
import io.openloop.ledger.messages.RiskLevel;

/**
 * Asks whether {@code loopId} may take a step. Answered with a {@link PolicyEvaluation}; the query changes nothing.
 *
 * @param toolName the tool that would run ({@code @publisher/name}), or null
 * @param estimate the credits the step would hold, or null when unknown
 */
public record EvaluatePolicyQuery(
        String loopId,
        ExecutionMode executionMode,
        String domain,
        String action,
        RiskLevel riskLevel,
        String toolName,
        Long estimate) {}
