package io.openloop.ledger.messages.loop;

/**
 * Lists the ids of a loop and of every loop below it, the loop itself first. The result is a list of loop ids, empty
 * for an unknown loop.
 */
public record ListLoopTreeQuery(String loopId) {}
