package io.openloop.ledger.messages.loop;

/** Finds one loop's read model by id. Returns a {@link LoopView}, or {@code NOT_FOUND}. */
public record FindLoopQuery(String loopId) {}
