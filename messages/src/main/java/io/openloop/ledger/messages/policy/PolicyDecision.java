package io.openloop.ledger.messages.policy;

/** The outcome of a policy evaluation. */
public enum PolicyDecision {
    ALLOW,
    REQUIRE_APPROVAL,
    DENY
}
