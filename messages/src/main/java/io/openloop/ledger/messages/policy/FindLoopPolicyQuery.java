package io.openloop.ledger.messages.policy;

/**
 * Finds the policy an owner set on {@code loopId}. The response is a {@link LoopPolicyView}, with version 0 and {@link
 * LoopPolicy#none()} when no policy was set. Access to the loop is checked before the query is sent.
 */
public record FindLoopPolicyQuery(String loopId) {}
