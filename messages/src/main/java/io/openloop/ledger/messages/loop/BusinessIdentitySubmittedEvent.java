package io.openloop.ledger.messages.loop;

import java.time.Instant;

/** A business loop submitted its identity; its verification is pending until an operator decides. */
public record BusinessIdentitySubmittedEvent(String loopId, BusinessIdentity identity, Instant submittedAt) {}
