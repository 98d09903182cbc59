package io.openloop.ledger.messages.loop;

import java.time.Instant;

/** A business loop was verified by an operator and can now receive task requests. */
public record BusinessVerifiedEvent(String loopId, String note, Instant verifiedAt) {}
