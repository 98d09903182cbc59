package io.openloop.ledger.messages.auth;

import io.openloop.ledger.messages.loop.LoopStatus;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The permissions that count for a loop, computed along its chain of ancestors: the intersection of the declared
 * permissions and skills of every loop from the top-level loop down to the loop itself, and whether any loop of the
 * chain is suspended.
 *
 * <p>Nothing is stored: narrowing or suspending an ancestor changes the result for every descendant the next time it
 * is computed. The command side uses it to bound child loops and keys; authentication uses it on each request.
 *
 * @param scopes the scopes every loop of the chain declares
 * @param skills the skills every loop of the chain declares, or {@code ["*"]} when every loop declares every skill
 * @param suspendedLoopId the first suspended loop of the chain, top-level loop first; null when all are active
 */
public record EffectivePermissions(Set<Scope> scopes, Set<String> skills, String suspendedLoopId) {

    /** The skill that means every skill. */
    public static final String EVERY_SKILL = "*";

    public EffectivePermissions {
        EnumSet<Scope> copy = EnumSet.noneOf(Scope.class);
        copy.addAll(scopes);
        scopes = Collections.unmodifiableSet(copy);
        skills = Collections.unmodifiableSet(new TreeSet<>(skills));
    }

    /**
     * Computes the effective permissions of the last loop of {@code chain}.
     *
     * @param chain the top-level loop first, then each descendant down to the loop in question
     * @throws IllegalArgumentException when the chain is empty
     */
    public static EffectivePermissions of(List<LoopGrant> chain) {
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("chain is empty; pass at least the loop's own grant");
        }

        EnumSet<Scope> scopes = EnumSet.allOf(Scope.class);
        Set<String> skills = null;
        String suspendedLoopId = null;
        for (LoopGrant grant : chain) {
            scopes.retainAll(grant.permissions());

            // A null set means every skill until some loop of the chain declares a finite list.
            if (!grant.skills().contains(EVERY_SKILL)) {
                if (skills == null) {
                    skills = new TreeSet<>(grant.skills());
                } else {
                    skills.retainAll(grant.skills());
                }
            }

            if (suspendedLoopId == null && grant.status() == LoopStatus.SUSPENDED) {
                suspendedLoopId = grant.loopId();
            }
        }
        return new EffectivePermissions(scopes, skills == null ? Set.of(EVERY_SKILL) : skills, suspendedLoopId);
    }

    /** {@code SUSPENDED} when the loop or any ancestor is suspended, otherwise {@code ACTIVE}. */
    public LoopStatus status() {
        return suspendedLoopId == null ? LoopStatus.ACTIVE : LoopStatus.SUSPENDED;
    }

    public boolean isActive() {
        return suspendedLoopId == null;
    }

    public boolean allows(Scope scope) {
        return scopes.contains(scope);
    }

    /** Tells whether {@code skill} is effective; with {@code ["*"]} every skill is. */
    public boolean allowsSkill(String skill) {
        return skills.contains(EVERY_SKILL) || skills.contains(skill);
    }

    /** Returns the requested scopes that are not effective, in declaration order; empty when all are. */
    public Set<Scope> exceedingScopes(Set<Scope> requested) {
        EnumSet<Scope> exceeding = EnumSet.noneOf(Scope.class);
        exceeding.addAll(requested);
        exceeding.removeAll(scopes);
        return Collections.unmodifiableSet(exceeding);
    }

    /**
     * Returns the requested skills that are not effective, sorted; empty when all are. Requesting {@code "*"} exceeds
     * any finite list of skills.
     */
    public Set<String> exceedingSkills(Set<String> requested) {
        if (skills.contains(EVERY_SKILL)) {
            return Set.of();
        }
        TreeSet<String> exceeding = new TreeSet<>(requested);
        exceeding.removeAll(skills);
        return Collections.unmodifiableSet(exceeding);
    }
}
