package io.openloop.ledger.projection.policy;

/**
 * Names of the collections the loop policy projection writes, for the query side that reads them.
 *
 * <ul>
 *   <li>{@value #LOOP_POLICIES}: one document per loop whose owner set a policy, {@code _id} the loop id, with
 *       {@code policyVersion}, {@code deniedDomains}, {@code deniedActions}, {@code approvalRules} (objects of {@code
 *       domain}, {@code action} and {@code minRiskLevel}), {@code maxCreditsPerInvocation} and {@code changedAt}.
 * </ul>
 */
public final class LoopPolicyReadModels {

    public static final String LOOP_POLICIES = "loop_policies";

    private LoopPolicyReadModels() {}
}
