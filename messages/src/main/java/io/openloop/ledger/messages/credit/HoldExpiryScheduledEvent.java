package io.openloop.ledger.messages.credit;

import java.time.Instant;

/**
 * The expiry deadline of a hold was scheduled. The account keeps {@code scheduleId} so that capturing or releasing the
 * hold cancels the deadline; no leg moves.
 */
public record HoldExpiryScheduledEvent(String accountId, String holdId, String scheduleId, Instant expiresAt) {}
