package io.openloop.ledger.messages.loop;

import java.time.Instant;

/** An operator rejected a business loop's submission; the owner may submit again. */
public record BusinessVerificationRejectedEvent(String loopId, String reason, Instant rejectedAt) {}
