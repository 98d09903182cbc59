package io.openloop.ledger.messages.loop;

import java.time.Instant;

/** A suspended loop became active again. Descendants stay suspended while another ancestor is. */
public record LoopReinstatedEvent(String loopId, Instant reinstatedAt) {}
