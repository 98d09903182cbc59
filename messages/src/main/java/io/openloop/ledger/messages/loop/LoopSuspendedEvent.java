package io.openloop.ledger.messages.loop;

import java.time.Instant;

/** A loop was suspended; it and its descendants are rejected with {@code LOOP_SUSPENDED} until reinstated. */
public record LoopSuspendedEvent(String loopId, String reason, Instant suspendedAt) {}
