package io.openloop.ledger.messages.invocation;

import java.time.Instant;

/** The invoker's available credits did not cover the estimate; the invocation is final and held nothing. */
public record InvocationBlockedEvent(
        String invocationId, String loopId, long required, long available, Instant blockedAt) {}
