package io.openloop.ledger.messages.loop;

import java.time.Instant;

/**
 * A loop as the read model stores it.
 *
 * @param version the sequence number of the last event of the loop applied to this view; it rises by one per event
 */
public record LoopView(
        String loopId,
        String handle,
        String displayName,
        LoopKind kind,
        Plan plan,
        LoopStatus status,
        Instant createdAt,
        Instant updatedAt,
        long version) {}
