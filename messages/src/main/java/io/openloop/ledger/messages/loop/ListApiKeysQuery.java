package io.openloop.ledger.messages.loop;

/** Lists a loop's keys, revoked ones included, newest first. Returns a list of {@link ApiKeyView}. */
public record ListApiKeysQuery(String loopId) {}
