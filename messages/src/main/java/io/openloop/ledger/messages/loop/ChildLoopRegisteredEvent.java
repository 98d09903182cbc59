package io.openloop.ledger.messages.loop;

import io.openloop.ledger.messages.ExecutionMode;
import io.openloop.ledger.messages.auth.Scope;
import java.time.Instant;
import java.util.Set;

/** An agent loop came into existence under {@code parentLoopId}, with permissions and skills within the parent's. */
public record ChildLoopRegisteredEvent(
        String loopId,
        String parentLoopId,
        Handle handle,
        String displayName,
        Plan plan,
        Set<Scope> permissions,
        Set<String> skills,
        ExecutionMode executionMode,
        Instant registeredAt) {}
