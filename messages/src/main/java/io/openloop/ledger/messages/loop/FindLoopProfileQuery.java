package io.openloop.ledger.messages.loop;

/** Finds the public profile of a loop by handle. Answers with a {@link LoopProfile}, or {@code NOT_FOUND}. */
public record FindLoopProfileQuery(Handle handle) {}
