package io.openloop.ledger.messages.credit;

import java.time.Instant;

/**
 * A hold was resolved without a charge: released on request, or expired. No leg moves.
 *
 * @param expired true when the hold's deadline passed before anyone resolved it
 */
public record HoldReleasedEvent(
        String accountId,
        String holdId,
        long amount,
        String subjectId,
        boolean expired,
        String reason,
        long availableAfter,
        Instant releasedAt) {}
