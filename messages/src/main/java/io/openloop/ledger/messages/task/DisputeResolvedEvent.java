package io.openloop.ledger.messages.task;

import java.time.Instant;

/**
 * An operator resolved the dispute. For {@code REFUNDED} the settlement sends {@code amount} back from the business to
 * the requester under {@code refundTransferId}, as new entries; nothing recorded before is changed.
 */
public record DisputeResolvedEvent(
        String taskId,
        String requesterLoopId,
        String businessLoopId,
        DisputeResolution resolution,
        String note,
        long amount,
        String refundTransferId,
        Instant resolvedAt) {}
