package io.openloop.ledger.messages.invocation;

import java.time.Instant;

/** Nobody approved the invocation or reported its result before it expired; its hold, if any, is to be released. */
public record InvocationExpiredEvent(
        String invocationId, String loopId, String holdId, InvocationStatus previousStatus, Instant expiredAt) {}
