package io.openloop.ledger.messages.loop;

/** Finds the public profile of a loop by handle. Returns a {@link LoopProfile}, or {@code NOT_FOUND}. */
public record FindLoopProfileQuery(Handle handle) {}
