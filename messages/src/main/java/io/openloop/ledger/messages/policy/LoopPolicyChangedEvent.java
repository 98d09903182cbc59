package io.openloop.ledger.messages.policy;

import java.time.Instant;

/**
 * A loop's policy was replaced.
 *
 * @param policyVersion 1 for the first policy set, then one more per change; decisions name the version they used
 */
public record LoopPolicyChangedEvent(String loopId, LoopPolicy policy, long policyVersion, Instant changedAt) {}
