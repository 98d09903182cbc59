package io.openloop.ledger.messages.loop;

import io.openloop.ledger.messages.auth.Scope;
import java.time.Instant;
import java.util.Set;

/** A loop's declared permissions and skills were replaced. */
public record LoopPermissionsChangedEvent(
        String loopId, Set<Scope> permissions, Set<String> skills, Instant changedAt) {}
