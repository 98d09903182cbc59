package io.openloop.ledger.messages.task;

import java.time.Instant;

/**
 * A deadline passed: the offer's expiry while {@code OFFERED}, or the contract's deadline while the work was under
 * way. A held price returns to the requester.
 */
public record TaskExpiredEvent(
        String taskId,
        String requesterLoopId,
        String businessLoopId,
        TaskState previousState,
        String holdId,
        Instant expiredAt) {}
