package io.openloop.ledger.messages.credit;

import java.time.Instant;

/**
 * A hold as the read model shows it.
 *
 * @param state {@code OPEN}, {@code CAPTURED}, {@code RELEASED} or {@code EXPIRED}
 * @param captured credits charged by the capture; 0 unless the state is {@code CAPTURED}
 */
public record CreditHoldView(
        String holdId,
        String accountId,
        String state,
        long amount,
        long captured,
        String subjectId,
        Instant expiresAt,
        Instant heldAt) {}
