package io.openloop.ledger.command.loop;

import io.openloop.ledger.messages.auth.Scope;
import io.openloop.ledger.messages.loop.LoopStatus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A {@link LoopDirectory} in a map, with the same version rules as {@link MongoLoopDirectory}. */
final class InMemoryLoopDirectory implements LoopDirectory {

    final Map<String, LoopDirectoryEntry> entries = new HashMap<>();

    @Override
    public Optional<LoopLineage> lineage(String loopId) {
        LoopDirectoryEntry loop = entries.get(loopId);
        if (loop == null) {
            return Optional.empty();
        }
        List<LoopDirectoryEntry> chain = new ArrayList<>();
        for (String ancestorId : loop.ancestors()) {
            LoopDirectoryEntry ancestor = entries.get(ancestorId);
            if (ancestor == null) {
                return Optional.empty();
            }
            chain.add(ancestor);
        }
        chain.add(loop);
        return Optional.of(new LoopLineage(chain));
    }

    @Override
    public void record(LoopDirectoryEntry entry) {
        LoopDirectoryEntry stored = entries.get(entry.loopId());
        if (stored == null || stored.version() < entry.version()) {
            entries.put(entry.loopId(), entry);
        }
    }

    @Override
    public void recordPermissions(String loopId, Set<Scope> permissions, Set<String> skills, long version) {
        LoopDirectoryEntry stored = entries.get(loopId);
        if (stored != null && stored.version() < version) {
            entries.put(loopId, with(stored, permissions, skills, stored.status(), version));
        }
    }

    @Override
    public void recordStatus(String loopId, LoopStatus status, long version) {
        LoopDirectoryEntry stored = entries.get(loopId);
        if (stored != null && stored.version() < version) {
            entries.put(loopId, with(stored, stored.permissions(), stored.skills(), status, version));
        }
    }

    private static LoopDirectoryEntry with(
            LoopDirectoryEntry stored, Set<Scope> permissions, Set<String> skills, LoopStatus status, long version) {
        return new LoopDirectoryEntry(
                stored.loopId(),
                stored.parentLoopId(),
                stored.ancestors(),
                permissions,
                skills,
                status,
                stored.kind(),
                stored.plan(),
                version);
    }
}
