package io.openloop.ledger.messages.loop;

import io.openloop.ledger.messages.ExecutionMode;
import io.openloop.ledger.messages.auth.Scope;
import java.time.Instant;
import java.util.Set;

/**
 * A top-level loop came into existence and became {@link LoopStatus#ACTIVE}.
 *
 * @param skills the loop's skills; {@code ["*"]} means every skill
 */
public record LoopRegisteredEvent(
        String loopId,
        Handle handle,
        String displayName,
        LoopKind kind,
        Plan plan,
        Set<Scope> permissions,
        Set<String> skills,
        ExecutionMode executionMode,
        Instant registeredAt) {}
