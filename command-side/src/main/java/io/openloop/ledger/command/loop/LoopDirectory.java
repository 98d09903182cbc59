package io.openloop.ledger.command.loop;

import io.openloop.ledger.messages.auth.Scope;
import io.openloop.ledger.messages.loop.LoopStatus;
import java.util.Optional;
import java.util.Set;

/**
 * The command side's own lookup of every loop's place in the tree: parent, ancestors, declared permissions and
 * skills, status, kind and plan. Child loops and keys are bounded by their ancestors' effective permissions, which one
 * aggregate cannot read from another, so the check is a set-based lookup beside the event store.
 *
 * <p>The events are the truth. The Loop aggregate writes each change right after its events are committed, and an
 * event handler re-applies the same events, so a write lost between the event and the directory heals itself. Every
 * write carries the loop's event sequence number and is skipped when the stored entry is already at that version or
 * later, so writes may repeat and arrive out of order.
 */
public interface LoopDirectory {

    /**
     * Returns the loop and its ancestors, the top-level loop first, or empty when the loop or one of its ancestors is
     * not in the directory.
     */
    Optional<LoopLineage> lineage(String loopId);

    /** Stores the whole entry unless the stored one is at {@code entry.version()} or later. */
    void record(LoopDirectoryEntry entry);

    /** Replaces the declared permissions and skills unless the stored entry is at {@code version} or later. */
    void recordPermissions(String loopId, Set<Scope> permissions, Set<String> skills, long version);

    /** Replaces the status unless the stored entry is at {@code version} or later. */
    void recordStatus(String loopId, LoopStatus status, long version);
}
