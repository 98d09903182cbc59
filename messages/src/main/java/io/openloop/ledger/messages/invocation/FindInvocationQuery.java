package io.openloop.ledger.messages.invocation;

/**
 * Finds one invocation in the invocation log. Returns an {@link InvocationView}, or raises {@code NOT_FOUND} when the
 * log has no such invocation yet. The route decides which callers may see it.
 */
public record FindInvocationQuery(String invocationId) {}
