package io.openloop.ledger.command.loop;

import io.openloop.ledger.messages.auth.EffectivePermissions;
import io.openloop.ledger.messages.auth.LoopGrant;
import java.util.ArrayList;
import java.util.List;

/**
 * A loop with all its ancestors, as the {@link LoopDirectory} stores them.
 *
 * @param chain the top-level loop first and the loop itself last; never empty
 */
public record LoopLineage(List<LoopDirectoryEntry> chain) {

    public LoopLineage {
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("chain is empty; pass at least the loop itself");
        }
        chain = List.copyOf(chain);
    }

    /** Returns the loop this lineage leads to. */
    public LoopDirectoryEntry loop() {
        return chain.get(chain.size() - 1);
    }

    /** Returns the grants of the chain, the top-level loop first. */
    public List<LoopGrant> grants() {
        List<LoopGrant> grants = new ArrayList<>(chain.size());
        for (LoopDirectoryEntry entry : chain) {
            grants.add(entry.grant());
        }
        return grants;
    }

    /** Computes the loop's effective permissions, skills and status. */
    public EffectivePermissions effective() {
        return EffectivePermissions.of(grants());
    }
}
