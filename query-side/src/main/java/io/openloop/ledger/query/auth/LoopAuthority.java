package io.openloop.ledger.query.auth;

import io.openloop.ledger.messages.ExecutionMode;
import io.openloop.ledger.messages.auth.EffectivePermissions;
import io.openloop.ledger.messages.auth.LoopGrant;
import io.openloop.ledger.messages.loop.LoopKind;
import io.openloop.ledger.messages.loop.LoopStatus;
import io.openloop.ledger.messages.loop.Plan;
import java.util.ArrayList;
import java.util.List;

/**
 * The facts about a loop that authentication needs: its kind, plan and mode, and the declared grants of the loop and
 * all its ancestors, from which its effective permissions and effective status are computed.
 *
 * @param chain the declared grants, the top-level loop first and this loop last; never empty
 */
public record LoopAuthority(
        String loopId, LoopKind kind, Plan plan, ExecutionMode executionMode, List<LoopGrant> chain) {

    public LoopAuthority {
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("chain is empty; pass at least the loop's own grant");
        }
        chain = List.copyOf(chain);
    }

    /** Returns the loop's own declared permissions, skills and status. */
    public LoopGrant own() {
        return chain.get(chain.size() - 1);
    }

    /**
     * Returns the loop's own status; see {@link #effective()} for the status that counts, which includes its
     * ancestors'.
     */
    public LoopStatus status() {
        return own().status();
    }

    /** Returns the ancestors' ids, the top-level loop first; empty for a top-level loop. */
    public List<String> ancestorIds() {
        List<String> ids = new ArrayList<>(chain.size() - 1);
        for (int i = 0; i < chain.size() - 1; i++) {
            ids.add(chain.get(i).loopId());
        }
        return ids;
    }

    /** Computes the permissions, skills and status that count along the chain, on each call. */
    public EffectivePermissions effective() {
        return EffectivePermissions.of(chain);
    }

    /**
     * Tells whether the owner key of {@code managerLoopId} manages this loop: true for the loop itself and for each of
     * its ancestors.
     */
    public boolean isManagedBy(String managerLoopId) {
        for (LoopGrant grant : chain) {
            if (grant.loopId().equals(managerLoopId)) {
                return true;
            }
        }
        return false;
    }
}
