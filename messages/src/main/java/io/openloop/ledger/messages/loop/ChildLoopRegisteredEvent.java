package io.openloop.ledger.messages.loop;

import io.openloop.ledger.messages.ExecutionMode;
import io.openloop.ledger.messages.auth.Scope;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * An agent loop came into existence under {@code parentLoopId}, with permissions and skills within the parent's.
 *
 * @param ancestors ids of the loop's ancestors at registration, the top-level loop first and the parent last; a loop
 *     never changes parent, so read models take the chain from here rather than from the parent's document
 */
public record ChildLoopRegisteredEvent(
        String loopId,
        String parentLoopId,
        List<String> ancestors,
        Handle handle,
        String displayName,
        Plan plan,
        Set<Scope> permissions,
        Set<String> skills,
        ExecutionMode executionMode,
        Instant registeredAt) {}
