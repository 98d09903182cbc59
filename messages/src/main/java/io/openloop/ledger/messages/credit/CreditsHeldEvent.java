package io.openloop.ledger.messages.credit;

import java.time.Instant;

/** Credits were reserved; no leg moves until the hold is captured. */
public record CreditsHeldEvent(
        String accountId,
        String holdId,
        long amount,
        String subjectId,
        Instant expiresAt,
        long availableAfter,
        Instant heldAt) {}
