package io.openloop.ledger.messages.loop;

import io.openloop.ledger.messages.ExecutionMode;
import io.openloop.ledger.messages.auth.Scope;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A loop as the read model stores it, for its owners and operators.
 *
 * @param ancestors ids of the loop's ancestors, the top-level loop first; empty for a top-level loop
 * @param permissions the loop's declared permissions; effective ones are the intersection along the ancestors
 * @param skills the declared skills; {@code ["*"]} means every skill
 * @param version the sequence number of the last event of the loop applied to this view
 */
public record LoopView(
        String loopId,
        String handle,
        String displayName,
        LoopKind kind,
        Plan plan,
        LoopStatus status,
        String parentLoopId,
        List<String> ancestors,
        Set<Scope> permissions,
        Set<String> skills,
        ExecutionMode executionMode,
        VerificationStatus verification,
        Instant createdAt,
        Instant updatedAt,
        long version) {}
