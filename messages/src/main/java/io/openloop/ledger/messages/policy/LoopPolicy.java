package io.openloop.ledger.messages.policy;

import java.util.List;
import java.util.Set;

/**
 * The rules an owner sets on a loop, read by every policy decision for the loop and its descendants.
 *
 * @param deniedDomains domains (tool categories) in which nothing live may run
 * @param deniedActions actions that may not run live, in any domain
 * @param approvalRules actions that need the owner's approval even where the mode would allow them
 * @param maxCreditsPerInvocation the largest estimate a single invocation may hold; null for no cap
 */
public record LoopPolicy(
        Set<String> deniedDomains,
        Set<String> deniedActions,
        List<ApprovalRule> approvalRules,
        Long maxCreditsPerInvocation) {

    public LoopPolicy {
        deniedDomains = deniedDomains == null ? Set.of() : Set.copyOf(deniedDomains);
        deniedActions = deniedActions == null ? Set.of() : Set.copyOf(deniedActions);
        approvalRules = approvalRules == null ? List.of() : List.copyOf(approvalRules);
    }

    /** The policy of a loop whose owner set none. */
    public static LoopPolicy none() {
        return new LoopPolicy(Set.of(), Set.of(), List.of(), null);
    }
}
