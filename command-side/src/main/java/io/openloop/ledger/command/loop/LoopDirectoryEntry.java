package io.openloop.ledger.command.loop;

import io.openloop.ledger.messages.auth.LoopGrant;
import io.openloop.ledger.messages.auth.Scope;
import io.openloop.ledger.messages.loop.LoopKind;
import io.openloop.ledger.messages.loop.LoopStatus;
import io.openloop.ledger.messages.loop.Plan;
import java.util.List;
import java.util.Set;

/**
 * One loop in the {@link LoopDirectory}.
 *
 * @param parentLoopId null for a top-level loop
 * @param ancestors the top-level loop first, the parent last; empty for a top-level loop
 * @param version the sequence number of the loop's last event reflected in this entry
 */
public record LoopDirectoryEntry(
        String loopId,
        String parentLoopId,
        List<String> ancestors,
        Set<Scope> permissions,
        Set<String> skills,
        LoopStatus status,
        LoopKind kind,
        Plan plan,
        long version) {

    public LoopDirectoryEntry {
        ancestors = List.copyOf(ancestors);
        permissions = Set.copyOf(permissions);
        skills = Set.copyOf(skills);
    }

    /** Returns the loop's own declared grant, one link of an effective-permission chain. */
    public LoopGrant grant() {
        return new LoopGrant(loopId, permissions, skills, status);
    }
}
