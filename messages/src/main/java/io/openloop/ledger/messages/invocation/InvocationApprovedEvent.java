package io.openloop.ledger.messages.invocation;

import java.time.Instant;

/** An owner approved the invocation; it now waits for its provider, as after {@link InvocationQueuedEvent}. */
public record InvocationApprovedEvent(
        String invocationId,
        String loopId,
        String publisherLoopId,
        String approvedByLoopId,
        String approvedByKeyId,
        Instant approvedAt) {}
