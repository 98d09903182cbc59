package io.openloop.ledger.messages.policy;

import java.util.List;

/**
 * A policy decision with the reasons for it.
 *
 * @param reasons every rule that shaped the decision, the deciding ones first; never empty
 * @param policyVersion the version of the loop's own policy that was read; 0 when the owner set none
 * @param trustScore the loop's trust score the decision read, 0-100
 */
public record PolicyEvaluation(
        PolicyDecision decision, List<PolicyReason> reasons, long policyVersion, int trustScore) {

    public PolicyEvaluation {
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
    }
}
