package io.openloop.ledger.messages.policy;

import java.time.Instant;

/**
 * A loop's own policy as the read model stores it. Decisions also apply the policies of the loop's ancestors.
 *
 * @param policyVersion 1 for the first policy set, one more per change; 0 when none was set
 * @param changedAt when the policy was last set; null when none was set
 */
public record LoopPolicyView(String loopId, LoopPolicy policy, long policyVersion, Instant changedAt) {}
