package io.openloop.ledger.messages.task;

import java.time.Instant;

/**
 * The task was refused: by the business's task policy ({@code policyCode} set, {@code messageId} null, in the same
 * commit as the request) or by the business's {@code TASK_REJECT}.
 */
public record TaskRejectedEvent(
        String taskId,
        String messageId,
        String requesterLoopId,
        String businessLoopId,
        String policyCode,
        String reason,
        Instant rejectedAt) {}
