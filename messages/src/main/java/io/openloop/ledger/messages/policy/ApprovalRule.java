package io.openloop.ledger.messages.policy;

import io.openloop.ledger.messages.RiskLevel;

/**
 * A loop's rule that an action needs its owner's approval. A null field matches anything; a rule with every field
 * null requires approval for every live action.
 *
 * @param minRiskLevel the rule applies at this risk level and above
 */
public record ApprovalRule(String domain, String action, RiskLevel minRiskLevel) {}
