package io.openloop.ledger.messages.invocation;

import java.time.Instant;

/** The invocation is allowed and waits for its provider to pull it and report the result. */
public record InvocationQueuedEvent(
        String invocationId, String loopId, String publisherLoopId, String holdId, Instant queuedAt) {}
