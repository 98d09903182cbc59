package io.openloop.ledger.messages.loop;

import java.time.Instant;

/** A top-level loop came into existence with its handle, kind and plan, and became {@link LoopStatus#ACTIVE}. */
public record LoopRegisteredEvent(
        String loopId, Handle handle, String displayName, LoopKind kind, Plan plan, Instant registeredAt) {}
