package io.openloop.ledger.messages.invocation;

import java.time.Instant;

/** An owner denied the invocation; the hold named here, if any, is to be released. */
public record InvocationRejectedEvent(
        String invocationId,
        String loopId,
        String holdId,
        String rejectedByLoopId,
        String rejectedByKeyId,
        String reason,
        Instant rejectedAt) {}
