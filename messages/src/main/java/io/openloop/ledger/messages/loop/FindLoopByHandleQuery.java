package io.openloop.ledger.messages.loop;

/**
 * Finds the loop that has {@code handle}, for routes that address a loop by handle. Returns its {@link LoopView}, or
 * {@code NOT_FOUND}. Unlike {@link FindLoopProfileQuery}, the view carries the loop id and status, so it is for
 * server-side checks and is never returned to a caller who does not own the loop.
 */
public record FindLoopByHandleQuery(Handle handle) {}
