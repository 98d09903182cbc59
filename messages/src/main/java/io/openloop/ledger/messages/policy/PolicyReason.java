package io.openloop.ledger.messages.policy;

/**
 * One reason behind a decision.
 *
 * @param code a stable, machine-readable code such as {@code RISK_ABOVE_PLAN_LIMIT}
 * @param message the same in words, naming the values compared
 */
public record PolicyReason(String code, String message) {}
