package io.openloop.ledger.messages.loop;

/**
 * Lists the ids of a loop and of every loop below it, the loop itself first. Answered with a list of loop ids; an
 * unknown loop gives an empty list.
 */
public record ListLoopTreeQuery(String loopId) {}
