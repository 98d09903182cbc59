package io.openloop.ledger.messages.invocation;

import java.time.Instant;

/** A live invocation failed, as its provider reported; the hold named here, if any, is to be released. */
public record InvocationFailedEvent(
        String invocationId, String loopId, String publisherLoopId, String holdId, String error, Instant failedAt) {}
